# Every target works from a fresh clone: the virtual environment is made on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help check site serve test lint bench browser clean schema

help:
	@echo "make serve   preview the publication at http://127.0.0.1:8000"
	@echo "make site    build the static site into site/"
	@echo "make check   verify every excerpt and verdict (factcheck check)"
	@echo "make test    install everything the tests need and run ruff, mypy and pytest"
	@echo "make schema  regenerate schema/claim.json and schema/source.json"
	@echo "make bench   time the engine on 10,000 generated claims and the site on 3,000"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/factcheck check

schema: $(STAMP)
	$(BIN)/factcheck schema

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Debian's Chromium drives the browser tests; Playwright never downloads its own.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

test: $(STAMP) browser lint
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python tests/bench.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
