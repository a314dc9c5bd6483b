# tests/corpus: real programs built from Debian's source packages with
# mingw-w64 (no change to their code), run with scripts of ours under Wine
# and under dllshare, compared by tests/wine/compare.sh.
#   fetch.sh  the sources, through a private apt configuration under
#             build/corpus/apt (the system's apt setup is not touched)
#   build.sh  each package's Windows build into build/corpus/bin
#   runs.txt  the runs; lua/, sql/, data/ are their scripts and data
# Sources and builds are cached under build/corpus: a second `make test`
# neither fetches nor builds.  `make corpus` builds without testing.
CORPUS      := $(B)/corpus
CORPUS_PKGS := zlib bzip2 lua5.4 sqlite3
CORPUS_BUILT := $(CORPUS_PKGS:%=$(CORPUS)/bin/.%.built)

$(CORPUS)/src/%/.fetched: tests/corpus/fetch.sh | $(DEPS_STAMP)
	@tests/corpus/fetch.sh $(CORPUS) $*

$(CORPUS)/bin/.%.built: $(CORPUS)/src/%/.fetched tests/corpus/build.sh | $(DEPS_STAMP)
	@MINGW_CC=$(MINGW_CC) tests/corpus/build.sh $(CORPUS) $* >$(CORPUS)/build-$*.log 2>&1 || \
		{ tail -n 30 $(CORPUS)/build-$*.log; echo "corpus: building $* failed, see $(CORPUS)/build-$*.log"; exit 1; }
	@touch $@

corpus: $(CORPUS_BUILT)

# Wine loads the DLLs beside the programs (native first), not builds of its
# own (Wine has a zlib1.dll; "n,b" and not "n": its cmd.exe needs its own).
CORPUS_WINE := env WINEPREFIX=$(WINEPREFIX_DIR) WINEDEBUG=-all \
	WINEDLLOVERRIDES=winedbg.exe=d;zlib1,libbz2,lua54,sqlite3=n,b wine
test-corpus: $(BIN)/dllshare $(CORPUS_BUILT)
	@WINE="$(CORPUS_WINE)" WINE_CACHE=$(B)/tests/wine-cache \
		tests/wine/compare.sh --dllshare $(BIN)/dllshare \
		--dir $(CORPUS)/bin tests/corpus/runs.txt

TEST_STEPS += test-corpus
.PHONY: corpus test-corpus
