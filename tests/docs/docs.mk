# tests/docs/: every relative link of the README, docs/ and the samples'
# ABOUT.md files resolves (test-docs-links), and the README's five-minute
# tour, run command by command, still prints what the README shows, and
# so does the dllmap picture of a grown stack in docs/exceptions.md
# (test-docs-tour).
test-docs-links:
	@python3 tests/docs/links.py . tests/docs/pending-links.txt \
		README.md docs/*.md samples/*/ABOUT.md

test-docs-tour: $(BIN)/dllshare $(BIN)/dllmap $(SB)/counter/counter.exe \
		$(SB)/cow/cow.exe $(SB)/stack/stack.exe
	@mkdir -p $(B)/test-logs
	@TOUR_LOG_DIR=$(B)/test-logs python3 tests/docs/tour.py . README.md \
		docs/exceptions.md

TEST_STEPS += test-docs-links test-docs-tour
.PHONY: test-docs-links test-docs-tour
