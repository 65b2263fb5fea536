"""Executions, their event log and steps: Core statements on a Statements runner.

Every event is appended in the transaction of the change it describes, with the next number of
its execution's sequence, and announced with NOTIFY (delivered on commit), so a stream on any
replica sees it exactly when it is durable.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, text, update

from server.domain.errors import NotFound
from server.observability.metrics import EXECUTION_SECONDS, EXECUTIONS_FINISHED, LEASE_EXPIRIES
from server.persistence.database import Statements
from server.persistence.models import (
    ExecutionEventRow,
    ExecutionRow,
    ExecutionStepRow,
    LlmPriceRow,
    LlmUsageRow,
)

executions = ExecutionRow.__table__
events = ExecutionEventRow.__table__
steps = ExecutionStepRow.__table__
prices = LlmPriceRow.__table__
llm_usage = LlmUsageRow.__table__

# NOTIFY channels. Payloads are ids, never user data.
EVENTS_CHANNEL = "agentbuilder_execution_events"  # payload: execution id
QUEUE_CHANNEL = "agentbuilder_execution_queue"  # payload: execution id
CONTROL_CHANNEL = "agentbuilder_execution_control"  # payload: "cancel:<execution id>"

TERMINAL_STATUSES = frozenset({"SUCCEEDED", "FAILED", "CANCELLED"})
TERMINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})

_NOTIFY = text("SELECT pg_notify(:channel, :payload)")
# A step's row and its event in one statement (so one round trip, atomic without BEGIN/COMMIT),
# written only while the runner holds the lease: the step and the event select from `numbered`,
# which is empty when another runner holds it, so then nothing is written and no row returns.
_HELD_NEXT_SEQUENCE = """
    WITH numbered AS (
        UPDATE executions SET last_sequence = last_sequence + 1
        WHERE id = :execution_id AND lease_owner = :held_by AND status = 'RUNNING'
        RETURNING last_sequence
    ),"""
_INSERT_EVENT = """
    INSERT INTO execution_events (execution_id, sequence, kind, payload)
    SELECT :execution_id, numbered.last_sequence, :kind, CAST(:payload AS jsonb) FROM numbered
    RETURNING pg_notify(:channel, CAST(execution_id AS text))
