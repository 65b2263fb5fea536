# Every target installs what it is missing first, so `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
GO ?= $(shell command -v go || echo /usr/local/go/bin/go)
VENV := .venv
BIN := $(VENV)/bin
TOOLS := $(CURDIR)/.tools/bin
GRPCURL_VERSION := v1.9.4
export PATH := $(CURDIR)/$(BIN):$(TOOLS):$(PATH)

.PHONY: run test gen lint breaking bench bench-agents bench-sandbox bench-executions bench-observability install tools clean

## install: create .venv and install the server, the generated client and dev tools
install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml clients/python/pyproject.toml
	@test -x $(BIN)/python || { echo ">> creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo ">> installing agentbuilder and its dependencies into $(VENV)"
	$(BIN)/pip install --quiet -e clients/python -e '.[dev]'
	@touch $@

## tools: grpcurl (built from the Go module proxy into .tools/bin)
tools: $(TOOLS)/grpcurl
$(TOOLS)/grpcurl:
	@echo ">> building grpcurl $(GRPCURL_VERSION) into .tools/bin (first time only)"
	GOBIN=$(TOOLS) $(GO) install github.com/fullstorydev/grpcurl/cmd/grpcurl@$(GRPCURL_VERSION)

## run: the whole dev stack on an embedded PostgreSQL (Ctrl-C stops it)
run: install
	$(BIN)/agentbuilder up $(ARGS)

## gen: regenerate Python stubs and the gateway descriptor set from protos/
gen: install
	$(BIN)/python scripts/gen.py

## lint: buf lint on the protos, ruff on the Python code
lint: install
	$(BIN)/python scripts/gen.py deps
	buf lint
	$(BIN)/ruff check server sandbox_worker migrations tests bench scripts
	$(BIN)/ruff format --check server sandbox_worker migrations tests bench scripts

## breaking: buf breaking against the last commit that touched protos (or origin/main)
breaking: install
	$(BIN)/python scripts/gen.py deps
	scripts/buf-breaking.sh

## test: start PostgreSQL (system 15 if present, else embedded) and run every test
test: install tools lint breaking
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  echo ">> tests against $$url" && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS)

## bench: every benchmark below
bench: bench-agents bench-sandbox bench-executions bench-observability

## bench-agents: GetAgent/ListAgents throughput and latency next to a bare grpc.aio echo server
bench-agents: install
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/python bench/bench_agents.py $(ARGS)

## bench-executions: 10-node workflows end to end next to plain LangGraph; 500 subscribers
bench-executions: install
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/python bench/bench_executions.py $(ARGS)

## bench-observability: GetAgent with the metrics (and tracing) interceptors on versus off
bench-observability: install
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/python bench/bench_observability.py $(ARGS)

## bench-sandbox: a trivial block through TestBlock next to in-process exec and `python -c`
bench-sandbox: install
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/python bench/bench_sandbox.py $(ARGS)

clean:
	rm -rf $(VENV) .tools build
