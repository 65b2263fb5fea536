"""A trivial block through TestBlock (server -> worker -> child) next to two baselines.

    make bench-sandbox ARGS="--seconds 10"

One run creates a fresh database, starts two real sandbox workers (`agentbuilder
sandbox-worker`) and the real server in a child process with a SandboxPool over them, creates a
trivial block through the API, and measures from this (parent) process:

- TestBlock with an ad-hoc input, sequentially (latency) and at `--concurrency` (throughput);
- the floor: the same code compiled once with the sandbox policy and exec'd in this process with
  the sandbox's globals (no isolation, no process, no RPC);
- the naive approach: a fresh `python -c` per run, sequentially and at the same concurrency.

Targets: TestBlock p50 under 5 ms, and at least 10x faster than `python -c` per run.
Needs AGENTBUILDER_TEST_DATABASE_URL: a PostgreSQL URL whose role may CREATE DATABASE.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
from agentbuilder.sandbox.v1 import sandbox_pb2, sandbox_pb2_grpc
from agentbuilder.v1 import block_pb2, block_service_pb2, block_service_pb2_grpc
from bench_agents import Child, ignore_ctrl_c, percentile, progress, run_load
from google.protobuf import struct_pb2

from sandbox_worker.policy import compile_code
from sandbox_worker.runtime import CappedPrint, restricted_globals
from server import migrate
from server.databases import create_database, drop_database

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests/
from tests.sandbox_workers import start_workers  # noqa: E402

CODE = "output = {'sum': input['a'] + input['b'], 'words': len(input['text'].split())}"
INPUT = {"a": 20, "b": 22, "text": "a trivial block through the whole stack"}
TARGET_P50_MS = 5.0
TARGET_SPEEDUP = 10.0


def serve_agentbuilder(database_url: str, workers: list[str], conn) -> None:
    """Child process: the real server with a SandboxPool over the workers."""
    ignore_ctrl_c()
    asyncio.run(_serve(database_url, workers, conn))


async def _serve(database_url: str, workers: list[str], conn) -> None:
    from bench_agents import _wait_for_stop

    from server.app import build_server, prepare
    from server.logs import configure_logging
    from server.persistence.database import Database
    from server.sandbox.pool import SandboxPool
    from server.services.principals import PrincipalService
    from server.settings import Settings

    settings = Settings(database_url=database_url, grpc_port=0, log_level="WARNING")
    configure_logging(settings.log_level, settings.log_format)
    database = Database.open(database_url, settings)
    pool = SandboxPool(workers)
    await pool.start()
    try:
        await prepare(database)
        await pool.wait_until_healthy(within_seconds=30)
        _, api_key = await PrincipalService(database).create("bench")
        server = build_server(settings, database, pool)
        await server.start()
        conn.send({"port": server.port, "api_key": api_key})
        await _wait_for_stop(conn)
        await server.stop(grace=1)
    finally:
        await pool.close()
        await database.dispose()


def in_process_floor(seconds: float) -> dict:
    """The same code, compiled once, exec'd here with the sandbox's globals: no isolation."""
    code = compile_code(CODE)
    latencies = []
    deadline = time.perf_counter() + seconds
    while (start := time.perf_counter()) < deadline:
        scope = restricted_globals(dict(INPUT), {}, CappedPrint())
        exec(code, scope)
        latencies.append(time.perf_counter() - start)
    latencies.sort()
    return summary("in-process RestrictedPython", latencies, seconds)


async def python_c(concurrency: int, seconds: float) -> dict:
    """A fresh interpreter per run: `python -c` with the code and the input on the command line."""
    script = f"import json, sys\ninput = json.loads(sys.argv[1])\n{CODE}\nprint(json.dumps(output))"

    async def call() -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", script, json.dumps(INPUT), stdout=asyncio.subprocess.PIPE
        )
        out, _ = await process.communicate()
        assert json.loads(out)["sum"] == 42

    latencies, errors, _ = await run_load([call], concurrency, seconds)
    latencies.sort()
    return summary(f"python -c per run (c={concurrency})", latencies, seconds, errors)


def summary(name: str, latencies: list[float], seconds: float, errors: int = 0) -> dict:
    return {
        "scenario": name,
        "runs": len(latencies),
        "errors": errors,
        "runs_per_second": round(len(latencies) / seconds, 1),
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
    }


async def through_the_stack(info: dict, concurrency: int, seconds: float) -> dict:
    metadata = (("authorization", f"Bearer {info['api_key']}"),)
    options = [("grpc.use_local_subchannel_pool", 1)]
    async with grpc.aio.insecure_channel(f"127.0.0.1:{info['port']}", options=options) as channel:
        blocks = block_service_pb2_grpc.BlockServiceStub(channel)
        block = (
            await blocks.CreateBlock(
                block_service_pb2.CreateBlockRequest(
                    block=block_pb2.Block(name=f"bench-{uuid.uuid4().hex[:6]}", code=CODE)
                ),
                metadata=metadata,
            )
        ).block
        run_input = struct_pb2.Struct()
        run_input.update(INPUT)
        request = block_service_pb2.TestBlockRequest(block_id=block.id, input=run_input)

        async def call() -> None:
            reply = await blocks.TestBlock(request, metadata=metadata)
            result = reply.results[0]
            if result.status != block_pb2.RUN_STATUS_OK:
                raise RuntimeError(f"run failed: {result}")

        await run_load([call], concurrency, min(2.0, seconds))  # warm-up
        latencies, errors, first_error = await run_load([call], concurrency, seconds)
        if errors:
            progress(f"TestBlock: {errors} failed calls, first: {first_error}")
    latencies.sort()
    return summary(f"TestBlock via 2 workers (c={concurrency})", latencies, seconds, errors)


async def worker_direct(address: str, seconds: float) -> dict:
    """Execute on one worker, skipping the server: the worker + child share of TestBlock."""
    async with grpc.aio.insecure_channel(address) as channel:
        stub = sandbox_pb2_grpc.SandboxServiceStub(channel)
        request = sandbox_pb2.ExecuteRequest(code=CODE)
        request.input.update(INPUT)

        async def call() -> None:
            response = await stub.Execute(request)
            if response.status != sandbox_pb2.EXECUTE_STATUS_OK:
                raise RuntimeError(f"run failed: {response}")

        await run_load([call], 1, min(2.0, seconds))
        latencies, errors, _ = await run_load([call], 1, seconds)
    latencies.sort()
    return summary("Execute on one worker directly (c=1)", latencies, seconds, errors)


async def benchmark(args: argparse.Namespace, info: dict, workers: list[str]) -> list[dict]:
    results = []
    progress(f"measuring in-process RestrictedPython for {args.seconds:g} s")
    results.append(in_process_floor(args.seconds))
    progress(f"measuring Execute on a worker directly for {args.seconds:g} s")
    results.append(await worker_direct(workers[0], args.seconds))
    for concurrency in (1, args.concurrency):
        progress(f"measuring TestBlock at concurrency {concurrency} for {args.seconds:g} s")
        results.append(await through_the_stack(info, concurrency, args.seconds))
        progress(f"measuring python -c at concurrency {concurrency} for {args.seconds:g} s")
        results.append(await python_c(concurrency, args.seconds))
    return results


def report(results: list[dict]) -> None:
    print()
    header = f"{'scenario':38} {'runs':>7} {'errors':>6} {'runs/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['scenario']:38} {r['runs']:>7} {r['errors']:>6} {r['runs_per_second']:>9} "
            f"{r['p50_ms'] or 0:>8.2f} {r['p99_ms'] or 0:>8.2f}"
        )
    by_name = {r["scenario"].split(" (")[0]: r for r in results if "c=1)" in r["scenario"]}
    stack, naive = by_name["TestBlock via 2 workers"], by_name["python -c per run"]
    floor = results[0]
    speedup = naive["p50_ms"] / stack["p50_ms"]
    print()
    print(f"TestBlock p50 (sequential): {stack['p50_ms']:.2f} ms  (target < {TARGET_P50_MS} ms)")
    print(f"python -c p50 / TestBlock p50: {speedup:.1f}x  (target >= {TARGET_SPEEDUP}x)")
    print(f"TestBlock p50 / in-process floor p50: {stack['p50_ms'] / floor['p50_ms']:.0f}x")
    direct = results[1]
    print(
        f"of which one worker alone (Execute, no server): {direct['p50_ms']:.2f} ms p50; the "
        f"server adds {stack['p50_ms'] - direct['p50_ms']:.2f} ms (a gRPC hop, the block read)"
    )
    loaded = [r for r in results if "c=1)" not in r["scenario"] and r is not floor]
    if len(loaded) == 2:
        print(
            f"throughput at c={loaded[0]['scenario'].split('c=')[1][:-1]}: TestBlock "
            f"{loaded[0]['runs_per_second']} runs/s vs python -c {loaded[1]['runs_per_second']} "
            f"runs/s ({loaded[0]['runs_per_second'] / loaded[1]['runs_per_second']:.1f}x)"
        )
    met = stack["p50_ms"] < TARGET_P50_MS and speedup >= TARGET_SPEEDUP
    print(f"targets: {'MET' if met else 'NOT MET'}")


@contextlib.contextmanager
def running_stack(command: str) -> Iterator[tuple[dict, list[str]]]:
    """A fresh database, two sandbox workers and the real server in a child process.

    Yields the server's {port, api_key} and the workers' addresses; removes it all afterwards.
    """
    admin_url = os.environ.get("AGENTBUILDER_TEST_DATABASE_URL")
    if not admin_url:
        sys.exit(f"AGENTBUILDER_TEST_DATABASE_URL is not set: run `{command}`")
    name = f"agentbuilder_bench_{uuid.uuid4().hex[:12]}"
    progress(f"creating database {name}")
    url = asyncio.run(create_database(admin_url, name))
    workers = []
    server = None
    try:
        progress("migrating")
        migrate.upgrade(url)
        progress("starting 2 sandbox workers")
        workers = start_workers(Path("build") / "bench-workers", 2)
        progress("starting the agentbuilder server (with its runner) in a child process")
        addresses = [w.address for w in workers]
        server = Child.start("agentbuilder", serve_agentbuilder, url, addresses)
        yield server.ready(), addresses
    finally:
        progress("stopping the server and workers, dropping the database")
        if server:
            server.stop()
        for worker in workers:
            worker.stop()
        asyncio.run(drop_database(admin_url, name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="measured time per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="calls in flight (loaded)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary, no table")
    args = parser.parse_args()
    with running_stack("make bench-sandbox") as (info, workers):
        results = asyncio.run(benchmark(args, info, workers))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        report(results)


if __name__ == "__main__":
    main()
