"""A worker that could not enforce deadlines refuses to start instead of running unbounded."""

from __future__ import annotations

import asyncio
import os
import shutil

import pytest

from sandbox_worker.zygote import CAP_KILL, has_capability
from tests.live_stack import AGENTBUILDER


def test_capability_bits_are_read_from_cap_eff():
    status = "Name:\tpython\nCapInh:\t0000000000000000\nCapEff:\t0000000000000020\n"
    assert has_capability(CAP_KILL, status)
    assert not has_capability(CAP_KILL, status.replace("0020", "0000"))
    assert not has_capability(CAP_KILL, "Name:\tpython\n")


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid drop, and so CAP_KILL, is root's case")
async def test_a_root_worker_without_cap_kill_refuses_to_start(tmp_path):
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("setpriv (util-linux) is missing")
    process = await asyncio.create_subprocess_exec(
        setpriv,
        "--bounding-set=-kill",
        "--inh-caps=-kill",
        AGENTBUILDER,
        "sandbox-worker",
        "--port",
        "0",
        "--ready-file",
        str(tmp_path / "ready"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "AGENTBUILDER_SANDBOX_LOG_FORMAT": "console"},
    )
    try:
        async with asyncio.timeout(60):
            output, _ = await process.communicate()
    finally:
        if process.returncode is None:  # it started after all: stop it, the test fails below
            process.kill()
            await process.wait()
    assert process.returncode != 0
    assert "CAP_KILL" in output.decode(), output.decode()
    assert not (tmp_path / "ready").exists()
