# Apology Composer — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench torture screenshots package translations built clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# the .qm and .mo files the app reads, built from the committed .ts and .po files
built: $(STAMP)
	$(BIN)/python -m ui.translations

run: built
	$(BIN)/apology-composer --sample

# the .ts and .po files take in every marked string (then translate what is new)
translations: $(STAMP)
	$(BIN)/python -m ui.translations update

lint: $(STAMP)
	$(BIN)/ruff check composer ui tests packaging
	$(BIN)/ruff format --check composer ui tests packaging
	$(BIN)/mypy

# one worker per core, up to four (each starts its own servers on loopback)
test: built lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --maxprocesses 4

bench: built
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

torture: built
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.torture

# the frozen folder, .tar.gz and .deb, each self-tested; installs and removes the .deb (root)
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	$(BIN)/python packaging/build.py

screenshots: built
	SCREENSHOTS_LANGUAGE=$(LANG) bash docs/make_screenshots.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache
