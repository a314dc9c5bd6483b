# tests/console/: console modes and code pages on a pseudo-terminal
# (test-console): what SetConsoleMode does to the terminal, what
# GetConsoleMode reads back, WriteConsoleA's code page.
CONSOLE_DIR := $(B)/tests/console

$(CONSOLE_DIR)/%.exe: tests/console/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

test-console: $(BIN)/dllshare $(CONSOLE_DIR)/modes.exe
	@tests/console/run.py $(BIN)/dllshare $(CONSOLE_DIR)/modes.exe

TEST_STEPS += test-console
.PHONY: test-console
