# Every target works from a fresh clone: the virtual environments are made on first use.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A second environment with ProperDocs, MkDocs' maintained fork: the suite builds with both.
PDVENV := .venv-properdocs
PDSTAMP := $(PDVENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help check site serve test lint bench browser properdocs clean schema

help:
	@echo "make serve       preview the publication at http://127.0.0.1:$(PORT) (PORT=8001 make serve)"
	@echo "make site        build the static site into site/ (replaced only by a good build)"
	@echo "make check       verify every excerpt and verdict (factcheck check)"
	@echo "make test        install everything the tests need and run ruff, mypy and pytest"
	@echo "make schema      regenerate schema/claim.json and schema/source.json"
	@echo "make lint        ruff and mypy only"
	@echo "make bench       time the engine on 10,000 generated claims and the site on 3,000"
	@echo "make browser     install Debian's Chromium for the browser tests, if missing"
	@echo "make properdocs  make $(PDVENV), which builds the site with ProperDocs"
	@echo "make clean       remove the environments, site/ and caches"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(PDSTAMP): pyproject.toml
	test -x $(PDVENV)/bin/python || $(PYTHON) -m venv $(PDVENV)
	$(PDVENV)/bin/python -m pip install --quiet --upgrade pip
	$(PDVENV)/bin/python -m pip install --quiet properdocs -e .
	touch $(PDSTAMP)

properdocs: $(PDSTAMP)

check: $(STAMP)
	$(BIN)/factcheck check

schema: $(STAMP)
	$(BIN)/factcheck schema

# Built aside and swapped in, so a failed build never leaves a half-written site/.
site: $(STAMP)
	rm -rf site.new
	$(BIN)/mkdocs build --strict --site-dir site.new
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv site.new site
	rm -rf site.old

serve: $(STAMP)
	@$(BIN)/python -c "import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); sys.exit(s.connect_ex(('127.0.0.1', $(PORT))) == 0)" || { \
		echo "port $(PORT) is taken (another preview?): stop it, or run: make serve PORT=8001"; exit 1; }
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Debian's Chromium drives the browser tests; Playwright never downloads its own.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

test: $(STAMP) $(PDSTAMP) browser lint
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python tests/bench.py

clean:
	rm -rf $(VENV) $(PDVENV) site site.new site.old .pytest_cache .mypy_cache .ruff_cache
