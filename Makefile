# Apology Composer — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench torture screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/apology-composer --sample

lint: $(STAMP)
	$(BIN)/ruff check composer ui tests
	$(BIN)/ruff format --check composer ui tests
	$(BIN)/mypy

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

torture: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.torture

screenshots: $(STAMP)
	bash docs/make_screenshots.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache
