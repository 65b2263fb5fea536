"""kill -9 the server mid-run: after a restart the execution completes, each step exactly once."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import grpc
import pytest
from agentbuilder.client import connect
from agentbuilder.v1 import (
    block_pb2,
    block_service_pb2,
    block_service_pb2_grpc,
    execution_service_pb2,
    execution_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from google.protobuf import json_format
from grpc_health.v1 import health_pb2, health_pb2_grpc

from server import migrate
from tests.sandbox_workers import start_workers

pytestmark = pytest.mark.e2e

AGENTBUILDER = str(Path(sys.executable).parent / "agentbuilder")
LEASE_SECONDS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url: str, workers: list[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTBUILDER_")}
    env.update(
        AGENTBUILDER_DATABASE_URL=database_url,
        AGENTBUILDER_SANDBOX_WORKERS=",".join(workers),
        AGENTBUILDER_EXECUTION_LEASE_SECONDS=str(LEASE_SECONDS),
        AGENTBUILDER_LOG_LEVEL="WARNING",
        AGENTBUILDER_METRICS_PORT="0",  # a free port: tests may run side by side
    )
    return env


def launch_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as output:
        return subprocess.Popen(
            [AGENTBUILDER, "serve", "--grpc-port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


async def start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    process = await asyncio.to_thread(launch_server, port, env, log)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        async with asyncio.timeout(60):
            while True:
                assert process.poll() is None, "server exited during start-up"
                try:
                    reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
                    if reply.status == health_pb2.HealthCheckResponse.SERVING:
                        return process
                except grpc.aio.AioRpcError:
                    pass
                await asyncio.sleep(0.1)


@pytest.mark.timeout(180)
async def test_execution_survives_kill_9_of_its_server(fresh_database, tmp_path):
    url = await asyncio.to_thread(fresh_database)
    await asyncio.to_thread(migrate.upgrade, url)
    workers = await asyncio.to_thread(start_workers, tmp_path / "workers", 2)
    env = server_env(url, [w.address for w in workers])
    created_key = await asyncio.to_thread(
        subprocess.run,
        [AGENTBUILDER, "api-key", "create", "--name", "durability"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    key = created_key.stdout.strip()
    port = free_port()
    log = tmp_path / "server.log"
    first = await start_server(port, env, log)
    second = None
    try:
        async with connect(f"127.0.0.1:{port}", key) as channel:
            blocks = block_service_pb2_grpc.BlockServiceStub(channel)
            workflows = workflow_service_pb2_grpc.WorkflowServiceStub(channel)
            executions = execution_service_pb2_grpc.ExecutionServiceStub(channel)

            async def block(name: str, code: str) -> str:
                request = block_service_pb2.CreateBlockRequest(
                    block=block_pb2.Block(name=name, code=code)
                )
                return (await blocks.CreateBlock(request)).block.id

            ids = {
                "a": await block("a", "output = {'n': input['n'] + 1}"),
                "b": await block(
                    "b", "import time\ntime.sleep(4)\noutput = {'n': input['n'] * 10}"
                ),
                "c": await block("c", "output = input['n'] + 2"),
            }
            workflow = workflow_pb2.Workflow(name="durable", entry_node_id="a")
            for node_id, block_id in ids.items():
                workflow.nodes.add(id=node_id, type=workflow_pb2.NODE_TYPE_BLOCK, ref_id=block_id)
            workflow.edges.add(id="ab", source="a", target="b")
            workflow.edges.add(id="bc", source="b", target="c")
            created = await workflows.CreateWorkflow(
                workflow_service_pb2.CreateWorkflowRequest(workflow=workflow)
            )
            await workflows.PublishWorkflow(
                workflow_service_pb2.PublishWorkflowRequest(workflow_id=created.workflow.id)
            )
            request = execution_service_pb2.StartExecutionRequest(workflow_id=created.workflow.id)
            request.input.update({"n": 1})
            execution = (await executions.StartExecution(request)).execution

            # Follow until b runs, then kill the server without any chance to clean up.
            seen = 0
            stream = executions.StreamExecution(
                execution_service_pb2.StreamExecutionRequest(execution_id=execution.id)
            )
            async with asyncio.timeout(60):
                async for message in stream:
                    seen = message.event.sequence
                    started = message.event.step_started
                    if (
                        message.event.WhichOneof("kind") == "step_started"
                        and started.node_id == "b"
                    ):
                        break
            stream.cancel()
        first.kill()
        await asyncio.to_thread(first.wait)

        second = await start_server(port, env, log)
        async with connect(f"127.0.0.1:{port}", key) as channel:
            executions = execution_service_pb2_grpc.ExecutionServiceStub(channel)
            rest = []
            async with asyncio.timeout(90):
                stream = executions.StreamExecution(
                    execution_service_pb2.StreamExecutionRequest(
                        execution_id=execution.id, after_sequence=seen
                    )
                )
                async for message in stream:
                    rest.append(message.event)
            everything = []
            async for message in executions.StreamExecution(
                execution_service_pb2.StreamExecutionRequest(execution_id=execution.id)
            ):
                everything.append(message.event)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                await asyncio.to_thread(process.wait, 30)
        for worker in workers:
            worker.stop()

    assert rest[-1].WhichOneof("kind") == "completed", rest
    assert json_format.MessageToDict(rest[-1].completed.output) == 22  # ((1 + 1) * 10) + 2
    assert [e.sequence for e in everything] == list(range(1, len(everything) + 1))
    completed = Counter(
        e.step_completed.node_id for e in everything if e.WhichOneof("kind") == "step_completed"
    )
    assert completed == {"a": 1, "b": 1, "c": 1}
    restarts = [e.started for e in everything if e.WhichOneof("kind") == "started"]
    assert len(restarts) == 2 and restarts[1].resumed_from_checkpoint
