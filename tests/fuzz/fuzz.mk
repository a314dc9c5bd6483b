# tests/fuzz/: libFuzzer over pe/ (ASan + UBSan).
#   make fuzz            fuzz for FUZZ_SECONDS (default 60), keeping the
#                        growing corpus in build/tests/fuzz/corpus
#   test-fuzz (a test step) does the same and ends with "N passed, N failed"
FUZZ_SECONDS ?= 60
FUZZ_DIR := $(B)/tests/fuzz
FUZZ_BIN := $(FUZZ_DIR)/fuzz_pe
# A few small real DLLs (imports, exports, forwarders, relocations) seed
# the fuzzer beside the malformed corpus (tests/malformed/malformed.mk
# builds it; that fragment is included after this one, hence the path).
FUZZ_REAL_SEEDS := $(wildcard $(addprefix /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/,\
                   icmp.dll sfc.dll security.dll lz32.dll normaliz.dll wmi.dll) \
                   /usr/lib/x86_64-linux-gnu/wine/i386-windows/zlib1.dll)

$(FUZZ_BIN): tests/fuzz/fuzz_pe.c $(PE_SRCS) pe/pe.h pe/internal.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(SAN_CC) -std=gnu11 -O1 -g -I. -D_GNU_SOURCE -Wall -Wextra -Werror \
	    -Wno-unused-parameter -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -o $@ tests/fuzz/fuzz_pe.c $(PE_SRCS)

# Two small import libraries (tests/exports/exports.mk; GNU dlltool's
# long form and the short import format) seed pe/implib.c.
FUZZ_IMPLIB_SEEDS := $(B)/tests/exports/gnu/libkernel32.a \
                     $(B)/tests/exports/llvm/libkernel32.a

# Inputs that once failed (tests/fuzz/regress/) are replayed as seeds on
# every run.
FUZZ_REGRESS := $(wildcard tests/fuzz/regress/*)

$(FUZZ_DIR)/seeds/.stamp: $(B)/tests/malformed/corpus/cases $(FUZZ_REAL_SEEDS) $(FUZZ_REGRESS) $(FUZZ_IMPLIB_SEEDS)
	@rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/seeds
	cp $(B)/tests/malformed/corpus/*.dll $(FUZZ_REAL_SEEDS) $(FUZZ_REGRESS) $(FUZZ_DIR)/seeds/
	cp $(B)/tests/exports/gnu/libkernel32.a $(FUZZ_DIR)/seeds/implib-gnu.a
	cp $(B)/tests/exports/llvm/libkernel32.a $(FUZZ_DIR)/seeds/implib-llvm.a
	@touch $@

fuzz test-fuzz: $(FUZZ_BIN) $(FUZZ_DIR)/seeds/.stamp
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	@tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(FUZZ_DIR)/corpus \
	    $(FUZZ_DIR)/seeds $(FUZZ_DIR)/crashes

TEST_STEPS += test-fuzz
.PHONY: test-fuzz
