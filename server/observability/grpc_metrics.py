"""The conventional gRPC server metrics (go-grpc-prometheus names), for the server and workers.

Labels are bounded: only methods the server implements are counted (unknown method names are
answered UNIMPLEMENTED by grpc before any interceptor wraps them), and codes are the 17
canonical ones.
"""

from __future__ import annotations

from typing import Any

import grpc
from grpc.aio import ServicerContext
from prometheus_client import Counter, Histogram

_LABELS = ["grpc_type", "grpc_service", "grpc_method"]
STARTED = Counter("grpc_server_started_total", "RPCs started on the server.", _LABELS)
HANDLED = Counter(
    "grpc_server_handled_total",
    "RPCs completed on the server, whatever their status.",
    [*_LABELS, "grpc_code"],
)
HANDLING_SECONDS = Histogram(
    "grpc_server_handling_seconds",
    "Time from the start of an RPC to its status, as the application saw it.",
    _LABELS,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)
MSG_RECEIVED = Counter(
    "grpc_server_msg_received_total", "Request messages received from clients.", _LABELS
)
MSG_SENT = Counter("grpc_server_msg_sent_total", "Response messages sent to clients.", _LABELS)


def rpc_type(handler: grpc.RpcMethodHandler) -> str:
    """UNARY, CLIENT_STREAM, SERVER_STREAM or BIDI_STREAM, as go-grpc-prometheus labels them."""
    if handler.unary_unary:
        return "UNARY"
    if handler.stream_unary:
        return "CLIENT_STREAM"
    if handler.unary_stream:
        return "SERVER_STREAM"
    return "BIDI_STREAM"


class _MethodMetrics:
    """One method's label children, bound once so a call only increments and observes."""

    def __init__(self, method: str, handler: grpc.RpcMethodHandler) -> None:
        service, _, name = method.lstrip("/").rpartition("/")
        self.labels = (rpc_type(handler), service, name)
        self.started_total = STARTED.labels(*self.labels)
        self.seconds = HANDLING_SECONDS.labels(*self.labels)
        # A streaming request's messages are not counted: only its one call is seen here.
        self.received = (
            None
            if handler.stream_unary or handler.stream_stream
            else MSG_RECEIVED.labels(*self.labels)
        )
        self.sent_total = MSG_SENT.labels(*self.labels)
        self.handled: dict[grpc.StatusCode, Any] = {}

    def started(self, context: ServicerContext) -> None:
        self.started_total.inc()
        if self.received is not None:
            self.received.inc()

    def sent(self) -> None:
        self.sent_total.inc()

    def finished(self, code: grpc.StatusCode, seconds: float) -> None:
        self.seconds.observe(seconds)
        child = self.handled.get(code)
        if child is None:
            child = self.handled[code] = HANDLED.labels(*self.labels, code.name)
        child.inc()


class GrpcMetrics:
    """Records grpc_server_* for every call, streaming included, with its final status code.

    An observer of the call pipeline (server.transport.handlers), so it sees the code an error
    became.
    """

    def observe(self, method: str, handler: grpc.RpcMethodHandler) -> _MethodMetrics:
        return _MethodMetrics(method, handler)
