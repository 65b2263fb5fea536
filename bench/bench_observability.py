"""What observability costs: GetAgent throughput with the metrics (and tracing) interceptors
on, against the same server with them off, in the same run.

    make bench-observability ARGS="--rounds 3 --seconds 5"

Three real servers run side by side in child processes on one fresh, migrated database:
- off:      grpc_metrics=False and no tracing (request context, auth and error mapping only);
- metrics:  the default configuration: the grpc_server_* metrics on, tracing off;
- tracing:  metrics on, and OpenTelemetry tracing of every RPC into a batch exporter that
            discards spans (what AGENTBUILDER_OTLP_ENDPOINT costs the server, minus the network).
Rounds alternate the scenarios so drift on this noisy machine hits them alike; the verdict uses
the median of each scenario's rounds. Target: metrics / off >= 0.9.

Needs AGENTBUILDER_TEST_DATABASE_URL: a PostgreSQL URL whose role may CREATE DATABASE.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import uuid
from multiprocessing.connection import Connection

import grpc
from agentbuilder.v1 import agent_service_pb2, agent_service_pb2_grpc
from bench_agents import LOG_LEVEL, Child, _wait_for_stop, ignore_ctrl_c, measure, progress, seed
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

from server import migrate
from server.app import build_server, prepare
from server.databases import create_database, drop_database
from server.logs import configure_logging
from server.observability.tracing import Tracing
from server.persistence.database import Database, create_engine
from server.services.principals import PrincipalService
from server.settings import Settings

SCENARIOS = ("off", "metrics", "tracing")
TARGET_RATIO = 0.9  # metrics on should keep this fraction of the throughput with it off


class _Discard(SpanExporter):
    def export(self, spans) -> SpanExportResult:
        return SpanExportResult.SUCCESS


def serve(database_url: str, scenario: str, conn: Connection) -> None:
    """Child process: the real server in one observability configuration."""
    ignore_ctrl_c()
    asyncio.run(_serve(database_url, scenario, conn))


async def _serve(database_url: str, scenario: str, conn: Connection) -> None:
    settings = Settings(
        database_url=database_url,
        grpc_port=0,
        log_level=LOG_LEVEL,
        grpc_metrics=scenario != "off",
        run_executions=False,
    )
    configure_logging(settings.log_level, settings.log_format)
    tracing = Tracing()
    if scenario == "tracing":
        provider = TracerProvider(resource=Resource.create({"service.name": "bench"}))
        provider.add_span_processor(BatchSpanProcessor(_Discard()))
        tracing = Tracing(provider)
    database = Database.open(database_url, settings)
    try:
        await prepare(database)
        server = build_server(settings, database, tracing=tracing)
        await server.start()
        conn.send({"port": server.port})
        await _wait_for_stop(conn)
        await server.stop(grace=1)
    finally:
        await database.dispose()
        tracing.shutdown()


async def _create_key(url: str) -> str:
    database = Database(create_engine(url, Settings(database_url=url)))
    try:
        _, key = await PrincipalService(database).create("bench")
    finally:
        await database.dispose()
    return key


async def benchmark(args: argparse.Namespace, children: dict, ports: dict, key: str) -> dict:
    metadata = (("authorization", f"Bearer {key}"),)
    options = [("grpc.use_local_subchannel_pool", 1)]
    channels = {
        name: [
            grpc.aio.insecure_channel(f"127.0.0.1:{ports[name]}", options=options)
            for _ in range(args.channels)
        ]
        for name in SCENARIOS
    }
    try:
        stubs = {
            name: [agent_service_pb2_grpc.AgentServiceStub(c) for c in chans]
            for name, chans in channels.items()
        }
        progress(f"seeding {args.agents} agents through CreateAgent")
        ids = await seed(stubs["off"][0], metadata, args.agents)
        request = agent_service_pb2.GetAgentRequest(agent_id=ids[len(ids) // 2])
        rounds: dict[str, list] = {name: [] for name in SCENARIOS}
        for number in range(1, args.rounds + 1):
            # Rotate the order each round, so no scenario always runs first or last.
            order = SCENARIOS[number % 3 :] + SCENARIOS[: number % 3]
            for name in order:
                calls = [lambda s=s: s.GetAgent(request, metadata=metadata) for s in stubs[name]]
                result = await measure(f"{name} (round {number})", calls, args, children[name])
                rounds[name].append(result)
        return rounds
    finally:
        for chans in channels.values():
            for channel in chans:
                await channel.close()


def report(args: argparse.Namespace, rounds: dict) -> dict:
    medians = {name: statistics.median(r.throughput for r in rounds[name]) for name in SCENARIOS}
    off = medians["off"]
    ratio = {name: round(medians[name] / off, 4) if off else 0.0 for name in SCENARIOS}
    return {
        "rounds": args.rounds,
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "cpu_count": os.cpu_count(),
        "median_throughput": medians,
        "ratio_vs_off": ratio,
        "per_round": {
            name: [
                {"throughput": r.throughput, "p50_ms": r.p50_ms, "p99_ms": r.p99_ms}
                for r in rounds[name]
            ]
            for name in SCENARIOS
        },
        "target_metrics_vs_off": TARGET_RATIO,
        "verdict": "PASS" if ratio["metrics"] >= TARGET_RATIO else "BELOW",
    }


def print_table(summary: dict) -> None:
    print()
    print(
        f"GetAgent at concurrency {summary['concurrency']}, {summary['rounds']} alternating "
        f"rounds of {summary['seconds']:g} s, {summary['cpu_count']} CPUs"
    )
    print()
    header = f"{'scenario':<10}{'median req/s':>14}{'vs off':>9}   per round (req/s, p99 ms)"
    print(header)
    print("-" * len(header))
    for name in SCENARIOS:
        runs = ", ".join(
            f"{r['throughput']:.0f} ({r['p99_ms']})" for r in summary["per_round"][name]
        )
        print(
            f"{name:<10}{summary['median_throughput'][name]:>14.0f}"
            f"{summary['ratio_vs_off'][name]:>9.1%}   {runs}"
        )
    print()
    print(
        f"target: metrics >= {summary['target_metrics_vs_off']:.0%} of off -> {summary['verdict']}"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    parser.add_argument("--seconds", type=float, default=5, help="measured time per round")
    parser.add_argument("--warmup", type=float, default=1, help="warm-up time per round")
    parser.add_argument("--concurrency", type=int, default=32, help="calls in flight")
    parser.add_argument("--channels", type=int, default=1, help="gRPC channels per server")
    parser.add_argument("--agents", type=int, default=50, help="agents to seed")
    parser.add_argument("--json", action="store_true", help="print a JSON summary, no table")
    args = parser.parse_args()
    if min(args.rounds, args.concurrency, args.channels, args.agents) < 1:
        parser.error("--rounds, --concurrency, --channels and --agents must be at least 1")
    return args


def main() -> int:
    args = parse_args()
    admin_url = os.environ.get("AGENTBUILDER_TEST_DATABASE_URL")
    if not admin_url:
        sys.exit("AGENTBUILDER_TEST_DATABASE_URL is not set: run `make bench`, which sets it")
    name = f"agentbuilder_bench_{uuid.uuid4().hex[:12]}"
    progress(f"creating database {name}")
    url = asyncio.run(create_database(admin_url, name))
    children: dict[str, Child] = {}
    try:
        progress("migrating")
        migrate.upgrade(url)
        key = asyncio.run(_create_key(url))
        progress(f"starting one server per scenario ({', '.join(SCENARIOS)}) in child processes")
        for scenario in SCENARIOS:
            children[scenario] = Child.start(scenario, serve, url, scenario)
        ports = {scenario: child.ready()["port"] for scenario, child in children.items()}
        rounds = asyncio.run(benchmark(args, children, ports, key))
    finally:
        progress("stopping the servers and dropping the database")
        for child in children.values():
            child.stop()
        asyncio.run(drop_database(admin_url, name))
    summary = report(args, rounds)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_table(summary)
    errors = sum(r.errors for runs in rounds.values() for r in runs)
    return 1 if errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
