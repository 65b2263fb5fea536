"""The README's grpcurl commands, run as written against a real server."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from agentbuilder.v1 import agent_service_pb2 as agents_pb

from tests.readme import grpcurl, readme_block

pytestmark = pytest.mark.e2e


def readme_script(marker: str, caller, target: str, tmp_path: Path) -> str:
    """A README block pointed at the test server, with the caller's key in the key file."""
    key_file = tmp_path / "api-key"
    key_file.write_text(caller.key + "\n")
    return (
        readme_block(marker)
        .replace("localhost:50051", target)
        .replace(".agentbuilder/api-key", str(key_file))
    )


async def test_readme_grpcurl_commands(alice, target, tmp_path):
    script = readme_script("tested:grpcurl", alice, target, tmp_path)
    env = {**os.environ, "PATH": f"{Path(grpcurl()).parent}{os.pathsep}{os.environ['PATH']}"}
    process = await asyncio.create_subprocess_exec(
        "bash",
        "-euo",
        "pipefail",
        "-c",
        script,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    async with asyncio.timeout(120):
        stdout, stderr = await process.communicate()
    output = stdout.decode()
    assert process.returncode == 0, f"README commands failed:\n{output}\n{stderr.decode()}"
    assert "agentbuilder.v1.AgentService" in output
    assert '"name": "calculator"' in output
    assert '"name": "math-coach"' in output and '"version": "2"' in output


async def run_bash(script: str) -> str:
    env = {**os.environ, "PATH": f"{Path(grpcurl()).parent}{os.pathsep}{os.environ['PATH']}"}
    process = await asyncio.create_subprocess_exec(
        "bash",
        "-euo",
        "pipefail",
        "-c",
        script,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    async with asyncio.timeout(120):
        stdout, stderr = await process.communicate()
    output = stdout.decode()
    assert process.returncode == 0, f"README commands failed:\n{output}\n{stderr.decode()}"
    return output


async def test_readme_block_commands(alice, sandbox_target, tmp_path):
    """The logic-block session, on a server whose blocks run on real sandbox workers."""
    session = readme_script("tested:grpcurl", alice, sandbox_target, tmp_path)
    prelude = "\n".join(session.splitlines()[:2])  # KEY=... and AUTH=...
    assert prelude.startswith("KEY=") and "AUTH=" in prelude
    blocks = readme_script("tested:grpcurl-blocks", alice, sandbox_target, tmp_path)
    output = await run_bash(f"{prelude}\n{blocks}")
    assert '"passed": true' in output
    assert '"value": 42' in output


async def test_readme_execution_commands(alice, sandbox_target, tmp_path):
    """The blocks session, then the execution session, on a server that runs executions."""
    session = readme_script("tested:grpcurl", alice, sandbox_target, tmp_path)
    prelude = "\n".join(session.splitlines()[:2])
    blocks = readme_script("tested:grpcurl-blocks", alice, sandbox_target, tmp_path)
    executions = readme_script("tested:grpcurl-executions", alice, sandbox_target, tmp_path)
    output = await run_bash(f"{prelude}\n{blocks}\n{executions}")
    assert '"step_started"' in output and '"completed"' in output, output[-3000:]
    assert '"value": 42' in output


async def test_readme_python_example(alice, target, tmp_path):
    script = readme_script("tested:python", alice, target, tmp_path)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    agent_id, version, etag = stdout.decode().split()
    assert version == "1" and etag
    listed = await alice.agents.ListAgents(agents_pb.ListAgentsRequest())
    assert [a.id for a in listed.agents] == [agent_id]


async def test_readme_metrics_commands(alice, sandbox_target, tmp_path):
    """The execution session, then the MetricsService calls about it."""
    session = readme_script("tested:grpcurl", alice, sandbox_target, tmp_path)
    prelude = "\n".join(session.splitlines()[:2])
    parts = [
        readme_script(marker, alice, sandbox_target, tmp_path)
        for marker in (
            "tested:grpcurl-blocks",
            "tested:grpcurl-executions",
            "tested:grpcurl-metrics",
        )
    ]
    output = await run_bash("\n".join([prelude, *parts]))
    stats = output[output.index('"by_status"') - 200 :]
    assert '"total": "1"' in stats and '"EXECUTION_STATUS_SUCCEEDED"' in stats, stats
    assert '"success_rate": 1' in stats
    assert '"server_version"' in output and '"healthy_sandbox_workers": 2' in output


async def test_readme_curl_commands(alice, gateway, tmp_path):
    """The REST session, through a real Envoy in front of a server that runs executions."""
    script = readme_script("tested:curl", alice, "unused", tmp_path).replace(
        "http://localhost:8080", gateway.url
    )
    output = await run_bash(script)
    assert '"name":"calculator"' in output
    assert '"name":"web-helper"' in output
    assert '"reason":"AGENT_NOT_FOUND"' in output and "HTTP 404" in output
    events = [line for line in output.splitlines() if line.startswith("data: ")]
    assert '"started"' in events[0] and '"completed":{"output":{"value":42}}' in events[3]
    assert events[4:] == events[2:4]  # the replay after sequence 2
