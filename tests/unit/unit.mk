# Unit tests: one binary per module, built twice (plain and ASan+UBSan).
# A module's fragment calls $(eval $(call unit_test,NAME,TEST_SRCS,OBJS,SAN_OBJS,LIBS)).
CU_OBJ := $(OBJ)/tests/unit/cu_main.o
CU_SAN_OBJ := $(SAN_OBJ)/tests/unit/cu_main.o

define unit_test
$(B)/tests/unit/test_$(1): $(2:%.c=$(OBJ)/%.o) $(3) $(CU_OBJ)
	@mkdir -p $$(dir $$@)
	$$(CC) -o $$@ $$^ -lcunit $(5) $$(LDLIBS)
$(B)/tests/unit/test_$(1)-san: $(2:%.c=$(SAN_OBJ)/%.o) $(4) $(CU_SAN_OBJ)
	@mkdir -p $$(dir $$@)
	$$(SAN_CC) -fsanitize=address,undefined -o $$@ $$^ -lcunit $(5) $$(LDLIBS)
test-unit-$(1): $(B)/tests/unit/test_$(1)
	$(B)/tests/unit/test_$(1)
test-san-$(1): $(B)/tests/unit/test_$(1)-san
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(B)/tests/unit/test_$(1)-san
.PHONY: test-unit-$(1) test-san-$(1)
endef
