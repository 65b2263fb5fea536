"""Execution use cases: start, read, list, stream, cancel, resume and retry."""

from __future__ import annotations

import asyncio
import math
import uuid
from collections.abc import AsyncIterator
from typing import Any

from server.domain.errors import FailedPrecondition, FieldViolation, InvalidArgument
from server.domain.models import Principal
from server.domain.pagination import decode_time_id, encode_token, query_fingerprint, time_id_key
from server.domain.validation import page_size, raise_if, require_uuid
from server.engine.notifications import Notifications
from server.engine.runner import end_cancelled
from server.observability.metrics import EXECUTIONS_STARTED, STREAMS_OPEN
from server.persistence.database import Database
from server.persistence.executions import (
    CONTROL_CHANNEL,
    QUEUE_CHANNEL,
    TERMINAL_EVENTS,
    TERMINAL_STATUSES,
    ExecutionRepository,
    notify,
)
from server.persistence.repositories import AuditLog, WorkflowRepository, stored_graph
from server.services.idempotency import create_once
from server.services.workflows import WorkflowVersionNotFound

STATUSES = frozenset({"QUEUED", "RUNNING", "WAITING_FOR_INPUT", "SUCCEEDED", "FAILED", "CANCELLED"})
STREAM_POLL_SECONDS = 5.0  # re-read even without a notification, in case one was lost
MAX_REASON_CHARS = 1000


