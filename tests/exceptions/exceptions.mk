# tests/exceptions: CPU faults as Windows exceptions, SEH, guard pages and
# Windows thread stacks — compared with Wine (runs.txt), and checked
# against Windows' behaviour where Wine differs (check.sh).
EXC_OUT := $(B)/tests/exceptions

# -Wno-array-bounds: mingw's NtCurrentTeb() reads gs:[0x30] through a
# pointer GCC takes for an empty array.
$(EXC_OUT)/%.exe: tests/exceptions/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -Wno-array-bounds -o $@ $<

# GCC has no __try: clang compiles it for mingw, mingw's gcc links.
$(EXC_OUT)/seh.exe $(EXC_OUT)/longjmp.exe: $(EXC_OUT)/%.exe: tests/exceptions/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	clang -target x86_64-w64-mingw32 -fms-extensions -O2 -Wall -Werror \
		-c -o $@.o $<
	$(MINGW_CC) -o $@ $@.o

EXC_EXES := $(patsubst tests/exceptions/%.c,$(EXC_OUT)/%.exe,$(wildcard tests/exceptions/*.c))
ALL_TARGETS += $(EXC_EXES)

test-exceptions-wine: $(BIN)/dllshare $(EXC_EXES)
	@$(WINE_COMPARE) --dllshare $(BIN)/dllshare --dir $(EXC_OUT) \
		tests/exceptions/runs.txt

test-exceptions-windows: $(BIN)/dllshare $(EXC_EXES)
	@tests/exceptions/check.sh $(BIN)/dllshare $(EXC_OUT)

TEST_STEPS += test-exceptions-wine test-exceptions-windows
.PHONY: test-exceptions-wine test-exceptions-windows
