"""SandboxPool against real worker processes: balancing, faults, recovery and a hostile crowd."""

from __future__ import annotations

import asyncio
import random
import signal
import socket
import urllib.request

import grpc
import psutil
import pytest

from server.sandbox.pool import SandboxPool
from server.sandbox.results import RunLimits, RunStatus
from tests.sandbox_workers import start_worker, start_workers


async def run(pool: SandboxPool, code: str, input: dict | None = None, **limits):
    return await pool.execute(
        code=code,
        input=input or {},
        context={},
        limits=RunLimits(**limits),
        execution_id="test",
    )


async def test_runs_are_spread_over_healthy_workers(sandbox_pool):
    results = await asyncio.gather(
        *(run(sandbox_pool, "output = input['n'] + 1", {"n": n}) for n in range(20))
    )
    assert [r.output for r in results] == [n + 1 for n in range(20)]
    assert sandbox_pool.healthy_count == 2


async def wait_until_running(metrics_port: int, count: int = 1) -> None:
    """Until the worker reports `count` runs executing (its metrics say so, no guessing)."""
    async with asyncio.timeout(30):
        while (await asyncio.to_thread(scrape, metrics_port)).get(  # noqa: ASYNC110 - polled
            "agentbuilder_sandbox_running"
        ) != count:
            await asyncio.sleep(0.05)


async def test_a_worker_killed_mid_run_is_unavailable_and_not_retried(tmp_path):
    metrics_port = free_port()
    worker = start_worker(tmp_path / "first", metrics_port=metrics_port)
    pool = SandboxPool([worker.address])
    await pool.start()
    try:
        assert await pool.wait_until_healthy(within_seconds=30)
        running = asyncio.create_task(
            run(pool, "import math\nwhile True:\n    x = math.sqrt(2)", timeout_ms=30_000)
        )
        await wait_until_running(metrics_port)
        worker.kill()
        result = await asyncio.wait_for(running, 10)
        assert result.status is RunStatus.UNAVAILABLE
        assert result.error.type == "WorkerLost"
        assert "not retried" in result.error.message

        # Once the pool has noticed the worker is gone (its health stream broke), nothing
        # listens there: an unreachable worker is a clear NoSandboxWorker result.
        async with asyncio.timeout(30):
            while pool.healthy_count:  # noqa: ASYNC110 - the pool exposes no event for this
                await asyncio.sleep(0.05)
            # ...and its channel has dropped the dead connection (until then a call may still
            # be written to the closing socket, which is a WorkerLost: it might have run).
            channel = pool.workers[0].channel
            while channel.get_state() == grpc.ChannelConnectivity.READY:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
        result = await run(pool, "output = 1")
        assert result.status is RunStatus.UNAVAILABLE
        assert result.error.type == "NoSandboxWorker"

        # The worker comes back on the same port: the pool finds it again.
        revived = start_worker(tmp_path / "revived", port=worker.port)
        try:
            assert await pool.wait_until_healthy(within_seconds=30)
            result = await run(pool, "output = 'back'")
            assert result.status is RunStatus.OK and result.output == "back"
        finally:
            revived.stop()
    finally:
        await pool.close()
        worker.stop()


async def test_an_unreachable_worker_is_skipped_for_a_live_one(sandbox_workers):
    pool = SandboxPool(["127.0.0.1:1", sandbox_workers[0].address])
    await pool.start()
    try:
        results = [await run(pool, "output = 7") for _ in range(4)]
        assert all(r.status is RunStatus.OK and r.output == 7 for r in results)
    finally:
        await pool.close()


# Hostile programs; each must end in a status, never harm the worker or the legit runs.
HOSTILE = [
    ("while True:\n    pass", RunStatus.TIMEOUT),
    ("x = 'a' * (1 << 34)", RunStatus.MEMORY_LIMIT),
    ("output = 'x' * (1 << 22)", RunStatus.OUTPUT_LIMIT),
    ("import os", RunStatus.RUNTIME_ERROR),
    ("def f(n):\n    return f(n + 1)\nf(0)", RunStatus.RUNTIME_ERROR),
    ("x = [[]]\nwhile True:\n    x = [x, x]", RunStatus.MEMORY_LIMIT),
]


