# dllshare — top-level build.
#
#   make            build build/bin/dllshare, build/bin/dllmap and every sample
#   make demo       build, then run the demo
#   make test       build and run every test (ends with "N passed, N failed")
#   make bench      run the benchmarks, side by side with their baselines
#   make coverage   how much of each built-in DLL exists (docs/coverage.md)
#   make fuzz       fuzz the PE parser (FUZZ_SECONDS=60)
#   make wine-check run every sample under Wine and under dllshare and compare
#   make install    install the programs, man pages, completion, docs and the
#                   samples' sources under $(DESTDIR)$(PREFIX) (install.mk);
#                   make uninstall removes exactly those
#
# Each directory contributes a fragment (*.mk) that appends to the variables
# below; this file only holds what they share.

.DEFAULT_GOAL := all
SHELL := /bin/bash

# The one version number: `dllshare --version`, `dllmap --version`, the man
# pages' footers (tests/install/ checks that they agree).
VERSION  := 0.1.0

B        := build
BIN      := $(B)/bin
OBJ      := $(B)/obj
CC       := gcc
CFLAGS   := -std=gnu11 -O2 -g -fno-strict-aliasing -Wall -Wextra -Werror \
            -Wno-unused-parameter -I. -D_GNU_SOURCE -ffunction-sections
LDFLAGS  :=
LDLIBS   := -lpthread

# Sanitizer build of the same sources (unit tests, fuzz target).
SAN_CC     := clang
SAN_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer -fno-strict-aliasing \
              -Wall -Wextra -Werror -Wno-unused-parameter -I. -D_GNU_SOURCE \
              -fsanitize=address,undefined -fno-sanitize-recover=all
SAN_OBJ    := $(B)/san

# Windows images (samples, test programs) are built with mingw-w64.
MINGW_CC     := x86_64-w64-mingw32-gcc
MINGW_CFLAGS := -O2 -Wall -Wextra -Werror -Wno-unused-parameter

# Wine, the reference.  One prefix under build/, created on first use.
# winedbg is disabled: an unhandled exception then ends the program the way
# it does on Windows without a debugger (exit status = exception code), not
# through a debugger session whose outcome depends on timing.
WINEPREFIX_DIR := $(abspath $(B)/wineprefix)
WINE := env WINEPREFIX=$(WINEPREFIX_DIR) WINEDEBUG=-all \
        WINEDLLOVERRIDES=winedbg.exe=d wine

# Fragments append to these.
ALL_TARGETS :=
TEST_STEPS  :=
BENCH_STEPS :=
CLEAN_EXTRA :=

# Installs missing Debian packages (as root) or prints the apt-get line.
DEPS_STAMP := $(B)/.deps-ok
$(DEPS_STAMP): tools/install-deps.sh
	@tools/install-deps.sh
	@mkdir -p $(B) && touch $@
deps: $(DEPS_STAMP)

# Generic compile rules: build/obj/<dir>/<file>.o from <dir>/<file>.c.
$(OBJ)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(SAN_OBJ)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(SAN_CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

# Order matters: tests/unit/unit.mk defines the unit_test macro the others
# call, and pe, loader, runtime come before what links them.
include tests/unit/unit.mk
include $(wildcard pe/*.mk) $(wildcard loader/*.mk) $(wildcard runtime/*.mk)
include $(wildcard tools/*.mk) $(wildcard samples/*.mk)
include install.mk
include $(filter-out tests/unit/unit.mk,$(wildcard tests/*.mk tests/*/*.mk))

all: $(DEPS_STAMP) $(ALL_TARGETS)
# Nothing is built before the packages that build it are installed (make -j).
$(ALL_TARGETS): | $(DEPS_STAMP)

# Every test step is a make target of its own; tests/run-steps.sh runs them in
# order, keeps each log under build/test-logs/, and sums the "N passed,
# N failed" line each step ends with into one closing line.
test: all
	@tests/run-steps.sh "$(MAKE)" $(TEST_STEPS)

bench: all
	@tests/run-steps.sh "$(MAKE)" $(BENCH_STEPS)

clean:
	rm -rf $(B)/obj $(B)/san $(B)/bin $(B)/tests $(B)/samples $(CLEAN_EXTRA)

.PHONY: all deps test bench clean demo fuzz wine-check coverage install \
        uninstall

-include $(shell find $(B)/obj $(B)/san -name '*.d' 2>/dev/null)
