# tests/pe/: `dllshare inspect` end to end (test-inspect), on the valid
# image that tests/malformed/ generates from tests/pe/pe_build.c.
test-inspect: $(BIN)/dllshare $(B)/tests/malformed/corpus/cases
	tests/pe/inspect_test.sh $(BIN)/dllshare \
	    $(B)/tests/malformed/corpus/valid.dll $(B)/tests/pe

TEST_STEPS += test-inspect
.PHONY: test-inspect
