# Pamyat: two commands on a fresh machine, `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: setup demo mirror crawl build serve test lint bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	command -v chromium >/dev/null || apt-get install -y -qq chromium \
		|| echo "The browser tests need Debian's chromium: apt-get install chromium"
	touch $@

mirror: setup
	$(BIN)/pamyat mirror build

crawl: mirror
	$(BIN)/pamyat crawl --mirror

build: setup
	$(BIN)/pamyat build

serve: setup
	$(BIN)/pamyat serve --host $(HOST) --port $(PORT)

demo: crawl build serve

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python -m bench.identity
	$(BIN)/python -m bench.mentions
	$(BIN)/python -m bench.portal