"""
_STEP_STARTED = text(
    _HELD_NEXT_SEQUENCE
    + """
    step AS (
        INSERT INTO execution_steps
            (execution_id, node_id, step, attempt, status, input, start_time)
        SELECT :execution_id, :node_id, :step, :attempt, 'RUNNING', CAST(:input AS jsonb), now()
        FROM numbered
        ON CONFLICT (execution_id, node_id, step) DO UPDATE SET
            attempt = EXCLUDED.attempt, status = 'RUNNING', input = EXCLUDED.input,
            output = NULL, error = NULL, start_time = now(), end_time = NULL, duration_ms = NULL
    )"""
    + _INSERT_EVENT
)
_STEP_ENDED = text(
    _HELD_NEXT_SEQUENCE
    + """
    step AS (
        UPDATE execution_steps SET
            status = :status, output = CAST(:output AS jsonb), error = CAST(:error AS jsonb),
            duration_ms = :duration_ms, end_time = now()
        FROM numbered
        WHERE execution_id = :execution_id AND node_id = :node_id AND step = :step
    )"""
    + _INSERT_EVENT
)
# Number, insert and announce events in one round trip.
_APPEND = text(
    """
    WITH numbered AS (
        UPDATE executions SET last_sequence = last_sequence + :count
        WHERE id = :execution_id
        RETURNING last_sequence
    )
    INSERT INTO execution_events (execution_id, sequence, kind, payload)
    SELECT :execution_id, numbered.last_sequence - :count + entry.position,
           entry.item ->> 'kind', entry.item -> 'payload'
    FROM numbered,
         jsonb_array_elements(CAST(:entries AS jsonb)) WITH ORDINALITY AS entry(item, position)
    RETURNING execution_id, sequence, time, kind, payload,
              pg_notify(:channel, CAST(execution_id AS text)) AS notified
    """
)


class LeaseLost(Exception):
    """A runner wrote to an execution whose lease it no longer holds (another runner does)."""

    def __init__(self, execution_id: uuid.UUID, runner_id: str) -> None:
        super().__init__(f"runner {runner_id} no longer holds the lease on {execution_id}")
        self.execution_id = execution_id


class ExecutionRepository:
    """Reads and writes executions; the caller owns the transaction."""

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def add(self, values: dict[str, Any]) -> dict[str, Any]:
        """Inserts a new execution and wakes the runners."""
        row = await self.db.first(insert(executions).values(**values).returning(executions))
        await notify(self.db, QUEUE_CHANNEL, str(values["id"]))
        return dict(row)

    async def get(
        self, owner_id: uuid.UUID | None, execution_id: uuid.UUID, *, lock: bool = False
    ) -> dict[str, Any]:
        """The execution (of `owner_id`, unless None: runners read any), or NotFound."""
        statement = select(executions).where(executions.c.id == execution_id)
        if owner_id is not None:
            statement = statement.where(executions.c.owner_id == owner_id)
        if lock:
            statement = statement.with_for_update(key_share=True)  # FOR NO KEY UPDATE
        row = await self.db.first(statement)
        if row is None:
            raise NotFound("execution", str(execution_id))
        return dict(row)

    async def set(
        self, execution_id: uuid.UUID, *, held_by: str | None = None, **values: Any
    ) -> dict[str, Any]:
        """Updates columns of an execution; returns the row as it is now.

        With `held_by`, only while that runner holds the lease on the RUNNING execution:
        LeaseLost otherwise, so a runner that lost its lease cannot overwrite the new holder's
        work. Raise it inside the transaction, and nothing else of it is written either.
        """
        statement = update(executions).where(executions.c.id == execution_id)
        if held_by is not None:
            statement = statement.where(
                executions.c.lease_owner == held_by, executions.c.status == "RUNNING"
            )
        row = await self.db.first(
            statement.values(**values, update_time=func.now()).returning(executions)
        )
        if row is None and held_by is not None:
            raise LeaseLost(execution_id, held_by)
        return dict(row)

    async def release(
        self,
        execution_id: uuid.UUID,
        event: tuple[str, dict[str, Any]] | None,
        *,
        status: str,
        held_by: str | None = None,
        **values: Any,
    ) -> None:
        """A runner lets go of an execution: new status, lease cleared, the event appended.

        Terminal statuses also get their end time. `held_by`: as for `set`.
        """
        if status in TERMINAL_STATUSES:
            values["end_time"] = func.now()
        row = await self.set(
            execution_id,
            held_by=held_by,
            status=status,
            lease_owner=None,
            lease_expires_at=None,
            **values,
        )
        if event is not None:
            await self.append(execution_id, event)
        if status in TERMINAL_STATUSES:  # every terminal transition passes here: count it once
            self.db.after_commit(lambda: _count_finished(row))

    async def page(
        self,
        owner_id: uuid.UUID,
        workflow_id: uuid.UUID | None,
        status: str | None,
        before: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        """Newest first; keyset on (create_time, id)."""
        statement = select(executions).where(executions.c.owner_id == owner_id)
        if workflow_id is not None:
            statement = statement.where(executions.c.workflow_id == workflow_id)
        if status is not None:
            statement = statement.where(executions.c.status == status)
        if before is not None:
            time, last_id = before
            statement = statement.where(
                or_(
                    executions.c.create_time < time,
                    and_(executions.c.create_time == time, executions.c.id < last_id),
                )
            )
        statement = statement.order_by(
            executions.c.create_time.desc(), executions.c.id.desc()
        ).limit(limit)
        return [dict(row) for row in await self.db.all(statement)]

    async def claim(self, runner_id: str, lease_seconds: float) -> dict[str, Any] | None:
        """Takes one runnable execution, or None.

        Runnable: QUEUED, or RUNNING with an expired lease (its runner died). SKIP LOCKED lets
        runners on every replica claim side by side.
        """
        candidate = (
            select(executions.c.id, executions.c.status)
            .where(
                or_(
                    executions.c.status == "QUEUED",
                    and_(
                        executions.c.status == "RUNNING",
                        executions.c.lease_expires_at < func.now(),
                    ),
                )
            )
            .order_by(executions.c.create_time)
            .limit(1)
            .with_for_update(skip_locked=True)
            .subquery("candidate")
        )
        row = await self.db.first(
            update(executions)
            .where(executions.c.id == candidate.c.id)
            .values(
                status="RUNNING",
                lease_owner=runner_id,
                lease_expires_at=func.now() + text(f"interval '{float(lease_seconds)} seconds'"),
                start_time=func.coalesce(executions.c.start_time, func.now()),
                update_time=func.now(),
            )
            .returning(*executions.c, candidate.c.status.label("claimed_from"))
        )
        if row is None:
            return None
        if row["claimed_from"] == "RUNNING":  # its runner's lease ran out: it died or stalled
            self.db.after_commit(LEASE_EXPIRIES.inc)
        return dict(row)

    async def renew_lease(self, execution_id: uuid.UUID, runner_id: str, seconds: float) -> bool:
        """Extends the lease if this runner still holds it; False if it was lost."""
        row = await self.db.first(
            update(executions)
            .where(
                executions.c.id == execution_id,
                executions.c.lease_owner == runner_id,
                executions.c.status == "RUNNING",
            )
            .values(lease_expires_at=func.now() + text(f"interval '{float(seconds)} seconds'"))
            .returning(executions.c.cancel_requested)
        )
        return row is not None

    # --- events

    async def append(
        self, execution_id: uuid.UUID, *entries: tuple[str, dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Appends events with the next sequence numbers and announces them, in one statement.

        The UPDATE of last_sequence locks the execution row, so concurrent appenders are
        ordered and numbers have no gaps; the NOTIFY is delivered when the transaction commits.
        """
        rows = await self.db.all(
            _APPEND,
            {
                "execution_id": execution_id,
                "count": len(entries),
                "entries": json.dumps([{"kind": k, "payload": p} for k, p in entries]),
                "channel": EVENTS_CHANNEL,
            },
        )
        return [dict(row) for row in rows]

    async def events_after(
        self, execution_id: uuid.UUID, after_sequence: int, limit: int = 500
    ) -> list[dict[str, Any]]:
        """Up to `limit` events after a sequence number, in order."""
        rows = await self.db.all(
            select(events)
            .where(events.c.execution_id == execution_id, events.c.sequence > after_sequence)
            .order_by(events.c.sequence)
            .limit(limit)
        )
        return [dict(row) for row in rows]

    # --- steps

    async def step(self, execution_id: uuid.UUID, node_id: str, step: int) -> dict | None:
        """The record of one node at one LangGraph step, if it started."""
        row = await self.db.first(
            select(steps).where(
                steps.c.execution_id == execution_id,
                steps.c.node_id == node_id,
                steps.c.step == step,
            )
        )
        return None if row is None else dict(row)

    async def finish_step(
        self, execution_id: uuid.UUID, node_id: str, step: int, *, held_by: str, **values: Any
    ) -> None:
        """Records how a step ended (status, output or error, duration).

        Only while `held_by` holds the lease; otherwise nothing: the step is the new holder's.
        """
        held = (
            select(executions.c.id)
            .where(
                executions.c.id == execution_id,
                executions.c.lease_owner == held_by,
                executions.c.status == "RUNNING",
            )
            .exists()
        )
        await self.db.execute(
            update(steps)
            .where(
                steps.c.execution_id == execution_id,
                steps.c.node_id == node_id,
                steps.c.step == step,
                held,
            )
            .values(**values, end_time=func.now())
        )

    async def step_started(
        self,
        execution_id: uuid.UUID,
        node_id: str,
        step: int,
        attempt: int,
        input: Any,
        *,
        held_by: str,
    ) -> None:
        """Records a step attempt as RUNNING with its step_started event, in one statement.

        LeaseLost (nothing written) unless `held_by` holds the lease on the RUNNING execution.
        """
        await self._step_write(
            _STEP_STARTED,
            held_by,
            {
                "execution_id": execution_id,
                "node_id": node_id,
                "step": step,
                "attempt": attempt,
                "input": json.dumps({"value": input}),
                "kind": "step_started",
                "payload": json.dumps({"node_id": node_id, "attempt": attempt}),
                "channel": EVENTS_CHANNEL,
            },
        )

    async def step_ended(
        self,
        execution_id: uuid.UUID,
        node_id: str,
        step: int,
        *,
        status: str,
        duration_ms: int,
        event: tuple[str, dict[str, Any]],
        output: Any = None,
        error: dict[str, Any] | None = None,
        held_by: str,
    ) -> None:
        """Records how a step ended with its event (step_completed or step_failed).

        LeaseLost (nothing written) unless `held_by` holds the lease on the RUNNING execution.
        """
        kind, payload = event
        await self._step_write(
            _STEP_ENDED,
            held_by,
            {
                "execution_id": execution_id,
                "node_id": node_id,
                "step": step,
                "status": status,
                "output": None if status != "SUCCEEDED" else json.dumps({"value": output}),
                "error": None if error is None else json.dumps(error),
                "duration_ms": duration_ms,
                "kind": kind,
                "payload": json.dumps(payload),
                "channel": EVENTS_CHANNEL,
            },
        )

    async def _step_write(self, statement: Any, held_by: str, params: dict[str, Any]) -> None:
        if await self.db.first(statement, {**params, "held_by": held_by}) is None:
            raise LeaseLost(params["execution_id"], held_by)

    async def steps_of(self, execution_id: uuid.UUID) -> list[dict[str, Any]]:
        """Every step of an execution in the order they started."""
        rows = await self.db.all(
            select(steps)
            .where(steps.c.execution_id == execution_id)
            .order_by(steps.c.start_time, steps.c.step, steps.c.node_id)
        )
        return [dict(row) for row in rows]

    async def add_usage(
        self,
        execution: dict[str, Any],
        node_id: str,
        provider: str,
        model: str,
        *,
        prompt_tokens: int,
        completion_tokens: int,
        cost_usd: float,
    ) -> None:
        """Records one LLM call's usage and adds it to the execution's totals."""
        await self.db.execute(
            update(executions)
            .where(executions.c.id == execution["id"])
            .values(
                prompt_tokens=executions.c.prompt_tokens + prompt_tokens,
                completion_tokens=executions.c.completion_tokens + completion_tokens,
                cost_usd=executions.c.cost_usd + cost_usd,
            )
        )
        await self.db.execute(
            insert(llm_usage).values(
                owner_id=execution["owner_id"],
                execution_id=execution["id"],
                workflow_id=execution["workflow_id"],
                node_id=node_id,
                provider=provider.strip().lower(),
                model=model[:200],  # the column's width; the call is paid for, so record it
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                cost_usd=cost_usd,
            )
        )

    async def queue_summary(self) -> dict[str, Any]:
        """Across all owners: QUEUED and RUNNING counts and when the oldest QUEUED one was queued.

        A resumed, retried or handed-back execution is queued again at its update time (its
        create time may be days old).
        """
        row = await self.db.first(
            select(
                func.count().filter(executions.c.status == "QUEUED").label("queued"),
                func.count().filter(executions.c.status == "RUNNING").label("running"),
                func.min(executions.c.update_time)
                .filter(executions.c.status == "QUEUED")
                .label("oldest_queued"),
                func.now().label("now"),
            ).where(executions.c.status.in_(("QUEUED", "RUNNING")))
        )
        return dict(row)


def _count_finished(row: Any) -> None:
    status = row["status"]
    EXECUTIONS_FINISHED.labels(status).inc()
    if row["start_time"] is not None and row["end_time"] is not None:
        seconds = (row["end_time"] - row["start_time"]).total_seconds()
        EXECUTION_SECONDS.labels(status).observe(max(seconds, 0.0))


async def price_table(db: Statements) -> dict[tuple[str, str], tuple[float, float]]:
    """Every LLM price: (provider, model) -> (USD per 1M prompt, per 1M completion tokens)."""
    rows = await db.all(select(prices))
    return {
        (row["provider"], row["model"]): (
            row["input_usd_per_million"],
            row["output_usd_per_million"],
        )
        for row in rows
    }


async def notify(db: Statements, channel: str, payload: str) -> None:
    """NOTIFY within the transaction: listeners hear it when (and only if) it commits."""
    await db.execute(_NOTIFY, {"channel": channel, "payload": payload})
