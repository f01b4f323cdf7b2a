# One-command entry points (README): `make run` sets everything up and runs the main job;
# `make test` sets everything up and runs the linters and the tests.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STORE ?= .govkg/store
OUT ?= out

.PHONY: run test lint pytest bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "installing govkg and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	$(BIN)/python -m pip install -e '.[dev]' > $(VENV)/install.log 2>&1 || (tail -40 $(VENV)/install.log; exit 1)
	touch $@

run: $(VENV)/.installed
	$(BIN)/govkg ontology summary
	$(BIN)/govkg ontology check
	$(BIN)/govkg build --store $(STORE) --out $(OUT)/govkg.trig
	$(BIN)/govkg ontology validate --documents --store $(STORE)
	$(BIN)/govkg ontology check --documents --infer --store $(STORE)
	$(BIN)/govkg query who-holds-to-account --store $(STORE)
	$(BIN)/govkg query board-membership --store $(STORE)
	$(BIN)/govkg ontology docs -o $(OUT)/ontology-docs
	$(BIN)/govkg viz --store $(STORE) -o $(OUT)/govkg-explorer.html
	$(BIN)/govkg report --store $(STORE) -o $(OUT)/report

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

pytest: $(VENV)/.installed
	$(BIN)/python -m pytest

test: lint pytest

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .govkg $(OUT) .mypy_cache .pytest_cache .ruff_cache
