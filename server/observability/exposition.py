"""The Prometheus /metrics endpoint of a process (server or sandbox worker)."""

from __future__ import annotations

from prometheus_client import start_http_server


def serve_metrics(host: str, port: int) -> int:
    """Serves /metrics over HTTP on host:port from a daemon thread; returns the bound port.

    Port 0 picks a free one.
    """
    http_server, _ = start_http_server(port, addr=host)
    return http_server.server_port
