# tests/partial/: the built-ins marked RT_PARTIAL in an exports.h refuse
# what they say (test-partial; docs/coverage.md).
PARTIAL_DIR := $(B)/tests/partial

$(PARTIAL_DIR)/partial.exe: tests/partial/partial.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -ladvapi32

test-partial: $(BIN)/dllshare $(PARTIAL_DIR)/partial.exe
	@tests/partial/check.sh $(BIN)/dllshare $(PARTIAL_DIR)/partial.exe

TEST_STEPS += test-partial
.PHONY: test-partial
