# Two commands for a fresh machine: `make demo` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Test processes: one per core (pytest-xdist); a file's tests stay in one process.
TEST_WORKERS ?= auto

.PHONY: demo snapshot test lint lock messages clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

demo: $(STAMP)
	$(BIN)/followup demo

# Ingest the sample corpus afresh and ship the result as the snapshot `make demo` loads; run it
# after changing the sample corpus or what reads, extracts, classifies or links documents.
snapshot: $(STAMP)
	$(BIN)/followup demo --build-snapshot

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# Re-pin every dependency (with hashes) after editing pyproject.toml.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

# Collect the interface's strings into the translation files, then compile them.
messages: $(STAMP)
	cd src/followup && ../../$(BIN)/django-admin makemessages -l es -l pt -l fr --no-obsolete --settings followup.settings
	cd src/followup && ../../$(BIN)/django-admin compilemessages --settings followup.settings

clean:
	rm -rf $(VENV) var screenshots .pytest_cache
