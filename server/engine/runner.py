"""The runner: claims executions from PostgreSQL and runs them as LangGraph graphs.

- Claiming: an execution row is its own queue entry. A runner takes QUEUED rows, and RUNNING
  rows whose lease expired (their runner died), with FOR UPDATE SKIP LOCKED, and renews the
  lease with a heartbeat. A runner that loses its lease stops its run: only one runner ever
  drives an execution.
- Durability: LangGraph checkpoints every superstep in PostgreSQL (langgraph-checkpoint-postgres);
  a claimed execution continues from its last checkpoint. Steps are recorded per LangGraph step
  and a step found SUCCEEDED is not run again, so a restart never repeats a finished step.
- Events: every transition is appended to the event log in the transaction that makes it.
- Cancel: CancelExecution notifies every replica; the one running it cancels its task, which
  cancels the sandbox call (its child is killed) or LLM request in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import time
import uuid
from typing import Any

import cachetools
import structlog
from google.rpc import code_pb2
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.types import Command, interrupt
from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from server.domain.models import Tool, ToolImplementationType
from server.engine.graph import RoutingError, compile_graph, sinks
from server.engine.llm import PROVIDER_NAMES, ChatMessage, LlmError, Prices, Usage, provider_for
from server.engine.notifications import Notifications
from server.engine.tools import (
    ToolError,
    block_tool,
    calculator_tool,
    execute_tool,
    http_request_tool,
    parse_allowed_hosts,
    run_agent,
)
from server.observability.metrics import (
    EXECUTIONS_ACTIVE,
    LLM_COST,
    LLM_TOKENS,
    QUEUE_DEPTH,
    QUEUE_OLDEST_SECONDS,
    STEP_SECONDS,
    llm_labels,
)
from server.persistence.database import Database
from server.persistence.executions import (
    TERMINAL_STATUSES,
    ExecutionRepository,
    LeaseLost,
    price_table,
)
from server.persistence.repositories import (
    AgentRepository,
    BlockRepository,
    ToolRepository,
    WorkflowRepository,
    stored_graph,
)
from server.sandbox.results import RunLimits, RunStatus

log = structlog.get_logger("agentbuilder.runner")

IDLE_POLL_SECONDS = 1.0  # also how soon an expired lease is noticed without a notification
DEFAULT_MAX_BACKOFF_MS = 60_000
MAX_SUBFLOW_DEPTH = 5
PRICES_MAX_AGE_SECONDS = 60.0
QUEUE_SAMPLE_SECONDS = 5.0

_SANDBOX_CODES = {
    RunStatus.COMPILE_ERROR: code_pb2.INVALID_ARGUMENT,
    RunStatus.RUNTIME_ERROR: code_pb2.ABORTED,
    RunStatus.TIMEOUT: code_pb2.DEADLINE_EXCEEDED,
    RunStatus.MEMORY_LIMIT: code_pb2.RESOURCE_EXHAUSTED,
    RunStatus.OUTPUT_LIMIT: code_pb2.OUT_OF_RANGE,
    RunStatus.UNAVAILABLE: code_pb2.UNAVAILABLE,
}


class StepError(Exception):
    """A node failed; `code` is a google.rpc.Code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def status(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


class StepFailure(Exception):
    """A node failed after its retries: the execution fails."""

    def __init__(self, node_id: str, error: StepError) -> None:
        super().__init__(f"node {node_id!r} failed: {error.message}")
        self.node_id = node_id
        self.error = error


class Runner:
    """Runs claimed executions, at most `concurrency` at a time."""

    def __init__(
        self,
        database: Database,
        database_url: str,
        notifications: Notifications,
        sandbox: Any,
        concurrency: int = 8,
        lease_seconds: float = 30.0,
        settings: Any = None,
        tracer: trace.Tracer | None = None,
    ) -> None:
        self.database = database
        self.database_url = database_url
        self.notifications = notifications
        self.sandbox = sandbox
        self.concurrency = concurrency
        self.lease_seconds = lease_seconds
        self.settings = settings
        self.tracer = tracer or trace.NoOpTracer()
        self._price_cache: tuple[float, Prices] | None = None
        self._graphs: cachetools.LRUCache = cachetools.LRUCache(maxsize=256)
        self.id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.running: dict[uuid.UUID, asyncio.Task] = {}
        self.cancel_reasons: dict[uuid.UUID, str] = {}
        self.wake = asyncio.Event()
        self.stopping = False
        self._loop_task: asyncio.Task | None = None
        self._sampler_task: asyncio.Task | None = None
        self._pool: AsyncConnectionPool | None = None
        self.saver: AsyncPostgresSaver | None = None

    async def start(self) -> None:
        self._pool = AsyncConnectionPool(
            self.database_url,
            min_size=1,
            max_size=max(2, self.concurrency),
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
            open=False,
        )
        await self._pool.open()
        self.saver = AsyncPostgresSaver(self._pool)
        self.notifications.on_queue = self.wake.set
        self.notifications.on_cancel = self.cancel_local
        self._loop_task = asyncio.create_task(self._claim_loop())
        self._sampler_task = asyncio.create_task(self._sample_queue())

    async def stop(self) -> None:
        """Stops claiming; running executions go back to the queue for any runner to resume."""
        self.stopping = True
        for background in (self._loop_task, self._sampler_task):
            if background:
                background.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await background
        tasks = list(self.running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._pool is not None:
            await self._pool.close()

    def cancel_local(self, execution_id: uuid.UUID) -> None:
        """CancelExecution was called: stop the run if it is ours."""
        task = self.running.get(execution_id)
        if task is not None:
            self.cancel_reasons.setdefault(execution_id, "cancel")
            task.cancel()

    # --- claiming

    async def _claim_loop(self) -> None:
        while True:
            if len(self.running) >= self.concurrency:
                await self._wait_for_wake()
                continue
            try:
                async with self.database.transaction() as tx:
                    row = await ExecutionRepository(tx).claim(self.id, self.lease_seconds)
            except Exception as error:  # the database may be down: keep trying
                log.warning("claim failed", error=str(error))
                row = None
            if row is None:
                await self._wait_for_wake()
                continue
            execution_id = row["id"]
            if execution_id in self.running:
                # Our own run, whose lease lapsed while the database was unreachable: the claim
                # renewed the lease, and the run goes on.
                continue
            task = asyncio.create_task(self._run(row))
            self.running[execution_id] = task
            EXECUTIONS_ACTIVE.inc()
            task.add_done_callback(lambda _, eid=execution_id: self._finished(eid))

    def _finished(self, execution_id: uuid.UUID) -> None:
        if self.running.pop(execution_id, None) is not None:
            EXECUTIONS_ACTIVE.dec()
        self.cancel_reasons.pop(execution_id, None)
        self.wake.set()

    async def _sample_queue(self) -> None:
        """Keeps the queue gauges current (one small indexed query every few seconds)."""
        while True:
            try:
                async with self.database.reader() as reader:
                    summary = await ExecutionRepository(reader).queue_summary()
            except Exception as error:  # the database may be down: keep the last figures
                log.warning("queue sample failed", error=str(error))
            else:
                QUEUE_DEPTH.set(summary["queued"])
                oldest = summary["oldest_queued"]
                age = (summary["now"] - oldest).total_seconds() if oldest else 0.0
                QUEUE_OLDEST_SECONDS.set(max(age, 0.0))
            await asyncio.sleep(QUEUE_SAMPLE_SECONDS)

    async def _wait_for_wake(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.wake.wait(), IDLE_POLL_SECONDS)
        self.wake.clear()

    async def _heartbeat(self, execution_id: uuid.UUID, task: asyncio.Task) -> None:
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                async with self.database.transaction() as tx:
                    held = await ExecutionRepository(tx).renew_lease(
                        execution_id, self.id, self.lease_seconds
                    )
            except Exception as error:
                log.warning("heartbeat failed", execution_id=str(execution_id), error=str(error))
                continue
            if not held:
                log.warning("lease lost; stopping the run", execution_id=str(execution_id))
                self.cancel_reasons[execution_id] = "lease"
                task.cancel()
                return

    # --- running

    async def _run(self, row: dict[str, Any]) -> None:
        attributes = {
            "agentbuilder.execution.id": str(row["id"]),
            "agentbuilder.execution.attempt": row["attempt"],
            "agentbuilder.workflow.id": str(row["workflow_id"]),
            "agentbuilder.workflow.version": row["workflow_version"],
        }
        with self.tracer.start_as_current_span("execution", attributes=attributes) as span:
            await self._run_claimed(row, span)

    async def _run_claimed(self, row: dict[str, Any], span: trace.Span) -> None:
        try:
            await self._run_leased(row, span)
        except LeaseLost:  # another runner claimed it meanwhile; its work stands, not ours
            log.warning("lease lost before the run could end", execution_id=str(row["id"]))

    async def _run_leased(self, row: dict[str, Any], span: trace.Span) -> None:
        execution_id = row["id"]
        heartbeat = asyncio.create_task(self._heartbeat(execution_id, asyncio.current_task()))
        try:
            if row["cancel_requested"]:
                await self._end_cancelled(execution_id, row["cancel_reason"])
                return
            await self._drive(row)
        except asyncio.CancelledError:
            reason = self.cancel_reasons.get(execution_id)
            if reason == "cancel":
                async with self.database.reader() as reader:
                    current = await ExecutionRepository(reader).get(None, execution_id)
                await self._end_cancelled(execution_id, current["cancel_reason"])
            elif reason != "lease":  # shutting down: hand it back for any runner to resume
                await self._requeue(execution_id)
        except StepFailure as failure:
            span.set_status(Status(StatusCode.ERROR, f"node {failure.node_id} failed"))
            await self._end_failed(execution_id, failure.error.status())
        except RoutingError as error:
            span.set_status(Status(StatusCode.ERROR, "no route out of a condition node"))
            await self._end_failed(
                execution_id, {"code": code_pb2.FAILED_PRECONDITION, "message": str(error)}
            )
        except LeaseLost:
            raise
        except Exception as error:
            log.exception("execution crashed", execution_id=str(execution_id))
            span.set_status(Status(StatusCode.ERROR, "internal error"))
            await self._end_failed(
                execution_id, {"code": code_pb2.INTERNAL, "message": f"internal error: {error}"}
            )
        finally:
            heartbeat.cancel()

    async def _drive(self, row: dict[str, Any]) -> None:
        execution_id = row["id"]
        recorded: dict[tuple[str, int], dict[str, Any]] = {}
        graph = self._compiled(row)
        config = {
            "configurable": {
                "thread_id": str(execution_id),
                RUN_NODE_KEY: self._node_executor(row, recorded),
            },
            "recursion_limit": 10_000,
        }
        snapshot = await graph.aget_state(config)
        from_checkpoint = bool(snapshot.values)
        if from_checkpoint:  # what earlier runs recorded, read once rather than per node
            async with self.database.reader() as reader:
                for step in await ExecutionRepository(reader).steps_of(execution_id):
                    recorded[(step["node_id"], step["step"])] = step
        events: list[tuple[str, dict[str, Any]]] = [
            ("started", {"attempt": row["attempt"], "resumed_from_checkpoint": from_checkpoint})
        ]
        if row["resume"] is not None:
            command: Any = Command(resume=row["resume"]["value"])
            events.append(
                (
                    "resumed",
                    {
                        "node_id": row["resume"]["node_id"],
                        "interrupt_id": row["resume"]["interrupt_id"],
                    },
                )
            )
        elif from_checkpoint:
            command = None  # continue where the last runner stopped
        else:
            command = {"input": row["input"], "nodes": {}}
        async with self.database.transaction() as tx:
            repository = ExecutionRepository(tx)
            await repository.set(execution_id, held_by=self.id, resume=None, pending_input=None)
            await repository.append(execution_id, *events)
        await graph.ainvoke(command, config)
        snapshot = await graph.aget_state(config)
        pending = [item for task in snapshot.tasks for item in task.interrupts]
        if pending:
            await self._wait_for_input(execution_id, pending[0])
            return
        outputs = snapshot.values.get("nodes", {})
        finished = [node for node in sinks(row["graph"]) if node in outputs]
        output = outputs[finished[0]] if len(finished) == 1 else {n: outputs[n] for n in finished}
        async with self.database.transaction() as tx:
            await ExecutionRepository(tx).release(
                execution_id,
                ("completed", {"output": output}),
                status="SUCCEEDED",
                held_by=self.id,
                output={"value": output},
            )

    def _compiled(self, row: dict[str, Any]) -> Any:
        """The compiled graph of a workflow version, built once (versions are immutable).

        Its nodes call the run's own node executor, which each run puts in its config.
        """
        key = (row["workflow_id"], row["workflow_version"])
        graph = self._graphs.get(key)
        if graph is None:
            graph = compile_graph(row["graph"], _run_node_from_config).compile(
                checkpointer=self.saver
            )
            self._graphs[key] = graph
        return graph

    async def _wait_for_input(self, execution_id: uuid.UUID, pending: Any) -> None:
        question = pending.value if isinstance(pending.value, dict) else {}
        waiting = {
            "node_id": question.get("node_id", ""),
            "interrupt_id": pending.id,
            "prompt": question.get("prompt", ""),
        }
        async with self.database.transaction() as tx:
            await ExecutionRepository(tx).release(
                execution_id,
                ("waiting_for_input", waiting),
                status="WAITING_FOR_INPUT",
                held_by=self.id,
                pending_input=waiting,
            )

    async def _end_failed(self, execution_id: uuid.UUID, error: dict[str, Any]) -> None:
        async with self.database.transaction() as tx:
            await ExecutionRepository(tx).release(
                execution_id,
                ("failed", {"error": error}),
                status="FAILED",
                held_by=self.id,
                error=error,
            )

    async def _end_cancelled(self, execution_id: uuid.UUID, reason: str) -> None:
        await asyncio.shield(end_cancelled(self.database, execution_id, reason))

    async def _requeue(self, execution_id: uuid.UUID) -> None:
        async def requeue() -> None:
            async with self.database.transaction() as tx:
                await ExecutionRepository(tx).release(
                    execution_id, None, status="QUEUED", held_by=self.id
                )

        with contextlib.suppress(Exception):
            await asyncio.shield(requeue())

    # --- nodes

    def _node_executor(
        self,
        row: dict[str, Any],
        recorded: dict[tuple[str, int], dict[str, Any]],
        prefix: str = "",
        depth: int = 0,
    ) -> Any:
        """The function LangGraph calls per node; `recorded` holds steps of earlier runs.

        Nodes of a subflow run with their ids prefixed by the subflow node's ("sub/inner"), so
        their steps and events stay apart from the parent's.
        """
        execution_id = row["id"]
        owner_id = row["owner_id"]

        async def run_node(
            node: dict[str, Any], node_input: Any, state: Any, step: int, config: Any
        ) -> Any:
            node = {**node, "id": prefix + node["id"]}
            node_id = node["id"]
            done = recorded.get((node_id, step))
            if done is not None and done["status"] == "SUCCEEDED":
                return done["output"]["value"]  # finished before a restart: never run twice
            if node["type"] == "human_input":
                return await self._human_input(execution_id, node, node_input, step, done)
            config = node.get("config") or {}
            retry = config.get("retry") or {}
            attempts = int(retry.get("max_attempts", 1))
            backoff_ms = int(retry.get("backoff_ms", 0))
            for attempt in range(1, attempts + 1):
                async with self.database.reader() as statement:  # one atomic statement
                    await ExecutionRepository(statement).step_started(
                        execution_id, node_id, step, attempt, node_input, held_by=self.id
                    )
                started = time.monotonic()
                with self.tracer.start_as_current_span(
                    f"step {node['type']}", attributes=_step_attributes(row, node, attempt)
                ) as span:
                    try:
                        output = await self._attempt(
                            row, owner_id, node, node_input, recorded, depth, config
                        )
                    except StepError as failed:
                        error = failed
                        # Messages may quote user data (a block's exception): codes only leave.
                        span.set_status(Status(StatusCode.ERROR, f"code {error.code}"))
                    except asyncio.CancelledError:
                        _observe_step(node, "CANCELLED", started)
                        await asyncio.shield(self._step_cancelled(execution_id, node_id, step))
                        raise
                    else:
                        duration_ms = int((time.monotonic() - started) * 1000)
                        completed = {
                            "node_id": node_id,
                            "output": output,
                            "duration_ms": duration_ms,
                        }
                        async with self.database.reader() as statement:
                            await ExecutionRepository(statement).step_ended(
                                execution_id,
                                node_id,
                                step,
                                status="SUCCEEDED",
                                output=output,
                                duration_ms=duration_ms,
                                event=("step_completed", completed),
                                held_by=self.id,
                            )
                        _observe_step(node, "SUCCEEDED", started)
                        return output
                _observe_step(node, "FAILED", started)
                will_retry = attempt < attempts
                failed = {"node_id": node_id, "error": error.status(), "will_retry": will_retry}
                async with self.database.reader() as statement:
                    await ExecutionRepository(statement).step_ended(
                        execution_id,
                        node_id,
                        step,
                        status="FAILED",
                        error=error.status(),
                        duration_ms=int((time.monotonic() - started) * 1000),
                        event=("step_failed", failed),
                        held_by=self.id,
                    )
                if will_retry:
                    delay_ms = min(backoff_ms * 2 ** (attempt - 1), DEFAULT_MAX_BACKOFF_MS)
                    await asyncio.sleep(delay_ms / 1000)
            raise StepFailure(node_id, error)

        return run_node

    async def _attempt(
        self,
        row: dict[str, Any],
        owner_id: uuid.UUID,
        node: dict[str, Any],
        node_input: Any,
        recorded: dict[tuple[str, int], dict[str, Any]],
        depth: int,
        config: dict[str, Any],
    ) -> Any:
        """One attempt at a node's work, within its `timeout_ms`; failures are StepErrors."""
        if node["type"] == "subflow":
            work = self._run_subflow(row, owner_id, node, node_input, recorded, depth, config)
        else:
            work = self._perform(row, owner_id, node, node_input)
        timeout_ms = config.get("timeout_ms")
        if not timeout_ms:
            return await work
        try:
            return await asyncio.wait_for(work, int(timeout_ms) / 1000)
        except TimeoutError:
            raise StepError(
                code_pb2.DEADLINE_EXCEEDED, f"the node took longer than {timeout_ms} ms"
            ) from None

    async def _run_subflow(
        self,
        row: dict[str, Any],
        owner_id: uuid.UUID,
        node: dict[str, Any],
        node_input: Any,
        recorded: dict[tuple[str, int], dict[str, Any]],
        depth: int,
        config: Any,
    ) -> Any:
        """Runs the latest published version of another workflow as a nested graph.

        Its steps are the execution's own steps (ids prefixed "<node>/"), recorded and
        checkpointed like the others, so a restart does not repeat the finished ones.
        """
        if depth >= MAX_SUBFLOW_DEPTH:
            raise StepError(
                code_pb2.FAILED_PRECONDITION,
                f"subflows nest deeper than {MAX_SUBFLOW_DEPTH} levels (a cycle?)",
            )
        async with self.database.reader() as reader:
            workflows = WorkflowRepository(reader)
            try:
                workflow = await workflows.get(owner_id, uuid.UUID(node["ref_id"]))
                version = await workflows.get_version(
                    owner_id, workflow.id, workflow.published_version
                )
            except Exception:
                version = None
        if version is None:
            raise StepError(code_pb2.NOT_FOUND, "the subflow has no published version any more")
        graph = stored_graph(version.workflow.fields)
        executor = self._node_executor(row, recorded, f"{node['id']}/", depth + 1)
        result = (
            await compile_graph(graph, executor)
            .compile()
            .ainvoke({"input": node_input, "nodes": {}}, config)
        )
        outputs = result.get("nodes", {})
        finished = [name for name in sinks(graph) if name in outputs]
        return outputs[finished[0]] if len(finished) == 1 else {n: outputs[n] for n in finished}

    async def _human_input(
        self,
        execution_id: uuid.UUID,
        node: dict[str, Any],
        node_input: Any,
        step: int,
        existing: dict[str, Any] | None,
    ) -> Any:
        node_id = node["id"]
        if existing is None:
            async with self.database.reader() as statement:
                await ExecutionRepository(statement).step_started(
                    execution_id, node_id, step, 1, node_input, held_by=self.id
                )
        prompt = (node.get("config") or {}).get("prompt", "")
        answer = interrupt({"node_id": node_id, "prompt": prompt})  # pauses until resumed
        async with self.database.reader() as statement:
            await ExecutionRepository(statement).step_ended(
                execution_id,
                node_id,
                step,
                status="SUCCEEDED",
                output=answer,
                duration_ms=0,
                event=("step_completed", {"node_id": node_id, "output": answer, "duration_ms": 0}),
                held_by=self.id,
            )
        return answer

    async def _step_cancelled(self, execution_id: uuid.UUID, node_id: str, step: int) -> None:
        with contextlib.suppress(Exception):
            async with self.database.transaction() as tx:
                await ExecutionRepository(tx).finish_step(
                    execution_id, node_id, step, held_by=self.id, status="CANCELLED"
                )

    async def _perform(
        self, row: dict[str, Any], owner_id: uuid.UUID, node: dict[str, Any], node_input: Any
    ) -> Any:
        kind = node["type"]
        if kind in ("condition", "parallel", "join"):
            return node_input
        if kind == "block":
            return await self._run_block(row, owner_id, node, node_input)
        if kind == "llm":
            return await self._run_llm(row, node, node_input)
        if kind == "agent":
            return await self._run_agent(row, owner_id, node, node_input)
        if kind == "tool":
            return await self._run_tool(row, owner_id, node, node_input)
        raise StepError(code_pb2.UNIMPLEMENTED, f"{kind} nodes cannot run yet")

    # --- LLMs, agents and tools

    def _token_sink(self, execution_id: uuid.UUID, node_id: str) -> TokenBatcher:
        return TokenBatcher(self.database, execution_id, node_id)

    async def _prices(self) -> Prices:
        """The llm_prices table, re-read at most once a minute."""
        now = time.monotonic()
        if self._price_cache is None or now - self._price_cache[0] > PRICES_MAX_AGE_SECONDS:
            async with self.database.reader() as reader:
                self._price_cache = (now, Prices(await price_table(reader)))
        return self._price_cache[1]

    async def _record_usage(
        self, row: dict[str, Any], node_id: str, provider: str, model: str, usage: Usage | None
    ) -> None:
        if usage is None:
            return
        prices = await self._prices()
        cost = prices.cost(provider, model, usage)
        # A model is a label value only if the table lists it by name ("*" prices any name).
        listed = (provider.strip().lower(), model) in prices
        labels = llm_labels(provider, model, PROVIDER_NAMES, listed)

        def count() -> None:  # a provider may report nonsense; counters only go up
            LLM_TOKENS.labels(*labels, "prompt").inc(max(usage.prompt_tokens, 0))
            LLM_TOKENS.labels(*labels, "completion").inc(max(usage.completion_tokens, 0))
            LLM_COST.labels(*labels).inc(max(cost, 0.0))

        async with self.database.transaction() as tx:
            await ExecutionRepository(tx).add_usage(
                row,
                node_id,
                provider,
                model,
                prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens,
                cost_usd=cost,
            )
            tx.after_commit(count)

    async def _run_llm(self, row: dict[str, Any], node: dict[str, Any], node_input: Any) -> Any:
        """An LLM node; the answer's text is its output.

        Config: provider (default scripted), model, prompt, system_prompt, temperature,
        max_tokens, and script (scripted) or base_url (OpenAI-compatible).
        """
        config = node.get("config") or {}
        provider_name = str(config.get("provider", "scripted"))
        model = str(config.get("model", ""))
        messages = []
        if config.get("system_prompt"):
            messages.append(ChatMessage("system", str(config["system_prompt"])))
        messages.append(ChatMessage("user", _prompt(config.get("prompt"), node_input)))
        tokens = self._token_sink(row["id"], node["id"])
        try:
            provider = provider_for({**config, "provider": provider_name}, self.settings)
            completion = await provider.complete(
                model=model,
                messages=messages,
                tools=[],
                temperature=config.get("temperature"),
                max_tokens=config.get("max_tokens"),
                on_token=tokens,
            )
            await tokens.flush()
        except LlmError as error:
            await tokens.flush()
            await self._record_usage(row, node["id"], provider_name, model, error.usage)
            raise StepError(_llm_code(error), f"LLM call failed: {error.message}") from None
        await self._record_usage(row, node["id"], provider_name, model, completion.usage)
        return completion.message.content or ""

    async def _run_agent(
        self, row: dict[str, Any], owner_id: uuid.UUID, node: dict[str, Any], node_input: Any
    ) -> Any:
        """An agent node: the agent's LLM config and tools; its final answer is the output."""
        config = node.get("config") or {}
        async with self.database.reader() as reader:
            try:
                agent = await AgentRepository(reader).get(owner_id, uuid.UUID(node["ref_id"]))
            except Exception:
                raise StepError(code_pb2.NOT_FOUND, "the node's agent no longer exists") from None
            tools = [
                await ToolRepository(reader).get_visible(owner_id, uuid.UUID(tool_id))
                for tool_id in agent.fields.tool_ids
            ]
        llm = agent.fields.llm
        provider_name = llm.provider or "scripted"
        agent_tools = [self._agent_tool(row, owner_id, tool) for tool in tools]
        tokens = self._token_sink(row["id"], node["id"])
        try:
            provider = provider_for({**config, "provider": provider_name}, self.settings)
            result = await run_agent(
                provider,
                model=llm.model,
                system_prompt=llm.system_prompt or None,
                messages=[ChatMessage("user", _prompt(config.get("prompt"), node_input))],
                tools=[tool for tool in agent_tools if tool is not None],
                temperature=llm.temperature,
                max_tokens=llm.max_tokens or None,
                on_token=tokens,
                max_steps=int(config.get("max_steps", 8)),
            )
            await tokens.flush()
        except LlmError as error:
            await tokens.flush()
            await self._record_usage(row, node["id"], provider_name, llm.model, error.usage)
            raise StepError(_llm_code(error), f"agent failed: {error.message}") from None
        await self._record_usage(row, node["id"], provider_name, llm.model, result.usage)
        return result.final.content or ""

    def _agent_tool(self, row: dict[str, Any], owner_id: uuid.UUID, tool: Tool) -> Any:
        kind = tool.fields.implementation_type
        if kind is ToolImplementationType.BUILTIN:
            if tool.fields.name == "calculator":
                return calculator_tool()
            if tool.fields.name == "http_request":
                return http_request_tool(parse_allowed_hosts(self.settings.llm_allowed_hosts))
            return None  # vector_search needs knowledge bases, which do not exist yet
        if kind is ToolImplementationType.BLOCK:

            async def run_block(arguments: dict[str, Any]) -> Any:
                node = {"id": f"tool:{tool.fields.name}", "ref_id": tool.fields.implementation_ref}
                try:
                    return await self._run_block(row, owner_id, node, arguments)
                except StepError as error:
                    raise ToolError(error.message) from None

            return block_tool(
                tool.fields.name, tool.fields.description, tool.fields.input_schema, run_block
            )
        return None

    async def _run_tool(
        self, row: dict[str, Any], owner_id: uuid.UUID, node: dict[str, Any], node_input: Any
    ) -> Any:
        """A tool node: the tool runs on the node's input (an object of its arguments)."""
        async with self.database.reader() as reader:
            try:
                tool = await ToolRepository(reader).get_visible(owner_id, uuid.UUID(node["ref_id"]))
            except Exception:
                raise StepError(code_pb2.NOT_FOUND, "the node's tool no longer exists") from None
        runnable = self._agent_tool(row, owner_id, tool)
        if runnable is None:
            raise StepError(code_pb2.UNIMPLEMENTED, f"tool {tool.fields.name!r} cannot run yet")
        arguments = node_input if isinstance(node_input, dict) else {"value": node_input}
        outcome = await execute_tool(runnable, arguments)
        if not outcome.ok:
            raise StepError(code_pb2.FAILED_PRECONDITION, f"tool failed: {outcome.error}")
        return outcome.value

    async def _run_block(
        self, row: dict[str, Any], owner_id: uuid.UUID, node: dict[str, Any], node_input: Any
    ) -> Any:
        if self.sandbox is None:
            raise StepError(code_pb2.UNAVAILABLE, "no sandbox workers are configured")
        async with self.database.reader() as reader:
            try:
                block = await BlockRepository(reader).get(owner_id, uuid.UUID(node["ref_id"]))
            except Exception:
                raise StepError(code_pb2.NOT_FOUND, "the node's block no longer exists") from None
        config = node.get("config") or {}
        limits = RunLimits(
            timeout_ms=int(config.get("sandbox_timeout_ms", 0)),
            memory_mb=int(config.get("memory_mb", 0)),
            max_output_bytes=int(config.get("max_output_bytes", 0)),
        )
        block_input = node_input if isinstance(node_input, dict) else {"value": node_input}
        result = await self.sandbox.execute(
            code=block.fields.code,
            input=block_input,
            context={
                "execution_id": str(row["id"]),
                "workflow_id": str(row["workflow_id"]),
                "node_id": node["id"],
            },
            limits=limits,
            execution_id=f"{row['id']}:{node['id']}",
        )
        if result.stdout:
            async with self.database.transaction() as tx:
                await ExecutionRepository(tx).append(
                    row["id"], ("step_log", {"node_id": node["id"], "text": result.stdout})
                )
        if result.status is RunStatus.OK:
            return result.output
        error = result.error
        where = f" at line {error.line}" if error and error.line else ""
        message = f"{error.type}{where}: {error.message}" if error else result.status.value
        raise StepError(_SANDBOX_CODES.get(result.status, code_pb2.INTERNAL), message)


async def end_cancelled(database: Database, execution_id: uuid.UUID, reason: str) -> None:
    """Marks an execution CANCELLED with its terminal event (once; later calls do nothing)."""
    async with database.transaction() as tx:
        repository = ExecutionRepository(tx)
        current = await repository.get(None, execution_id, lock=True)
        if current["status"] in TERMINAL_STATUSES:
            return
        error = {"code": code_pb2.CANCELLED, "message": reason or "cancelled"}
        await repository.release(
            execution_id,
            ("cancelled", {"reason": reason}),
            status="CANCELLED",
            error=error,
            pending_input=None,
            resume=None,
        )


RUN_NODE_KEY = "agentbuilder_run_node"
TOKEN_BATCH_SIZE = 16
TOKEN_BATCH_SECONDS = 0.05


class TokenBatcher:
    """Streamed LLM tokens as llm_token events, a few at a time (one statement per batch).

    A batch is written when it holds TOKEN_BATCH_SIZE tokens or its first token waited
    TOKEN_BATCH_SECONDS; `flush` writes the rest (before the step's completion event).
    """

    def __init__(self, database: Database, execution_id: uuid.UUID, node_id: str) -> None:
        self.database = database
        self.execution_id = execution_id
        self.node_id = node_id
        self.pending: list[str] = []
        self.since = 0.0

    async def __call__(self, text: str) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append(text)
        if (
            len(self.pending) >= TOKEN_BATCH_SIZE
            or time.monotonic() - self.since >= TOKEN_BATCH_SECONDS
        ):
            await self.flush()

    async def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        async with self.database.reader() as statement:  # one atomic statement
            await ExecutionRepository(statement).append(
                self.execution_id,
                *(("llm_token", {"node_id": self.node_id, "text": text}) for text in batch),
            )


def _step_attributes(row: dict[str, Any], node: dict[str, Any], attempt: int) -> dict[str, Any]:
    return {
        "agentbuilder.execution.id": str(row["id"]),
        "agentbuilder.workflow.id": str(row["workflow_id"]),
        "agentbuilder.node.id": node["id"],
        "agentbuilder.node.type": node["type"],
        "agentbuilder.step.attempt": attempt,
    }


def _observe_step(node: dict[str, Any], status: str, started: float) -> None:
    STEP_SECONDS.labels(node["type"], status).observe(time.monotonic() - started)


async def _run_node_from_config(
    node: dict[str, Any], node_input: Any, state: Any, step: int, config: Any
) -> Any:
    """What a cached graph's nodes call: the executor of the run the config belongs to."""
    return await config["configurable"][RUN_NODE_KEY](node, node_input, state, step, config)


def _prompt(template: Any, node_input: Any) -> str:
    """The user message: the node's prompt, then its input (text as is, anything else as JSON)."""
    text = node_input if isinstance(node_input, str) else json.dumps(node_input)
    if template:
        return f"{template}\n\n{text}" if node_input not in (None, "", {}) else str(template)
    return text


def _llm_code(error: LlmError) -> int:
    if error.kind in ("auth",):
        return code_pb2.PERMISSION_DENIED
    if error.kind in ("config", "bad_request"):
        return code_pb2.INVALID_ARGUMENT
    if error.retryable:
        return code_pb2.UNAVAILABLE
    return code_pb2.ABORTED
