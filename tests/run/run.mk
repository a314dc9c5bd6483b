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

test-run-wine: $(BIN)/dllshare $(LD_TEST_STAMP)
	@WINEPREFIX=$(WINEPREFIX_DIR) tests/run/wine.sh $(BIN)/dllshare $(LD_TEST_DIR)

test-run-share: $(BIN)/dllshare $(LD_TEST_STAMP)
	@tests/run/share.sh $(BIN)/dllshare $(LD_TEST_DIR)

bench-run: $(BIN)/dllshare $(LD_TEST_STAMP)
	@WINEPREFIX=$(WINEPREFIX_DIR) tests/run/bench.sh $(BIN)/dllshare $(LD_TEST_DIR) tests/bench/results-run.txt

TEST_STEPS  += test-run-errors test-run-wine test-run-share
BENCH_STEPS += bench-run
.PHONY: test-run-errors test-run-wine test-run-share bench-run

# The search order, as a CUnit suite (plain and ASan/UBSan).
$(eval $(call unit_test,search,tests/run/test_search.c,$(OBJ)/loader/search.o,$(SAN_OBJ)/loader/search.o,))
TEST_STEPS += test-unit-search test-san-search
