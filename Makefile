# The newcomer's commands: `make demo` and `make test`. Everything runs in .venv.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install migrate replay bench profile lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make demo: migrate data/crawler.db, crawl the bundled replay site, print a summary
demo: $(STAMP)
	$(BIN)/python -m replay.demo

## make test: the whole test suite (PostgreSQL tests run when TEST_POSTGRES_URL is set)
test: $(STAMP)
	$(BIN)/python -m pytest -q

migrate: $(STAMP)
	$(BIN)/crawler db upgrade

replay: $(STAMP)
	$(BIN)/python -m replay --port 8800

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## make profile: py-spy flame graphs (bench/results/profile-*.svg) of extraction and a crawl
profile: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.profile

clean:
	rm -rf $(VENV) data .pytest_cache

## make lint: ruff's rules (style, imports, likely bugs, complexity) and its formatter, as CI runs them
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
