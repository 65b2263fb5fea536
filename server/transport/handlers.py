"""The call pipeline: every concern a server has around its method handlers, run as one layer.

Observers (metrics, the access log) watch each call start, send and finish; guards (auth,
request checks) may refuse it; an error mapping turns what the behaviour raised into the call's
status. They run in the handler's own task and see every kind of RPC, streaming included.

They are one wrapper rather than one interceptor per concern because each layer of grpc.aio
interceptors costs every call a few nested coroutines; on a fast read that is measurable.
Used by the server and the sandbox worker alike.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NoReturn, Protocol

import grpc
from grpc.aio import ServicerContext


class CallObserver(Protocol):
    """Watches the calls of one method. Its hooks must be quick and must not raise."""

    def started(self, context: ServicerContext) -> None:
        """A call began."""

    def sent(self) -> None:
        """The call sent one response message."""

    def finished(self, code: grpc.StatusCode, seconds: float) -> None:
        """The call ended with `code` (see final_code), `seconds` after it began."""


class Observer(Protocol):
    """A concern that watches calls, such as metrics or the access log."""

    def observe(self, method: str, handler: grpc.RpcMethodHandler) -> CallObserver | None:
        """The observer for `method`'s calls, or None to leave them alone. Asked once per method."""


class Guard(Protocol):
    """A concern that may refuse a call before its behaviour runs, such as authentication."""

    def applies_to(self, method: str) -> bool:
        """Whether the guard checks `method`'s calls. Asked once per method."""

    def admit(self, request: Any, context: ServicerContext) -> Awaitable[None] | None:
        """Raises (or returns an awaitable that raises) to refuse the call."""


class ErrorMapping(Protocol):
    """Turns exceptions from guards and behaviours into the call's status."""

    def request_deserializer(self, handler: grpc.RpcMethodHandler) -> Callable | None:
        """A replacement for the handler's request deserializer, or None to keep it."""

    async def fail(self, context: ServicerContext, error: Exception) -> NoReturn:
        """Ends the call with the status for `error`; always raises."""


# A method handler's kind (the attribute holding its behaviour) and how to make one of it.
_FACTORIES = {
    "unary_unary": grpc.unary_unary_rpc_method_handler,
    "unary_stream": grpc.unary_stream_rpc_method_handler,
    "stream_unary": grpc.stream_unary_rpc_method_handler,
    "stream_stream": grpc.stream_stream_rpc_method_handler,
}


async def _reraise(context: ServicerContext, error: Exception) -> NoReturn:
    """The error mapping of a pipeline without one: grpc reports the exception."""
    raise error


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


class CallPipeline(grpc.aio.ServerInterceptor):
    """Observers, guards and an error mapping around every method handler, as one wrapper.

    Observers start in order and finish in reverse, and see the code an error became. Guards run
    in order before the behaviour. Without an error mapping, exceptions propagate to grpc.
    A method's handler is wrapped once and cached: everything per call happens inside it.
    """

    def __init__(
        self,
        observers: Sequence[Observer] = (),
        guards: Sequence[Guard] = (),
        errors: ErrorMapping | None = None,
    ) -> None:
        self.observers = tuple(observers)
        self.guards = tuple(guards)
        self.errors = errors
        self._wrapped: dict[str, grpc.RpcMethodHandler] = {}

    async def intercept_service(self, continuation, handler_call_details):
        method = handler_call_details.method
        wrapped = self._wrapped.get(method)
        if wrapped is None:
            handler = await continuation(handler_call_details)
            if handler is None:  # unknown method: not cached, so junk names cannot grow the cache
                return None
            wrapped = self._wrapped[method] = self.wrap(method, handler)
        return wrapped

    def wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        """Returns `handler` with the pipeline around its behaviour."""
        observers = [
            watcher
            for observer in self.observers
            if (watcher := observer.observe(method, handler)) is not None
        ]
        # Bound methods, looked up once: the per-call loops below are the hot path of every RPC.
        starts = tuple(watcher.started for watcher in observers)
        sends = tuple(watcher.sent for watcher in observers)
        finishes = tuple(watcher.finished for watcher in reversed(observers))
        admits = tuple(guard.admit for guard in self.guards if guard.applies_to(method))
        fail = self.errors.fail if self.errors else _reraise
        serializers = {
            "request_deserializer": (self.errors and self.errors.request_deserializer(handler))
            or handler.request_deserializer,
            "response_serializer": handler.response_serializer,
        }

        def begin(context: ServicerContext) -> float:
            for start in starts:
                start(context)
            return time.perf_counter()

        async def admit(request: Any, context: ServicerContext) -> None:
            for check in admits:
                pending = check(request, context)
                if pending is not None:
                    await pending

        def finish(context: ServicerContext, error: BaseException | None, began: float) -> None:
            code = final_code(context, error)
            seconds = time.perf_counter() - began
            for finished in finishes:
                finished(code, seconds)

        kind = next(kind for kind in _FACTORIES if getattr(handler, kind))
        behaviour = getattr(handler, kind)
        is_coroutine = inspect.iscoroutinefunction(behaviour)

        async def unary(request: Any, context: ServicerContext) -> Any:
            began = begin(context)
            error = None
            try:
                try:
                    if admits:
                        await admit(request, context)
                    response = behaviour(request, context)
                    if is_coroutine or inspect.isawaitable(response):
                        response = await response
                except Exception as raised:
                    await fail(context, raised)
                for send in sends:
                    send()
                return response
            except BaseException as raised:
                error = raised
                raise
            finally:
                finish(context, error, began)

        async def stream(request: Any, context: ServicerContext):
            began = begin(context)
            error = None
            try:
                try:
                    if admits:
                        await admit(request, context)
                    result = behaviour(request, context)
                    if hasattr(result, "__aiter__"):
                        async for response in result:
                            for send in sends:
                                send()
                            yield response
                    elif inspect.isawaitable(result):  # a handler that writes with context.write()
                        await result
                except Exception as raised:
                    await fail(context, raised)
            except BaseException as raised:
                error = raised
                raise
            finally:
                finish(context, error, began)

        return _FACTORIES[kind](unary if kind.endswith("_unary") else stream, **serializers)
