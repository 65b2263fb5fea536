"""A real `agentbuilder up` process and what it printed, shared by the end-to-end tests."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import sys
import warnings
from pathlib import Path

import pytest

AGENTBUILDER = str(Path(sys.executable).parent / "agentbuilder")


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTBUILDER_")}
    env["AGENTBUILDER_LOG_LEVEL"] = "WARNING"
    env["AGENTBUILDER_SANDBOX_WORKER_BASE_PORT"] = "0"  # free ports: tests may run side by side
    env["AGENTBUILDER_METRICS_PORT"] = "0"
    env["AGENTBUILDER_HTTP_PORT"] = "0"
    env["AGENTBUILDER_GATEWAY_ADMIN_PORT"] = "0"
    return env


class Up:
    """A running `agentbuilder up` and what it printed."""

    def __init__(self, process: asyncio.subprocess.Process, output: list[str]) -> None:
        self.process = process
        self.output = output
        text = "\n".join(output)
        self.target = re.search(r"gRPC\s+(\S+)", text).group(1)
        self.key = re.search(r"API key\s+(\S+)", text).group(1)
        self.sandbox = re.search(r"^\s+sandbox\s+(.+)$", text, re.M).group(1).split(", ")
        self.metrics = re.findall(r"(http://\S+/metrics)", text)
        self.http = re.search(r"^\s+HTTP\s+(\S+)", text, re.M).group(1)
        self.terminated = False

    def terminate(self) -> None:
        self.terminated = True
        self.process.send_signal(signal.SIGTERM)

    @classmethod
    async def start(cls, data_dir: Path, *args: str) -> Up:
        process = await asyncio.create_subprocess_exec(
            AGENTBUILDER,
            "up",
            "--data-dir",
            str(data_dir),
            "--grpc-port",
            "0",
            *args,
            stdout=asyncio.subprocess.PIPE,
            env=clean_env(),
        )
        output: list[str] = []
        async with asyncio.timeout(120):
            while not output or "Press Ctrl-C" not in output[-1]:
                line = await process.stdout.readline()
                if not line:
                    raise AssertionError(f"up exited early: {output}")
                output.append(line.decode().rstrip())
        return cls(process, output)

    async def stop(self) -> int:
        if self.process.returncode is None and not self.terminated:
            self.terminate()
        async with asyncio.timeout(60):
            rest = await self.process.stdout.read()
            code = await self.process.wait()
        self.output.extend(rest.decode().splitlines())
        return code


def in_ci() -> bool:
    """CI=true, CI=1 and the like: every toolchain must then be present."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def toolchain(command: str, why: str) -> str:
    """The path of `command`; skips loudly when it is missing, but fails under CI=true."""
    found = shutil.which(command)
    if found:
        return found
    message = f"{command} is not installed: {why} cannot run"
    if in_ci():
        pytest.fail(f"{message} (CI=true: every toolchain must be present)")
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def quickstart_env(stack: Up) -> dict[str, str]:
    """The environment every client quickstart reads its endpoints and key from."""
    return {
        **os.environ,
        "AGENTBUILDER_TARGET": stack.target,
        "AGENTBUILDER_HTTP": stack.http,
        "AGENTBUILDER_API_KEY": stack.key,
    }


def check_quickstart_output(output: str) -> None:
    """What every quickstart prints: its events in order, ending with completed, then the output.

    The workflow doubles {"value": 5} twice, so the output is {"value": 20}.
    """
    events = re.findall(r"^event (\d+) (\w+)", output, re.M)
    assert events, f"no events printed:\n{output}"
    sequences = [int(sequence) for sequence, _ in events]
    assert sequences == list(range(1, len(events) + 1)), output
    kinds = [kind for _, kind in events]
    assert kinds[0] == "started" and kinds[-1] == "completed", output
    assert kinds.count("step_completed") == 2, output
    match = re.search(r"^output (.+)$", output, re.M)
    assert match, f"no output line:\n{output}"
    assert json.loads(match.group(1)) == {"value": 20}, output
