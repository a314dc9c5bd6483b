# tests/run: `dllshare run` — refusals before any code runs, search order,
# --trace, the loader's Windows test programs compared with Wine, and
# page sharing between processes; plus the start-up and LoadLibrary
# benchmarks.
LD_TEST_DIR   := $(B)/tests/ld
LD_TEST_STAMP := $(LD_TEST_DIR)/.built
LD_TEST_SRCS  := $(wildcard tests/wine/ld/*.c tests/wine/ld/*.def)

$(LD_TEST_STAMP): $(LD_TEST_SRCS) tests/run/build-ld.sh | $(DEPS_STAMP)
	@MINGW_CC=$(MINGW_CC) tests/run/build-ld.sh $(LD_TEST_DIR)
	@touch $@

test-run-errors: $(BIN)/dllshare $(LD_TEST_STAMP)
	@tests/run/errors.sh $(BIN)/dllshare $(LD_TEST_DIR)

# The programs of tests/run/wine-runs.txt under Wine and under dllshare
# (tests/wine/compare.sh), each from a fresh section cache.
LD_WINE_RUNS := --fresh-cache --dir $(LD_TEST_DIR) tests/run/wine-runs.txt
test-run-wine: $(BIN)/dllshare $(LD_TEST_STAMP)
	@$(WINE_COMPARE) --dllshare $(BIN)/dllshare $(LD_WINE_RUNS)

# A loaded DLL's file rewritten in place (shorter, different): the
# loaded module keeps its answers, a fresh load gets the new file.
test-run-rewrite: $(BIN)/dllshare $(LD_TEST_STAMP)
	@tests/run/rewrite.sh $(BIN)/dllshare $(LD_TEST_DIR)

test-run-share: $(BIN)/dllshare $(LD_TEST_STAMP)
	@tests/run/share.sh $(BIN)/dllshare $(LD_TEST_DIR)

# One DLL file under several names (symlink, hard link, .\x.dll,
# sub\..\x.dll) is one module; a relative $DLLSHARE_PATH entry.
test-run-alias: $(BIN)/dllshare $(LD_TEST_STAMP)
	@MINGW_CC=$(MINGW_CC) tests/run/alias.sh $(BIN)/dllshare $(LD_TEST_DIR)

bench-run: $(BIN)/dllshare $(LD_TEST_STAMP)
	@WINEPREFIX=$(WINEPREFIX_DIR) tests/run/bench.sh $(BIN)/dllshare $(LD_TEST_DIR) tests/bench/results-run.txt

TEST_STEPS  += test-run-errors test-run-wine test-run-rewrite test-run-share
TEST_STEPS  += test-run-alias
.PHONY: test-run-alias
BENCH_STEPS += bench-run
.PHONY: test-run-errors test-run-wine test-run-rewrite test-run-share bench-run

# The search order, as a CUnit suite (plain and ASan/UBSan).
$(eval $(call unit_test,search,tests/run/test_search.c,$(OBJ)/loader/search.o,$(SAN_OBJ)/loader/search.o,))
TEST_STEPS += test-unit-search test-san-search

# The same refusals and Wine comparisons with a dllshare built with
# ASan+UBSan (loader, runtime and parser alike): a memory error anywhere
# on these paths fails the step.
DS_SAN_OBJS := $(patsubst %.c,$(SAN_OBJ)/%.o,$(RUNTIME_SRCS) $(wildcard loader/*.c pe/*.c)) \
               $(RUNTIME_ASM:%.S=$(OBJ)/%.o)
$(B)/tests/dllshare-san: $(DS_SAN_OBJS)
	@mkdir -p $(dir $@)
	$(SAN_CC) -fsanitize=address,undefined -o $@ $^ $(LDLIBS) -lm

test-san-run-errors: $(B)/tests/dllshare-san $(LD_TEST_STAMP)
	@ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
		tests/run/errors.sh $(B)/tests/dllshare-san $(LD_TEST_DIR)

test-san-run-wine: $(B)/tests/dllshare-san $(LD_TEST_STAMP)
	@ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
		$(WINE_COMPARE) --dllshare $(B)/tests/dllshare-san $(LD_WINE_RUNS)

TEST_STEPS += test-san-run-errors test-san-run-wine
.PHONY: test-san-run-errors test-san-run-wine

# Start-up against a native ELF hello and cold section builds against cp
# (tests/run/bench-native.sh), both ratios in one run.
BENCH_CXX_DLL := $(firstword $(wildcard /usr/lib/gcc/x86_64-w64-mingw32/*-win32/libstdc++-6.dll))
bench-native: $(BIN)/dllshare $(LD_TEST_STAMP)
	@tests/run/bench-native.sh $(BIN)/dllshare $(LD_TEST_DIR) $(BENCH_CXX_DLL) tests/bench/results-native.txt

BENCH_STEPS += bench-native
.PHONY: bench-native

# What the section integrity check costs: dllshare beside the same sources
# built without it (loader/section.c with LD_SECTION_CHECK_OFF), start-up
# and warm LoadLibrary alternating in one run (tests/run/bench-integrity.sh).
$(B)/bench/nocheck/section.o: loader/section.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DLD_SECTION_CHECK_OFF -c $< -o $@

$(B)/bench/nocheck/dllshare: $(filter-out $(OBJ)/loader/section.o,$(RUNTIME_OBJS) $(LOADER_OBJS) $(PE_OBJS)) $(B)/bench/nocheck/section.o
	$(CC) $(LDFLAGS) $(DLLSHARE_LDFLAGS) -o $@ $^ $(LDLIBS) -lm

bench-integrity: $(BIN)/dllshare $(B)/bench/nocheck/dllshare $(LD_TEST_STAMP)
	@tests/run/bench-integrity.sh $(BIN)/dllshare $(B)/bench/nocheck/dllshare $(LD_TEST_DIR) tests/bench/results-integrity.txt

BENCH_STEPS += bench-integrity
.PHONY: bench-integrity
