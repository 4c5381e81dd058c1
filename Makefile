# Two commands on a fresh machine: `make demo` builds the warehouse from the bundled sample and its
# HTML report, `make test` runs every test. Both create .venv and install the project when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared
TESTWH := build/test/newsfacts.duckdb

.PHONY: install demo docs test lint eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/newsfacts run
	$(BIN)/newsfacts report
	@echo "open the report in a browser: file://$(CURDIR)/warehouse/report/index.html"

# dbt's documentation site of the demo warehouse, one self-contained HTML file (read-only connection)
docs: demo
	rm -rf build/docs
	cd dbt_project && NEWSFACTS_DB=$(CURDIR)/warehouse/newsfacts.duckdb $(CURDIR)/$(BIN)/dbt --quiet docs generate \
		--static --profiles-dir readonly --target-path $(CURDIR)/build/docs --log-path $(CURDIR)/build/docs/logs
	@echo "dbt docs: file://$(CURDIR)/build/docs/static_index.html"

test: install
	$(BIN)/python -m pytest -q
	@echo "--- dbt build with every data test, on the bundled sample ---"
	rm -rf build/test
	$(BIN)/newsfacts run --input etl/sample --warehouse $(TESTWH) --quiet --strict

lint: install
	$(BIN)/ruff check etl tests scripts
	$(BIN)/mypy etl

eval: install
	$(BIN)/python scripts/eval_shared.py --shared $(SHARED)

bench: install
	$(BIN)/python scripts/bench_normalizer.py --mb 5
	$(BIN)/python scripts/bench.py

clean:
	rm -rf build warehouse/*.duckdb warehouse/.*.build dbt_project/target dbt_project/logs
