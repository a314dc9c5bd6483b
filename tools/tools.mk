# tools/: dllmap, the page inspector.  It reads the kernel (/proc), the
# process record (loader/record.h) and the section file's trailer
# (loader/secfile.h), both format headers; it links pe/ (the pure format
# library) and nothing of the loader.
DM_SRCS := $(wildcard tools/dm_*.c)
DM_OBJS := $(DM_SRCS:%.c=$(OBJ)/%.o)
DM_SAN_OBJS := $(DM_SRCS:%.c=$(SAN_OBJ)/%.o)
# Everything but main(), for the unit tests.
DM_LIB_OBJS := $(filter-out $(OBJ)/tools/dm_main.o,$(DM_OBJS))
DM_LIB_SAN_OBJS := $(filter-out $(SAN_OBJ)/tools/dm_main.o,$(DM_SAN_OBJS))

$(BIN)/dllmap: $(DM_OBJS) $(PE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

ALL_TARGETS += $(BIN)/dllmap
