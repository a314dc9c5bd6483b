# tests/console/: console modes and code pages on a pseudo-terminal
# (test-console): what SetConsoleMode does to the terminal, what
# GetConsoleMode reads back, WriteConsoleA's code page; console input
# (key records, ReadConsole, conio) typed in tmux, compared with Wine;
# Ctrl-C (SIGINT) through the console control handlers, with Wine.
CONSOLE_DIR := $(B)/tests/console

$(CONSOLE_DIR)/%.exe: tests/console/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

test-console: $(BIN)/dllshare $(CONSOLE_DIR)/modes.exe $(CONSOLE_DIR)/keys.exe \
              $(CONSOLE_DIR)/ctrlc.exe
	@tests/console/run.py $(BIN)/dllshare $(CONSOLE_DIR)/modes.exe
	@tests/console/keys.py $(BIN)/dllshare $(CONSOLE_DIR)/keys.exe $(WINEPREFIX_DIR)
	@tests/console/ctrlc.py $(BIN)/dllshare $(CONSOLE_DIR)/ctrlc.exe $(WINEPREFIX_DIR)

TEST_STEPS += test-console
.PHONY: test-console
