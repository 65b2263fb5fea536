"""Prometheus metrics of the server: gRPC calls by final code, domain metrics, bounded labels.

The in-process servers record into this process's default registry, so each test reads the
change its own calls made.
"""

from __future__ import annotations

import asyncio
import re
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from agentbuilder.v1 import (
    agent_pb2,
    agent_service_pb2,
    block_pb2,
    block_service_pb2,
    execution_service_pb2,
    workflow_pb2,
)
from google.protobuf import descriptor_pool, struct_pb2
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from server.app import SERVICE_NAMES
from server.domain.models import NodeType
from server.engine.llm import DEFAULT_PRICES, PROVIDER_NAMES
from server.observability.exposition import serve_metrics
from server.persistence.executions import ExecutionRepository
from server.sandbox.results import RunStatus
from tests.fake_openai import DONE, chunk, sse_handler, usage_chunk
from tests.helpers import rpc_error
from tests.workflow_api import Status, block_node, edge, kinds

GET_AGENT = {
    "grpc_type": "UNARY",
    "grpc_service": "agentbuilder.v1.AgentService",
    "grpc_method": "GetAgent",
}
STREAM = {
    "grpc_type": "SERVER_STREAM",
    "grpc_service": "agentbuilder.v1.ExecutionService",
    "grpc_method": "StreamExecution",
}


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


class Change:
    """The change of some samples between `with` entry and the call of `delta`."""

    def __init__(self, *samples: tuple[str, dict[str, str]]) -> None:
        self.samples = samples
        self.before = [sample(name, **labels) for name, labels in samples]

    def delta(self) -> list[float]:
        return [
            sample(name, **labels) - before
            for (name, labels), before in zip(self.samples, self.before, strict=True)
        ]


async def test_every_call_is_counted_with_its_final_code(alice, anonymous):
    codes = ("OK", "NOT_FOUND", "INVALID_ARGUMENT", "UNAUTHENTICATED")
    change = Change(
        ("grpc_server_started_total", GET_AGENT),
        *(("grpc_server_handled_total", {**GET_AGENT, "grpc_code": code}) for code in codes),
        ("grpc_server_handling_seconds_count", GET_AGENT),
        ("grpc_server_handling_seconds_bucket", {**GET_AGENT, "le": "+Inf"}),
        ("grpc_server_msg_received_total", GET_AGENT),
        ("grpc_server_msg_sent_total", GET_AGENT),
    )
    agent = (
        await alice.agents.CreateAgent(
            agent_service_pb2.CreateAgentRequest(agent=agent_pb2.Agent(name="counted"))
        )
    ).agent
    for _ in range(3):
        await alice.agents.GetAgent(agent_service_pb2.GetAgentRequest(agent_id=agent.id))
    with rpc_error(grpc.StatusCode.NOT_FOUND):
        await alice.agents.GetAgent(agent_service_pb2.GetAgentRequest(agent_id=str(uuid.uuid4())))
    with rpc_error(grpc.StatusCode.INVALID_ARGUMENT):
        await alice.agents.GetAgent(agent_service_pb2.GetAgentRequest(agent_id="not-a-uuid"))
    with rpc_error(grpc.StatusCode.UNAUTHENTICATED):
        await anonymous.unary_unary(
            "/agentbuilder.v1.AgentService/GetAgent",
            request_serializer=agent_service_pb2.GetAgentRequest.SerializeToString,
            response_deserializer=agent_service_pb2.GetAgentResponse.FromString,
        )(agent_service_pb2.GetAgentRequest(agent_id=agent.id))
    started, ok, not_found, invalid, unauthenticated, timed, bucket, received, sent = change.delta()
    assert (ok, not_found, invalid, unauthenticated) == (3, 1, 1, 1)
    assert started == timed == bucket == received == 6
    assert sent == 3  # only successful calls send a response message


