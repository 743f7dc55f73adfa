# The two commands a newcomer needs: `make demo` and `make test`. Everything else is for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The CPU build of torch, installed before the project so that the `neural` extra's "torch>=2.4"
# is already met (a plain `pip install torch` on Linux fetches a multi-GB CUDA build). Override
# with e.g. `make install TORCH="torch --index-url https://download.pytorch.org/whl/cpu"`.
TORCH  ?= torch==2.13.0
DEMO   := demo-output
DEMO_DB := sqlite:///$(CURDIR)/$(DEMO)/conflictlens.sqlite

.PHONY: install test-deps demo test bench bench-api bench-batch eval lint clean assets screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[dev,neural]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/conflictlens analyze examples/000_6ca5efe176715221.txt --published 2016-10-07 --source "Alwaght" \
		--db $(DEMO_DB) --output $(DEMO)/000_6ca5efe176715221.jsonl
	$(BIN)/conflictlens analyze examples/003_fa6d3bb78d6323a6.txt --published 2024-04-21 --source "TMJ News" \
		--db $(DEMO_DB) --output $(DEMO)/003_fa6d3bb78d6323a6.jsonl
	$(BIN)/conflictlens export --db $(DEMO_DB) --format acled-csv --output $(DEMO)/events.csv
	$(BIN)/conflictlens export --db $(DEMO_DB) --format geojson --output $(DEMO)/events.geojson
	$(BIN)/conflictlens summary --db $(DEMO_DB)
	@echo ""
	@echo "Where to look:"
	@echo "  $(DEMO)/*.jsonl          one Document per article: events with evidence spans, actors, places, framing"
	@echo "  $(DEMO)/events.csv       the events in ACLED's columns (open in a spreadsheet)"
	@echo "  $(DEMO)/events.geojson   the events on a map (QGIS, geojson.io)"
	@echo "  $(DEMO)/conflictlens.sqlite   the store: sqlite3 $(DEMO)/conflictlens.sqlite 'select * from events'"
	@echo "  web UI and API:              $(BIN)/conflictlens serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/"

# PostgreSQL and Chromium for the store and web UI tests (Debian packages; skipped if impossible).
test-deps:
	@sh scripts/install-test-deps.sh

test: install test-deps
	$(BIN)/python -m pytest -q

# Rebuild the vendored UI libraries (Leaflet, Cytoscape, world boundaries) from the npm registry.
assets:
	cd web && npm ci && node vendor.mjs

# The web UI's Playwright tests, saving each page's screenshot into docs/screenshots.
screenshots: install test-deps
	CONFLICTLENS_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q tests/web

bench: install
	$(BIN)/python benchmarks/bench_analyze.py

# conflictlens batch: local and Ray engines, 1 and 2 workers, on the same input in one run.
bench-batch: install
	$(BIN)/python benchmarks/bench_batch.py

# p50/p95 of filtered /api/events queries over 1M synthetic events in SQLite.
bench-api: install
	$(BIN)/python benchmarks/api_latency.py

eval: install
	$(BIN)/conflictlens eval all --json benchmarks/results/eval_latest.json \
		--baseline benchmarks/results/eval_baseline.json

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src/conflictlens

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .ruff_cache .mypy_cache
