# tests/partial/: the built-ins marked RT_PARTIAL in an exports.h refuse
# what they say (test-partial; docs/coverage.md).
PARTIAL_DIR := $(B)/tests/partial

# One program per tests/partial/*.c, each with its NAME.expected.
PARTIAL_EXES := $(patsubst tests/partial/%.c,$(PARTIAL_DIR)/%.exe,\
                  $(wildcard tests/partial/*.c))

$(PARTIAL_DIR)/%.exe: tests/partial/%.c tests/partial/case.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -ladvapi32

test-partial: $(BIN)/dllshare $(PARTIAL_EXES)
	@tests/partial/check.sh $(BIN)/dllshare $(PARTIAL_EXES)

TEST_STEPS += test-partial
.PHONY: test-partial
