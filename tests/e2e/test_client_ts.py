"""The TypeScript client (clients/ts): it type-checks; its call policy (retries, request ids,
deadlines) holds against a stand-in server (`npm test`, no stack needed); and against
`agentbuilder up` both quickstarts (gRPC from Node, gRPC-Web through Envoy) run the contract
workflow and its live tests read ErrorInfo/BadRequest from real errors over both transports."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.live_stack import check_quickstart_output, quickstart_env, toolchain

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]  # a first `npm ci` may be slow

CLIENT = Path(__file__).resolve().parents[2] / "clients/ts"
LOCKFILE = CLIENT / "package-lock.json"
INSTALLED = CLIENT / "node_modules/.package-lock.json"  # npm writes it on every install


async def npm(*args: str, env: dict[str, str] | None = None, seconds: float = 120) -> str:
    """Runs `npm ARGS` in clients/ts and returns its stdout; fails with its output otherwise."""
    toolchain("node", "the TypeScript client test")
    command = [toolchain("npm", "the TypeScript client test"), *args]
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
async def built() -> None:
    """node_modules matches the committed lockfile, and src/, examples/ and test/ type-check."""
    if not INSTALLED.exists() or INSTALLED.stat().st_mtime < LOCKFILE.stat().st_mtime:
        await npm("ci", "--no-audit", "--no-fund", seconds=300)
    await npm("run", "build")


async def test_ts_call_policy(built):
    """Retries, request ids and deadlines against a stand-in server: no stack needed."""
    stdout = await npm("test")
    assert "# fail 0" in stdout and "# pass 10" in stdout, stdout


@pytest.mark.parametrize("transport", ["node", "web"])
async def test_ts_quickstart(live_stack, built, transport):
    stdout = await npm("run", "--silent", f"quickstart:{transport}", env=quickstart_env(live_stack))
    check_quickstart_output(stdout)


async def test_ts_client_errors(live_stack, built):
    stdout = await npm("run", "test:live", env=quickstart_env(live_stack))
    assert "# fail 0" in stdout and "# pass 8" in stdout, stdout
