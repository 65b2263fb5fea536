"""Server interceptors, outermost first: request context + logging, auth, error mapping.

Each wraps the method handler's behaviour, so it runs in the handler's own task and sees every
kind of RPC, streaming included.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, NoReturn

import grpc
import structlog
from grpc.aio import ServicerContext

from server.domain.errors import DomainError, Unauthenticated
from server.domain.models import Principal
from server.services.principals import PrincipalService
from server.transport import errors
from server.transport.context import set_principal

log = structlog.get_logger("agentbuilder.rpc")

Behaviour = Callable[[Any, ServicerContext], Any]
UnaryAround = Callable[[Behaviour, Any, ServicerContext], Awaitable[Any]]
StreamAround = Callable[[Behaviour, Any, ServicerContext], AsyncIterator[Any]]

# RPCs anyone may call: load balancers probe health, grpcurl needs reflection to list services.
PUBLIC_SERVICES = (
    "/grpc.health.v1.Health/",
    "/grpc.reflection.v1alpha.ServerReflection/",
    "/grpc.reflection.v1.ServerReflection/",
)


async def _call(behaviour: Behaviour, request: Any, context: ServicerContext) -> Any:
    result = behaviour(request, context)
    return await result if isinstance(result, Awaitable) else result


async def _iterate(behaviour: Behaviour, request: Any, context: ServicerContext) -> AsyncIterator:
    result = behaviour(request, context)
    if hasattr(result, "__aiter__"):
        async for response in result:
            yield response
    elif isinstance(result, Awaitable):  # a handler that writes with context.write()
        await result


def wrap_handler(
    handler: grpc.RpcMethodHandler, unary: UnaryAround, stream: StreamAround
) -> grpc.RpcMethodHandler:
    """Returns `handler` with `unary` around unary-response behaviours, `stream` around others."""
    serializers = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.unary_unary or handler.stream_unary:
        behaviour = handler.unary_unary or handler.stream_unary

        async def unary_behaviour(request: Any, context: ServicerContext) -> Any:
            return await unary(behaviour, request, context)

        factory = (
            grpc.unary_unary_rpc_method_handler
            if handler.unary_unary
            else grpc.stream_unary_rpc_method_handler
        )
        return factory(unary_behaviour, **serializers)

    behaviour = handler.unary_stream or handler.stream_stream

    async def stream_behaviour(request: Any, context: ServicerContext) -> AsyncIterator:
        async for response in stream(behaviour, request, context):
            yield response

    factory = (
        grpc.unary_stream_rpc_method_handler
        if handler.unary_stream
        else grpc.stream_stream_rpc_method_handler
    )
    return factory(stream_behaviour, **serializers)


class _WrappingInterceptor(grpc.aio.ServerInterceptor):
    """Base for interceptors that wrap a method's handler once and reuse the wrapped handler.

    Everything that varies per call happens inside the wrapped behaviour, so the wrapped handler
    of a method never changes; caching it keeps handler construction off the per-call path.
    """

    def __init__(self) -> None:
        self._wrapped: dict[str, grpc.RpcMethodHandler] = {}

    def wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        raise NotImplementedError

    async def intercept_service(self, continuation, handler_call_details):
        method = handler_call_details.method
        wrapped = self._wrapped.get(method)
        if wrapped is None:
            handler = await continuation(handler_call_details)
            if handler is None:  # unknown method: not cached, so junk names cannot grow the cache
                return None
            wrapped = self._wrapped[method] = self.wrap(method, handler)
        return wrapped


class _AroundInterceptor(_WrappingInterceptor):
    """Base for interceptors expressed as `before` and `after` hooks around each call."""

    def applies_to(self, method: str) -> bool:
        return True

    async def before(self, method: str, context: ServicerContext) -> Any:
        """Runs before the behaviour; its result is passed to `after`."""

    def after(self, state: Any, context: ServicerContext, error: BaseException | None) -> None:
        """Runs after the behaviour, with the exception it raised, if any."""

    def wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        if not self.applies_to(method):
            return handler
        interceptor = self

        async def unary(behaviour: Behaviour, request: Any, context: ServicerContext) -> Any:
            state = await interceptor.before(method, context)
            try:
                response = await _call(behaviour, request, context)
            except BaseException as error:
                interceptor.after(state, context, error)
                raise
            interceptor.after(state, context, None)
            return response

        async def stream(behaviour: Behaviour, request: Any, context: ServicerContext):
            state = await interceptor.before(method, context)
            try:
                async for response in _iterate(behaviour, request, context):
                    yield response
            except BaseException as error:
                interceptor.after(state, context, error)
                raise
            interceptor.after(state, context, None)

        return wrap_handler(handler, unary, stream)


def _metadata(context: ServicerContext, key: str) -> str | None:
    for name, value in context.invocation_metadata() or ():
        if name == key:
            return value
    return None


class RequestContextInterceptor(_AroundInterceptor):
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

        A call that raised without setting a code is logged as UNKNOWN.
        """
        code = context.code()
        if code is None:
            code = grpc.StatusCode.OK if error is None else grpc.StatusCode.UNKNOWN
        method, started = state
        # Health probes arrive every few seconds from balancers: keep them out of the INFO log.
        emit = log.debug if method.startswith("/grpc.health.v1.Health/") else log.info
        emit(
            "rpc finished",
            code=getattr(code, "name", str(code)),
            duration_ms=round((time.perf_counter() - started) * 1000, 3),
        )


class AuthInterceptor(_AroundInterceptor):
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


class ErrorInterceptor(_WrappingInterceptor):
    """Turns domain errors into their status (see errors.STATUS_CODES), anything else INTERNAL."""

    def wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        """Returns `handler` with any exception from its behaviour turned into the call's status."""

        async def unary(behaviour: Behaviour, request: Any, context: ServicerContext) -> Any:
            try:
                return await _call(behaviour, request, context)
            except Exception as error:  # noqa: BLE001 - mapped, never swallowed
                await _abort(context, error)

        async def stream(behaviour: Behaviour, request: Any, context: ServicerContext):
            try:
                async for response in _iterate(behaviour, request, context):
                    yield response
            except Exception as error:  # noqa: BLE001 - mapped, never swallowed
                await _abort(context, error)

        return wrap_handler(handler, unary, stream)


async def _abort(context: ServicerContext, error: Exception) -> NoReturn:
    """Ends the call with the status for `error` (see errors.STATUS_CODES); always raises."""
    if isinstance(error, grpc.aio.AbortError):
        raise error
    if isinstance(error, DomainError):
        await context.abort_with_status(errors.to_status(error))
    log.exception("unhandled error", exc_info=error)
    await context.abort_with_status(errors.internal_status())
