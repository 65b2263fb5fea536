"""The server's domain metrics (Prometheus). Labels are bounded: never ids, names or user text.

LLM providers and models are user-chosen strings, so they become labels only when known: a
provider of PROVIDER_NAMES, a model the llm_prices table lists by name; "other" otherwise
(llm_labels).
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# Executions run from milliseconds (passthrough nodes) to hours (human input).
_EXECUTION_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600)
_STEP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)

EXECUTIONS_STARTED = Counter(
    "agentbuilder_executions_started_total", "Executions created by StartExecution."
)
EXECUTIONS_FINISHED = Counter(
    "agentbuilder_executions_finished_total",
    "Executions that reached a terminal status (SUCCEEDED, FAILED, CANCELLED).",
    ["status"],
)
EXECUTION_SECONDS = Histogram(
    "agentbuilder_execution_duration_seconds",
    "Time from an execution's first start to its terminal status.",
    ["status"],
    buckets=_EXECUTION_BUCKETS,
)
STEP_SECONDS = Histogram(
    "agentbuilder_step_duration_seconds",
    "Time one attempt of a node took, by node type and outcome.",
    ["node_type", "status"],
    buckets=_STEP_BUCKETS,
)
EXECUTIONS_ACTIVE = Gauge(
    "agentbuilder_executions_active", "Executions this server's runner is driving now."
)
STREAMS_OPEN = Gauge(
    "agentbuilder_execution_streams_open", "StreamExecution calls open on this server."
)
QUEUE_DEPTH = Gauge(
    "agentbuilder_execution_queue_depth",
    "Executions waiting to be claimed (QUEUED), in the whole database; sampled by runners.",
)
QUEUE_OLDEST_SECONDS = Gauge(
    "agentbuilder_execution_queue_oldest_seconds",
    "Age of the oldest QUEUED execution (0 when none); sampled by runners.",
)
LEASE_EXPIRIES = Counter(
    "agentbuilder_execution_lease_expiries_total",
    "Executions claimed again because their runner's lease expired (it died or stalled).",
)
SANDBOX_CALLS = Counter(
    "agentbuilder_sandbox_calls_total",
    "Sandbox runs the server asked its workers for, by outcome.",
    ["outcome"],
)
SANDBOX_CALL_SECONDS = Histogram(
    "agentbuilder_sandbox_call_duration_seconds",
    "Time a sandbox run took as the server saw it (network and queueing included).",
    buckets=_STEP_BUCKETS,
)
SANDBOX_WORKERS = Gauge("agentbuilder_sandbox_workers", "Sandbox workers configured.")
SANDBOX_WORKERS_HEALTHY = Gauge(
    "agentbuilder_sandbox_workers_healthy", "Sandbox workers reporting SERVING."
)
LLM_TOKENS = Counter(
    "agentbuilder_llm_tokens_total",
    "LLM tokens used by executions, by provider, model and kind (prompt or completion).",
    ["provider", "model", "kind"],
)
LLM_COST = Counter(
    "agentbuilder_llm_cost_usd_total",
    "Cost of LLM calls in US dollars (from the llm_prices table), by provider and model.",
    ["provider", "model"],
)
RESOURCES_CREATED = Counter(
    "agentbuilder_resources_created_total",
    "Resources created, by kind (agent, tool, block, workflow).",
    ["resource"],
)

OTHER = "other"


def llm_labels(provider: str, model: str, known_providers: tuple[str, ...], listed: bool):
    """The (provider, model) labels of an LLM call: known values only, else OTHER."""
    provider = provider.strip().lower()
    if provider not in known_providers:
        return OTHER, OTHER
    return provider, model if listed else OTHER
