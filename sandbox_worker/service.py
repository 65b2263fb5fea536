"""SandboxService: validates a request, runs the code in a fresh child, reports.

Misbehaving code becomes a status in the response; RPC errors are only for invalid requests
(INVALID_ARGUMENT) and overload (RESOURCE_EXHAUSTED).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
import structlog
from agentbuilder.sandbox.v1 import sandbox_pb2, sandbox_pb2_grpc

from sandbox_worker import metrics, values
from sandbox_worker.children import ChildPool, ZygoteUnavailable
from sandbox_worker.policy import MAX_CODE_BYTES
from sandbox_worker.runtime import STDOUT_CAP_BYTES, TRUNCATION_MARK, check_output
from sandbox_worker.settings import WorkerSettings
from sandbox_worker.zygote import EXIT_ISOLATION_FAILED, encode_job
from server.domain.errors import DomainError, FieldViolation, InvalidArgument, ResourceExhausted
from server.transport.errors import to_status

log = structlog.get_logger("agentbuilder.sandbox")

Status = sandbox_pb2.ExecuteStatus
_STATUSES = {
    "OK": Status.EXECUTE_STATUS_OK,
    "COMPILE_ERROR": Status.EXECUTE_STATUS_COMPILE_ERROR,
    "RUNTIME_ERROR": Status.EXECUTE_STATUS_RUNTIME_ERROR,
    "MEMORY_LIMIT": Status.EXECUTE_STATUS_MEMORY_LIMIT,
    "OUTPUT_LIMIT": Status.EXECUTE_STATUS_OUTPUT_LIMIT,
}
MAX_EXECUTION_ID_CHARS = 200


class Overloaded(ResourceExhausted):
    """Every slot is busy and the queue is full."""

    reason = "SANDBOX_OVERLOADED"


# Above this many bytes, converting a message or result runs in a thread so that the event loop
# (other runs, health checks) keeps going.
CONVERT_IN_THREAD_BYTES = 64 * 1024
# Room kept in a response for everything but the output and stdout.
RESPONSE_MARGIN_BYTES = 64 * 1024


class Admission:
    """At most `slots` runs at once and `queue` waiting; beyond that, refuse at once."""

    def __init__(self, slots: int, queue: int) -> None:
        self.slots = asyncio.Semaphore(slots)
        self.queue = queue
        self.waiting = 0
        self.running = 0

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.slots.locked() and self.waiting >= self.queue:
            metrics.REJECTED.labels("overloaded").inc()
            raise Overloaded("every sandbox slot is busy and the queue is full; retry later")
        self.waiting += 1
        metrics.QUEUED.inc()
        try:
            await self.slots.acquire()
        finally:
            self.waiting -= 1
            metrics.QUEUED.dec()
        self.running += 1
        metrics.RUNNING.inc()
        try:
            yield
        finally:
            self.running -= 1
            metrics.RUNNING.dec()
            self.slots.release()


def _limits(request: sandbox_pb2.ExecuteRequest, settings: WorkerSettings) -> dict[str, int]:
    """The request's limits with defaults filled in; INVALID_ARGUMENT above the maximums."""
    violations = []
    code_bytes = len(request.code.encode("utf-8", "surrogatepass"))
    if code_bytes == 0:
        violations.append(FieldViolation("code", "must not be empty"))
    elif code_bytes > MAX_CODE_BYTES:
        violations.append(FieldViolation("code", f"must be at most {MAX_CODE_BYTES} bytes"))
    if len(request.execution_id) > MAX_EXECUTION_ID_CHARS:
        violations.append(
            FieldViolation("execution_id", f"must be at most {MAX_EXECUTION_ID_CHARS} characters")
        )
    limits = request.limits
    chosen = {
        "timeout_ms": limits.timeout_ms or settings.default_timeout_ms,
        "memory_mb": limits.memory_mb or settings.default_memory_mb,
        "max_output_bytes": limits.max_output_bytes or settings.default_max_output_bytes,
    }
    maximums = {
        "timeout_ms": settings.max_timeout_ms,
        "memory_mb": settings.max_memory_mb,
        "max_output_bytes": settings.max_output_bytes,
    }
    for name, value in chosen.items():
        if value > maximums[name]:
            violations.append(FieldViolation(f"limits.{name}", f"must be at most {maximums[name]}"))
    if violations:
        raise InvalidArgument(violations)
    return chosen


def _error(kind: str, message: str, line: int = 0) -> sandbox_pb2.ExecuteError:
    return sandbox_pb2.ExecuteError(type=kind, message=message, line=line)


def _output_limit(message: str) -> sandbox_pb2.ExecuteResponse:
    return sandbox_pb2.ExecuteResponse(
        status=Status.EXECUTE_STATUS_OUTPUT_LIMIT, error=_error("OutputLimit", message)
    )


def _from_exit(
    returncode: int, timed_out: bool, limits: dict[str, int]
) -> sandbox_pb2.ExecuteResponse:
    """The response for a child that ended without a valid result."""
    if timed_out:
        return sandbox_pb2.ExecuteResponse(
            status=Status.EXECUTE_STATUS_TIMEOUT,
            error=_error("Timeout", f"the run exceeded its {limits['timeout_ms']} ms time limit"),
        )
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):  # RLIMIT_CPU: soft, then hard
        return sandbox_pb2.ExecuteResponse(
            status=Status.EXECUTE_STATUS_TIMEOUT,
            error=_error("Timeout", "the run exceeded its CPU time limit"),
        )
    if returncode == EXIT_ISOLATION_FAILED:
        log.error("sandbox child could not isolate itself")
        reason = "the sandbox could not isolate the run"
    elif returncode < 0:
        reason = f"the run's process died ({signal.Signals(-returncode).name})"
    else:
        reason = f"the run's process ended without a valid result (exit {returncode})"
    return sandbox_pb2.ExecuteResponse(
        status=Status.EXECUTE_STATUS_RUNTIME_ERROR, error=_error("SandboxCrash", reason)
    )


