"""Wrapping gRPC method handlers: the machinery every server interceptor here is built on.

An interceptor wraps a method handler's behaviour, so it runs in the handler's own task and sees
every kind of RPC, streaming included. Used by the server and the sandbox worker alike.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
from grpc.aio import ServicerContext

Behaviour = Callable[[Any, ServicerContext], Any]
UnaryAround = Callable[[Behaviour, Any, ServicerContext], Awaitable[Any]]
StreamAround = Callable[[Behaviour, Any, ServicerContext], AsyncIterator[Any]]


async def call_behaviour(behaviour: Behaviour, request: Any, context: ServicerContext) -> Any:
    """Runs a unary-response behaviour (async or not) to its response."""
    result = behaviour(request, context)
    return await result if isinstance(result, Awaitable) else result


async def iterate_behaviour(
    behaviour: Behaviour, request: Any, context: ServicerContext
) -> AsyncIterator:
    """Runs a streaming-response behaviour, yielding what it yields."""
    result = behaviour(request, context)
    if hasattr(result, "__aiter__"):
        async for response in result:
            yield response
    elif isinstance(result, Awaitable):  # a handler that writes with context.write()
        await result


def wrap_handler(
    handler: grpc.RpcMethodHandler,
    unary: UnaryAround,
    stream: StreamAround,
    request_deserializer: Callable[[bytes], Any] | None = None,
) -> grpc.RpcMethodHandler:
    """Returns `handler` with `unary` around unary-response behaviours, `stream` around others.

    `request_deserializer`, if given, replaces the handler's.
    """
    serializers = {
        "request_deserializer": request_deserializer or handler.request_deserializer,
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


class WrappingInterceptor(grpc.aio.ServerInterceptor):
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


class InterceptorChain(WrappingInterceptor):
    """Several WrappingInterceptors run as one, outermost first.

    grpc.aio awaits every interceptor's intercept_service on every call; chained, the layers'
    wrapped handler is looked up once per call instead of once per layer.
    """

    def __init__(self, layers: list[WrappingInterceptor]) -> None:
        super().__init__()
        self.layers = layers

    def wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        for layer in reversed(self.layers):
            handler = layer.wrap(method, handler)
        return handler


class AroundInterceptor(WrappingInterceptor):
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
                response = await call_behaviour(behaviour, request, context)
            except BaseException as error:
                interceptor.after(state, context, error)
                raise
            interceptor.after(state, context, None)
            return response

        async def stream(behaviour: Behaviour, request: Any, context: ServicerContext):
            state = await interceptor.before(method, context)
            try:
                async for response in iterate_behaviour(behaviour, request, context):
                    yield response
            except BaseException as error:
                interceptor.after(state, context, error)
                raise
            interceptor.after(state, context, None)

        return wrap_handler(handler, unary, stream)


def final_code(context: ServicerContext, error: BaseException | None) -> grpc.StatusCode:
    """The status a call ends with, seen from around its behaviour.

    An abort has set the code already. A cancelled task is the client going away, or its
    deadline passing; any other exception without a code becomes UNKNOWN, as grpc reports it.
    """
    code = context.code()
    if isinstance(code, grpc.StatusCode):
        return code
    if error is None:
        return grpc.StatusCode.OK
    if isinstance(error, asyncio.CancelledError | GeneratorExit):  # GeneratorExit: stream closed
        remaining = context.time_remaining()
        if remaining is not None and remaining <= 0:
            return grpc.StatusCode.DEADLINE_EXCEEDED
        return grpc.StatusCode.CANCELLED
    return grpc.StatusCode.UNKNOWN
