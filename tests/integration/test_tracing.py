"""OpenTelemetry: one trace spans the server (in-memory exporter) and a sandbox worker process
(exporting OTLP to a collector this test runs), and log lines carry the trace ids."""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest
import structlog
from agentbuilder.client import connect
from agentbuilder.v1 import block_service_pb2
from google.protobuf import struct_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from server import migrate
from server.app import build_server, prepare
from server.observability.tracing import Tracing
from server.persistence.database import Database, create_engine
from server.sandbox.pool import SandboxPool
from server.services.principals import PrincipalService
from server.settings import Settings
from tests.helpers import logging_configured, rpc_error
from tests.sandbox_workers import start_worker
from tests.workflow_api import Api, block_node

EXECUTE = "/agentbuilder.sandbox.v1.SandboxService/Execute"


class Collector(trace_service_pb2_grpc.TraceServiceServicer):
    """A minimal OTLP/gRPC trace collector: keeps every span it is sent."""

    def __init__(self) -> None:
        self.spans: list = []

    async def Export(self, request, context):
        for resource_spans in request.resource_spans:
            service = next(
                a.value.string_value
                for a in resource_spans.resource.attributes
                if a.key == "service.name"
            )
            for scope in resource_spans.scope_spans:
                self.spans += [(service, span) for span in scope.spans]
        return trace_service_pb2.ExportTraceServiceResponse()


@pytest.fixture
async def collector():
    collector = Collector()
    server = grpc.aio.server()
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(collector, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield collector, f"http://127.0.0.1:{port}"
    await server.stop(0)


def by_name(spans, name):
    found = [span for span in spans if span.name == name]
    assert found, f"no {name!r} span among {[s.name for s in spans]}"
    return found


async def test_one_trace_spans_the_server_and_the_sandbox_worker(
    collector, fresh_database, tmp_path
):
    sink, endpoint = collector
    received = sink.spans
    worker = start_worker(tmp_path / "worker", otlp_endpoint=endpoint)
    exporter = InMemorySpanExporter()
    tracing = Tracing.configure("agentbuilder-server", exporter=exporter)
    pool = SandboxPool([worker.address], interceptors=tracing.client_interceptors())
    # A database of its own, so this server's runner is the only one to run the execution.
    url = await asyncio.to_thread(fresh_database)
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(database_url=url, grpc_port=0, log_level="WARNING")
    database = Database(create_engine(url, settings))
    await prepare(database)
    await pool.start()
    server = build_server(settings, database, pool, tracing=tracing)
    await server.start()
    try:
        assert await pool.wait_until_healthy(within_seconds=30)
        _, key = await PrincipalService(database).create("traced")
        async with connect(f"127.0.0.1:{server.port}", key) as channel:
            api = Api(channel)
            block_id = await api.block("output = input['n'] * 2")
            workflow_id = await api.published([block_node("double", block_id)], [], "double")
            execution = await api.start(workflow_id, {"n": 21})
            events = await api.events(execution.id)
            assert events[-1].WhichOneof("kind") == "completed"
            run_input = struct_pb2.Struct()
            run_input.update({"n": 1})
            await api.blocks.TestBlock(
                block_service_pb2.TestBlockRequest(block_id=block_id, input=run_input)
            )
            with rpc_error(grpc.StatusCode.NOT_FOUND):
                await api.blocks.GetBlock(block_service_pb2.GetBlockRequest(block_id=workflow_id))
    finally:
        await server.stop(grace=1)
        await pool.close()
        await database.dispose()
        # A clean stop exports the spans still buffered (to the collector on this loop).
        assert await asyncio.to_thread(worker.stop) == 0
    spans = exporter.get_finished_spans()

    # The run: execution → step → sandbox call, then the worker's span of that call.
    (run,) = by_name(spans, "execution")
    assert run.attributes["agentbuilder.execution.id"] == execution.id
    assert run.attributes["agentbuilder.workflow.id"] == workflow_id
    (step,) = by_name(spans, "step block")
    assert step.parent.span_id == run.context.span_id
    assert step.attributes["agentbuilder.node.id"] == "double"
    calls = by_name(spans, EXECUTE)
    call = next(c for c in calls if c.context.trace_id == run.context.trace_id)
    assert call.parent.span_id == step.context.span_id
    for _ in range(200):  # exported in the background
        if any(s.name == EXECUTE for _, s in received):
            break
        await asyncio.sleep(0.05)
    assert received, worker.log()
    worker_spans = [span for service, span in received if service == "agentbuilder-sandbox-worker"]
    in_run = [s for s in worker_spans if int.from_bytes(s.trace_id) == run.context.trace_id]
    assert len(in_run) == 1 and int.from_bytes(in_run[0].parent_span_id) == call.context.span_id

    # An RPC's trace reaches the worker too: TestBlock → Execute.
    (test_block,) = by_name(spans, "/agentbuilder.v1.BlockService/TestBlock")
    assert test_block.parent is None
    assert any(int.from_bytes(s.trace_id) == test_block.context.trace_id for s in worker_spans)

    # A caller's mistake is recorded as its code, not as a server error.
    (get_block,) = by_name(spans, "/agentbuilder.v1.BlockService/GetBlock")
    assert get_block.attributes["rpc.grpc.status_code"] == grpc.StatusCode.NOT_FOUND.value[0]
    assert get_block.status.status_code is StatusCode.UNSET

    # Health checks (the pool's watch streams, balancers' probes) are not traced.
    assert not [s for s in spans if "grpc.health" in s.name]
    assert not [s for _, s in received if "grpc.health" in s.name]


def test_log_lines_carry_the_trace_and_span_ids(capfd):
    tracing = Tracing.configure("agentbuilder-server", exporter=InMemorySpanExporter())
    with logging_configured("INFO"):
        log = structlog.get_logger("test.tracing")
        with tracing.tracer("test").start_as_current_span("work") as span:
            log.info("inside")
        log.info("outside")
        lines = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line]
    inside = next(line for line in lines if line["event"] == "inside")
    outside = next(line for line in lines if line["event"] == "outside")
    assert inside["trace_id"] == f"{span.get_span_context().trace_id:032x}"
    assert inside["span_id"] == f"{span.get_span_context().span_id:016x}"
    assert "trace_id" not in outside
