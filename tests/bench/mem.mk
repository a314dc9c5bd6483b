# bench-mem: N = 1..16 processes of samples/cow alive at once, Pss of the
# sample's images under dllshare and under Wine, measured in the same run.
# Writes tests/bench/RESULTS.md and tests/bench/mem.png (tests/bench/mem.sh).
bench-mem: $(SB)/cow/cow.exe $(BIN)/dllshare $(BIN)/dllmap
	@WINE="$(WINE)" DLLSHARE=$(BIN)/dllshare DLLMAP=$(BIN)/dllmap SB=$(SB) \
		tests/bench/mem.sh $(B)/bench

BENCH_STEPS += bench-mem
CLEAN_EXTRA += $(B)/bench
.PHONY: bench-mem

# bench-mem-sqlite: 8 processes of the corpus's real sqlite3.exe (with its
# sqlite3.dll), each holding a database open, image Pss under dllshare and
# under Wine (Wine told to load the corpus's DLL, as tests/corpus does).
# Builds the corpus's SQLite first if needed (tests/corpus/corpus.mk; this
# file is read before it, so the stamp is named in full).  Writes
# tests/bench/results-sqlite.txt (tests/bench/mem-sqlite.sh).
bench-mem-sqlite: $(B)/corpus/bin/.sqlite3.built $(BIN)/dllshare $(BIN)/dllmap
	@WINE="$(CORPUS_WINE)" DLLSHARE=$(BIN)/dllshare DLLMAP=$(BIN)/dllmap NS="1 8" \
		tests/bench/mem-sqlite.sh $(B)/corpus/bin tests/bench/results-sqlite.txt $(B)/bench

BENCH_STEPS += bench-mem-sqlite
.PHONY: bench-mem-sqlite
