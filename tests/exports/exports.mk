# tests/exports/: `dllshare exports`, the coverage report.
#   make coverage     print the report (built-in DLLs against mingw-w64's
#                     import libraries; docs/coverage.md)
#   test-exports      (a test step) checks the report and --image
EXPORTS_DIR := $(B)/tests/exports
EXPORTS_FIXTURES := $(EXPORTS_DIR)/gnu/libkernel32.a \
                    $(EXPORTS_DIR)/llvm/libkernel32.a \
                    $(EXPORTS_DIR)/nosuch.exe $(EXPORTS_DIR)/allthere.exe

$(EXPORTS_DIR)/gnu/libkernel32.a: tests/exports/k32.def | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	x86_64-w64-mingw32-dlltool -d $< -l $@

$(EXPORTS_DIR)/llvm/libkernel32.a: tests/exports/k32.def | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	llvm-dlltool -m i386:x86-64 -d $< -l $@

$(EXPORTS_DIR)/libnosuch.a: tests/exports/nosuch.def | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	x86_64-w64-mingw32-dlltool -d $< -l $@

$(EXPORTS_DIR)/nosuch.exe: tests/exports/nosuch.c $(EXPORTS_DIR)/libnosuch.a
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -L$(EXPORTS_DIR) -lnosuch

$(EXPORTS_DIR)/allthere.exe: tests/exports/allthere.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

coverage: $(BIN)/dllshare
	@$(BIN)/dllshare exports

test-exports: $(BIN)/dllshare $(EXPORTS_FIXTURES)
	@tests/exports/run.sh $(BIN)/dllshare $(EXPORTS_DIR)

TEST_STEPS += test-exports
.PHONY: coverage test-exports
