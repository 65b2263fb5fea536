"""REST through the Envoy gateway versus native gRPC to the server, in the same run.

    make bench-gateway ARGS="--rounds 3 --seconds 8"

One fresh, migrated database; the real server in a child process; Envoy (gateway/envoy.yaml, as
`agentbuilder up` runs it) in front of it. The load comes from native tools, so the client's own
cost stays small and alike on both sides: wrk (HTTP/1.1, C) sends `GET /v1/agents/{id}` to
Envoy, ghz (gRPC, Go) sends GetAgent straight to the server, both with 32 calls in flight.
Rounds alternate the two; the verdict compares medians. Target: REST >= 0.7 of direct.

Needs AGENTBUILDER_TEST_DATABASE_URL (`make bench-gateway` sets it), wrk (Debian package) and
ghz (`make bench-gateway` builds it into .tools/bin).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import grpc
from agentbuilder.v1 import agent_service_pb2_grpc
from bench_agents import Child, progress, seed, serve_agentbuilder

from server import migrate
from server.databases import create_database, drop_database
from server.gateway import Gateway, GatewayAddresses

ROOT = Path(__file__).resolve().parents[1]
GHZ = shutil.which("ghz") or str(ROOT / ".tools" / "bin" / "ghz")
TARGET_RATIO = 0.7
PROTOSET = ROOT / "gateway" / "agentbuilder.pb"


def run_wrk(url: str, key: str, seconds: int, concurrency: int) -> dict:
    """wrk on one thread: requests/s and p99 latency (ms)."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s", "--latency"]
        + ["-H", f"authorization: Bearer {key}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"wrk: {errors.group(1)} failed requests\n{output}")
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return {"throughput": rate, "p99_ms": round(float(p99.group(1)) * scale, 2)}


def run_ghz(target: str, key: str, agent_id: str, seconds: int, concurrency: int) -> dict:
    """ghz on one CPU and one connection (methods from the descriptor set): requests/s, p99."""
    with tempfile.NamedTemporaryFile("w", suffix=".json") as metadata:
        json.dump({"authorization": f"Bearer {key}"}, metadata)
        metadata.flush()
        output = subprocess.run(
            [GHZ, "--insecure", "--cpus", "1", "--connections", "1", "--protoset", str(PROTOSET)]
            + ["--call", "agentbuilder.v1.AgentService.GetAgent"]
            + ["-d", json.dumps({"agentId": agent_id}), "-M", metadata.name]
            + ["-c", str(concurrency), "-z", f"{seconds}s", "-O", "json", target],
            capture_output=True,
            text=True,
        )
    if output.returncode != 0:
        raise RuntimeError(f"ghz failed: {output.stderr or output.stdout}")
    report = json.loads(output.stdout)
    codes = report.get("statusCodeDistribution", {})
    failed = {code: n for code, n in codes.items() if code != "OK"}
    # Calls still in flight when the time is up are cut off (reported as Unavailable).
    if sum(failed.values()) > concurrency:
        raise RuntimeError(f"ghz: failed calls {failed}")
    p99 = next(d for d in report["latencyDistribution"] if d["percentage"] == 99)["latency"]
    ok_per_second = codes.get("OK", 0) / (report["total"] / 1e9)  # total is in ns
    return {"throughput": round(ok_per_second, 1), "p99_ms": round(p99 / 1e6, 2)}


async def seed_agent(port: int, key: str) -> str:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        metadata = (("authorization", f"Bearer {key}"),)
        ids = await seed(agent_service_pb2_grpc.AgentServiceStub(channel), metadata, 20)
    return ids[len(ids) // 2]


async def benchmark(args: argparse.Namespace, port: int, key: str, run_dir: Path) -> dict:
    agent_id = await seed_agent(port, key)
    gateway = Gateway(
        GatewayAddresses("127.0.0.1", 0, 0, "127.0.0.1", port, ("http://localhost:3000",)),
        run_dir,
    )
    progress("starting Envoy (gateway/envoy.yaml)")
    await gateway.start()
    try:
        if not await gateway.wait_until_upstream_healthy(within_seconds=30):
            raise RuntimeError("Envoy never saw the server healthy")
        url = f"{gateway.url}/v1/agents/{agent_id}"
        rounds: dict[str, list[dict]] = {"direct gRPC": [], "REST via Envoy": []}
        for number in range(1, args.rounds + 1):
            order = list(rounds) if number % 2 else list(reversed(rounds))
            for name in order:
                progress(f"round {number}: {name} for {args.seconds:g} s")
                if name == "direct gRPC":
                    result = await asyncio.to_thread(
                        run_ghz, f"127.0.0.1:{port}", key, agent_id, args.seconds, args.concurrency
                    )
                else:
                    result = await asyncio.to_thread(
                        run_wrk, url, key, args.seconds, args.concurrency
                    )
                rounds[name].append(result)
        return rounds
    finally:
        await gateway.stop()


def print_report(args: argparse.Namespace, rounds: dict) -> int:
    medians = {
        name: {
            "throughput": statistics.median(r["throughput"] for r in runs),
            "p99_ms": statistics.median(r["p99_ms"] for r in runs),
        }
        for name, runs in rounds.items()
    }
    direct = medians["direct gRPC"]["throughput"]
    ratio = medians["REST via Envoy"]["throughput"] / direct if direct else 0.0
    if args.json:
        print(json.dumps({"rounds": rounds, "medians": medians, "ratio": ratio}, indent=2))
        return 0
    print()
    print(
        f"GetAgent, {args.concurrency} in flight, {args.rounds} alternating rounds of "
        f"{args.seconds:g} s, {os.cpu_count()} CPUs (server, Envoy, PostgreSQL and the load tool "
        "share them)"
    )
    print()
    header = f"{'scenario':<16}{'median req/s':>14}{'median p99 ms':>15}   per round (req/s)"
    print(header)
    print("-" * len(header))
    for name, runs in rounds.items():
        per_round = ", ".join(f"{r['throughput']:.0f}" for r in runs)
        print(
            f"{name:<16}{medians[name]['throughput']:>14.0f}{medians[name]['p99_ms']:>15.2f}"
            f"   {per_round}"
        )
    print()
    verdict = "PASS" if ratio >= TARGET_RATIO else "BELOW"
    print(f"REST via Envoy / direct gRPC throughput: {ratio:.1%} (target >= 70%) -> {verdict}")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8, help="whole seconds per round")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="print JSON, no table")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    admin_url = os.environ.get("AGENTBUILDER_TEST_DATABASE_URL")
    if not admin_url:
        sys.exit("AGENTBUILDER_TEST_DATABASE_URL is not set: run `make bench-gateway`")
    for tool in ("wrk", GHZ):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: `make bench-gateway` installs wrk and builds ghz")
    name = f"agentbuilder_bench_{uuid.uuid4().hex[:12]}"
    progress(f"creating database {name}")
    url = asyncio.run(create_database(admin_url, name))
    server = None
    try:
        migrate.upgrade(url)
        progress("starting the agentbuilder server in a child process")
        server = Child.start("agentbuilder", serve_agentbuilder, url, None)
        info = server.ready()
        with tempfile.TemporaryDirectory() as run_dir:
            rounds = asyncio.run(benchmark(args, info["port"], info["api_key"], Path(run_dir)))
    finally:
        progress("stopping the server and dropping the database")
        if server is not None:
            server.stop()
        asyncio.run(drop_database(admin_url, name))
    return print_report(args, rounds)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
