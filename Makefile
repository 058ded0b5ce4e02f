# Two commands for a newcomer: `make run` and `make test`. Each sets up .venv on its own.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1
export PYTHAINLP_DATA := $(CURDIR)/models/pythainlp-data
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test check eval bench chat audit clean

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

check: $(STAMP)
	$(BIN)/python -m knowledge check

PORT ?= 8000

run: $(STAMP)
	$(BIN)/python -m bot db upgrade
	$(BIN)/python -m bot build
	@echo "Serving the demo page, the website chat and the LINE webhook on http://127.0.0.1:$(PORT)"
	$(BIN)/gunicorn -c python:bot.serving --preload --workers 2 --threads 4 --bind 127.0.0.1:$(PORT) --timeout 30 --reuse-port --no-control-socket "bot:create_app()"

chat: $(STAMP)
	$(BIN)/python -m bot chat

test: check
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python eval/run_eval.py

bench: $(STAMP)
	$(BIN)/python bench/bench_core.py; core=$$?; $(BIN)/python bench/bench_server.py; server=$$?; test $$core -eq 0 -a $$server -eq 0

# Known vulnerabilities in the pinned requirements. --strict: a package the service cannot look up is an
# error, not a silent pass. Needs PyPI's per-version JSON API (or OSV); this build machine's mirror lacks it.
audit: $(STAMP)
	$(BIN)/pip-audit -r requirements.txt --strict

clean:
	rm -rf $(VENV) instance .pytest_cache eval/out bench/out tests/out
