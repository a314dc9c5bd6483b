# tests/wine: Windows test programs run under Wine and under dllshare, output
# compared byte for byte (see tests/wine/compare.sh for the conventions).
WINE_OUT   := $(B)/tests/wine
WINE_SRCS  := $(wildcard tests/wine/progs/*.c)
WINE_CXX_SRCS := $(wildcard tests/wine/progs/*.cpp)
MINGW_CXX  := x86_64-w64-mingw32-g++
WINE_BOTH  := $(shell grep -l 'wine-test: both-stdio' $(WINE_SRCS) /dev/null 2>/dev/null)
# "wine-test: clang" programs are compiled by clang for mingw (native TLS
# through gs:[0x58], as MSVC does) and linked by mingw's gcc.
wine_clang = $(shell grep -l 'wine-test: clang' $(1) 2>/dev/null)
WINE_CLANG := clang -target x86_64-w64-mingw32 -fms-extensions -O2 -Wall -Werror \
              -isystem /usr/x86_64-w64-mingw32/include
# "wine-test: unicode" programs have wmain (-municode).
wine_unicode = $(if $(shell grep -l 'wine-test: unicode' $(1) 2>/dev/null),-municode)
WINE_DLLS  := $(patsubst tests/wine/dlls/%.c,$(WINE_OUT)/%.dll,$(wildcard tests/wine/dlls/*.c))
WINE_EXES  := $(patsubst tests/wine/progs/%.c,$(WINE_OUT)/%.exe,$(WINE_SRCS)) \
              $(patsubst tests/wine/progs/%.c,$(WINE_OUT)/%-ms.exe,$(WINE_BOTH)) \
              $(patsubst tests/wine/progs/%.cpp,$(WINE_OUT)/%.exe,$(WINE_CXX_SRCS)) \
              $(patsubst tests/wine/progs/%.cpp,$(WINE_OUT)/%-shared.exe,$(WINE_CXX_SRCS))
# The C++ runtime DLLs the -shared builds load (from the program's directory).
WINE_CXX_DLLS := $(WINE_OUT)/libstdc++-6.dll $(WINE_OUT)/libgcc_s_seh-1.dll

# A program's DLLs: tests/wine/progs/NAME.dlls, one name a line.
wine_dlls_of = $(if $(wildcard tests/wine/progs/$(1).dlls),$(patsubst %,$(WINE_OUT)/%.dll,$(shell cat tests/wine/progs/$(1).dlls)))
# A program's resources: tests/wine/progs/NAME.rc, compiled by windres and
# linked in; its message tables from NAME_msg.mc (windmc, Unicode), whose
# binaries the .rc names.
wine_res_of = $(if $(wildcard tests/wine/progs/$(1).rc),$(WINE_OUT)/$(1).res.o)
MINGW_WINDRES := x86_64-w64-mingw32-windres
MINGW_WINDMC  := x86_64-w64-mingw32-windmc


.SECONDEXPANSION:
# A DLL's own companions: tests/wine/dlls/NAME.dlls, the DLLs it links
# against (one name a line), and NAME.rc, its resources.
wine_dll_dlls_of = $(if $(wildcard tests/wine/dlls/$(1).dlls),$(patsubst %,$(WINE_OUT)/%.dll,$(shell cat tests/wine/dlls/$(1).dlls)))
wine_dll_res_of = $(if $(wildcard tests/wine/dlls/$(1).rc),$(WINE_OUT)/dll-$(1).res.o)

$(WINE_OUT)/%.dll: tests/wine/dlls/%.c $$(call wine_dll_dlls_of,$$*) $$(call wine_dll_res_of,$$*) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $< $(call wine_dll_dlls_of,$*) $(call wine_dll_res_of,$*)

# Kept between builds (make would delete them as intermediates and link
# every program with resources again on the next run).
.PRECIOUS: $(WINE_OUT)/%.res.o $(WINE_OUT)/dll-%.res.o

$(WINE_OUT)/dll-%.res.o: tests/wine/dlls/%.rc | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_WINDRES) -i $< -o $@

$(WINE_OUT)/%.res.o: tests/wine/progs/%.rc $$(wildcard tests/wine/progs/$$*_msg.mc) | $(DEPS_STAMP)
	@mkdir -p $(WINE_OUT)/$*-res
	$(if $(wildcard tests/wine/progs/$*_msg.mc),$(MINGW_WINDMC) -U -h $(WINE_OUT)/$*-res -r $(WINE_OUT)/$*-res tests/wine/progs/$*_msg.mc)
	$(MINGW_WINDRES) -I $(WINE_OUT)/$*-res -i $< -o $@

$(WINE_OUT)/%-ms.exe: tests/wine/progs/%.c $$(call wine_dlls_of,$$*) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -Wno-format -D__USE_MINGW_ANSI_STDIO=0 -o $@ $< $(call wine_dlls_of,$*)

$(WINE_OUT)/%.exe: tests/wine/progs/%.c $$(call wine_dlls_of,$$*) $$(call wine_res_of,$$*) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(if $(call wine_clang,$<),$(WINE_CLANG) -c -o $@.o $< && $(MINGW_CC) -o $@ $@.o $(call wine_dlls_of,$*),$(MINGW_CC) $(MINGW_CFLAGS) -Wno-format $(call wine_unicode,$<) -o $@ $< $(call wine_dlls_of,$*) $(call wine_res_of,$*))

# C++ programs: libstdc++ and libgcc linked in, so no runtime DLLs are needed.
$(WINE_OUT)/%.exe: tests/wine/progs/%.cpp | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CXX) -O2 -Wall -Wextra -Werror -static-libgcc -static-libstdc++ -o $@ $<

# The same programs against libstdc++-6.dll and libgcc_s_seh-1.dll:
# exceptions cross DLL boundaries.
$(WINE_OUT)/%-shared.exe: tests/wine/progs/%.cpp $(WINE_CXX_DLLS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CXX) -O2 -Wall -Wextra -Werror -o $@ $<

$(WINE_CXX_DLLS): | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	cp "$$($(MINGW_CXX) -print-file-name=$(notdir $@))" $@

wine-progs: $(WINE_EXES) $(WINE_DLLS)

# The Wine comparison harness every Wine-comparing step runs (test-wine,
# test-run-wine, test-san-run-wine, wine-check, test-samples).  Wine's
# answers are cached by content in $(B)/tests/wine-cache.
WINE_COMPARE := WINE="$(WINE)" WINE_CACHE=$(B)/tests/wine-cache tests/wine/compare.sh

# (tests/wine/nls-runs.txt and tz-runs.txt: programs that need a given
# environment, a locale or a time zone.)
test-wine: all wine-progs
	@$(WINE_COMPARE) --dllshare $(BIN)/dllshare --progs $(WINE_OUT) \
		--dir $(WINE_OUT) tests/wine/nls-runs.txt tests/wine/tz-runs.txt

ALL_TARGETS += $(WINE_EXES) $(WINE_DLLS) $(WINE_CXX_DLLS)
TEST_STEPS += test-wine
.PHONY: wine-progs test-wine
