# Chronicle: `make demo` sets up and runs the demo; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: setup demo test browser-deps pg-deps bench lock clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

setup: $(VENV)/.installed

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/chronicle --db $(DEMO_DB) ingest examples/demo --manifest examples/demo/manifest.csv
	@echo; echo "== articles (syndicated copies marked)"; $(BIN)/chronicle --db $(DEMO_DB) articles
	@echo; echo "== timeline: the story's milestones (headline first; 'timeline' alone adds background, upcoming and undated sections)"; $(BIN)/chronicle --db $(DEMO_DB) timeline --top 12
	@echo; echo "== numbers in dispute (chronicle claims --disputed)"; $(BIN)/chronicle --db $(DEMO_DB) claims --disputed
	@echo; echo "== who said what: Arkady Zhelezov"; $(BIN)/chronicle --db $(DEMO_DB) quotes --speaker Zhelezov | head -20
	@echo; echo "== actors"; $(BIN)/chronicle --db $(DEMO_DB) entities | head -12
	@echo; echo "Next: $(BIN)/chronicle --db $(DEMO_DB) serve   (then open http://127.0.0.1:8000)"

test: setup browser-deps pg-deps
	$(BIN)/python -m pytest

# The browser tests' tools (tests/web/test_web_browser*.py): Debian's chromium and npm when missing
# and we are root (package registries only), then TimelineJS3 from npm into test-output/npm.
# Nothing here fails the build: a tool that cannot be installed is reported by the tests themselves
# (a visible skip, or a failure when CI is set).
TIMELINEJS ?= @knight-lab/timelinejs@3.9.11
NPM_DIR ?= test-output/npm
APT_INSTALL = [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -q >/dev/null && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q
browser-deps:
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium >/dev/null; } || echo "note: chromium is not installed"
	@command -v npm >/dev/null || { $(APT_INSTALL) npm >/dev/null; } || echo "note: npm is not installed"
	@[ -f $(NPM_DIR)/node_modules/@knight-lab/timelinejs/dist/js/timeline.js ] || { command -v npm >/dev/null && \
		npm install --prefix $(NPM_DIR) --no-audit --no-fund --silent $(TIMELINEJS); } || echo "note: $(TIMELINEJS) is not installed"

# The PostgreSQL store tests' server (tests/conftest.py starts its own from these binaries): Debian's
# postgresql when missing and we are root. Like browser-deps, nothing here fails the build: the
# tests say why they could not run (a visible skip, or a failure when CI is set).
pg-deps:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		{ $(APT_INSTALL) postgresql >/dev/null; } || echo "note: postgresql is not installed"

# Regenerate the hash-pinned lock from pyproject.toml (needs network access to PyPI).
lock:
	$(BIN)/python -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--extra web --extra test --extra bench --extra ray --extra postgres -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .$(DEMO_DB).ingest-lock
