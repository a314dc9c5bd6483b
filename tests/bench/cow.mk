# tests/bench/cow: first-write cost (dllshare privatization vs the
# kernel's MAP_PRIVATE copy-on-write), section create and map times;
# a userfaultfd write-protect prototype (not used by dllshare) timed and
# checked alongside.
COW_BENCH_T := $(B)/tests/bench
# (tests/section/section.mk is read after this file: name the objects here.)
COW_BENCH_OBJS := $(addprefix $(OBJ)/loader/,section.o cachedir.o layout.o \
                  reloc.o view.o viewmap.o viewwrite.o kept.o uffd.o region.o \
                  record.o recstack.o trace.o sechash.o) $(PE_OBJS) \
                  $(OBJ)/runtime/core/fault.o $(OBJ)/runtime/core/watch.o \
                  $(OBJ)/tests/section/exc_standin.o
COW_CXX_DLL := $(firstword $(wildcard /usr/lib/gcc/x86_64-w64-mingw32/*-win32/libstdc++-6.dll))

$(COW_BENCH_T)/cow.dll: tests/bench/cow_dll.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $<

$(COW_BENCH_T)/cow_bench: $(OBJ)/tests/bench/cow_bench.o $(COW_BENCH_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(LDLIBS)

bench-cow: $(COW_BENCH_T)/cow_bench $(COW_BENCH_T)/cow.dll
	$(COW_BENCH_T)/cow_bench $(COW_BENCH_T)/cow.dll $(COW_CXX_DLL) tests/bench/results-cow.txt 16

BENCH_STEPS += bench-cow
.PHONY: bench-cow
