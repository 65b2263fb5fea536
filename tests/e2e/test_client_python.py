"""The Python quickstart (clients/python/examples), async and blocking, against `agentbuilder up`."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from tests.live_stack import check_quickstart_output, quickstart_env

pytestmark = pytest.mark.e2e

QUICKSTART = Path(__file__).resolve().parents[2] / "clients/python/examples/quickstart.py"


@pytest.mark.parametrize("mode", [[], ["--sync"]], ids=["async", "sync"])
async def test_python_quickstart(live_stack, mode):
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(QUICKSTART),
        *mode,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=quickstart_env(live_stack),
    )
    async with asyncio.timeout(120):
        stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    check_quickstart_output(stdout.decode())


async def test_python_quickstart_reports_a_failed_call(live_stack):
    env = {**quickstart_env(live_stack), "AGENTBUILDER_API_KEY": "ab_not_a_key"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(QUICKSTART),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    async with asyncio.timeout(60):
        _, stderr = await process.communicate()
    assert process.returncode == 1
    lines = stderr.decode().splitlines()
    assert lines[0].startswith("error: UNAUTHENTICATED: "), lines
    assert lines[1].startswith("  ErrorInfo reason=API_KEY_") and "domain=agentbuilder" in lines[1]
