"""Connecting to an agentbuilder server with an API key (hand-written; the rest is generated).

from agentbuilder.client import connect
from agentbuilder.v1 import agent_service_pb2 as agents, agent_service_pb2_grpc

async with connect("localhost:50051", api_key) as channel:
    stub = agent_service_pb2_grpc.AgentServiceStub(channel)
    reply = await stub.ListAgents(agents.ListAgentsRequest())
"""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2, status_pb2


class _BearerToken:
    """Adds `authorization: Bearer <key>` to a call's metadata."""

    def __init__(self, api_key: str) -> None:
        self._header = ("authorization", f"Bearer {api_key}")

    def _with_key(self, details: grpc.aio.ClientCallDetails) -> grpc.aio.ClientCallDetails:
        metadata = grpc.aio.Metadata(*(details.metadata or ()))
        metadata.add(*self._header)
        return grpc.aio.ClientCallDetails(
            details.method, details.timeout, metadata, details.credentials, details.wait_for_ready
        )


# grpc.aio files each interceptor under the first call kind it implements, so every kind needs an
# interceptor object of its own.
class _UnaryUnaryKey(_BearerToken, grpc.aio.UnaryUnaryClientInterceptor):
    async def intercept_unary_unary(self, continuation, details, request):
        return await continuation(self._with_key(details), request)


class _UnaryStreamKey(_BearerToken, grpc.aio.UnaryStreamClientInterceptor):
    async def intercept_unary_stream(self, continuation, details, request):
        return await continuation(self._with_key(details), request)


class _StreamUnaryKey(_BearerToken, grpc.aio.StreamUnaryClientInterceptor):
    async def intercept_stream_unary(self, continuation, details, request_iterator):
        return await continuation(self._with_key(details), request_iterator)


class _StreamStreamKey(_BearerToken, grpc.aio.StreamStreamClientInterceptor):
    async def intercept_stream_stream(self, continuation, details, request_iterator):
        return await continuation(self._with_key(details), request_iterator)


def connect(
    target: str,
    api_key: str,
    *,
    credentials: grpc.ChannelCredentials | None = None,
    options: list[tuple[str, object]] | None = None,
) -> grpc.aio.Channel:
    """An asyncio channel that sends `api_key` on every call; TLS when credentials are given."""
    interceptors = [
        kind(api_key)
        for kind in (_UnaryUnaryKey, _UnaryStreamKey, _StreamUnaryKey, _StreamStreamKey)
    ]
    if credentials is None:
        return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
    return grpc.aio.secure_channel(target, credentials, options=options, interceptors=interceptors)


def error_details(error: grpc.aio.AioRpcError) -> dict[str, object]:
    """The google.rpc.Status details of a failed call, keyed by type (ErrorInfo, BadRequest)."""
    found: dict[str, object] = {}
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            for cls in (error_details_pb2.ErrorInfo, error_details_pb2.BadRequest):
                if detail.Is(cls.DESCRIPTOR):
                    message = cls()
                    detail.Unpack(message)
                    found[cls.DESCRIPTOR.name] = message
    return found
