"""Prometheus metrics of a sandbox worker (bounded labels only: never ids or code)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

EXECUTIONS = Counter(
    "agentbuilder_sandbox_executions_total",
    "Sandbox runs that ended, by outcome.",
    ["status"],
)
DURATION = Histogram(
    "agentbuilder_sandbox_execution_seconds",
    "Wall-clock time of sandbox runs, admission to answer.",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
REJECTED = Counter(
    "agentbuilder_sandbox_rejected_total",
    "Execute calls refused before running, by reason.",
    ["reason"],
)
RUNNING = Gauge("agentbuilder_sandbox_running", "Runs executing now.")
QUEUED = Gauge("agentbuilder_sandbox_queued", "Runs waiting for a slot.")
CHILDREN_READY = Gauge(
    "agentbuilder_sandbox_children_ready", "Isolated children forked and waiting for a job."
)