async def test_streams_count_messages_and_the_open_gauge_returns_to_its_value(api):
    ask = {"id": "ask", "type": workflow_pb2.NODE_TYPE_HUMAN_INPUT, "config": {"prompt": "?"}}
    workflow_id = await api.published([ask], [], "ask")
    execution = await api.start(workflow_id)
    open_before = sample("agentbuilder_execution_streams_open")
    change = Change(
        ("grpc_server_msg_sent_total", STREAM),
        ("grpc_server_handled_total", {**STREAM, "grpc_code": "CANCELLED"}),
        ("grpc_server_handled_total", {**STREAM, "grpc_code": "OK"}),
    )

    # A stream waiting for input stays open, and counts as open, until the client leaves.
    stream = api.executions.StreamExecution(
        execution_service_pb2.StreamExecutionRequest(execution_id=execution.id)
    )
    seen = []
    async with asyncio.timeout(60):
        async for message in stream:
            seen.append(message.event)
            if message.event.WhichOneof("kind") == "waiting_for_input":
                break
    assert sample("agentbuilder_execution_streams_open") == open_before + 1
    stream.cancel()
    async with asyncio.timeout(10):
        while sample("agentbuilder_execution_streams_open") != open_before:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    interrupt = seen[-1].waiting_for_input.interrupt_id

    # Resumed, it finishes: a stream from the start gets every event and ends OK.
    await api.executions.ResumeExecution(
        execution_service_pb2.ResumeExecutionRequest(
            execution_id=execution.id,
            interrupt_id=interrupt,
            value=struct_pb2.Value(string_value="yes"),
        )
    )
    events = await api.events(execution.id)
    assert kinds(events)[-1] == "completed"
    sent, cancelled, ok = change.delta()
    assert cancelled == 1 and ok == 1
    assert sent == len(seen) + len(events)
    assert sample("agentbuilder_execution_streams_open") == open_before


async def test_executions_steps_sandbox_runs_and_creations_are_counted(api):
    succeeded = ("agentbuilder_executions_finished_total", {"status": "SUCCEEDED"})
    failed = ("agentbuilder_executions_finished_total", {"status": "FAILED"})
    step_ok = (
        "agentbuilder_step_duration_seconds_count",
        {"node_type": "block", "status": "SUCCEEDED"},
    )
    step_failed = (
        "agentbuilder_step_duration_seconds_count",
        {"node_type": "block", "status": "FAILED"},
    )
    change = Change(
        ("agentbuilder_executions_started_total", {}),
        succeeded,
        failed,
        ("agentbuilder_execution_duration_seconds_count", {"status": "SUCCEEDED"}),
        step_ok,
        step_failed,
        ("agentbuilder_sandbox_calls_total", {"outcome": "OK"}),
        ("agentbuilder_sandbox_calls_total", {"outcome": "RUNTIME_ERROR"}),
        ("agentbuilder_resources_created_total", {"resource": "block"}),
        ("agentbuilder_resources_created_total", {"resource": "workflow"}),
    )
    request_id = str(uuid.uuid4())
    for _ in range(2):  # a retried create counts once
        reply = await api.blocks.CreateBlock(
            block_service_pb2.CreateBlockRequest(
                block=block_pb2.Block(name="inc", code="output = {'n': input['n'] + 1}"),
                request_id=request_id,
            )
        )
    inc = reply.block.id
    boom = await api.block("output = 1 / input['zero']", name="boom")
    good = await api.published([block_node("a", inc), block_node("b", inc)], [edge("a", "b")], "a")
    bad = await api.published([block_node("x", boom)], [], "x")
    for workflow_id, n in ((good, {"n": 1}), (good, {"n": 2}), (bad, {"zero": 0})):
        execution = await api.start(workflow_id, n)
        await api.events(execution.id)
    (
        started,
        ok_runs,
        failed_runs,
        durations,
        ok_steps,
        failed_steps,
        sandbox_ok,
        sandbox_error,
        blocks,
        workflows,
    ) = change.delta()
    assert started == 3 and (ok_runs, failed_runs) == (2, 1) and durations == 2
    assert (ok_steps, failed_steps) == (4, 1)
    assert (sandbox_ok, sandbox_error) == (4, 1)
    assert (blocks, workflows) == (2, 2)
    assert sample("agentbuilder_executions_active") == 0


async def test_llm_tokens_and_cost_are_counted_with_bounded_model_labels(api, fake_openai):
    fake_openai.handler = sse_handler(
        [chunk({"role": "assistant", "content": "hi"}, finish="stop"), usage_chunk(12, 3), DONE]
    )

    def llm(node_id: str, model: str) -> dict:
        config = {"provider": "openai", "base_url": fake_openai.base_url, "model": model}
        return {"id": node_id, "type": workflow_pb2.NODE_TYPE_LLM, "config": config}

    priced = {"provider": "openai", "model": "gpt-4o-mini"}
    unpriced = {"provider": "openai", "model": "other"}
    change = Change(
        ("agentbuilder_llm_tokens_total", {**priced, "kind": "prompt"}),
        ("agentbuilder_llm_tokens_total", {**priced, "kind": "completion"}),
        ("agentbuilder_llm_cost_usd_total", priced),
        ("agentbuilder_llm_tokens_total", {**unpriced, "kind": "prompt"}),
    )
    workflow_id = await api.published(
        [llm("known", "gpt-4o-mini"), llm("custom", f"my-finetune-{uuid.uuid4().hex}")],
        [edge("known", "custom")],
        "known",
    )
    await api.events((await api.start(workflow_id)).id)
    prompt, completion, cost, other_prompt = change.delta()
    assert (prompt, completion, other_prompt) == (12, 3, 12)
    assert cost == pytest.approx((12 * 0.15 + 3 * 0.60) / 1_000_000)


