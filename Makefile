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
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
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

# The fast tier first (no mirror, no demo, no subprocess), then the end-to-end tier on both
# cores (pytest-xdist, a test file per worker: each builds its own demo and serves it).
test: setup
	$(BIN)/pytest -m "not e2e"
	$(BIN)/pytest -m e2e -n 2 --dist loadfile

# Style, the layers' import contract (pyproject.toml [tool.importlinter]) and types in the core.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Benchmarks (bench/results.md links them all). The pipeline runs 1% and 10% of national
# volumes; `$(BIN)/python -m bench.pipeline --scale 1.0` runs 100% on demand.
bench: setup
	command -v redis-server >/dev/null || apt-get install -y -qq redis-server \
		|| echo "The scale-out benchmark needs Debian's redis-server: apt-get install redis-server"
	$(BIN)/python -m bench.identity
	$(BIN)/python -m bench.mentions
	$(BIN)/python -m bench.pipeline
	$(BIN)/python -m bench.trails
	$(BIN)/python -m bench.scale_out --dataset 10pct
	$(BIN)/python -m bench.portal --scale 1.0
	$(BIN)/python -m bench.heavy_sql
	$(BIN)/python -m bench.link
