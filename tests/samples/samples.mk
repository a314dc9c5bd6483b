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