def _parse_result(raw: bytes, limits: dict[str, int]) -> sandbox_pb2.ExecuteResponse | None:
    """Checks every field of a child's result; None when anything is off."""
    try:
        result = json.loads(raw)
        status = _STATUSES[result["status"]]
        response = sandbox_pb2.ExecuteResponse(status=status)
        stdout = result.get("stdout", "")
        if type(stdout) is not str or len(stdout) > STDOUT_CAP_BYTES + len(TRUNCATION_MARK):
            return None
        response.stdout = stdout
        if status == Status.EXECUTE_STATUS_OK:
            output_json = result["output_json"]
            if type(output_json) is not str or len(output_json) > limits["max_output_bytes"]:
                return None
            output = json.loads(output_json)
            # The child is untrusted once user code ran: check its output again here.
            check_output(output, limits["max_output_bytes"])
            values.from_python(output, response.output)
        else:
            error = result.get("error") or {}
            kind, message, line = (
                error.get("type", ""),
                error.get("message", ""),
                error.get("line", 0),
            )
            if status == Status.EXECUTE_STATUS_MEMORY_LIMIT and not kind:
                kind, message = "MemoryLimit", "the code ran out of memory"
            if type(kind) is not str or type(message) is not str or type(line) is not int:
                return None
            response.error.CopyFrom(_error(kind[:200], message[:2000], max(0, min(line, 1 << 31))))
        return response
    except (Exception, RecursionError):  # anything a forged result can cause: no answer
        return None


def _decode_input(request: sandbox_pb2.ExecuteRequest) -> dict[str, Any]:
    """Input and context as Python values; INVALID_ARGUMENT for what JSON cannot carry."""
    decoded = {}
    for name in ("input", "context"):
        try:
            decoded[name] = values.struct_to_python(getattr(request, name))
        except values.NotJson as error:
            raise InvalidArgument([FieldViolation(name, str(error))]) from None
    return decoded


async def _off_loop(size: int, function: Callable[..., Any], *args: Any) -> Any:
    """Runs a conversion in a thread when it is big enough to hold up the event loop."""
    if size > CONVERT_IN_THREAD_BYTES:
        return await asyncio.to_thread(function, *args)
    return function(*args)


class SandboxServicer(sandbox_pb2_grpc.SandboxServiceServicer):
    """Runs each Execute in a fresh isolated child from the pool."""

    def __init__(self, settings: WorkerSettings, children: ChildPool) -> None:
        self.settings = settings
        self.children = children
        self.admission = Admission(settings.slots, settings.queue)
        self._restart_lock = asyncio.Lock()

    async def Execute(  # noqa: N802 - gRPC method name
        self, request: sandbox_pb2.ExecuteRequest, context: grpc.aio.ServicerContext
    ) -> sandbox_pb2.ExecuteResponse:
        started = time.monotonic()
        try:
            limits = _limits(request, self.settings)
        except DomainError as error:
            metrics.REJECTED.labels("invalid_argument").inc()
            await context.abort_with_status(to_status(error))
        try:
            async with self.admission.slot():
                response = await self._execute(request, limits)
        except DomainError as error:
            await context.abort_with_status(to_status(error))
        elapsed = time.monotonic() - started
        response.duration_ms = int(elapsed * 1000)
        metrics.EXECUTIONS.labels(
            Status.Name(response.status).removeprefix("EXECUTE_STATUS_")
        ).inc()
        metrics.DURATION.observe(elapsed)
        log.info(
            "sandbox run",
            execution_id=request.execution_id,
            status=Status.Name(response.status),
            duration_ms=response.duration_ms,
        )
        return response

    async def _execute(
        self, request: sandbox_pb2.ExecuteRequest, limits: dict[str, int]
    ) -> sandbox_pb2.ExecuteResponse:
        decoded = await _off_loop(request.ByteSize(), _decode_input, request)
        # The code is compiled in the child, under the run's limits, never here.
        job = encode_job(request.code, {**decoded, **limits})
        del decoded
        # The result carries output JSON and stdout inside JSON: escaping can grow them 6-fold.
        max_result = 6 * (limits["max_output_bytes"] + STDOUT_CAP_BYTES) + 64 * 1024
        try:
            await self._ensure_zygote()
            child = await self.children.take_child()
            result = await self.children.run(child, job, limits["timeout_ms"], max_result)
            if result is None:
                return _output_limit("the run produced more data than its limits allow")
            # A complete, valid result answers the run even if the deadline fired meanwhile.
            response = await _off_loop(len(result), _parse_result, result, limits)
            if response is None:
                returncode, timed_out = await self.children.exit_status(child)
                response = _from_exit(returncode, timed_out, limits)
        except ZygoteUnavailable as error:
            log.error("sandbox run lost its zygote", error=str(error))
            return sandbox_pb2.ExecuteResponse(
                status=Status.EXECUTE_STATUS_RUNTIME_ERROR,
                error=_error("SandboxCrash", "the sandbox restarted during the run; retry it"),
            )
        if response.ByteSize() > self.settings.max_message_bytes - RESPONSE_MARGIN_BYTES:
            return _output_limit("the output does not fit in a response message")
        return response

    async def _ensure_zygote(self) -> None:
        """Restarts the zygote if it died (it never runs user code, so this is rare)."""
        if self.children.alive:
            return
        async with self._restart_lock:
            if not self.children.alive:
                log.warning("restarting the sandbox zygote")
                await self.children.close()
                await self.children.start()
