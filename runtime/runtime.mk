# runtime/: fault handler, TEB, kernel32/msvcrt; links the dllshare binary.
RUNTIME_SRCS := $(wildcard runtime/*.c)
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(OBJ)/%.o)
RUNTIME_ASM  := $(wildcard runtime/*.S)
RUNTIME_OBJS += $(RUNTIME_ASM:%.S=$(OBJ)/%.o)

$(OBJ)/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BIN)/dllshare: $(RUNTIME_OBJS) $(LOADER_OBJS) $(PE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lm

ALL_TARGETS += $(BIN)/dllshare
