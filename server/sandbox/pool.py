"""SandboxPool: the server's client for its sandbox workers.

Balances runs across healthy workers (round robin), follows each worker's health with a
long-lived Health.Watch stream, and retries a run on another worker only when the first one
certainly did not run it: it was unreachable, or refused the run as overloaded (when every
worker is full, it waits with backoff for a slot). A worker that dies during a run yields an
UNAVAILABLE result, never a second execution of the same code.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import grpc
import structlog
from agentbuilder.sandbox.v1 import sandbox_pb2, sandbox_pb2_grpc
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from sandbox_worker import values
from server.domain.errors import FieldViolation, InvalidArgument
from server.observability.metrics import (
    SANDBOX_CALL_SECONDS,
    SANDBOX_CALLS,
    SANDBOX_WORKERS,
    SANDBOX_WORKERS_HEALTHY,
)
from server.sandbox.results import RunError, RunLimits, RunResult, RunStatus

log = structlog.get_logger("agentbuilder.sandbox")

SERVICE_NAME = sandbox_pb2.DESCRIPTOR.services_by_name["SandboxService"].full_name
_STATUSES = {
    sandbox_pb2.EXECUTE_STATUS_OK: RunStatus.OK,
    sandbox_pb2.EXECUTE_STATUS_COMPILE_ERROR: RunStatus.COMPILE_ERROR,
    sandbox_pb2.EXECUTE_STATUS_RUNTIME_ERROR: RunStatus.RUNTIME_ERROR,
    sandbox_pb2.EXECUTE_STATUS_TIMEOUT: RunStatus.TIMEOUT,
    sandbox_pb2.EXECUTE_STATUS_MEMORY_LIMIT: RunStatus.MEMORY_LIMIT,
    sandbox_pb2.EXECUTE_STATUS_OUTPUT_LIMIT: RunStatus.OUTPUT_LIMIT,
}
# How long past the run's own time limit the pool waits for a worker's answer (queueing,
# transfer); the worker kills the run at its limit, so this only catches a hung worker.
ANSWER_MARGIN_SECONDS = 30.0
DEFAULT_TIMEOUT_MS = 5000
WATCH_RETRY_SECONDS = 0.5
OVERLOADED_REASON = "SANDBOX_OVERLOADED"  # ErrorInfo reason of a worker with every slot busy
OVERLOAD_BACKOFF_SECONDS = 0.05
MAX_OVERLOAD_BACKOFF_SECONDS = 1.0
CHANNEL_OPTIONS = [
    # A restarted worker is found again within about two seconds.
    ("grpc.initial_reconnect_backoff_ms", 200),
    ("grpc.min_reconnect_backoff_ms", 200),
    ("grpc.max_reconnect_backoff_ms", 2000),
    ("grpc.keepalive_time_ms", 10_000),
    ("grpc.keepalive_timeout_ms", 5_000),
]


@dataclass
class _Worker:
    address: str
    channel: grpc.aio.Channel
    stub: sandbox_pb2_grpc.SandboxServiceStub
    healthy: bool = False
    watcher: asyncio.Task | None = field(default=None, repr=False)


def _overloaded(error: grpc.aio.AioRpcError) -> bool:
    """True for the worker's own refusal to queue a run (a too-large message is not that)."""
    if error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:
        return False
    status = rpc_status.from_call(error)
    for detail in status.details if status else []:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.reason == OVERLOADED_REASON
    return False


def _unreachable(error: grpc.aio.AioRpcError) -> bool:
    """True when the call never reached a worker (so the code certainly did not run)."""
    if error.code() != grpc.StatusCode.UNAVAILABLE:
        return False
    text = f"{error.details()} {error.debug_error_string()}".lower()
    return "failed to connect" in text or "connection refused" in text


