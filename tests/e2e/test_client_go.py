"""The Go client (clients/go): its own tests against a stand-in server (retries, request_id,
deadlines), and against `agentbuilder up`: it builds and vets, its quickstart runs the contract
workflow, and its live tests read ErrorInfo/BadRequest from real errors."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from tests.live_stack import check_quickstart_output, quickstart_env, toolchain

# The first build downloads and compiles grpc-go, slow on a cold cache.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

CLIENT = Path(__file__).resolve().parents[2] / "clients/go"
QUICKSTART = CLIENT / "build/quickstart"  # build/ is gitignored; Go caches the rest


async def go(*args: str, env: dict[str, str] | None = None, seconds: float = 240) -> str:
    """Runs `go ARGS` in clients/go and returns its stdout; fails with its output otherwise."""
    return await run(toolchain("go", "the Go client test"), *args, env=env, seconds=seconds)


async def run(*command: str, env: dict[str, str] | None = None, seconds: float = 240) -> str:
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=CLIENT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    try:
        async with asyncio.timeout(seconds):
            stdout, stderr = await process.communicate()
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    output = stdout.decode()
    assert process.returncode == 0, f"{' '.join(command)}:\n{output}\n{stderr.decode()}"
    return output


@pytest.fixture(scope="module")
async def quickstart() -> Path:
    """clients/go builds and vets (with the committed go.sum), and the quickstart binary."""
    await go("build", "./...")
    await go("vet", "./...")
    await go("build", "-o", str(QUICKSTART), "./cmd/quickstart")
    return QUICKSTART


async def test_go_client_stand_in():
    """`go test` without a live server: the stand-in and quickstart tests run, the live ones
    skip."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTBUILDER_")}
    stdout = await go("test", "-count=1", "-v", "./...", env=env)
    for name in [
        "RetryGetAgentAfterUnavailable",
        "NoRetryDeleteAgent",
        "RetryCreateAgentKeepsFilledRequestID",
        "CallerRequestIDIsKept",
        "CallerDeadlineWinsOverDefault",
        "RetriedMethods",
        "ErrorText",
        "ReadAPIKeyFromParent",
        "ReadAPIKeyMissing",
    ]:
        assert f"--- PASS: Test{name}" in stdout, stdout


async def test_go_quickstart(live_stack, quickstart):
    stdout = await run(str(quickstart), env=quickstart_env(live_stack), seconds=120)
    check_quickstart_output(stdout)


async def test_go_client_errors(live_stack, quickstart):
    stdout = await go("test", "-count=1", "-v", "./agentbuilder", env=quickstart_env(live_stack))
    for name in ["NotFoundCarriesErrorInfo", "InvalidArgumentCarriesBadRequest", "WrongKey"]:
        assert f"--- PASS: TestLive{name}" in stdout, stdout
