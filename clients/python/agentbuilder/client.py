"""Calling an agentbuilder server with an API key (hand-written; the rest is generated).

The convenience clients set the key on every call, give unary calls a default deadline, fill an
empty `request_id` with a UUID (so a repeated create returns what the first attempt made) and
let gRPC retry the calls in RETRYABLE_METHODS when they fail with UNAVAILABLE (a server
restarting, a database failover).

    from agentbuilder.client import AgentBuilderClient
    from agentbuilder.v1 import agent_service_pb2 as agents

    async with AgentBuilderClient("localhost:50051", api_key) as client:
        reply = await client.agents.ListAgents(agents.ListAgentsRequest())

    with SyncAgentBuilderClient("localhost:50051", api_key) as client:
        reply = client.agents.ListAgents(agents.ListAgentsRequest())

`connect()` is the bare asyncio channel with the key, for code that makes its own stubs.
"""

from __future__ import annotations

import collections
import json
import uuid

import grpc
from google.rpc import error_details_pb2, status_pb2

from agentbuilder.v1 import (
    agent_service_pb2_grpc,
    block_service_pb2_grpc,
    execution_service_pb2_grpc,
    metrics_service_pb2_grpc,
    tool_service_pb2_grpc,
    workflow_service_pb2_grpc,
)

DEFAULT_TIMEOUT_SECONDS = 10.0

# The calls gRPC may repeat when one fails with UNAVAILABLE: the server may have done the work
# before the failure (a connection lost during COMMIT), so only calls that are safe to repeat
# are listed. Reads, CancelExecution (idempotent) and the creates, which this client always
# sends with a request_id (see _with_request_id). Updates, deletes, PublishWorkflow, TestBlock,
# ResumeExecution and RetryExecution are never retried. A stream is retried only before its first
# message; resume a broken one with StreamExecution(after_sequence=<last sequence seen>).
RETRYABLE_METHODS = {
    "agentbuilder.v1.AgentService": ["GetAgent", "ListAgents", "ListAgentVersions", "CreateAgent"],
    "agentbuilder.v1.ToolService": ["GetTool", "ListTools", "CreateTool"],
    "agentbuilder.v1.BlockService": ["GetBlock", "ListBlocks", "ListBlockVersions", "CreateBlock"],
    "agentbuilder.v1.WorkflowService": [
        "GetWorkflow",
        "ListWorkflows",
        "ValidateWorkflow",
        "ListWorkflowVersions",
        "GetWorkflowVersion",
        "CreateWorkflow",
    ],
    "agentbuilder.v1.ExecutionService": [
        "GetExecution",
        "ListExecutions",
        "StreamExecution",
        "StartExecution",
        "CancelExecution",
    ],
    "agentbuilder.v1.MetricsService": ["GetExecutionStats", "GetUsage", "GetSystemStatus"],
}


def retry_service_config(max_attempts: int = 4) -> str:
    """The retry policy gRPC applies itself: UNAVAILABLE only, RETRYABLE_METHODS only."""
    return json.dumps(
        {
            "methodConfig": [
                {
                    "name": [
                        {"service": service, "method": method}
                        for service, methods in RETRYABLE_METHODS.items()
                        for method in methods
                    ],
                    "retryPolicy": {
                        "maxAttempts": max_attempts,
                        "initialBackoff": "0.1s",
                        "maxBackoff": "2s",
                        "backoffMultiplier": 2,
                        "retryableStatusCodes": ["UNAVAILABLE"],
                    },
                }
            ]
        }
    )


def _with_request_id(request):
    """A copy of `request` with a fresh UUID in an empty `request_id` field, else `request`.

    The id is set once, before gRPC's retries, so every attempt carries the same one and the
    server returns what an earlier attempt created instead of creating it twice.
    """
    descriptor = getattr(request, "DESCRIPTOR", None)
    if descriptor is None or "request_id" not in descriptor.fields_by_name or request.request_id:
        return request
    copy = type(request)()
    copy.CopyFrom(request)
    copy.request_id = str(uuid.uuid4())
    return copy


def _channel_options(
    options: list[tuple[str, object]] | None, max_attempts: int
) -> list[tuple[str, object]]:
    chosen = list(options or [])
    if max_attempts > 1:
        chosen += [
            ("grpc.enable_retries", 1),
            ("grpc.service_config", retry_service_config(max_attempts)),
        ]
    else:
        chosen.append(("grpc.enable_retries", 0))
    return chosen


class _CallPolicy:
    """The key on every call; for unary calls a default deadline and, if asked, a request_id."""

    def __init__(
        self, api_key: str, unary_timeout: float | None, fill_request_ids: bool = False
    ) -> None:
        self._header = ("authorization", f"Bearer {api_key}")
        self._unary_timeout = unary_timeout
        self._fill_request_ids = fill_request_ids

    def _request(self, request):
        return _with_request_id(request) if self._fill_request_ids else request

    def _timeout(self, timeout: float | None, *, unary: bool) -> float | None:
        return self._unary_timeout if timeout is None and unary else timeout


# --- asyncio -------------------------------------------------------------------------------------


class _AioCallSettings(_CallPolicy):
    def _details(
        self, details: grpc.aio.ClientCallDetails, *, unary: bool
    ) -> grpc.aio.ClientCallDetails:
        metadata = grpc.aio.Metadata(*(details.metadata or ()))
        metadata.add(*self._header)
        return grpc.aio.ClientCallDetails(
            details.method,
            self._timeout(details.timeout, unary=unary),
            metadata,
            details.credentials,
            details.wait_for_ready,
        )


