"""MetricsService: its figures equal what the test computes from its own executions."""

from __future__ import annotations

import asyncio
import math
from collections import Counter
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from agentbuilder.client import connect
from agentbuilder.v1 import (
    execution_pb2,
    execution_service_pb2,
    metrics_service_pb2,
    metrics_service_pb2_grpc,
    workflow_pb2,
)
from google.protobuf import timestamp_pb2

from server import __version__, migrate
from server.app import build_server, prepare
from server.persistence.database import Database, create_engine
from server.services.principals import PrincipalService
from server.settings import Settings
from tests.fake_openai import DONE, chunk, sse_handler, usage_chunk
from tests.helpers import rpc_error
from tests.workflow_api import Api, Status, block_node, edge

pb = metrics_service_pb2
Group = metrics_service_pb2.UsageGroupBy


def ts(value: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(value)
    return stamp


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between the nearest ranks, as PostgreSQL's percentile_cont."""
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@pytest.fixture
async def metrics(sandbox_target, alice):
    async with connect(sandbox_target, alice.key) as channel:
        yield metrics_service_pb2_grpc.MetricsServiceStub(channel)


async def finished(api: Api, execution_id: str) -> execution_pb2.Execution:
    return await api.until(
        execution_id,
        Status.EXECUTION_STATUS_SUCCEEDED,
        Status.EXECUTION_STATUS_FAILED,
        Status.EXECUTION_STATUS_CANCELLED,
        Status.EXECUTION_STATUS_WAITING_FOR_INPUT,
    )


async def test_execution_stats_match_the_executions(api, metrics, sandbox_target, bob):
    window_start = datetime.now(UTC) - timedelta(seconds=5)
    ok = await api.block("output = {'n': input['n'] + 1}", name="ok")
    boom = await api.block("output = 1 / 0", name="boom")
    good = await api.published([block_node("a", ok), block_node("b", ok)], [edge("a", "b")], "a")
    bad = await api.published([block_node("x", boom)], [], "x")
    ask = {"id": "ask", "type": workflow_pb2.NODE_TYPE_HUMAN_INPUT}
    waiting = await api.published([ask], [], "ask")
    executions = []
    for workflow_id, run_input in [(good, {"n": n}) for n in range(4)] + [(bad, {})] * 2:
        executions.append((workflow_id, await api.start(workflow_id, run_input)))
    paused = [await api.start(waiting) for _ in range(2)]
    executions += [(waiting, execution) for execution in paused]
    ended = [(wf, await finished(api, execution.id)) for wf, execution in executions]
    await api.executions.CancelExecution(
        execution_service_pb2.CancelExecutionRequest(execution_id=paused[0].id)
    )
    ended[-2] = (waiting, await finished(api, paused[0].id))
    window = {"start_time": ts(window_start), "end_time": ts(datetime.now(UTC))}

    stats = await metrics.GetExecutionStats(pb.GetExecutionStatsRequest(**window))
    by_status = Counter(execution.status for _, execution in ended)
    assert stats.total == len(ended) == 8
    assert {c.status: c.count for c in stats.by_status} == dict(by_status)
    assert by_status[Status.EXECUTION_STATUS_WAITING_FOR_INPUT] == 1
    done = [e for _, e in ended if e.status != Status.EXECUTION_STATUS_WAITING_FOR_INPUT]
    assert stats.success_rate == pytest.approx(4 / len(done))
    seconds = [(e.end_time.ToDatetime() - e.start_time.ToDatetime()).total_seconds() for e in done]
    assert stats.duration.count == len(done) == 7
    for field, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        got = getattr(stats.duration, field).ToTimedelta().total_seconds()
        assert got == pytest.approx(percentile(seconds, q), abs=1e-6), field

    # One workflow only.
    only_bad = await metrics.GetExecutionStats(
        pb.GetExecutionStatsRequest(workflow_id=bad, **window)
    )
    assert only_bad.total == 2 and only_bad.success_rate == 0
    assert [(c.status, c.count) for c in only_bad.by_status] == [
        (Status.EXECUTION_STATUS_FAILED, 2)
    ]

    # Another principal sees none of it, even naming the workflow.
    async with connect(sandbox_target, bob.key) as channel:
        theirs = metrics_service_pb2_grpc.MetricsServiceStub(channel)
        for request in (
            pb.GetExecutionStatsRequest(**window),
            pb.GetExecutionStatsRequest(workflow_id=good, **window),
        ):
            empty = await theirs.GetExecutionStats(request)
            assert empty.total == 0 and not empty.by_status and not empty.HasField("duration")


async def test_the_default_window_is_the_last_24_hours(metrics):
    before = datetime.now(UTC)
    stats = await metrics.GetExecutionStats(pb.GetExecutionStatsRequest())
    end = stats.end_time.ToDatetime(tzinfo=UTC)
    assert before <= end <= datetime.now(UTC)
    assert end - stats.start_time.ToDatetime(tzinfo=UTC) == timedelta(hours=24)
    assert stats.total == 0 and stats.success_rate == 0


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (timedelta(0), timedelta(seconds=-1), "end_time"),
        (timedelta(days=-367), timedelta(0), "start_time"),
    ],
)
async def test_invalid_windows_are_refused(metrics, start, end, field):
    now = datetime.now(UTC)
    window = {"start_time": ts(now + start), "end_time": ts(now + end)}
    with rpc_error(grpc.StatusCode.INVALID_ARGUMENT) as failure:
        await metrics.GetExecutionStats(pb.GetExecutionStatsRequest(**window))
    assert field in failure.violations
    with rpc_error(grpc.StatusCode.INVALID_ARGUMENT) as failure:
        await metrics.GetUsage(pb.GetUsageRequest(**window))
    assert field in failure.violations


