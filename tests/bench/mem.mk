# bench-mem: N = 1..16 processes of samples/cow alive at once, Pss of the
# sample's images under dllshare and under Wine, measured in the same run.
# Writes tests/bench/RESULTS.md and tests/bench/mem.png (tests/bench/mem.sh).
bench-mem: $(SB)/cow/cow.exe $(BIN)/dllshare $(BIN)/dllmap
	@WINE="$(WINE)" DLLSHARE=$(BIN)/dllshare DLLMAP=$(BIN)/dllmap SB=$(SB) \
		tests/bench/mem.sh $(B)/bench

BENCH_STEPS += bench-mem
CLEAN_EXTRA += $(B)/bench
.PHONY: bench-mem
