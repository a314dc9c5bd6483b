# tests/malformed/: the malformed-image corpus (generated under build/) and
# the test that `dllshare inspect` refuses each image with its message.
MALFORMED_DIR := $(B)/tests/malformed
MALFORMED_GEN := $(MALFORMED_DIR)/gen_malformed

$(MALFORMED_GEN): $(OBJ)/tests/malformed/gen_malformed.o $(OBJ)/tests/pe/pe_build.o
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^

$(MALFORMED_DIR)/corpus/cases: $(MALFORMED_GEN)
	@rm -rf $(MALFORMED_DIR)/corpus && mkdir -p $(MALFORMED_DIR)/corpus
	$(MALFORMED_GEN) $(MALFORMED_DIR)/corpus

test-malformed: $(BIN)/dllshare $(MALFORMED_DIR)/corpus/cases
	tests/malformed/run.sh $(BIN)/dllshare $(MALFORMED_DIR)/corpus

TEST_STEPS += test-malformed
.PHONY: test-malformed
