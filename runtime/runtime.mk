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

# Unit tests: the runtime without main() and without the fault handler (which
# needs the loader); the loader's functions are weak references there.
RT_UNIT_SRCS := $(filter-out runtime/main.c runtime/fault.c,$(RUNTIME_SRCS))
RT_UNIT_OBJS := $(RT_UNIT_SRCS:%.c=$(OBJ)/%.o) $(RUNTIME_ASM:%.S=$(OBJ)/%.o)
RT_UNIT_SAN_OBJS := $(RT_UNIT_SRCS:%.c=$(SAN_OBJ)/%.o) $(RUNTIME_ASM:%.S=$(SAN_OBJ)/%.o)

$(SAN_OBJ)/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(SAN_CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

$(eval $(call unit_test,runtime,tests/unit/test_runtime_crt.c tests/unit/test_runtime_k32.c,$(RT_UNIT_OBJS),$(RT_UNIT_SAN_OBJS),-lm))
TEST_STEPS += test-unit-runtime test-san-runtime
