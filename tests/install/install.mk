# tests/install/: `make install` and `make uninstall` used from outside the
# tree (test-install), the manual pages rendered without a warning
# (test-man), every option and environment variable the programs know named
# in them (test-options), and ./counter.exe through binfmt_misc as root
# (test-binfmt; skipped, saying why, where it cannot run).
test-install: $(BIN)/dllshare $(BIN)/dllmap $(SB)/counter/counter.exe
	@tests/install/install.sh "$(MAKE)" $(SB)/counter tests/samples/expected

test-man:
	@tests/install/man.sh man/dllshare.1 man/dllmap.1

test-options: $(BIN)/dllshare $(BIN)/dllmap
	@tests/install/options.sh $(BIN)/dllshare $(BIN)/dllmap man

# hello32.exe (an i386 image, 'MZ' too) comes from tests/run/build-ld.sh.
test-binfmt: $(BIN)/dllshare $(SB)/counter/counter.exe $(B)/tests/ld/.built
	@tests/install/binfmt.sh $(BIN)/dllshare $(SB)/counter \
		tests/samples/expected $(B)/tests/ld/hello32.exe

TEST_STEPS += test-install test-man test-options test-binfmt
.PHONY: test-install test-man test-options test-binfmt