@pytest.mark.timeout(240)
async def test_200_concurrent_runs_a_third_hostile_over_two_workers(tmp_path):
    workers = start_workers(tmp_path, 2)
    pool = SandboxPool([worker.address for worker in workers])
    await pool.start()
    try:
        assert await pool.wait_until_healthy(within_seconds=30)
        shuffled = random.Random(7)
        jobs = []
        for n in range(200):
            if n % 3 == 0:
                code, status = HOSTILE[n // 3 % len(HOSTILE)]
                jobs.append((code, {}, status, None))
            else:
                jobs.append(
                    ("output = {'n': input['n'] * 2}", {"n": n}, RunStatus.OK, {"n": n * 2})
                )
        shuffled.shuffle(jobs)
        results = await asyncio.gather(
            *(run(pool, code, input, timeout_ms=1500, memory_mb=64) for code, input, _, _ in jobs)
        )
        for (code, _, status, output), result in zip(jobs, results, strict=True):
            if status is RunStatus.OK:
                assert result.status is RunStatus.OK and result.output == output, (code, result)
            else:
                # Under this load a bomb may also run out of time before it runs out of memory.
                assert result.status in {status, RunStatus.TIMEOUT}, (code, result)
        assert all(worker.process.poll() is None for worker in workers)
    finally:
        await pool.close()
        for worker in workers:
            worker.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scrape(port: int) -> dict[str, float]:
    """Samples of our own metrics, as {'name{labels}': value}."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    samples = {}
    for line in text.splitlines():
        if line.startswith("agentbuilder_sandbox"):
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    return samples


async def test_worker_metrics_count_runs_by_outcome(tmp_path):
    metrics_port = free_port()
    worker = start_worker(tmp_path, metrics_port=metrics_port)
    pool = SandboxPool([worker.address])
    await pool.start()
    try:
        assert await pool.wait_until_healthy(within_seconds=30)
        await run(pool, "output = 1")
        await run(pool, "output = 1")
        await run(pool, "x = 1 / 0")
        await run(pool, "while True:\n    pass", timeout_ms=300)
        samples = await asyncio.to_thread(scrape, metrics_port)
    finally:
        await pool.close()
        worker.stop()
    assert samples['agentbuilder_sandbox_executions_total{status="OK"}'] == 2
    assert samples['agentbuilder_sandbox_executions_total{status="RUNTIME_ERROR"}'] == 1
    assert samples['agentbuilder_sandbox_executions_total{status="TIMEOUT"}'] == 1
    assert samples["agentbuilder_sandbox_execution_seconds_count"] == 4
    assert samples["agentbuilder_sandbox_running"] == 0
    assert samples["agentbuilder_sandbox_queued"] == 0
    # No label carries an id or code: only the bounded status names.
    labels = {name.split("{", 1)[1] for name in samples if "{" in name}
    assert all(label.startswith(("status=", "le=", "reason=")) for label in labels), labels


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


async def test_shutdown_lets_runs_finish_then_kills_the_rest(tmp_path):
    metrics_port = free_port()
    worker = start_worker(tmp_path, shutdown_grace_seconds=2, metrics_port=metrics_port)
    pool = SandboxPool([worker.address])
    await pool.start()
    try:
        assert await pool.wait_until_healthy(within_seconds=30)
        short = asyncio.create_task(
            run(pool, "import time\ntime.sleep(0.5)\noutput = 'finished'", timeout_ms=10_000)
        )
        endless = asyncio.create_task(run(pool, "while True:\n    pass", timeout_ms=60_000))
        await wait_until_running(metrics_port, 2)  # both are running in their children
        processes = descendants(worker.process.pid)
        assert processes  # the zygote and its children
        worker.process.send_signal(signal.SIGTERM)
        finished = await asyncio.wait_for(short, 10)
        assert finished.status is RunStatus.OK and finished.output == "finished"
        cut = await asyncio.wait_for(endless, 10)  # at the 2 s grace deadline, not after 60 s
        assert cut.status is RunStatus.UNAVAILABLE
        assert await asyncio.to_thread(worker.process.wait, 10) == 0
        gone, alive = psutil.wait_procs(processes, timeout=5)
        assert alive == [], alive  # no zygote or child outlives the worker
    finally:
        await pool.close()
        worker.stop()


async def test_an_idle_pool_keeps_its_worker_connections(tmp_path):
    """The pool pings idle connections every 10 s; the worker must accept that, not GOAWAY.

    grpc's default server policy counts a ping on a connection without data as a strike and
    closes the connection after the third (about 30 s here), losing any run in flight.
    """
    worker = start_worker(tmp_path / "idle")
    pool = SandboxPool([worker.address])
    await pool.start()
    try:
        assert await pool.wait_until_healthy(within_seconds=30)
        lost = asyncio.Event()

        async def watch_health() -> None:
            while True:
                if not pool.healthy_count:
                    lost.set()
                await asyncio.sleep(0.05)

        watcher = asyncio.create_task(watch_health())
        await asyncio.sleep(35)  # three keepalive pings with only the idle health stream open
        watcher.cancel()
        assert not lost.is_set(), worker.log()
        result = await run(pool, "output = 1")
        assert result.status is RunStatus.OK, result
        assert "too_many_pings" not in worker.log()
    finally:
        await pool.close()
        worker.stop()
