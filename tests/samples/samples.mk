# test-samples: the samples under Wine must print what
# tests/samples/expected/ says (that checks the samples), and under
# `dllshare run` exactly what they print under Wine (that checks dllshare).
# While `dllshare run` is missing, each of its cases counts as failed.
test-samples: $(SAMPLE_TARGETS) $(BIN)/dllshare
	@WINE="$(WINE)" DLLSHARE=$(BIN)/dllshare SB=$(SB) \
		tests/samples/check.sh --expected tests/samples/expected

# Rewrites tests/samples/expected/ from Wine's output (after changing a
# sample on purpose; review the diff before committing).
samples-expected: $(SAMPLE_TARGETS)
	@WINE="$(WINE)" DLLSHARE=/nonexistent SB=$(SB) tests/samples/check.sh >/dev/null || true
	@mkdir -p tests/samples/expected
	@for f in build/samples-check/*.wine.out; do \
		t=$$(basename $$f .wine.out); \
		cp $$f tests/samples/expected/$$t.out; \
		cp build/samples-check/$$t.wine.rc tests/samples/expected/$$t.rc; \
	done; echo "wrote tests/samples/expected/"

TEST_STEPS += test-samples
.PHONY: test-samples samples-expected
CLEAN_EXTRA += $(B)/samples-check $(B)/demo.html
