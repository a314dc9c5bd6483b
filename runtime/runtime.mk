# runtime/: the built-in Windows DLLs, one directory each (kernel32/,
# msvcrt/, ntdll/, advapi32/), over a core (core/: fault handler, TEB,
# SEH, handles, Unicode, paths, exit hooks, the loader's host hooks).
# Links the dllshare binary.
RUNTIME_DLLS := core kernel32 msvcrt ntdll advapi32
RUNTIME_SRCS := $(foreach d,$(RUNTIME_DLLS),$(wildcard runtime/$(d)/*.c)) \
                $(B)/gen/cptables.c
RUNTIME_ASM  := $(foreach d,$(RUNTIME_DLLS),$(wildcard runtime/$(d)/*.S))
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(OBJ)/%.o) $(RUNTIME_ASM:%.S=$(OBJ)/%.o)

# Every w32_ function is declared once, in its DLL's header: a definition
# without its declaration (or one that drifted from it) does not compile.
RUNTIME_WARN := -Wmissing-prototypes -Wstrict-prototypes
$(OBJ)/runtime/%.o: CFLAGS += $(RUNTIME_WARN)
$(SAN_OBJ)/runtime/%.o: SAN_CFLAGS += $(RUNTIME_WARN)

$(OBJ)/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# dllshare is linked -static-pie: no dynamic loader, libc or libm to map and
# relocate at each start (start-up of `dllshare run hello.exe` 0.8x the
# dynamic build's).  Position-independent so that it never sits where a
# Windows image wants to be.  Nothing in it may need glibc's run-time
# loading (NSS, iconv, dlopen): the link fails on glibc's warning that
# such a function "requires at runtime the shared libraries".  The start
# applies every relocation at once, dirtying each page that holds a
# pointer: the runtime's tables hold offsets and indices instead (a few
# dense pages of function addresses remain), and the relocations are
# packed (RELR: 1 KB to read where RELA took 69 KB).  runtime/dllshare.ld
# marks the end of .bss for the start-up's prefault (loader/main.c), and
# $(B)/gen/hot.ld places the code a start runs first and together
# (runtime/hot.txt, made by `make hot-list`; runtime/hotlist.sh).
DLLSHARE_LDFLAGS_PLAIN := -static-pie -Wl,-z,pack-relative-relocs \
	-Wl,--fatal-warnings -Wl,-T,runtime/dllshare.ld
DLLSHARE_LDFLAGS := $(DLLSHARE_LDFLAGS_PLAIN) -Wl,-T,$(B)/gen/hot.ld
$(B)/gen/hot.ld: runtime/hot.txt runtime/hotlist.sh
	@mkdir -p $(dir $@)
	runtime/hotlist.sh ld $< >$@.tmp && mv $@.tmp $@
$(BIN)/dllshare: $(RUNTIME_OBJS) $(LOADER_OBJS) $(PE_OBJS) runtime/dllshare.ld \
		 $(B)/gen/hot.ld
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(DLLSHARE_LDFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS) -lm

ALL_TARGETS += $(BIN)/dllshare

# Unit tests: the runtime without main(), linked with a small stand-in for
# the loader (tests/unit/ld_standin.c) instead of the loader itself.
RT_UNIT_SRCS := $(filter-out runtime/core/main.c,$(RUNTIME_SRCS))
RT_UNIT_OBJS := $(RT_UNIT_SRCS:%.c=$(OBJ)/%.o) $(RUNTIME_ASM:%.S=$(OBJ)/%.o) \
                $(OBJ)/tests/unit/ld_standin.o $(PE_OBJS)
RT_UNIT_SAN_OBJS := $(RT_UNIT_SRCS:%.c=$(SAN_OBJ)/%.o) \
                    $(RUNTIME_ASM:%.S=$(SAN_OBJ)/%.o) \
                    $(SAN_OBJ)/tests/unit/ld_standin.o $(PE_SAN_OBJS)

$(SAN_OBJ)/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(SAN_CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

$(eval $(call unit_test,runtime,tests/unit/test_runtime_crt.c tests/unit/test_runtime_k32.c tests/unit/test_runtime_wait.c tests/unit/test_runtime_exports.c tests/unit/test_runtime_dlldir.c tests/unit/test_runtime_reg.c tests/unit/test_runtime_nls.c tests/unit/test_runtime_conkeys.c tests/unit/test_runtime_tpool.c tests/unit/test_runtime_tz.c,$(RT_UNIT_OBJS),$(RT_UNIT_SAN_OBJS),-lm))
TEST_STEPS += test-unit-runtime test-san-runtime

# The code page tables (build/gen/cptables.c) are made at build time from
# Wine's code page files (the wine package's c_NNN.nls, the tables Wine's
# own conversions read) by runtime/core/gen/cpnls.c, which checks each page
# against the hash of what was measured under Wine (runtime/core/cpwine.h).
# `make codepage-tables` measures again: it runs runtime/core/gen/cpgen.c
# and compgen.c under Wine (a minute or so) and rewrites cpwine.h (the
# pages, their names, MB_COMPOSITE's decompositions, the hashes) and
# cpcompose.c, which are committed.
WINE_NLS ?= /usr/share/wine/nls

$(B)/gen/cpnls: runtime/core/gen/cpnls.c runtime/core/gen/cphash.h \
                runtime/core/cpwine.h runtime/core/codepage.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

$(B)/gen/cptables.c: $(B)/gen/cpnls
	$(B)/gen/cpnls $(WINE_NLS) > $@.tmp
	mv $@.tmp $@

$(B)/gen/cpgen.exe: runtime/core/gen/cpgen.c runtime/core/gen/cphash.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -I. -o $@ $<

$(B)/gen/compgen.exe: runtime/core/gen/compgen.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lnormaliz

codepage-tables: $(B)/gen/cpgen.exe $(B)/gen/compgen.exe
	$(WINE) $(B)/gen/cpgen.exe > $(B)/gen/cpwine.h
	$(WINE) $(B)/gen/compgen.exe > $(B)/gen/cpcompose.c
	mv $(B)/gen/cpwine.h runtime/core/cpwine.h
	mv $(B)/gen/cpcompose.c runtime/core/cpcompose.c

.PHONY: codepage-tables

# test-cpnls (a test step): the generator on the installed files and on
# damaged copies (tests/unit/cpnls.sh).
test-cpnls: $(B)/gen/cpnls
	@tests/unit/cpnls.sh $(B)/gen/cpnls $(WINE_NLS)

TEST_STEPS += test-cpnls
.PHONY: test-cpnls

# Regenerates runtime/hot.txt from what these programs' starts execute
# (needs valgrind; run it when the start's path changes much), with
# dllshare linked without hot.ld: valgrind names no function outside .text.
HOT_PROGS = $(LD_TEST_DIR)/hello.exe $(WINE_OUT)/cxx.exe \
	    $(WINE_OUT)/printf.exe $(WINE_OUT)/files.exe
$(B)/hot/dllshare: $(RUNTIME_OBJS) $(LOADER_OBJS) $(PE_OBJS) runtime/dllshare.ld
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(DLLSHARE_LDFLAGS_PLAIN) -o $@ $(filter %.o,$^) \
		$(LDLIBS) -lm
test-hot-layout: $(BIN)/dllshare
	@runtime/hotlist.sh check $(BIN)/dllshare runtime/hot.txt
TEST_STEPS += test-hot-layout
.PHONY: test-hot-layout

hot-list: $(B)/hot/dllshare $(LD_TEST_STAMP) wine-progs
	runtime/hotlist.sh profile $(B)/hot/dllshare $(HOT_PROGS) >runtime/hot.txt.tmp
	mv runtime/hot.txt.tmp runtime/hot.txt
.PHONY: hot-list
