"""OpenTelemetry tracing for the server and the sandbox workers.

Off unless AGENTBUILDER_OTLP_ENDPOINT is set (or a test passes an exporter): then no gRPC
interceptor is installed and every tracer is a no-op, so tracing costs nothing. On, the gRPC
instrumentation traces every RPC but health checks and reflection, client calls to the sandbox
workers carry the W3C trace context, and runners open spans for executions and their steps.
"""

from __future__ import annotations

from typing import Any

import grpc
from opentelemetry import trace
from opentelemetry.instrumentation.grpc import (
    aio_client_interceptors,
    aio_server_interceptor,
    filters,
)
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SimpleSpanProcessor,
    SpanExporter,
)

from server import __version__

# Codes that mean the server failed, not the caller (OpenTelemetry's gRPC conventions).
_SERVER_FAULTS = frozenset(
    {
        grpc.StatusCode.UNKNOWN,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.UNIMPLEMENTED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DATA_LOSS,
    }
)
# Probes arrive every few seconds and grpcurl walks reflection: neither belongs in traces.
_UNTRACED = filters.negate(
    filters.any_of(
        filters.service_prefix("grpc.health.v1.Health"),
        filters.service_prefix("grpc.reflection."),
    )
)


class Tracing:
    """A process's tracer provider, or none (tracing off)."""

    def __init__(self, provider: TracerProvider | None = None) -> None:
        self.provider = provider

    @classmethod
    def configure(
        cls, service_name: str, otlp_endpoint: str = "", exporter: SpanExporter | None = None
    ) -> Tracing:
        """Tracing that exports to `otlp_endpoint` (OTLP/gRPC) or `exporter`; off with neither.

        An explicit exporter (tests) gets every span at once; OTLP is batched in a thread.
        """
        if not otlp_endpoint and exporter is None:
            return cls()
        provider = TracerProvider(
            resource=Resource.create({"service.name": service_name, "service.version": __version__})
        )
        if exporter is not None:
            provider.add_span_processor(SimpleSpanProcessor(exporter))
        if otlp_endpoint:
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

            provider.add_span_processor(
                BatchSpanProcessor(
                    OTLPSpanExporter(
                        endpoint=otlp_endpoint, insecure=otlp_endpoint.startswith("http://")
                    )
                )
            )
        return cls(provider)

    @property
    def enabled(self) -> bool:
        return self.provider is not None

    def tracer(self, name: str) -> trace.Tracer:
        """A tracer of this provider; a no-op one when tracing is off."""
        if self.provider is None:
            return trace.NoOpTracer()
        return self.provider.get_tracer(name, __version__)

    def server_interceptors(self) -> list[Any]:
        """The outermost server interceptor (none when off)."""
        if self.provider is None:
            return []
        return [aio_server_interceptor(tracer_provider=self.provider, filter_=_UNTRACED)]

    def client_interceptors(self) -> list[Any]:
        """Channel interceptors that trace calls and send the trace context (none when off)."""
        if self.provider is None:
            return []
        return aio_client_interceptors(tracer_provider=self.provider, filter_=_UNTRACED)

    def shutdown(self) -> None:
        """Exports what is still buffered; call once on shutdown."""
        if self.provider is not None:
            self.provider.shutdown()


def current_trace_ids() -> dict[str, str]:
    """trace_id and span_id (hex) of the current span, for log lines; empty outside a trace."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return {}
    return {"trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}


def record_rpc_status(status: grpc.Status) -> None:
    """Puts the status an RPC ends with on its server span.

    The instrumentation sees context.abort() but not abort_with_status(), which we use to
    send error details.
    """
    span = trace.get_current_span()
    if not span.is_recording():
        return
    span.set_attribute("rpc.grpc.status_code", status.code.value[0])
    if status.code in _SERVER_FAULTS:
        description = f"{status.code.name}: {status.details}"
        span.set_status(trace.Status(trace.StatusCode.ERROR, description))
