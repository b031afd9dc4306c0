# StayPulse: `make demo` and `make test` work on a fresh machine with Python 3.11+ and pip.
# Both create .venv and install into it when needed, and are safe to run again.
# `make install` installs only what the bot needs to run (a production server gets no test or
# lint tools); `make test`, `lint` and `typecheck` add the dev tools to the same .venv.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.dev-installed-stamp

.PHONY: demo run test check lint typecheck pytest bench install compile clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

install: $(STAMP)

## The main job without a Telegram token: the real bot, against the local sandbox, on SQLite.
demo: $(STAMP)
	$(BIN)/staypulse demo

## The real bot against TELEGRAM_BASE_URL (needs TELEGRAM_BOT_TOKEN in .env).
run: $(STAMP)
	$(BIN)/staypulse db upgrade
	$(BIN)/staypulse run

## The whole check: lint, type check, and the tests on SQLite and PostgreSQL.
test: lint typecheck pytest

## The inner loop, about three minutes: lint, types and the in-process tests on SQLite, every core
## (no end-to-end, soak, slow or PostgreSQL runs: `make test` has those, see docs/testing.md).
check: lint typecheck compile
	$(BIN)/pytest -q -n auto -m "not e2e and not slow" -k "not postgresql" \
		tests/surveys tests/analysis tests/bot tests/sandbox tests/test_imports.py

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy bot surveys analysis sandbox benchmarks tools

## The comment analyser's hot modules compiled with mypyc into build/compiled, where a C compiler
## is there: they read about a quarter more comments a second than the plain modules, and read
## each exactly as they do. Used only while analysis/ is as it was built from
## (analysis/compiled.py); a no-op when it still is; without a compiler, a message and the plain
## modules.
compile: $(DEV_STAMP)
	$(BIN)/python -m tools.compile_analysis

pytest: $(DEV_STAMP) compile
	$(BIN)/pytest

bench: $(DEV_STAMP) compile
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build/compiled .mypy_cache .ruff_cache .pytest_cache data/demo.db* data/chat.db*
