"""The Java client (clients/java): it builds with Maven; its JUnit tests against a stand-in server
check what is retried and what every attempt carries; against `agentbuilder up` its quickstart runs
the contract workflow, and its live JUnit tests read ErrorInfo/BadRequest from real errors."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import pytest

from tests.live_stack import check_quickstart_output, quickstart_env, toolchain

# A first build downloads the Maven plugins and dependencies into ~/.m2.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

CLIENT = Path(__file__).resolve().parents[2] / "clients/java"
CLASSPATH = CLIENT / "target/classpath.txt"  # target/ is gitignored; ~/.m2 caches the rest


async def run(*command: str, env: dict[str, str] | None = None, seconds: float = 120) -> str:
    """Runs COMMAND in clients/java and returns its stdout; fails with its output otherwise."""
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


async def mvn(*args: str, env: dict[str, str] | None = None, seconds: float = 600) -> str:
    """`mvn --batch-mode ARGS` in clients/java (online: the first run fills ~/.m2)."""
    return await run(
        toolchain("mvn", "the Java client test"), "--batch-mode", *args, env=env, seconds=seconds
    )


@pytest.fixture(scope="module")
async def classpath() -> str:
    """clients/java compiles (main and tests); the quickstart's class path."""
    toolchain("java", "the Java client test")
    await mvn(
        "--quiet",
        "test-compile",
        "dependency:build-classpath",
        "-Dmdep.includeScope=runtime",
        f"-Dmdep.outputFile={CLASSPATH}",
    )
    return f"{CLIENT / 'target/classes'}:{CLASSPATH.read_text().strip()}"


def surefire_runs(stdout: str) -> dict[str, str]:
    """Test class -> its test count, for the classes that ran without failures, errors or skips."""
    runs = re.findall(r"Tests run: (\d+), Failures: 0, Errors: 0, Skipped: 0, .* in (\S+)", stdout)
    return {name: count for count, name in runs}


async def test_java_client_against_a_stand_in_server(classpath):
    """No live stack: retries (which methods, how many attempts), the key, deadlines, request_id."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTBUILDER_")}
    stdout = await mvn(
        "surefire:test", "-Dtest=AgentBuilderClientStandInTest,ErrorDetailsTest", env=env
    )
    runs = surefire_runs(stdout)
    assert runs.get("dev.agentbuilder.client.AgentBuilderClientStandInTest") == "6", stdout
    assert runs.get("dev.agentbuilder.client.ErrorDetailsTest") == "2", stdout


async def test_java_quickstart(live_stack, classpath):
    stdout = await run(
        toolchain("java", "the Java client test"),
        "-cp",
        classpath,
        "dev.agentbuilder.examples.Quickstart",
        env=quickstart_env(live_stack),
    )
    check_quickstart_output(stdout)
    assert 'output {"value":20}' in stdout.splitlines(), stdout  # 20, not 20.0


async def test_java_quickstart_reports_errors(live_stack, classpath):
    process = await asyncio.create_subprocess_exec(
        toolchain("java", "the Java client test"),
        "-cp",
        classpath,
        "dev.agentbuilder.examples.Quickstart",
        cwd=CLIENT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**quickstart_env(live_stack), "AGENTBUILDER_API_KEY": "not-a-key"},
    )
    async with asyncio.timeout(60):
        _, stderr = await process.communicate()
    assert process.returncode == 1, stderr.decode()
    lines = stderr.decode().splitlines()
    assert lines[0].startswith("error: UNAUTHENTICATED: "), lines
    assert re.fullmatch(r"  ErrorInfo reason=\S+ domain=agentbuilder", lines[1]), lines


async def test_java_client_errors(live_stack, classpath):
    stdout = await mvn(
        "surefire:test",
        "-Dtest=AgentBuilderClientLiveTest",
        env=quickstart_env(live_stack),
        seconds=300,
    )
    assert surefire_runs(stdout).get("dev.agentbuilder.client.AgentBuilderClientLiveTest") == "3"
