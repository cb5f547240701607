# Set-up and everyday commands. Needs python3 (3.11+) with venv, and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: run index serve test test-quick bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[office]'
	touch $@

$(TESTSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[office,test]'
	touch $@

# Index the archive (the bundled sample unless SARABAN_ARCHIVE is set), then serve it.
# Exit 1 from reindex means some files could not be read: they are named, the rest is served.
run: $(STAMP)
	$(BIN)/saraban reindex --jobs 2 || [ $$? -eq 1 ]
	$(BIN)/saraban serve --port $${PORT:-5000}

index: $(STAMP)
	$(BIN)/saraban reindex --jobs 2

serve: $(STAMP)
	$(BIN)/saraban serve --port $${PORT:-5000}

test: $(TESTSTAMP)
	$(BIN)/python -m pytest -q

# The quick tier while working (about a minute): leaves out the tests marked slow (real
# servers, subprocesses, large reindexes), ocr (Tesseract) and browser (Chromium).
test-quick: $(TESTSTAMP)
	$(BIN)/python -m pytest -q -m "not slow and not ocr and not browser"

# Benchmarks print figures (docs/performance.md); LETTERS=100000 for the goal's size.
bench: $(TESTSTAMP)
	$(BIN)/python scripts/bench_reindex.py --letters $${LETTERS:-20000} --jobs 2
	$(BIN)/python scripts/bench_search.py --letters $${LETTERS:-20000}

clean:
	rm -rf $(VENV) var
