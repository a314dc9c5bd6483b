# tests/corpus: real programs built from Debian's source packages with
# mingw-w64 (no change to their code), run with scripts of ours under Wine
# and under dllshare, compared by tests/wine/compare.sh.
#   fetch.sh  the sources, through a private apt configuration under
#             build/corpus/apt (the system's apt setup is not touched)
#   build.sh  each package's Windows build into build/corpus/bin
#   runs.txt  the runs; lua/, sql/, data/ are their scripts and data
#   cxx/      C++ programs of ours, built by the posix-flavoured g++ against
#             the shared libstdc++, libgcc and libwinpthread (cxx-runs.txt)
#   imports.sh  no program or DLL of the corpus misses an import
# Sources and builds are cached under build/corpus: a second `make test`
# neither fetches nor builds.  `make corpus` builds without testing.
CORPUS      := $(B)/corpus
CORPUS_PKGS := zlib bzip2 lua5.4 sqlite3 expat xz-utils
CORPUS_BUILT := $(CORPUS_PKGS:%=$(CORPUS)/bin/.%.built)

$(CORPUS)/src/%/.fetched: tests/corpus/fetch.sh | $(DEPS_STAMP)
	@tests/corpus/fetch.sh $(CORPUS) $*

$(CORPUS)/bin/.%.built: $(CORPUS)/src/%/.fetched tests/corpus/build.sh | $(DEPS_STAMP)
	@MINGW_CC=$(MINGW_CC) tests/corpus/build.sh $(CORPUS) $* >$(CORPUS)/build-$*.log 2>&1 || \
		{ tail -n 30 $(CORPUS)/build-$*.log; echo "corpus: building $* failed, see $(CORPUS)/build-$*.log"; exit 1; }
	@touch $@

# The C++ programs and the DLLs they load, from the posix toolchain (its
# libstdc++-6.dll is not the win32 one tests/wine uses: a directory each).
CORPUS_CXX      := $(CORPUS)/cxx
MINGW_CXX_POSIX := x86_64-w64-mingw32-g++-posix
CORPUS_CXX_EXES := $(patsubst tests/corpus/cxx/%.cpp,$(CORPUS_CXX)/%.exe,$(wildcard tests/corpus/cxx/*.cpp))
CORPUS_CXX_DLLS := $(addprefix $(CORPUS_CXX)/,libstdc++-6.dll libgcc_s_seh-1.dll libwinpthread-1.dll)

$(CORPUS_CXX)/%.exe: tests/corpus/cxx/%.cpp | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CXX_POSIX) -O2 -Wall -Wextra -Werror -o $@ $<

$(CORPUS_CXX_DLLS): | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	cp "$$($(MINGW_CXX_POSIX) -print-file-name=$(notdir $@))" $@

corpus: $(CORPUS_BUILT) $(CORPUS_CXX_EXES) $(CORPUS_CXX_DLLS)

# Wine loads the DLLs beside the programs (native first), not builds of its
# own (Wine has a zlib1.dll; "n,b" and not "n": its cmd.exe needs its own).
CORPUS_WINE := env WINEPREFIX=$(WINEPREFIX_DIR) WINEDEBUG=-all \
	WINEDLLOVERRIDES=winedbg.exe=d;zlib1,libbz2,lua54,sqlite3,liblzma=n,b wine
test-corpus: $(BIN)/dllshare corpus
	@WINE="$(CORPUS_WINE)" WINE_CACHE=$(B)/tests/wine-cache \
		tests/wine/compare.sh --dllshare $(BIN)/dllshare \
		--dir $(CORPUS)/bin tests/corpus/runs.txt \
		--dir $(CORPUS_CXX) tests/corpus/cxx-runs.txt

test-corpus-imports: $(BIN)/dllshare corpus
	@tests/corpus/imports.sh $(BIN)/dllshare $(CORPUS)/bin $(CORPUS_CXX)

TEST_STEPS += test-corpus test-corpus-imports
.PHONY: corpus test-corpus test-corpus-imports
