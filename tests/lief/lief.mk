# tests/lief/: cross-check pe/ against LIEF 0.9 over every PE file of the
# Wine and mingw-w64 DLL directories (test-lief).
LIEF_DUMP := $(B)/tests/lief/lief_dump
PE_DUMP   := $(B)/tests/lief/pe_dump
LIEF_DIRS := $(wildcard /usr/lib/x86_64-linux-gnu/wine/x86_64-windows \
                        /usr/lib/x86_64-linux-gnu/wine/i386-windows \
                        /usr/lib/gcc/x86_64-w64-mingw32/12-win32 \
                        /usr/lib/gcc/x86_64-w64-mingw32/12-posix \
                        /usr/x86_64-w64-mingw32/lib \
                        /usr/lib/gcc/i686-w64-mingw32/12-win32 \
                        /usr/i686-w64-mingw32/lib)

$(LIEF_DUMP): tests/lief/lief_dump.cpp | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	g++ -std=c++14 -O1 -Wall -o $@ $< -lLIEF

$(PE_DUMP): $(OBJ)/tests/lief/pe_dump.o $(PE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^

test-lief: $(LIEF_DUMP) $(PE_DUMP)
	tests/lief/compare.sh $(LIEF_DUMP) $(PE_DUMP) \
	    tests/lief/known-lief-defects.txt $(B)/tests/lief/out $(LIEF_DIRS)

TEST_STEPS += test-lief
.PHONY: test-lief
