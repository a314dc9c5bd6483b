# test-samples: the samples under Wine must print what
# tests/samples/expected/ says (that checks the samples), and under
# `dllshare run` exactly what they print under Wine (that checks dllshare);
# both through the Wine harness tests/wine/compare.sh.  Then the samples'
# section flags and `make demo` (tests/samples/check.sh).
test-samples: $(SAMPLE_TARGETS) $(BIN)/dllshare
	@WINE="$(WINE)" WINE_CACHE=$(B)/tests/wine-cache DLLSHARE=$(BIN)/dllshare SB=$(SB) \
		tests/samples/check.sh --expected tests/samples/expected

# Rewrites tests/samples/expected/ from Wine's output (after changing a
# sample on purpose; review the diff before committing).
samples-expected: $(SAMPLE_TARGETS)
	@rm -f $(B)/samples-check/*.wine.out $(B)/samples-check/*.wine.rc
	@$(WINE_COMPARE) --dllshare /nonexistent --out $(B)/samples-check \
		--dir $(SB) samples/wine-check.txt >/dev/null || true
	@mkdir -p tests/samples/expected
	@for f in $(B)/samples-check/*.wine.out; do \
		t=$$(basename $$f .wine.out); \
		cp $$f tests/samples/expected/$$t.out; \
		cp $(B)/samples-check/$$t.wine.rc tests/samples/expected/$$t.rc; \
	done; echo "wrote tests/samples/expected/"

TEST_STEPS += test-samples
.PHONY: test-samples samples-expected
CLEAN_EXTRA += $(B)/samples-check $(B)/demo.html

# test-samples-pressure: samples/pressure against the kernel: clean table
# pages dropped by pageout (process_madvise) and read back from the section
# file on disk, written pages kept, two processes sharing the frames read
# back, nothing dropped from a tmpfs cache, nor from Wine's anonymous copy.
# Root only (skipped otherwise).
test-samples-pressure: $(SB)/pressure/pressure.exe $(SB)/pressure/pageout \
		$(BIN)/dllshare $(BIN)/dllmap
	@tests/samples/test_pressure.py $(BIN)/dllshare $(BIN)/dllmap \
		$(SB)/pressure/pressure.exe $(SB)/pressure/pageout \
		tests/samples/expected/pressure-pressure.exe.out $(WINEPREFIX_DIR)

TEST_STEPS += test-samples-pressure
.PHONY: test-samples-pressure
CLEAN_EXTRA += $(B)/tests/pressure-cache

# test-samples-zeropage: samples/lazy's VirtualAlloc'd pages, read before
# written, are the kernel's one zero page in the page tables; a write gives
# a page its own frame.  Root only (skipped otherwise).
test-samples-zeropage: $(SB)/lazy/lazy.exe $(BIN)/dllshare
	@tests/samples/test_zeropage.py $(BIN)/dllshare $(SB)/lazy/lazy.exe

TEST_STEPS += test-samples-zeropage
.PHONY: test-samples-zeropage
