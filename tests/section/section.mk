# tests/section: image sections, views, the fault handler, across
# processes (mp_test, with `dllshare map`) and inside one (fault_test);
# unit tests of the loader pieces (tests/unit/test_loader.c).
SECTION_T := $(B)/tests/section
CXX_DLL := $(firstword $(wildcard /usr/lib/gcc/x86_64-w64-mingw32/*-win32/libstdc++-6.dll))

# The loader pieces a test can link without the rest of the loader.
SECTION_SRCS := loader/section.c loader/cachedir.c loader/layout.c \
                loader/reloc.c loader/view.c loader/viewmap.c loader/viewwrite.c \
                loader/kept.c loader/uffd.c loader/region.c loader/record.c \
                loader/recstack.c \
                loader/trace.c loader/sechash.c
SECTION_OBJS := $(SECTION_SRCS:%.c=$(OBJ)/%.o) $(PE_OBJS)
SECTION_SAN_OBJS := $(SECTION_SRCS:%.c=$(SAN_OBJ)/%.o) $(PE_SAN_OBJS)

$(SECTION_T)/%.dll: tests/section/%_dll.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $<

# The same image with SectionAlignment 512: mapped whole, RWX, COW.
$(SECTION_T)/low.dll: tests/section/shr_dll.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -Wl,--section-alignment,512 \
		-Wl,--file-alignment,512 -o $@ $<

# The same image without its shared section: its views can be kept.
$(SECTION_T)/keep.dll: tests/section/shr_dll.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -DNO_SHR -o $@ $<

$(SECTION_T)/av.exe: tests/section/av_exe.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

$(SECTION_T)/mp_test: $(OBJ)/tests/section/mp_test.o
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(LDLIBS)

$(SECTION_T)/fault_test: $(OBJ)/tests/section/fault_test.o $(SECTION_OBJS) \
                         $(OBJ)/runtime/core/fault.o \
                         $(OBJ)/runtime/core/watch.o \
                         $(OBJ)/tests/section/exc_standin.o
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(LDLIBS)

test-section-mp: $(BIN)/dllshare $(BIN)/dllmap $(SECTION_T)/mp_test $(SECTION_T)/shr.dll \
                 $(SECTION_T)/low.dll
	$(SECTION_T)/mp_test $(abspath $(BIN)/dllshare) \
		$(abspath $(SECTION_T)/shr.dll) $(abspath $(SECTION_T)/low.dll) $(CXX_DLL)

test-section-fault: $(SECTION_T)/fault_test $(SECTION_T)/shr.dll $(SECTION_T)/big.dll \
                    $(SECTION_T)/keep.dll
	$(SECTION_T)/fault_test $(abspath $(SECTION_T)/shr.dll) $(abspath $(SECTION_T)/big.dll) \
		$(abspath $(SECTION_T)/keep.dll) 100000

# A real program that writes to .rdata: report and status, vs Wine.
test-section-av: $(BIN)/dllshare $(SECTION_T)/av.exe
	tests/section/av.sh $(abspath $(BIN)/dllshare) $(abspath $(SECTION_T)/av.exe) $(WINE)

# DLLSHARE_COW=uffd: every sample runs as under the fault handler.
UFFD_SAMPLES := $(SB)/cow/cow.exe $(SB)/imports/imports.exe $(SB)/tls/tls.exe \
                $(SB)/reloc/reloc.exe $(SB)/counter/counter.exe \
                $(SB)/fork-like/forklike.exe
$(SECTION_T)/nouffd: $(OBJ)/tests/section/nouffd.o
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^

test-section-uffd: $(BIN)/dllshare $(SECTION_T)/nouffd $(UFFD_SAMPLES)
	tests/section/uffd_run.sh $(abspath $(BIN)/dllshare) \
		$(abspath $(SECTION_T)/nouffd) $(abspath $(UFFD_SAMPLES))

$(eval $(call unit_test,loader,tests/unit/test_loader.c tests/pe/pe_build.c,$(SECTION_OBJS),$(SECTION_SAN_OBJS),))

TEST_STEPS += test-section-mp test-section-fault test-section-av \
              test-section-uffd test-unit-loader test-san-loader
.PHONY: test-section-mp test-section-fault test-section-av test-section-uffd

# For the record that fills while a program runs: a tiny DLL without
# the C runtime (cache.sh copies it 64 times) and the program that loads
# the copies and writes 2048 pages.
$(SECTION_T)/many/m.dll: tests/section/many_dll.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -s -nostdlib -Wl,-e,DllMain -o $@ $< -lkernel32

$(SECTION_T)/many/many.exe: tests/section/many_exe.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

# The section cache against a full tmpfs, damaged, tampered and
# symlinked entries, a truncation under a running process, another
# user's default directory (issue 16).
test-section-cache: $(BIN)/dllshare $(BIN)/dllmap $(SB)/cow/cow.exe $(SB)/imports/imports.exe \
                    $(SB)/counter/counter.exe $(SECTION_T)/many/m.dll $(SECTION_T)/many/many.exe
	@tests/section/cache.sh $(BIN)/dllshare $(BIN)/dllmap $(SB) $(SECTION_T)/many

TEST_STEPS += test-section-cache
.PHONY: test-section-cache
