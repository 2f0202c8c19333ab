# footcite: `make run` runs the main job on the bundled example, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/bekes-2002.txt
STYLE := chicago-notes-bibliography

.PHONY: run test lint bib clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

bib: $(STAMP)
	$(BIN)/footcite parse $(EXAMPLE) --format csl-json -o bib/bekes-2002.json --overwrite
	$(BIN)/footcite parse $(EXAMPLE) --format bibtex -o bib/bekes-2002.bib --overwrite
	$(BIN)/footcite format $(EXAMPLE) --style $(STYLE) -o bib/bekes-2002.notes.txt --overwrite

run: bib
	@echo "wrote bib/bekes-2002.json, bib/bekes-2002.bib, bib/bekes-2002.notes.txt"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache
