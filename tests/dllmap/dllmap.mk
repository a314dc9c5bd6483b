# tests/dllmap/: dllmap against the kernel, on Wine, on dllshare processes,
# its errors, and its HTML page in headless Chromium.
DMT := $(B)/tests/dllmap
DMT_PY := python3 tests/dllmap

$(DMT)/dmprobe: tests/dllmap/dmprobe.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

# Page-aligned in the file (FileAlignment = SectionAlignment = 4 KiB), so
# the file mapped whole is the image as laid out in memory.
$(DMT)/probe.dll: tests/dllmap/probe_dll.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -nostdlib -s \
		-Wl,--file-alignment,4096 -Wl,--section-alignment,4096 \
		-Wl,--entry,probe_entry -o $@ $<

$(DMT)/block.exe: tests/dllmap/block.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

DMT_BITS := $(BIN)/dllmap $(DMT)/dmprobe $(DMT)/probe.dll

test-dllmap-kernel: $(DMT_BITS)
	@$(DMT_PY)/test_kernel.py $(DMT) $(DMT)/dmprobe $(DMT)/probe.dll

test-dllmap-errors: $(DMT_BITS)
	@$(DMT_PY)/test_errors.py $(DMT) $(DMT)/dmprobe $(DMT)/probe.dll

test-dllmap-wine: $(BIN)/dllmap $(DMT)/block.exe
	@$(DMT_PY)/test_wine.py $(DMT)/block.exe $(WINEPREFIX_DIR)

# Headless Chromium draws the --html page; the screenshot stays at
# build/tests/dllmap/dllmap.png.
test-dllmap-html: $(DMT_BITS)
	@$(DMT_PY)/test_html.py $(DMT) $(DMT)/dmprobe $(DMT)/probe.dll

TEST_STEPS += test-unit-dllmap test-san-dllmap test-dllmap-kernel \
              test-dllmap-errors test-dllmap-wine test-dllmap-html
.PHONY: test-dllmap-kernel test-dllmap-errors test-dllmap-wine \
        test-dllmap-html

# Unit tests: tools/ without its main(), and pe/.
$(eval $(call unit_test,dllmap,tests/unit/test_dllmap.c,$(DM_LIB_OBJS) $(PE_OBJS),$(DM_LIB_SAN_OBJS) $(PE_SAN_OBJS),))

# dllshare processes, read through their records (`dllshare map --hold`).
test-dllmap-record: $(BIN)/dllmap $(BIN)/dllshare $(DMT)/probe.dll \
                    $(B)/samples/cow/cow.exe
	@$(DMT_PY)/test_record.py $(DMT) $(BIN)/dllshare $(DMT)/probe.dll \
		$(B)/samples/cow/cow.exe

TEST_STEPS += test-dllmap-record
.PHONY: test-dllmap-record

# The --html page's replay and frames views, driven in headless Chromium
# over the DevTools pipe; screenshots stay at build/tests/dllmap/replay-*.png.
test-dllmap-replay: $(BIN)/dllmap $(BIN)/dllshare $(B)/samples/cow/cow.exe
	@$(DMT_PY)/test_replay.py $(DMT) $(BIN)/dllshare \
		$(B)/samples/cow/cow.exe

TEST_STEPS += test-dllmap-replay
.PHONY: test-dllmap-replay

# The thread stacks in the --html page and their growth in its replay
# (samples/stack held on its stdin pipe), in headless Chromium.
test-dllmap-replay-stacks: $(BIN)/dllmap $(BIN)/dllshare \
		$(B)/samples/stack/stack.exe
	@$(DMT_PY)/test_replay_stacks.py $(DMT) $(BIN)/dllshare \
		$(B)/samples/stack/stack.exe

TEST_STEPS += test-dllmap-replay-stacks
.PHONY: test-dllmap-replay-stacks

# The live view (--watch) in a tmux pane, against samples/lazy.
test-dllmap-watch: $(BIN)/dllmap $(BIN)/dllshare $(B)/samples/lazy/lazy.exe
	@$(DMT_PY)/test_watch.py $(BIN)/dllmap $(BIN)/dllshare \
		$(B)/samples/lazy/lazy.exe

TEST_STEPS += test-dllmap-watch
.PHONY: test-dllmap-watch

# Windows thread stacks of a dllshare process (samples/stack held on its
# stdin pipe) against the TEB's addresses, maps and pagemap.
test-dllmap-stacks: $(BIN)/dllmap $(BIN)/dllshare $(B)/samples/stack/stack.exe
	@$(DMT_PY)/test_stacks.py $(DMT) $(BIN)/dllshare \
		$(B)/samples/stack/stack.exe

TEST_STEPS += test-dllmap-stacks
.PHONY: test-dllmap-stacks
