# The two commands of the README:
#   make serve   install the runtime only (pyproject's dependencies), then serve the example bible at http://127.0.0.1:8000
#   make test    install the rest too (the test and pdf extras; Debian's chromium if no browser), lint, run every test
# Everything Python goes into .venv, so nothing is installed system-wide.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PDF_STAMP  := $(VENV)/.installed-pdf
TEST_STAMP := $(VENV)/.installed-test
# Debian's chromium; elsewhere (GitHub's Ubuntu runners) the first browser of the list that exists.
CHROMIUM ?= $(or $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome)),/usr/bin/chromium)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export NO_MKDOCS_2_WARNING := 1
export STRATEGY_BIBLE_CHROMIUM := $(CHROMIUM)

.PHONY: serve workshop pdf test lint install install-pdf install-test browser clean bench bench-quick

# --dirty: an edit writes again the edited client's pages and the home, not every page (see
# plugins/strategy_bible/plugin/dirty_rebuild.py); the search index and menus stay whole.
serve: install
	$(BIN)/mkdocs serve --livereload --dirty

# A workshop with one client: its pages as the client sees them (client audience whatever the
# shell says), no agency home, no other client in the menus or the search. `make workshop CLIENT=slug`.
workshop: install
	@[ -n "$(CLIENT)" ] || { echo "usage: make workshop CLIENT=<slug>   (the name of a file of strategies/, without .yml)"; exit 2; }
	STRATEGY_BIBLE_AUDIENCE=client STRATEGY_BIBLE_CLIENTS=$(CLIENT) $(BIN)/mkdocs serve --livereload --dirty

# A client's latest review report as a PDF (`make pdf CLIENT=slug`; BIBLE=1 for its whole bible): Chromium
# prints it, so this installs Debian's chromium when there is no browser (make serve does not need one).
pdf: install-pdf browser
	@[ -n "$(CLIENT)" ] || { echo "usage: make pdf CLIENT=<slug> [BIBLE=1]"; exit 2; }
	$(BIN)/strategy-bible pdf $(CLIENT) $(if $(BIBLE),--bible)

# Two test processes, one per core; --dist loadfile keeps a file's tests (and its built sites) together.
test: install-test browser lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

# No finding allowed: ruff (lint and format), the layer contracts (import-linter), mypy (strict on the
# strategy and analysis layers). Settings in pyproject.toml.
lint: install-test
	$(BIN)/ruff check plugins tests benchmarks templates
	$(BIN)/ruff format --check plugins tests benchmarks templates
	$(BIN)/lint-imports
	$(BIN)/mypy

# Speed and memory benchmarks (benchmarks/README.md): `bench` writes docs/benchmarks.md (about 15
# minutes: builds of 1,000 clients, a served site of 100); `bench-quick` prints a smaller run.
bench: install
	$(BIN)/python -m benchmarks --out docs/benchmarks.md

bench-quick: install
	$(BIN)/python -m benchmarks --quick

# Three steps, each installed once (a stamp file) and again when pyproject.toml changes: the runtime
# for make serve; the pdf extra (Playwright, pypdf) for make pdf; the test extras for make test.
install: $(STAMP)
install-pdf: $(PDF_STAMP)
install-test: $(TEST_STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3-venv is missing: installing it with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(PDF_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[pdf]'
	@touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[pdf,test]'
	@touch $@

# Playwright's own browser download does not work everywhere: the tests drive Debian's chromium.
browser:
	@[ -x "$(CHROMIUM)" ] || { \
	  echo "no browser at $(CHROMIUM): installing Debian's chromium"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/tmp/strategy-bible-apt.log \
	  || { cat /tmp/strategy-bible-apt.log; exit 1; }; }

clean:
	rm -rf site $(VENV) .pytest_cache
