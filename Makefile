# Apology Composer — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench torture screenshots package clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/apology-composer --sample

lint: $(STAMP)
	$(BIN)/ruff check composer ui tests packaging
	$(BIN)/ruff format --check composer ui tests packaging
	$(BIN)/mypy

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

torture: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.torture

# the frozen folder, .tar.gz and .deb, each self-tested; installs and removes the .deb (root)
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	$(BIN)/python packaging/build.py

screenshots: $(STAMP)
	bash docs/make_screenshots.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache
