"""`agentbuilder up` as a user runs it: a real process on an embedded PostgreSQL."""

from __future__ import annotations

import asyncio
import random
import socket
import stat
import urllib.request
from pathlib import Path

import grpc
import httpx
import psutil
import pytest
from agentbuilder.client import connect
from agentbuilder.v1 import (
    agent_pb2,
    agent_service_pb2_grpc,
    block_pb2,
    block_service_pb2,
    block_service_pb2_grpc,
    execution_service_pb2,
    execution_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from agentbuilder.v1 import agent_service_pb2 as pb
from google.protobuf import descriptor_pool, struct_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)
from prometheus_client.parser import text_string_to_metric_families

from tests.live_stack import AGENTBUILDER, Up, clean_env

pytestmark = pytest.mark.e2e


def sandbox_workers_running(data_dir: Path) -> list[psutil.Process]:
    """Our sandbox worker processes (and their zygotes) still alive."""
    found = []
    for process in psutil.process_iter(attrs=["cmdline"]):
        command = " ".join(process.info["cmdline"] or [])
        if "sandbox-worker" in command and str(data_dir) in command:
            found.append(process)
    return found


def envoy_running(data_dir: Path) -> bool:
    for process in psutil.process_iter(attrs=["cmdline"]):
        command = " ".join(process.info["cmdline"] or [])
        if "envoy" in command and str(data_dir) in command:
            return True
    return False


def postgres_running(pgdata: Path) -> bool:
    for process in psutil.process_iter(attrs=["name", "cmdline"]):
        if process.info["name"] == "postgres" and str(pgdata) in " ".join(
            process.info["cmdline"] or []
        ):
            return True
    return False


def reflected_services(target: str) -> set[str]:
    with grpc.insecure_channel(target) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        pool = descriptor_pool.DescriptorPool(database)
        pool.FindMessageTypeByName("google.rpc.BadRequest")
        return set(database.get_services())


async def test_up_serves_creates_keys_and_stops_cleanly(tmp_path):
    data_dir = tmp_path / "data"
    up = await Up.start(data_dir)
    try:
        key_file = data_dir / "api-key"
        assert key_file.read_text().strip() == up.key
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert postgres_running(data_dir / "pgdata")

        services = await asyncio.to_thread(reflected_services, up.target)
        assert {"agentbuilder.v1.AgentService", "agentbuilder.v1.ToolService"} <= services

        # The Envoy gateway serves REST in front of it.
        assert envoy_running(data_dir)
        async with httpx.AsyncClient(base_url=up.http, timeout=30) as rest:
            tools = await rest.get("/v1/tools", headers={"authorization": f"Bearer {up.key}"})
        assert tools.status_code == 200 and tools.json()["tools"], tools.text

        # Two sandbox workers run next to the server, and blocks run on them.
        assert len(up.sandbox) == 2 and len(sandbox_workers_running(data_dir)) == 2
        async with connect(up.target, up.key) as channel:
            blocks = block_service_pb2_grpc.BlockServiceStub(channel)
            block = (
                await blocks.CreateBlock(
                    block_service_pb2.CreateBlockRequest(
                        block=block_pb2.Block(name="double", code="output = input['v'] * 2")
                    )
                )
            ).block
            run_input = struct_pb2.Struct()
            run_input.update({"v": 21})
            tested = await blocks.TestBlock(
                block_service_pb2.TestBlockRequest(block_id=block.id, input=run_input)
            )
            assert tested.results[0].output.number_value == 42, tested

            # And workflows run: the runner, checkpoints and streams work on this database too.
            workflows = workflow_service_pb2_grpc.WorkflowServiceStub(channel)
            workflow = workflow_pb2.Workflow(name="once", entry_node_id="double")
            workflow.nodes.add(id="double", type=workflow_pb2.NODE_TYPE_BLOCK, ref_id=block.id)
            created_workflow = await workflows.CreateWorkflow(
                workflow_service_pb2.CreateWorkflowRequest(workflow=workflow)
            )
            await workflows.PublishWorkflow(
                workflow_service_pb2.PublishWorkflowRequest(
                    workflow_id=created_workflow.workflow.id
                )
            )
            executions = execution_service_pb2_grpc.ExecutionServiceStub(channel)
            start = execution_service_pb2.StartExecutionRequest(
                workflow_id=created_workflow.workflow.id, input=run_input
            )
            execution = (await executions.StartExecution(start)).execution
            last = None
            async with asyncio.timeout(60):
                async for message in executions.StreamExecution(
                    execution_service_pb2.StreamExecutionRequest(execution_id=execution.id)
                ):
                    last = message.event
            assert last.WhichOneof("kind") == "completed", last
            assert last.completed.output.number_value == 42

        async with connect(up.target, up.key) as channel:
            agents = agent_service_pb2_grpc.AgentServiceStub(channel)
            created = (
                await agents.CreateAgent(pb.CreateAgentRequest(agent=agent_pb2.Agent(name="kept")))
            ).agent

        # A second principal, made by the CLI while `up` runs, sees nothing of the first.
        cli = await asyncio.create_subprocess_exec(
            AGENTBUILDER,
            "api-key",
            "create",
            "--name",
            "second",
            "--data-dir",
            str(data_dir),
            stdout=asyncio.subprocess.PIPE,
            env=clean_env(),
        )
        stdout, _ = await cli.communicate()
        assert cli.returncode == 0
        lines = stdout.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("ab_")
        async with connect(up.target, lines[0]) as channel:
            listed = await agent_service_pb2_grpc.AgentServiceStub(channel).ListAgents(
                pb.ListAgentsRequest()
            )
            assert list(listed.agents) == []

        # Health turns NOT_SERVING as soon as shutdown starts.
        async with grpc.aio.insecure_channel(up.target) as channel:
            watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest())
            first = await watch.read()
            assert first.status == health_pb2.HealthCheckResponse.SERVING
            up.terminate()
            async with asyncio.timeout(10):
                second = await watch.read()
            assert second.status == health_pb2.HealthCheckResponse.NOT_SERVING
    finally:
        code = await up.stop()
    assert code == 0, up.output
    assert "» stopped" in up.output
    assert not postgres_running(data_dir / "pgdata")
    assert sandbox_workers_running(data_dir) == []
    assert not envoy_running(data_dir)

    # Running it again reuses the data and the key.
    again = await Up.start(data_dir)
    try:
        assert again.key == up.key
        async with connect(again.target, again.key) as channel:
            agents = agent_service_pb2_grpc.AgentServiceStub(channel)
            fetched = (await agents.GetAgent(pb.GetAgentRequest(agent_id=created.id))).agent
            assert fetched.name == "kept"
    finally:
        assert await again.stop() == 0