class SandboxPool:
    """Runs code on the configured sandbox workers."""

    def __init__(
        self,
        addresses: list[str],
        max_message_bytes: int = 8 * 1024 * 1024,
        interceptors: list[Any] | None = None,
    ) -> None:
        """`interceptors` go on every worker channel (tracing sends the trace context)."""
        options = [
            *CHANNEL_OPTIONS,
            ("grpc.max_receive_message_length", max_message_bytes),
            ("grpc.max_send_message_length", max_message_bytes),
        ]
        self.workers = []
        for address in addresses:
            channel = grpc.aio.insecure_channel(address, options=options, interceptors=interceptors)
            self.workers.append(
                _Worker(address, channel, sandbox_pb2_grpc.SandboxServiceStub(channel))
            )
        self._turn = itertools.count()
        SANDBOX_WORKERS.inc(len(self.workers))

    async def start(self) -> None:
        """Starts following every worker's health."""
        for worker in self.workers:
            worker.watcher = asyncio.create_task(self._watch(worker))

    async def close(self) -> None:
        for worker in self.workers:
            if worker.watcher:
                worker.watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker.watcher
            await worker.channel.close()
            self._set_healthy(worker, False)
        SANDBOX_WORKERS.dec(len(self.workers))

    @property
    def healthy_count(self) -> int:
        return sum(worker.healthy for worker in self.workers)

    async def wait_until_healthy(self, within_seconds: float) -> bool:
        """True once every worker reports SERVING, False if `within_seconds` pass first."""
        deadline = asyncio.get_running_loop().time() + within_seconds
        while self.healthy_count < len(self.workers):
            if asyncio.get_running_loop().time() > deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    async def _watch(self, worker: _Worker) -> None:
        """Keeps worker.healthy current: SERVING on its Watch stream, else not."""
        health = health_pb2_grpc.HealthStub(worker.channel)
        request = health_pb2.HealthCheckRequest(service=SERVICE_NAME)
        while True:
            try:
                async for response in health.Watch(request, wait_for_ready=True):
                    serving = response.status == health_pb2.HealthCheckResponse.SERVING
                    if serving != worker.healthy:
                        log.info("sandbox worker health", worker=worker.address, serving=serving)
                    self._set_healthy(worker, serving)
            except grpc.aio.AioRpcError:
                pass
            if worker.healthy:
                log.warning("sandbox worker lost", worker=worker.address)
            self._set_healthy(worker, False)
            await asyncio.sleep(WATCH_RETRY_SECONDS)

    @staticmethod
    def _set_healthy(worker: _Worker, healthy: bool) -> None:
        if healthy and not worker.healthy:
            SANDBOX_WORKERS_HEALTHY.inc()
        elif worker.healthy and not healthy:
            SANDBOX_WORKERS_HEALTHY.dec()
        worker.healthy = healthy

    def _candidates(self) -> list[_Worker]:
        """Healthy workers in round-robin order, then the others as a last resort."""
        if not self.workers:
            return []
        start = next(self._turn) % len(self.workers)
        ordered = self.workers[start:] + self.workers[:start]
        return [w for w in ordered if w.healthy] + [w for w in ordered if not w.healthy]

    async def execute(
        self,
        *,
        code: str,
        input: dict[str, Any],
        context: dict[str, Any],
        limits: RunLimits,
        execution_id: str,
    ) -> RunResult:
        """Runs code once on some worker. Worker trouble is an UNAVAILABLE result."""
        began = time.perf_counter()
        outcome = "ERROR"
        try:
            result = await self._execute(code, input, context, limits, execution_id)
            outcome = result.status.value
            return result
        except InvalidArgument:
            outcome = "INVALID_ARGUMENT"
            raise
        except asyncio.CancelledError:
            outcome = "CANCELLED"
            raise
        finally:
            SANDBOX_CALLS.labels(outcome).inc()
            SANDBOX_CALL_SECONDS.observe(time.perf_counter() - began)

    async def _execute(
        self,
        code: str,
        input: dict[str, Any],
        context: dict[str, Any],
        limits: RunLimits,
        execution_id: str,
    ) -> RunResult:
        request = sandbox_pb2.ExecuteRequest(
            code=code,
            limits=sandbox_pb2.Limits(
                timeout_ms=limits.timeout_ms,
                memory_mb=limits.memory_mb,
                max_output_bytes=limits.max_output_bytes,
            ),
            execution_id=execution_id,
        )
        request.input.update(input)
        request.context.update(context)
        answer_timeout = (limits.timeout_ms or DEFAULT_TIMEOUT_MS) / 1000 + ANSWER_MARGIN_SECONDS
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + answer_timeout
        backoff = OVERLOAD_BACKOFF_SECONDS
        while True:
            overloaded = False
            for worker in self._candidates():
                try:
                    response = await worker.stub.Execute(
                        request, timeout=max(0.1, give_up_at - loop.time())
                    )
                except grpc.aio.AioRpcError as error:
                    code_ = error.code()
                    if code_ == grpc.StatusCode.INVALID_ARGUMENT:
                        raise _invalid_argument(error) from None
                    if _overloaded(error):
                        overloaded = True  # refused before running: another may take it
                        continue
                    if _unreachable(error):
                        self._set_healthy(worker, False)
                        continue
                    log.warning(
                        "sandbox run lost",
                        worker=worker.address,
                        code=code_.name,
                        details=error.details(),
                        execution_id=execution_id,
                    )
                    return _unavailable(
                        "WorkerLost",
                        f"the sandbox worker failed during the run ({code_.name}); "
                        "it was not retried",
                    )
                if response is None:  # an answer that could not even be decoded
                    return _unavailable("WorkerLost", "the sandbox worker's answer was unreadable")
                return _result(response)
            if not overloaded:
                return _unavailable("NoSandboxWorker", "no sandbox worker is reachable")
            # Every reachable worker is full: wait for a slot rather than fail the run.
            if loop.time() + backoff > give_up_at:
                return _unavailable("SandboxOverloaded", "every sandbox worker stayed busy")
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_OVERLOAD_BACKOFF_SECONDS)


def _result(response: sandbox_pb2.ExecuteResponse) -> RunResult:
    error = None
    if response.HasField("error"):
        error = RunError(response.error.type, response.error.message, response.error.line)
    output = None
    if response.status == sandbox_pb2.EXECUTE_STATUS_OK and response.HasField("output"):
        output = values.to_python(response.output)
    return RunResult(
        status=_STATUSES.get(response.status, RunStatus.RUNTIME_ERROR),
        output=output,
        stdout=response.stdout,
        error=error,
        duration_ms=response.duration_ms,
    )


def _unavailable(kind: str, message: str) -> RunResult:
    return RunResult(status=RunStatus.UNAVAILABLE, error=RunError(kind, message))


def _invalid_argument(error: grpc.aio.AioRpcError) -> InvalidArgument:
    """A worker's INVALID_ARGUMENT (limits above its maximums) as a domain error."""
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    violations = []
    status = rpc_status.from_call(error)
    for detail in status.details if status else []:
        bad_request = error_details_pb2.BadRequest()
        if detail.Unpack(bad_request):
            violations += [
                FieldViolation(v.field, v.description) for v in bad_request.field_violations
            ]
    return InvalidArgument(violations or [FieldViolation("limits", error.details() or "invalid")])
