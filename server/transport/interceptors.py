"""The server's call pipeline: metrics and the access log, API-key auth, error statuses.

See server.transport.handlers for how observers, guards and the error mapping run.
"""

from __future__ import annotations

import random
from typing import Any, NoReturn

import grpc
import structlog
from grpc.aio import ServicerContext

from server.domain.errors import DomainError, FieldViolation, InvalidArgument, Unauthenticated
from server.domain.models import Principal
from server.logs import add_call_context, bind_call_context
from server.observability.grpc_metrics import GrpcMetrics
from server.observability.tracing import record_rpc_status
from server.services.principals import PrincipalService
from server.transport import errors
from server.transport.context import set_principal
from server.transport.handlers import CallPipeline

log = structlog.get_logger("agentbuilder.rpc")

# RPCs anyone may call: load balancers probe health, grpcurl needs reflection to list services.
PUBLIC_SERVICES = (
    "/grpc.health.v1.Health/",
    "/grpc.reflection.v1alpha.ServerReflection/",
    "/grpc.reflection.v1.ServerReflection/",
)


def _metadata(context: ServicerContext, key: str) -> str | None:
    for name, value in context.invocation_metadata() or ():
        if name == key:
            return value
    return None


class AccessLog:
    """Binds a request id and the method to the log context; logs one line per RPC.

    Callers may send `x-request-id` metadata to find their call in the logs; otherwise one is made.
    Health checks are logged at DEBUG (balancers probe every few seconds), everything else at INFO.
    """

    def __init__(self, logger: Any = log) -> None:
        self.logger = logger

    def observe(self, method: str, handler: grpc.RpcMethodHandler) -> _LoggedCalls:
        """Logs every call of `method`."""
        health = method.startswith("/grpc.health.v1.Health/")
        emit = self.logger.debug if health else self.logger.info
        return _LoggedCalls(method, emit)


class _LoggedCalls:
    def __init__(self, method: str, emit: Any) -> None:
        self.method = method
        self.emit = emit

    def started(self, context: ServicerContext) -> None:
        """Starts the call's log context with `rpc` and `request_id`."""
        # 128 random bits, like a UUID's hex, without uuid4's system call: an id to find log
        # lines by, not a secret.
        request_id = _metadata(context, "x-request-id") or f"{random.getrandbits(128):032x}"
        bind_call_context(rpc=self.method, request_id=request_id)

    def sent(self) -> None:
        pass

    def finished(self, code: grpc.StatusCode, seconds: float) -> None:
        self.emit("rpc finished", code=code.name, duration_ms=round(seconds * 1000, 3))


class ApiKeyAuth:
    """Requires `authorization: Bearer <API key>` on every RPC but health and reflection."""

    def __init__(self, principals: PrincipalService) -> None:
        self.principals = principals

    def applies_to(self, method: str) -> bool:
        """Everything but the health and reflection services (PUBLIC_SERVICES)."""
        return not method.startswith(PUBLIC_SERVICES)

    async def admit(self, request: Any, context: ServicerContext) -> None:
        """Authenticates the caller and makes it the current principal.

        A missing, malformed or unknown key raises Unauthenticated (UNAUTHENTICATED); other
        failures (say, an unreachable database) are mapped like any handler error.
        """
        principal = await self._authenticate(_metadata(context, "authorization"))
        set_principal(principal)
        add_call_context(principal_id=str(principal.id))

    async def _authenticate(self, header: str | None) -> Principal:
        if not header:
            raise Unauthenticated(
                "missing API key: send 'authorization: Bearer <key>' metadata",
                reason="API_KEY_MISSING",
            )
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise Unauthenticated(
                "malformed authorization metadata: expected 'Bearer <key>'",
                reason="API_KEY_MALFORMED",
            )
        return await self.principals.authenticate(key.strip())


class Undecodable:
    """Stands in for a request message whose bytes did not parse."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


def _tolerant(deserialize: Any) -> Any:
    """A request deserializer that returns Undecodable instead of raising.

    grpc answers a deserializer's exception with UNKNOWN, whose text is the exception's; bad
    bytes are the caller's error (INVALID_ARGUMENT), so the behaviour reports them.
    """

    def parse(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception as error:  # noqa: BLE001 - reported as INVALID_ARGUMENT
            return Undecodable(str(error))

    return parse


def _undecodable(request: Undecodable) -> InvalidArgument:
    error = InvalidArgument(
        [FieldViolation("", f"the request message could not be decoded: {request.problem}")]
    )
    error.reason = "REQUEST_UNDECODABLE"
    return error


class DecodedRequests:
    """Refuses a request whose bytes did not decode (see ErrorStatuses.request_deserializer)."""

    def applies_to(self, method: str) -> bool:
        """Every method: a single request is decoded tolerantly everywhere."""
        return True

    def admit(self, request: Any, context: ServicerContext) -> None:
        """Raises InvalidArgument for a request that did not decode."""
        if isinstance(request, Undecodable):
            raise _undecodable(request)


class ErrorStatuses:
    """Turns domain errors into their status (see errors.STATUS_CODES), anything else INTERNAL.

    Request bytes that do not decode reach the behaviour as Undecodable, so that DecodedRequests
    refuses them with INVALID_ARGUMENT (reason REQUEST_UNDECODABLE) rather than grpc's UNKNOWN.
    """

    def request_deserializer(self, handler: grpc.RpcMethodHandler) -> Any:
        """A deserializer that returns Undecodable instead of raising (single requests only)."""
        deserialize = handler.request_deserializer
        single_request = handler.unary_unary or handler.unary_stream
        return _tolerant(deserialize) if deserialize and single_request else None

    async def fail(self, context: ServicerContext, error: Exception) -> NoReturn:
        """Aborts the call with the status for `error`."""
        await _abort(context, error)


async def _abort(context: ServicerContext, error: Exception) -> NoReturn:
    """Ends the call with the status for `error` (see errors.STATUS_CODES); always raises."""
    if isinstance(error, grpc.aio.AbortError):
        raise error
    if isinstance(error, DomainError):
        status = errors.to_status(error)
    else:
        log.exception("unhandled error", exc_info=error)
        status = errors.internal_status()
    record_rpc_status(status)
    await context.abort_with_status(status)


def server_pipeline(principals: PrincipalService, metrics: bool) -> CallPipeline:
    """The server's pipeline: metrics (if on) and the access log watch; auth, then decoding."""
    observers: list[Any] = [GrpcMetrics()] if metrics else []
    observers.append(AccessLog())
    return CallPipeline(
        observers=observers,
        guards=[ApiKeyAuth(principals), DecodedRequests()],
        errors=ErrorStatuses(),
    )
