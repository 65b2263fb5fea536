"""The README's "Debugging with grpcurl" block, run as written against a live `agentbuilder up`."""

from __future__ import annotations

import asyncio
import json
import os
import re
from pathlib import Path

import pytest

from tests.live_stack import quickstart_env
from tests.readme import grpcurl, readme_block

pytestmark = pytest.mark.e2e


def json_documents(text: str) -> list[dict]:
    """Every top-level JSON object grpcurl printed, in order."""
    decoder = json.JSONDecoder()
    found, index = [], 0
    while (start := text.find("{", index)) != -1:
        try:
            document, index = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            index = start + 1
            continue
        found.append(document)
    return found


async def test_readme_grpcurl_debugging_session(live_stack, tmp_path):
    (tmp_path / ".agentbuilder").mkdir()
    (tmp_path / ".agentbuilder/api-key").write_text(live_stack.key + "\n")
    script = readme_block("tested:grpcurl-debugging").replace("localhost:50051", live_stack.target)
    script = script.replace('"$PWD/.tools/bin', f'"{Path(grpcurl()).parent}')
    env = {**quickstart_env(live_stack), "PATH": os.environ["PATH"]}
    process = await asyncio.create_subprocess_exec(
        "bash",
        "-euo",
        "pipefail",
        "-c",
        script,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    async with asyncio.timeout(120):
        stdout, stderr = await process.communicate()
    output, errors = stdout.decode(), stderr.decode()
    assert process.returncode == 0, f"{output}\n{errors}"

    # 1. Every public service, health and reflection are listed; the message is described.
    listed = set(re.findall(r"^([\w.]+Service|grpc\.[\w.]+)$", output, re.M))
    for service in ("Agent", "Tool", "Block", "Workflow", "Execution", "Metrics"):
        assert f"agentbuilder.v1.{service}Service" in listed
    assert {"grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"} <= listed
    assert "agentbuilder.v1.Agent is a message:" in output
    assert "message Agent {" in output and "repeated string tool_ids" in output

    documents = json_documents(output)
    # 2. The agent was created.
    created = [d for d in documents if "agent" in d]
    assert created and created[0]["agent"]["name"] == "debugger" and created[0]["agent"]["id"]

    # 3. The error is decoded with its details (grpcurl prints errors on stderr).
    assert "Code: InvalidArgument" in errors, errors
    assert "type.googleapis.com/google.rpc.ErrorInfo" in errors
    assert "type.googleapis.com/google.rpc.BadRequest" in errors
    assert '"field": "agent.name"' in errors
    assert "grpcurl exit code" in output

    # 5. The stream ran from the first event to the terminal one, in order.
    events = [d["event"] for d in documents if "event" in d]
    assert [int(e["sequence"]) for e in events] == list(range(1, len(events) + 1))
    assert "started" in events[0] and "completed" in events[-1], events
    assert events[-1]["completed"]["output"] == 42


async def test_grpcurl_reflection_works_through_the_gateway(live_stack):
    """The compose section's `grpcurl -plaintext localhost:8080 list`: reflection via Envoy."""
    gateway = live_stack.http.removeprefix("http://").rstrip("/")
    process = await asyncio.create_subprocess_exec(
        grpcurl(),
        "-plaintext",
        gateway,
        "list",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    assert "agentbuilder.v1.ExecutionService" in stdout.decode().splitlines()