async def test_lease_expiries_are_counted_when_an_execution_is_claimed_again(api, database):
    ask = {"id": "ask", "type": workflow_pb2.NODE_TYPE_HUMAN_INPUT}
    workflow_id = await api.published([ask], [], "ask")
    execution = await api.start(workflow_id)
    await api.until(execution.id, Status.EXECUTION_STATUS_WAITING_FOR_INPUT)
    # As if a runner had died holding it: RUNNING, its lease long expired.
    async with database.transaction() as tx:
        await ExecutionRepository(tx).set(
            uuid.UUID(execution.id),
            status="RUNNING",
            lease_owner="dead-runner",
            lease_expires_at=datetime.now(UTC) - timedelta(hours=1),
        )
    change = Change(("agentbuilder_execution_lease_expiries_total", {}))
    async with database.transaction() as tx:
        claimed = await ExecutionRepository(tx).claim("test-runner", 30)
        assert change.delta() == [0]  # counted on commit, not before
    assert claimed["id"] == uuid.UUID(execution.id)
    assert change.delta() == [1]
    async with database.transaction() as tx:  # leave it as the runner would find it
        await ExecutionRepository(tx).release(uuid.UUID(execution.id), None, status="CANCELLED")


async def test_the_sandbox_pool_reports_its_healthy_workers(sandbox_pool):
    assert sample("agentbuilder_sandbox_workers_healthy") >= sandbox_pool.healthy_count == 2
    assert sample("agentbuilder_sandbox_workers") >= len(sandbox_pool.workers) == 2


def _allowed_label_values() -> dict[str, set[str]]:
    pool = descriptor_pool.Default()
    services = {*SERVICE_NAMES, "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"}
    methods = {m.name for name in services for m in pool.FindServiceByName(name).methods}
    statuses = {"QUEUED", "RUNNING", "WAITING_FOR_INPUT", "SUCCEEDED", "FAILED", "CANCELLED"}
    return {
        "grpc_type": {"UNARY", "CLIENT_STREAM", "SERVER_STREAM", "BIDI_STREAM"},
        "grpc_service": services,
        "grpc_method": methods,
        "grpc_code": {code.name for code in grpc.StatusCode},
        "status": statuses,
        "node_type": {t.value for t in NodeType},
        "outcome": {s.value for s in RunStatus} | {"CANCELLED", "INVALID_ARGUMENT", "ERROR"},
        "provider": set(PROVIDER_NAMES) | {"other"},
        "kind": {"prompt", "completion"},
        "resource": {"agent", "tool", "block", "workflow"},
        "model": {model for _, model in DEFAULT_PRICES if model != "*"} | {"other"},
        "le": None,  # histogram buckets: fixed by the code
    }


UUID_LIKE = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)


async def test_no_label_takes_an_unbounded_value(alice, anonymous):
    # Junk method names must not become label values.
    for method in ("/agentbuilder.v1.AgentService/Nope", f"/junk{uuid.uuid4().hex}.S/M"):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await anonymous.unary_unary(method)(b"")
        assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
    allowed = _allowed_label_values()
    seen_any = False
    for family in REGISTRY.collect():
        if not family.name.startswith(("grpc_server_", "agentbuilder_")):
            continue
        for metric_sample in family.samples:
            for label, value in metric_sample.labels.items():
                seen_any = True
                assert label in allowed, f"{metric_sample.name} has an unexpected label {label}"
                assert not UUID_LIKE.search(value), f"{metric_sample.name}{{{label}={value}}}"
                if allowed[label] is not None:
                    assert value in allowed[label], f"{metric_sample.name}{{{label}={value}}}"
    assert seen_any


def test_metrics_are_served_over_http():
    port = serve_metrics("127.0.0.1", 0)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/plain")
        text = response.read().decode()
    names = {family.name for family in text_string_to_metric_families(text)}
    assert {
        "grpc_server_started",
        "grpc_server_handled",
        "grpc_server_handling_seconds",
        "grpc_server_msg_sent",
        "agentbuilder_executions_started",
        "agentbuilder_executions_finished",
        "agentbuilder_execution_duration_seconds",
        "agentbuilder_step_duration_seconds",
        "agentbuilder_executions_active",
        "agentbuilder_execution_streams_open",
        "agentbuilder_execution_queue_depth",
        "agentbuilder_execution_lease_expiries",
        "agentbuilder_sandbox_calls",
        "agentbuilder_sandbox_workers_healthy",
        "agentbuilder_llm_tokens",
        "agentbuilder_llm_cost_usd",
        "agentbuilder_resources_created",
    } <= names