async def test_bad_arguments_are_refused(metrics):
    with rpc_error(grpc.StatusCode.INVALID_ARGUMENT) as failure:
        await metrics.GetExecutionStats(pb.GetExecutionStatsRequest(workflow_id="nope"))
    assert "workflow_id" in failure.violations
    for groups in (
        [Group.USAGE_GROUP_BY_DAY, Group.USAGE_GROUP_BY_DAY],
        [Group.USAGE_GROUP_BY_UNSPECIFIED],
        [99],
    ):
        with rpc_error(grpc.StatusCode.INVALID_ARGUMENT) as failure:
            await metrics.GetUsage(pb.GetUsageRequest(group_by=groups))
        assert "group_by" in failure.violations


async def test_usage_matches_the_executions_tokens_and_cost(
    api, metrics, fake_openai, sandbox_target, bob
):
    fake_openai.handler = sse_handler(
        [chunk({"role": "assistant", "content": "hi"}, finish="stop"), usage_chunk(12, 3), DONE]
    )
    openai = {"provider": "openai", "base_url": fake_openai.base_url, "model": "gpt-4o-mini"}
    scripted = {"provider": "scripted", "model": "echo", "prompt": "say it back"}
    workflow_id = await api.published(
        [
            {"id": "hosted", "type": workflow_pb2.NODE_TYPE_LLM, "config": openai},
            {"id": "local", "type": workflow_pb2.NODE_TYPE_LLM, "config": scripted},
        ],
        [edge("hosted", "local")],
        "hosted",
    )
    runs = [await api.start(workflow_id, {"q": q}) for q in ("a", "b c")]
    done = [await finished(api, run.id) for run in runs]
    assert all(e.status == Status.EXECUTION_STATUS_SUCCEEDED for e in done)
    window = {"start_time": ts(datetime.now(UTC) - timedelta(minutes=5))}

    total = await metrics.GetUsage(pb.GetUsageRequest(**window))
    assert len(total.rows) == 1 and total.rows[0] == total.total
    assert total.total.prompt_tokens == sum(e.prompt_tokens for e in done)
    assert total.total.completion_tokens == sum(e.completion_tokens for e in done)
    assert total.total.cost_usd == pytest.approx(sum(e.cost_usd for e in done))
    assert total.total.calls == 4

    grouped = await metrics.GetUsage(
        pb.GetUsageRequest(group_by=[Group.USAGE_GROUP_BY_MODEL, Group.USAGE_GROUP_BY_PROVIDER])
    )
    rows = {(r.provider, r.model): r for r in grouped.rows}
    assert set(rows) == {("openai", "gpt-4o-mini"), ("scripted", "echo")}
    hosted = rows["openai", "gpt-4o-mini"]
    assert (hosted.prompt_tokens, hosted.completion_tokens, hosted.calls) == (24, 6, 2)
    assert hosted.cost_usd == pytest.approx(2 * (12 * 0.15 + 3 * 0.60) / 1_000_000)
    local = rows["scripted", "echo"]
    assert local.prompt_tokens == total.total.prompt_tokens - 24 and local.cost_usd == 0
    assert [(r.provider, r.day) for r in grouped.rows] == [(r.provider, "") for r in grouped.rows]
    assert grouped.total == total.total

    by_day = await metrics.GetUsage(pb.GetUsageRequest(group_by=[Group.USAGE_GROUP_BY_DAY]))
    assert [r.day for r in by_day.rows] == [datetime.now(UTC).strftime("%Y-%m-%d")]

    async with connect(sandbox_target, bob.key) as channel:
        theirs = await metrics_service_pb2_grpc.MetricsServiceStub(channel).GetUsage(
            pb.GetUsageRequest(group_by=[Group.USAGE_GROUP_BY_PROVIDER])
        )
    assert list(theirs.rows) == [] and theirs.total.calls == 0


async def test_system_status_reports_workers_and_the_queue(metrics, fresh_database):
    # This server's sandbox workers: both of them serve.
    status = await metrics.GetSystemStatus(pb.GetSystemStatusRequest())
    assert (status.healthy_sandbox_workers, status.total_sandbox_workers) == (2, 2)
    assert status.server_version == __version__

    # On a database of its own, with no runner, started executions stay queued.
    url = await asyncio.to_thread(fresh_database)
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(database_url=url, grpc_port=0, log_level="WARNING", run_executions=False)
    database = Database(create_engine(url, settings))
    await prepare(database)
    server = build_server(settings, database)
    await server.start()
    try:
        _, key = await PrincipalService(database).create("queue")
        async with connect(f"127.0.0.1:{server.port}", key) as channel:
            api = Api(channel)
            ask = {"id": "ask", "type": workflow_pb2.NODE_TYPE_HUMAN_INPUT}
            workflow_id = await api.published([ask], [], "ask")
            for _ in range(3):
                await api.start(workflow_id)
            status = await metrics_service_pb2_grpc.MetricsServiceStub(channel).GetSystemStatus(
                pb.GetSystemStatusRequest()
            )
        assert (status.queued_executions, status.running_executions) == (3, 0)
        assert status.oldest_queued_age.ToTimedelta() > timedelta(0)
        assert (status.healthy_sandbox_workers, status.total_sandbox_workers) == (0, 0)
    finally:
        await server.stop(grace=1)
        await database.dispose()
