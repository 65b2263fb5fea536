"""The Grafana dashboard and Prometheus config under deploy/ refer only to metrics that exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from prometheus_client import REGISTRY

import sandbox_worker.metrics  # noqa: F401 - registers the worker's metrics here too
import server.observability.grpc_metrics  # noqa: F401
import server.observability.metrics  # noqa: F401
from server.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
METRIC_NAME = re.compile(r"\b((?:grpc_server|agentbuilder)_[a-z_]+)\b")


def defined_samples() -> set[str]:
    """Every sample name our metrics can produce (counters' _total, histograms' _bucket...)."""
    return {sample for family in REGISTRY.collect() for sample in _sample_names(family)}


def _sample_names(family) -> list[str]:
    suffixes = {
        "counter": ["_total", "_created"],
        "histogram": ["_bucket", "_count", "_sum", "_created"],
        "gauge": [""],
    }.get(family.type, [""])
    return [family.name + suffix for suffix in suffixes]


def test_the_dashboard_queries_only_metrics_we_export():
    dashboard = json.loads((DEPLOY / "grafana" / "agentbuilder-dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert len(exprs) >= 20
    used = {name for expr in exprs for name in METRIC_NAME.findall(expr)}
    assert used <= defined_samples(), used - defined_samples()
    # Every metric family we define is on the dashboard (the *_created series aside).
    families = {
        family.name
        for family in REGISTRY.collect()
        if family.name.startswith(("agentbuilder_", "grpc_server_"))
    }
    shown = {family for family in families if any(name.startswith(family) for name in used)}
    unshown = (
        families
        - shown
        - {"grpc_server_started", "grpc_server_msg_received", "grpc_server_msg_sent"}
    )
    assert not unshown, unshown


def test_the_scrape_config_targets_the_default_metrics_ports():
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert set(jobs) == {"agentbuilder-server", "agentbuilder-sandbox-worker"}
    (server_target,) = jobs["agentbuilder-server"]["static_configs"][0]["targets"]
    assert server_target.endswith(f":{Settings.model_fields['metrics_port'].default}")
    assert len(jobs["agentbuilder-sandbox-worker"]["static_configs"][0]["targets"]) == 2