def consecutive_free_ports(count: int) -> int:
    """The first of `count` consecutive ports that are free now."""
    for first in random.sample(range(20_000, 60_000), 200):
        sockets = []
        try:
            for port in range(first, first + count):
                probe = socket.socket()
                sockets.append(probe)
                probe.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for probe in sockets:
                probe.close()
    raise AssertionError("no free consecutive ports")


def scrape(url: str) -> dict[tuple[str, frozenset], float]:
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def total(samples: dict, name: str, **labels: str) -> float:
    wanted = set(labels.items())
    return sum(v for (n, found), v in samples.items() if n == name and wanted <= found)


async def test_up_serves_metrics_for_the_server_and_each_worker(tmp_path):
    port = consecutive_free_ports(3)
    up = await Up.start(tmp_path / "data", "--metrics-port", str(port))
    try:
        assert up.metrics == [f"http://127.0.0.1:{p}/metrics" for p in (port, port + 1, port + 2)]
        async with connect(up.target, up.key) as channel:
            blocks = block_service_pb2_grpc.BlockServiceStub(channel)
            block = (
                await blocks.CreateBlock(
                    block_service_pb2.CreateBlockRequest(
                        block=block_pb2.Block(name="one", code="output = 1")
                    )
                )
            ).block
            for _ in range(4):  # round robin: both workers get runs
                await blocks.TestBlock(
                    block_service_pb2.TestBlockRequest(block_id=block.id, input=struct_pb2.Struct())
                )
        server = await asyncio.to_thread(scrape, up.metrics[0])
        assert (
            total(server, "grpc_server_handled_total", grpc_method="TestBlock", grpc_code="OK") == 4
        )
        assert total(server, "agentbuilder_sandbox_workers_healthy") == 2
        assert total(server, "agentbuilder_sandbox_calls_total", outcome="OK") == 4
        for worker_url in up.metrics[1:]:
            worker = await asyncio.to_thread(scrape, worker_url)
            assert total(worker, "agentbuilder_sandbox_executions_total", status="OK") == 2
            assert (
                total(
                    worker,
                    "grpc_server_handled_total",
                    grpc_service="agentbuilder.sandbox.v1.SandboxService",
                    grpc_method="Execute",
                    grpc_code="OK",
                )
                == 2
            )
    finally:
        assert await up.stop() == 0, up.output
