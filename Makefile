# CoachSite: `make run` serves the site with demo data, `make test` runs the whole suite.
PYTHON ?= python3
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app coachsite
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

.PHONY: run test install install-test migrate demo bench drills clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

# axe-core, injected by the browser tests to check accessibility.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js (sudo apt-get install nodejs npm)"; exit 1; }
	npm ci --silent --no-audit --no-fund
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test node_modules/.installed

migrate: install
	COACHSITE_ENV=$${COACHSITE_ENV:-development} $(FLASK) db upgrade

demo: migrate
	COACHSITE_ENV=$${COACHSITE_ENV:-development} $(FLASK) demo

run: migrate
	@COACHSITE_ENV=$${COACHSITE_ENV:-development} $(FLASK) demo --first-run
	@echo "Serving http://127.0.0.1:$(PORT)  (Ctrl+C stops)"
	COACHSITE_ENV=$${COACHSITE_ENV:-development} $(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install-test
	@if [ -z "$(CHROMIUM)" ]; then \
	  echo "Chromium is missing, so the browser tests cannot run."; \
	  echo "Install it with:  sudo apt-get install chromium   (then run make test again)"; \
	  exit 1; fi
	COACHSITE_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	@touch $@

# The benchmark suite (never part of `make test`): club-scale data served by gunicorn, measured on
# loopback; writes docs/performance.md. PostgreSQL too when initdb is installed (a throwaway server).
bench: BENCH_STARTED := $(shell date +%s)
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py --started $(BENCH_STARTED) $(if $(shell command -v initdb),--postgres)

# The robustness drills of issue 8 (never part of `make test`): bench/load_mix.py (trainers planning and
# runners logging against gunicorn with 4 workers, wrk when installed) and bench/fault_drills.py (a worker
# killed mid-POST, a write lock past the busy timeout, a full disk). On SQLite, and on PostgreSQL too when
# initdb is installed (a throwaway server, stopped at the end). Loopback only, bounded in time; both run
# even when the first fails, and the target fails when either did.
DRILLS_PG = $(if $(shell command -v initdb),--postgres)
drills: $(VENV)/.installed
	@status=0; \
	$(BIN)/python bench/load_mix.py $(DRILLS_PG) || status=1; \
	$(BIN)/python bench/fault_drills.py $(DRILLS_PG) || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
