# Service Mirror: `make run` opens the dashboard on the bundled sample; `make test` runs every test.
# Both create the local virtual environment (.venv) first when it is missing or out of date.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test lint format sample validate screenshot bench-exports bench-ingest bench-analytics bench-app bench-path bench-database bench-load bench-upload mutation clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run dashboard/server.py --server.port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

sample: $(STAMP)
	$(BIN)/servicemirror sample

validate: $(STAMP)
	$(BIN)/servicemirror validate sample_data

bench-exports: $(STAMP)
	$(BIN)/python bench/exports.py

bench-ingest: $(STAMP)
	$(BIN)/python bench/ingest.py

bench-analytics: $(STAMP)
	$(BIN)/python bench/analytics.py

bench-database: $(STAMP)
	$(BIN)/python bench/database.py

bench-load: $(STAMP)
	$(BIN)/python bench/load.py

bench-upload: $(STAMP)
	$(BIN)/python bench/upload.py

bench-app: $(STAMP)
	$(BIN)/python bench/app.py

bench-path: $(STAMP)
	$(BIN)/python bench/critical_path.py

# Mutation testing of the analytics (mutmut; long, not part of `make test`): every mutant of the
# statistical modules against the unit tests that cover it, then the score per module
mutation: $(STAMP)
	$(BIN)/mutmut run --max-children $(or $(JOBS),2) > /dev/null
	$(BIN)/python bench/mutation.py

screenshot: $(STAMP)
	$(BIN)/python docs/screenshot.py docs/screenshot.png

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis mutants
