# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-browser test-all lint format bench bench-national install assets migrate demo clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (python3.11 not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

src/hatecrime/static/build/app.css: node_modules/.installed assets/scss/app.scss scripts/build-assets.mjs
	npm run --silent build

assets: src/hatecrime/static/build/app.css

migrate: install
	$(BIN)/hatecrime migrate --no-input

demo: migrate
	$(BIN)/hatecrime demo

run: install assets
	@scripts/run.sh

test: install assets
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install assets
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

test-all: test test-browser

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# Every benchmark runs and prints its figures; the target fails at the end if any missed its goal.
bench: install assets
	@failed=""; for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "missed their targets or failed:$$failed"; exit 1; fi

# The staff pages over 43 forces' ten years (5,000,000 reports, about 32 GiB and 15 minutes on
# two cores; `make bench` runs bench/national.py at 500,000): docs/adr/0790-national-scale.md.
bench-national: install assets
	$(BIN)/python bench/national.py --reports 5000000

clean:
	rm -rf $(VENV) node_modules src/hatecrime/static/build var/static
