"""Server interceptors, outermost first: request context + logging, auth, error mapping.

Each wraps the method handler's behaviour, so it runs in the handler's own task and sees every
kind of RPC, streaming included.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, NoReturn

import grpc
import structlog
from grpc.aio import ServicerContext

from server.domain.errors import DomainError, FieldViolation, InvalidArgument, Unauthenticated
from server.domain.models import Principal
from server.observability.tracing import record_rpc_status
from server.services.principals import PrincipalService
from server.transport import errors
from server.transport.context import set_principal
from server.transport.handlers import (
    AroundInterceptor,
    Behaviour,
    WrappingInterceptor,
    call_behaviour,
    final_code,
    iterate_behaviour,
    wrap_handler,
)

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


class RequestContextInterceptor(AroundInterceptor):
    """Binds a request id and the method to the log context; logs one line per RPC.

    Callers may send `x-request-id` metadata to find their call in the logs; otherwise one is made.
    """

    async def before(self, method: str, context: ServicerContext) -> Any:
        """Starts a fresh log context with `rpc` and `request_id`; returns (method, start time)."""
        request_id = _metadata(context, "x-request-id") or uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(rpc=method, request_id=request_id)
        return method, time.perf_counter()

    def after(self, state: Any, context: ServicerContext, error: BaseException | None) -> None:
        """Logs the status code and duration; health checks at DEBUG, everything else at INFO.

        A call that raised without setting a code is logged as UNKNOWN (CANCELLED or
        DEADLINE_EXCEEDED when its task was cancelled).
        """
        code = final_code(context, error)
        method, started = state
        # Health probes arrive every few seconds from balancers: keep them out of the INFO log.
        emit = log.debug if method.startswith("/grpc.health.v1.Health/") else log.info
        emit(
            "rpc finished",
            code=code.name,
            duration_ms=round((time.perf_counter() - started) * 1000, 3),
        )


class AuthInterceptor(AroundInterceptor):
    """Requires `authorization: Bearer <API key>` on every RPC but health and reflection."""

    def __init__(self, principals: PrincipalService) -> None:
        super().__init__()
        self.principals = principals

    def applies_to(self, method: str) -> bool:
        """Everything but the health and reflection services (PUBLIC_SERVICES)."""
        return not method.startswith(PUBLIC_SERVICES)

    async def before(self, method: str, context: ServicerContext) -> Any:
        """Authenticates the caller and makes it the current principal, or ends the call.

        A missing, malformed or unknown key aborts with UNAUTHENTICATED; other failures (say, an
        unreachable database) are mapped like any handler error.
        """
        try:
            principal = await self._authenticate(_metadata(context, "authorization"))
        except Exception as error:  # noqa: BLE001 - mapped like any handler error, never swallowed
            await _abort(context, error)
        set_principal(principal)
        structlog.contextvars.bind_contextvars(principal_id=str(principal.id))

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


class ErrorInterceptor(WrappingInterceptor):
    """Turns domain errors into their status (see errors.STATUS_CODES), anything else INTERNAL.

    A request whose bytes do not decode is INVALID_ARGUMENT (reason REQUEST_UNDECODABLE).
    """

    def wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        """Returns `handler` with any exception from its behaviour turned into the call's status."""

        async def unary(behaviour: Behaviour, request: Any, context: ServicerContext) -> Any:
            try:
                if isinstance(request, Undecodable):
                    raise _undecodable(request)
                return await call_behaviour(behaviour, request, context)
            except Exception as error:  # noqa: BLE001 - mapped, never swallowed
                await _abort(context, error)

        async def stream(behaviour: Behaviour, request: Any, context: ServicerContext):
            try:
                if isinstance(request, Undecodable):
                    raise _undecodable(request)
                async for response in iterate_behaviour(behaviour, request, context):
                    yield response
            except Exception as error:  # noqa: BLE001 - mapped, never swallowed
                await _abort(context, error)

        deserialize = handler.request_deserializer
        single_request = handler.unary_unary or handler.unary_stream
        tolerant = _tolerant(deserialize) if deserialize and single_request else None
        return wrap_handler(handler, unary, stream, tolerant)


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