# grpc.aio files each interceptor under the first call kind it implements, so every kind needs an
# interceptor object of its own.
class _AioUnaryUnary(_AioCallSettings, grpc.aio.UnaryUnaryClientInterceptor):
    async def intercept_unary_unary(self, continuation, details, request):
        return await continuation(self._details(details, unary=True), self._request(request))


class _AioUnaryStream(_AioCallSettings, grpc.aio.UnaryStreamClientInterceptor):
    async def intercept_unary_stream(self, continuation, details, request):
        return await continuation(self._details(details, unary=False), request)


class _AioStreamUnary(_AioCallSettings, grpc.aio.StreamUnaryClientInterceptor):
    async def intercept_stream_unary(self, continuation, details, request_iterator):
        return await continuation(self._details(details, unary=False), request_iterator)


class _AioStreamStream(_AioCallSettings, grpc.aio.StreamStreamClientInterceptor):
    async def intercept_stream_stream(self, continuation, details, request_iterator):
        return await continuation(self._details(details, unary=False), request_iterator)


def connect(
    target: str,
    api_key: str,
    *,
    credentials: grpc.ChannelCredentials | None = None,
    options: list[tuple[str, object]] | None = None,
    unary_timeout: float | None = None,
    fill_request_ids: bool = False,
) -> grpc.aio.Channel:
    """An asyncio channel that sends `api_key` on every call; TLS when credentials are given.

    Only the key by default: AgentBuilderClient also asks for a unary deadline and request ids.
    """
    interceptors = [
        kind(api_key, unary_timeout, fill_request_ids)
        for kind in (_AioUnaryUnary, _AioUnaryStream, _AioStreamUnary, _AioStreamStream)
    ]
    if credentials is None:
        return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
    return grpc.aio.secure_channel(target, credentials, options=options, interceptors=interceptors)


class _Stubs:
    """One stub per public service on a channel."""

    def _make_stubs(self, channel) -> None:
        self.agents = agent_service_pb2_grpc.AgentServiceStub(channel)
        self.tools = tool_service_pb2_grpc.ToolServiceStub(channel)
        self.blocks = block_service_pb2_grpc.BlockServiceStub(channel)
        self.workflows = workflow_service_pb2_grpc.WorkflowServiceStub(channel)
        self.executions = execution_service_pb2_grpc.ExecutionServiceStub(channel)
        self.metrics = metrics_service_pb2_grpc.MetricsServiceStub(channel)


class AgentBuilderClient(_Stubs):
    """The asyncio client: `agents`, `tools`, `blocks`, `workflows`, `executions`, `metrics`.

    Unary calls get `timeout` seconds unless the call passes its own; streams have no default
    deadline (an execution may run for hours). Calls failing with UNAVAILABLE are retried up to
    `max_attempts` times in all; `max_attempts=1` turns retries off.
    """

    def __init__(
        self,
        target: str,
        api_key: str,
        *,
        credentials: grpc.ChannelCredentials | None = None,
        timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
        max_attempts: int = 4,
        options: list[tuple[str, object]] | None = None,
    ) -> None:
        self.channel = connect(
            target,
            api_key,
            credentials=credentials,
            options=_channel_options(options, max_attempts),
            unary_timeout=timeout,
            fill_request_ids=True,
        )
        self._make_stubs(self.channel)

    async def close(self) -> None:
        await self.channel.close()

    async def __aenter__(self) -> AgentBuilderClient:
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()


# --- blocking ------------------------------------------------------------------------------------


class _CallDetails(
    collections.namedtuple(
        "_CallDetails",
        ["method", "timeout", "metadata", "credentials", "wait_for_ready", "compression"],
    ),
    grpc.ClientCallDetails,
):
    pass


class _SyncCallSettings(
    _CallPolicy,
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """The blocking interceptor (the sync API takes one object for every kind of call)."""

    def _details(self, details: grpc.ClientCallDetails, *, unary: bool) -> _CallDetails:
        return _CallDetails(
            details.method,
            self._timeout(details.timeout, unary=unary),
            [*(details.metadata or ()), self._header],
            details.credentials,
            getattr(details, "wait_for_ready", None),
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._details(details, unary=True), self._request(request))

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._details(details, unary=False), request)

    def intercept_stream_unary(self, continuation, details, request_iterator):
        return continuation(self._details(details, unary=False), request_iterator)

    def intercept_stream_stream(self, continuation, details, request_iterator):
        return continuation(self._details(details, unary=False), request_iterator)


class SyncAgentBuilderClient(_Stubs):
    """The blocking client, with the same stubs, defaults and retries as AgentBuilderClient."""

    def __init__(
        self,
        target: str,
        api_key: str,
        *,
        credentials: grpc.ChannelCredentials | None = None,
        timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
        max_attempts: int = 4,
        options: list[tuple[str, object]] | None = None,
    ) -> None:
        chosen = _channel_options(options, max_attempts)
        if credentials is None:
            raw = grpc.insecure_channel(target, options=chosen)
        else:
            raw = grpc.secure_channel(target, credentials, options=chosen)
        self._raw_channel = raw
        self.channel = grpc.intercept_channel(
            raw, _SyncCallSettings(api_key, timeout, fill_request_ids=True)
        )
        self._make_stubs(self.channel)

    def close(self) -> None:
        self._raw_channel.close()

    def __enter__(self) -> SyncAgentBuilderClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


# --- errors --------------------------------------------------------------------------------------


def error_details(error: grpc.RpcError) -> dict[str, object]:
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
