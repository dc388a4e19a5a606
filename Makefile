# The two commands: `make run` and `make test`. Everything else is a step they share.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup db lint bench clean

run: db
	$(PY) -m streamlit run dashboard.py --server.port 8501 --server.headless true --browser.gatherUsageStats false

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest

setup: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Creates or migrates the schema, and loads the synthetic demo into an empty database.
db: setup
	$(PY) -m asn_metrics init-db
	$(PY) -m asn_metrics demo --if-empty

lint: setup
	$(PY) -m ruff check . && $(PY) -m ruff format --check . && $(PY) -m mypy

bench: setup
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
