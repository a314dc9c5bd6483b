# pe/: the PE format library.
PE_SRCS := $(wildcard pe/*.c)
PE_OBJS := $(PE_SRCS:%.c=$(OBJ)/%.o)
PE_SAN_OBJS := $(PE_SRCS:%.c=$(SAN_OBJ)/%.o)

# Unit tests: the parser on images built in memory (tests/pe/pe_build.c).
$(eval $(call unit_test,pe,tests/unit/test_pe.c tests/pe/pe_build.c,$(PE_OBJS),$(PE_SAN_OBJS),))
TEST_STEPS += test-unit-pe test-san-pe
