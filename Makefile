# Every target installs what it is missing first, so `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
GO ?= $(shell command -v go || echo /usr/local/go/bin/go)
VENV := .venv
BIN := $(VENV)/bin
TOOLS := $(CURDIR)/.tools/bin
GRPCURL_VERSION := v1.9.4
GRPC_GATEWAY_VERSION := v2.33.0
GHZ_VERSION := v0.93.0
PROTOC_GEN_GO_VERSION := v1.36.12
PROTOC_GEN_GO_GRPC_VERSION := v1.6.2
# Go's own directory too: it may be installed outside PATH (/usr/local/go/bin).
export PATH := $(CURDIR)/$(BIN):$(TOOLS):$(PATH):$(patsubst %/,%,$(dir $(GO)))

.PHONY: run test gen lint breaking gateway-check browser bench bench-agents bench-sandbox bench-executions bench-observability bench-gateway install tools clean

## install: create .venv and install the server, the generated client and dev tools
install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml clients/python/pyproject.toml
	@test -x $(BIN)/python || { echo ">> creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo ">> installing agentbuilder and its dependencies into $(VENV)"
	$(BIN)/pip install --quiet -e clients/python -e '.[dev]'
	@touch $@

## tools: grpcurl and the protoc plugins (Go ones built into .tools/bin; protoc-gen-es by npm)
tools: $(TOOLS)/grpcurl $(TOOLS)/protoc-gen-openapiv2 $(TOOLS)/protoc-gen-go $(TOOLS)/protoc-gen-go-grpc clients/ts/node_modules/.package-lock.json
$(TOOLS)/grpcurl:
	@echo ">> building grpcurl $(GRPCURL_VERSION) into .tools/bin (first time only)"
	GOBIN=$(TOOLS) $(GO) install github.com/fullstorydev/grpcurl/cmd/grpcurl@$(GRPCURL_VERSION)
$(TOOLS)/protoc-gen-openapiv2:
	@echo ">> building protoc-gen-openapiv2 $(GRPC_GATEWAY_VERSION) into .tools/bin (first time only)"
	GOBIN=$(TOOLS) $(GO) install github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-openapiv2@$(GRPC_GATEWAY_VERSION)
$(TOOLS)/protoc-gen-go:
	@echo ">> building protoc-gen-go $(PROTOC_GEN_GO_VERSION) into .tools/bin (first time only)"
	GOBIN=$(TOOLS) $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@$(PROTOC_GEN_GO_VERSION)
$(TOOLS)/protoc-gen-go-grpc:
	@echo ">> building protoc-gen-go-grpc $(PROTOC_GEN_GO_GRPC_VERSION) into .tools/bin (first time only)"
	GOBIN=$(TOOLS) $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$(PROTOC_GEN_GO_GRPC_VERSION)
# The TypeScript client's packages (protoc-gen-es, Connect, tsc), as package-lock.json pins them.
clients/ts/node_modules/.package-lock.json: clients/ts/package-lock.json
	@command -v npm >/dev/null || { echo ">> WARNING: npm is missing: the TypeScript client is not built or tested"; exit 0; }; \
	  echo ">> installing the TypeScript client's packages (npm ci in clients/ts)"; \
	  cd clients/ts && npm ci --no-audit --no-fund --loglevel=error

## run: the whole dev stack on an embedded PostgreSQL (Ctrl-C stops it)
run: install
	$(BIN)/agentbuilder up $(ARGS)

## gen: regenerate the clients (Python, Go, TypeScript, Java), gateway files and README tables
gen: install tools
	$(BIN)/python scripts/gen.py
	$(BIN)/python scripts/config_table.py
	$(BIN)/python scripts/compose_envoy.py

## lint: buf lint on the protos, ruff on the Python code
lint: install
	$(BIN)/python scripts/gen.py deps
	buf lint
	$(BIN)/ruff check server sandbox_worker migrations tests bench scripts clients/python
	$(BIN)/ruff format --check server sandbox_worker migrations tests bench scripts clients/python

## breaking: buf breaking against the last commit that touched protos (or origin/main)
breaking: install
	$(BIN)/python scripts/gen.py deps
	scripts/buf-breaking.sh

## gateway-check: envoy --mode validate on gateway/envoy.yaml
gateway-check: install
	$(BIN)/envoy --mode validate -c gateway/envoy.yaml -l error

## browser: Debian's chromium for the browser test (apt-get, when it is missing and we may)
browser:
	@command -v chromium >/dev/null || { \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo ">> installing Debian chromium for the browser test (first time only)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo ">> WARNING: chromium is missing and cannot be installed here: the browser test is skipped"; \
	  fi; }

## test: start PostgreSQL (system 15 if present, else embedded) and run every test
test: install tools lint breaking gateway-check browser
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  echo ">> tests against $$url" && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS)

## bench: every benchmark below
bench: bench-agents bench-sandbox bench-executions bench-observability bench-gateway

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

## bench-gateway: REST through Envoy versus direct gRPC (wrk from Debian, ghz built with Go)
bench-gateway: install $(TOOLS)/ghz
	@command -v wrk >/dev/null || { echo ">> installing wrk (Debian)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/python bench/bench_gateway.py $(ARGS)
$(TOOLS)/ghz:
	@echo ">> building ghz $(GHZ_VERSION) into .tools/bin (first time only)"
	GOBIN=$(TOOLS) $(GO) install github.com/bojand/ghz/cmd/ghz@$(GHZ_VERSION)

## bench-sandbox: a trivial block through TestBlock next to in-process exec and `python -c`
bench-sandbox: install
	@url=$$($(BIN)/python scripts/test_db.py) && \
	  AGENTBUILDER_TEST_DATABASE_URL=$$url $(BIN)/python bench/bench_sandbox.py $(ARGS)

clean:
	rm -rf $(VENV) .tools build clients/ts/node_modules clients/ts/dist clients/java/target clients/go/build