class ExecutionService:
    """Starts and controls the caller's executions; runners (server.engine) do the running."""

    def __init__(self, database: Database, notifications: Notifications | None) -> None:
        self.database = database
        self.notifications = notifications
        self._reads: dict[tuple[uuid.UUID, int], asyncio.Future] = {}

    async def start(
        self,
        principal: Principal,
        workflow_id: str,
        version: int,
        input: dict[str, Any],
        request_id: str,
    ) -> dict[str, Any]:
        """Queues a run of a published version (the latest when `version` is 0)."""
        key = require_uuid(workflow_id, "workflow_id")
        if version < 0:
            raise_if([FieldViolation("version", "must be 0 (latest) or a published version")])
        _require_finite(input, "input")
        async with self.database.transaction() as tx:
            workflows = WorkflowRepository(tx)
            executions = ExecutionRepository(tx)

            async def create(execution_id: uuid.UUID) -> dict[str, Any]:
                workflow = await workflows.get(principal.id, key)
                number = version or workflow.published_version
                if number == 0:
                    raise FailedPrecondition(
                        "the workflow has no published version; publish it first",
                        reason="WORKFLOW_NOT_PUBLISHED",
                    )
                published = await workflows.get_version(principal.id, key, number)
                if published is None:
                    raise WorkflowVersionNotFound(str(key), number)
                graph = stored_graph(published.workflow.fields)
                row = await executions.add(
                    {
                        "id": execution_id,
                        "owner_id": principal.id,
                        "workflow_id": key,
                        "workflow_version": number,
                        "graph": graph,
                        "status": "QUEUED",
                        "input": input,
                        "attempt": 1,
                    }
                )
                await AuditLog(tx).record(principal.id, "execution.start", "execution", row["id"])
                tx.after_commit(EXECUTIONS_STARTED.inc)
                return row

            return await create_once(
                tx,
                principal,
                "StartExecution",
                request_id,
                {"workflow_id": str(key), "version": version, "input": input},
                create,
                lambda execution_id: executions.get(principal.id, execution_id),
            )

    async def get(self, principal: Principal, execution_id: str) -> tuple[dict, list[dict]]:
        """The execution and its steps."""
        key = require_uuid(execution_id, "execution_id")
        async with self.database.reader() as reader:
            executions = ExecutionRepository(reader)
            row = await executions.get(principal.id, key)
            return row, await executions.steps_of(key)

    async def list(
        self,
        principal: Principal,
        workflow_id: str,
        status: str | None,
        size: int,
        token: str,
    ) -> tuple[list[dict], str]:
        """A page of the caller's executions, newest first."""
        workflow_key = require_uuid(workflow_id, "workflow_id") if workflow_id else None
        limit = page_size(size)
        fingerprint = query_fingerprint(
            "ListExecutions", principal.id, workflow_key or "", status or ""
        )
        before = decode_time_id(token, fingerprint)
        async with self.database.reader() as reader:
            rows = await ExecutionRepository(reader).page(
                principal.id, workflow_key, status, before, limit + 1
            )
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            next_token = encode_token(time_id_key(last["create_time"], last["id"]), fingerprint)
        return rows, next_token

    async def stream(
        self, principal: Principal, execution_id: str, after_sequence: int
    ) -> AsyncIterator[dict[str, Any]]:
        """Stored events after `after_sequence`, then live ones, up to the terminal event.

        An execution that was retried has more than one terminal event; the stream ends at the
        latest one.
        """
        key = require_uuid(execution_id, "execution_id")
        if after_sequence < 0:
            raise_if([FieldViolation("after_sequence", "must not be negative")])
        async with self.database.reader() as reader:
            await ExecutionRepository(reader).get(principal.id, key)  # NOT_FOUND if not theirs
        if self.notifications is None:
            raise FailedPrecondition("streaming is not available on this server")
        last = after_sequence
        STREAMS_OPEN.inc()
        try:
            with self.notifications.subscribe(key) as wake:  # subscribe first, then read: no gap
                while True:
                    wake.clear()
                    batch = await self._events_after(key, last)
                    for event in batch:
                        last = event["sequence"]
                        yield event
                    if batch and batch[-1]["kind"] in TERMINAL_EVENTS:
                        # The end, unless the execution was retried since (it is queued or running
                        # again, and more events are coming).
                        async with self.database.reader() as reader:
                            current = await ExecutionRepository(reader).get(principal.id, key)
                        if (
                            current["status"] in TERMINAL_STATUSES
                            and current["last_sequence"] == last
                        ):
                            return
                        continue
                    if not batch:
                        try:
                            await asyncio.wait_for(wake.wait(), STREAM_POLL_SECONDS)
                        except TimeoutError:
                            pass
        finally:
            STREAMS_OPEN.dec()

    async def _events_after(self, key: uuid.UUID, after: int) -> list[dict[str, Any]]:
        """Events after a sequence; streams at the same position share one read.

        When an event is committed every stream of the execution wakes at once, and most of
        them are at the same position: one query serves them all.
        """
        flight = (key, after)
        pending = self._reads.get(flight)
        if pending is None:
            pending = asyncio.ensure_future(self._read_events(key, after))
            self._reads[flight] = pending
            pending.add_done_callback(lambda _: self._reads.pop(flight, None))
        return await asyncio.shield(pending)

    async def _read_events(self, key: uuid.UUID, after: int) -> list[dict[str, Any]]:
        async with self.database.reader() as reader:
            return await ExecutionRepository(reader).events_after(key, after)

    async def cancel(self, principal: Principal, execution_id: str, reason: str) -> dict:
        """Cancels at once what is not running; asks the runner to stop what is."""
        key = require_uuid(execution_id, "execution_id")
        if len(reason) > MAX_REASON_CHARS:
            raise_if([FieldViolation("reason", f"must be at most {MAX_REASON_CHARS} characters")])
        async with self.database.transaction() as tx:
            executions = ExecutionRepository(tx)
            row = await executions.get(principal.id, key, lock=True)
            status = row["status"]
            if status == "CANCELLED":
                return row
            if status in TERMINAL_STATUSES:
                raise FailedPrecondition(
                    f"the execution already ended ({status})", reason="EXECUTION_FINISHED"
                )
            await AuditLog(tx).record(principal.id, "execution.cancel", "execution", key)
            if status == "RUNNING":
                row = await executions.set(key, cancel_requested=True, cancel_reason=reason)
                await notify(tx, CONTROL_CHANNEL, f"cancel:{key}")
                return row
        await end_cancelled(self.database, key, reason)  # QUEUED or WAITING_FOR_INPUT
        async with self.database.reader() as reader:
            return await ExecutionRepository(reader).get(principal.id, key)

    async def resume(
        self, principal: Principal, execution_id: str, interrupt_id: str, value: Any
    ) -> dict:
        """Answers the pending question; the execution is queued to continue."""
        key = require_uuid(execution_id, "execution_id")
        if not interrupt_id:
            raise_if([FieldViolation("interrupt_id", "is required")])
        _require_finite(value, "value")
        async with self.database.transaction() as tx:
            executions = ExecutionRepository(tx)
            row = await executions.get(principal.id, key, lock=True)
            pending = row["pending_input"]
            if row["status"] != "WAITING_FOR_INPUT" or pending is None:
                raise FailedPrecondition(
                    f"the execution is not waiting for input ({row['status']})",
                    reason="EXECUTION_NOT_WAITING",
                )
            if pending["interrupt_id"] != interrupt_id:
                raise FailedPrecondition(
                    "interrupt_id does not name the pending question",
                    reason="INTERRUPT_MISMATCH",
                )
            row = await executions.set(
                key,
                status="QUEUED",
                pending_input=None,
                resume={
                    "node_id": pending["node_id"],
                    "interrupt_id": interrupt_id,
                    "value": value,
                },
            )
            await AuditLog(tx).record(principal.id, "execution.resume", "execution", key)
            await notify(tx, QUEUE_CHANNEL, str(key))
            return row

    async def retry(self, principal: Principal, execution_id: str) -> dict:
        """Queues a FAILED execution's next attempt; it continues from its last checkpoint."""
        key = require_uuid(execution_id, "execution_id")
        async with self.database.transaction() as tx:
            executions = ExecutionRepository(tx)
            row = await executions.get(principal.id, key, lock=True)
            if row["status"] != "FAILED":
                raise FailedPrecondition(
                    f"only a FAILED execution can be retried ({row['status']})",
                    reason="EXECUTION_NOT_FAILED",
                )
            row = await executions.set(
                key, status="QUEUED", attempt=row["attempt"] + 1, error=None, end_time=None
            )
            await AuditLog(tx).record(principal.id, "execution.retry", "execution", key)
            await notify(tx, QUEUE_CHANNEL, str(key))
            return row


def _require_finite(value: Any, field: str) -> None:
    """NaN and Infinity cannot be stored as JSON."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise InvalidArgument([FieldViolation(field, "NaN and Infinity are not allowed")])
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
