# samples/: small Windows programs, each showing one idea (see its ABOUT.md).
# Built with mingw-w64 into build/samples/<name>/, the EXE next to its DLLs
# so that both Wine and `dllshare run` find them in the program's directory.
#
# -D__USE_MINGW_ANSI_STDIO=0: printf is msvcrt's own, not mingw's copy
# compiled into the image, so the samples import only what a small runtime
# provides.  -g: DWARF for gdb (see docs/tutorial.md).
SAMPLE_CFLAGS := $(MINGW_CFLAGS) -g -D__USE_MINGW_ANSI_STDIO=0
SB := $(B)/samples

# $(call sample_dll,DLL,EXTRA_LDFLAGS): links DLL from the .c/.def/.a
# prerequisites and writes its import library lib<name>.a beside it.
define sample_dll
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(SAMPLE_CFLAGS) -shared -o $@ $(filter %.c %.def %.a,$^) \
		-Wl,--out-implib,$(dir $@)lib$(basename $(notdir $@)).a $(1)
endef
# Links an EXE from the .c prerequisites and the import libraries of the
# .dll prerequisites.
define sample_exe
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(SAMPLE_CFLAGS) -o $@ $(filter %.c,$^) \
		$(foreach d,$(filter %.dll,$^),$(dir $(d))lib$(basename $(notdir $(d))).a)
endef

# counter: a shared section beside a private counter.
$(SB)/counter/counter.dll: samples/counter/counter_dll.c
	$(call sample_dll)
$(SB)/counter/counter.exe: samples/counter/counter.c $(SB)/counter/counter.dll
	$(call sample_exe)

# cow: 1 MiB of initialized data, written a page at a time.
$(SB)/cow/cow.dll: samples/cow/cow_dll.c
	$(call sample_dll)
$(SB)/cow/cow.exe: samples/cow/cow.c $(SB)/cow/cow.dll
	$(call sample_exe)

# reloc: two DLLs linked for the same base address.
RELOC_BASE := 0x250000000
$(SB)/reloc/reloc_%.dll: samples/reloc/reloc_dll.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(SAMPLE_CFLAGS) -DRELOC_BASE=$(RELOC_BASE) -shared -o $@ $< \
		-Wl,--image-base=$(RELOC_BASE)
$(SB)/reloc/reloc.exe: samples/reloc/reloc.c | $(SB)/reloc/reloc_a.dll $(SB)/reloc/reloc_b.dll
	$(call sample_exe)

# imports: by name, by ordinal, forwarded, at run time; DllMain order.
IMPORTS_H := samples/imports/say.h
$(SB)/imports/gamma.dll: samples/imports/gamma.c $(IMPORTS_H)
	$(call sample_dll)
$(SB)/imports/beta.dll: samples/imports/beta.c samples/imports/beta.def $(IMPORTS_H)
	$(call sample_dll)
$(SB)/imports/alpha.dll: samples/imports/alpha.c $(SB)/imports/beta.dll $(IMPORTS_H)
	$(call sample_dll,$(SB)/imports/libbeta.a)
$(SB)/imports/plugin.dll: samples/imports/plugin.c $(IMPORTS_H)
	$(call sample_dll)
$(SB)/imports/imports.exe: samples/imports/imports.c $(SB)/imports/alpha.dll \
		$(SB)/imports/beta.dll | $(SB)/imports/gamma.dll $(SB)/imports/plugin.dll
	$(call sample_exe)

# tls: implicit TLS, TlsAlloc slots, TLS callbacks, DLL thread notices.
$(SB)/tls/tls_dll.dll: samples/tls/tls_dll.c
	$(call sample_dll)
$(SB)/tls/tls.exe: samples/tls/tls.c $(SB)/tls/tls_dll.dll
	$(call sample_exe)

# fork-like: N copies of one program divide a DLL's pages.
$(SB)/fork-like/forklike_dll.dll: samples/fork-like/forklike_dll.c
	$(call sample_dll)
$(SB)/fork-like/forklike.exe: samples/fork-like/forklike.c $(SB)/fork-like/forklike_dll.dll
	$(call sample_exe)

# lazy: demand paging and the zero page, one command a page.
$(SB)/lazy/lazy.dll: samples/lazy/lazy_dll.c
	$(call sample_dll)
$(SB)/lazy/lazy.exe: samples/lazy/lazy.c $(SB)/lazy/lazy.dll
	$(call sample_exe)

# stack: a stack grown through its guard page, then overflowed.
# -Wno-array-bounds: mingw's NtCurrentTeb() reads gs:[0x30] through a
# pointer GCC takes for an empty array.
$(SB)/stack/stack.exe: samples/stack/stack.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(SAMPLE_CFLAGS) -Wno-array-bounds -o $@ $<

# fork-vs-section: one workload, forked on Linux and as Windows processes
# sharing fvs.dll; fvs is a Linux program, the driver of both.
$(SB)/fork-vs-section/fvs.dll: samples/fork-vs-section/fvs_dll.c
	$(call sample_dll)
$(SB)/fork-vs-section/fvs_worker.exe: samples/fork-vs-section/fvs_worker.c \
		$(SB)/fork-vs-section/fvs.dll
	$(call sample_exe)
$(SB)/fork-vs-section/fvs: samples/fork-vs-section/fvs.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

# pressure: clean image pages dropped under pressure, written ones kept;
# pageout is the Linux program that applies the pressure.
$(SB)/pressure/pressure.dll: samples/pressure/pressure_dll.c
	$(call sample_dll)
$(SB)/pressure/pressure.exe: samples/pressure/pressure.c $(SB)/pressure/pressure.dll
	$(call sample_exe)
$(SB)/pressure/pageout: samples/pressure/pageout.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

SAMPLE_TARGETS := $(SB)/counter/counter.exe $(SB)/cow/cow.exe \
	$(SB)/reloc/reloc.exe $(SB)/imports/imports.exe $(SB)/tls/tls.exe \
	$(SB)/fork-like/forklike.exe $(SB)/lazy/lazy.exe $(SB)/stack/stack.exe \
	$(SB)/fork-vs-section/fvs_worker.exe $(SB)/fork-vs-section/fvs \
	$(SB)/pressure/pressure.exe $(SB)/pressure/pageout
samples: $(SAMPLE_TARGETS)
ALL_TARGETS += $(SAMPLE_TARGETS)
.PHONY: samples

# make wine-check: every run of samples/wine-check.txt under Wine and under
# `dllshare run`, compared byte for byte by tests/wine/compare.sh (the
# harness of tests/wine/wine.mk); the outputs stay in build/samples-check/.
wine-check: all
	@$(WINE_COMPARE) --dllshare $(BIN)/dllshare --out $(B)/samples-check \
		--dir $(SB) samples/wine-check.txt

# make demo: three counter processes at once under dllshare, their pages
# seen by dllmap while they live, the HTML picture in build/demo.html.
demo: all
	@B=$(B) DLLSHARE=$(BIN)/dllshare DLLMAP=$(BIN)/dllmap samples/demo.sh
