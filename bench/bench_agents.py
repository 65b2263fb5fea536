"""GetAgent and ListAgents throughput and latency next to a bare grpc.aio echo server.

    make bench ARGS="--seconds 10 --concurrency 32"

One run creates a fresh database, migrates it, starts the real server and a bare grpc.aio echo
server, each in its own child process, seeds agents through the real API, then measures every
scenario from this (parent) process and drops the database. The echo server answers with the bytes
of a real GetAgentResponse, so it is the ceiling grpc.aio in Python gives for messages of that
size: the real server's throughput is read as a fraction of it. Echo and GetAgent are measured in
`--rounds` back-to-back pairs and the verdict is the median of the rounds' ratios, since the
machine drifts between phases.

Needs AGENTBUILDER_TEST_DATABASE_URL: a PostgreSQL URL whose role may CREATE DATABASE.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import math
import multiprocessing
import os
import signal
import statistics
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import grpc
from agentbuilder.v1 import agent_pb2, agent_service_pb2, agent_service_pb2_grpc
from sqlalchemy import literal_column, select

from server import migrate
from server.app import build_server, prepare
from server.databases import create_database, drop_database
from server.logs import configure_logging
from server.persistence.database import CompiledRead, Database, ReadPool
from server.services.builtin_tools import builtin_tool_id
from server.services.principals import PrincipalService
from server.settings import Settings

try:  # psutil only adds the CPU columns; it comes with pgserver.
    import psutil
except ImportError:
    psutil = None

SELECT_ONE = CompiledRead(select(literal_column("1")))
ECHO_METHOD = "/bench.Echo/Echo"
ECHO_AFTER_QUERY_METHOD = "/bench.Echo/EchoAfterQuery"
TARGET_RATIO = 0.40  # GetAgent should reach this fraction of echo throughput
LOG_LEVEL = "WARNING"  # the per-RPC access log is INFO: at WARNING it does not dominate
MAX_MESSAGE_BYTES = Settings.model_fields["max_message_bytes"].default
SERVER_OPTIONS = [  # what server.app.build_server passes, so only the handlers differ
    ("grpc.so_reuseport", 0),
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
]


def progress(message: str) -> None:
    """Progress on stderr, so stdout holds only the table (or the JSON)."""
    print(f"» {message}", file=sys.stderr, flush=True)


# --- child processes -----------------------------------------------------------------------------


def serve_agentbuilder(database_url: str, profile_path: str | None, conn: Connection) -> None:
    """Child process: the real server; sends {port, api_key} to the parent, then waits."""
    ignore_ctrl_c()
    profiler = cProfile.Profile() if profile_path else None
    if profiler:
        profiler.enable()
    asyncio.run(_serve_agentbuilder(database_url, conn))
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile_path)


async def _serve_agentbuilder(database_url: str, conn: Connection) -> None:
    settings = Settings(database_url=database_url, grpc_port=0, log_level=LOG_LEVEL)
    configure_logging(settings.log_level, settings.log_format)
    database = Database.open(settings.database_url.get_secret_value(), settings)
    try:
        await prepare(database)
        # This process already holds the database, so it mints the benchmark's API key too.
        _, api_key = await PrincipalService(database).create("bench")
        server = build_server(settings, database)
        await server.start()
        conn.send({"port": server.port, "api_key": api_key})
        await _wait_for_stop(conn)
        await server.stop(grace=1)
    finally:
        await database.dispose()


def serve_echo(database_url: str, conn: Connection) -> None:
    """Child process: a bare grpc.aio server whose methods return the request bytes."""
    ignore_ctrl_c()
    asyncio.run(_serve_echo(database_url, conn))


async def _serve_echo(database_url: str, conn: Connection) -> None:
    # The floor for any handler that makes one database round trip: `SELECT 1` on the server's
    # own read pool (the cheapest way it has to PostgreSQL), then echo. No SQLAlchemy, no
    # protobuf, no interceptors.
    pool = ReadPool(database_url, Settings().db_read_pool_size)

    async def echo(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        return request

    async def echo_after_query(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        await pool.run("fetchval", SELECT_ONE, None)
        return request

    server = grpc.aio.server(options=SERVER_OPTIONS)
    # No (de)serializers: the handler sees and returns raw bytes, so no protobuf work at all.
    handler = grpc.method_handlers_generic_handler(
        "bench.Echo",
        {
            "Echo": grpc.unary_unary_rpc_method_handler(echo),
            "EchoAfterQuery": grpc.unary_unary_rpc_method_handler(echo_after_query),
        },
    )
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    conn.send({"port": port})
    await _wait_for_stop(conn)
    await server.stop(grace=1)
    await pool.close()


def ignore_ctrl_c() -> None:
    """Ctrl-C reaches the whole process group; the parent alone decides when children stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


async def _wait_for_stop(conn: Connection) -> None:
    """Returns when the parent says stop, or when it is gone (EOF on the pipe)."""
    try:
        await asyncio.to_thread(conn.recv)
    except EOFError:
        pass


@dataclass
class Child:
    """A server child process and the pipe to it."""

    name: str
    process: BaseProcess
    conn: Connection

    @classmethod
    def start(cls, name: str, target, *args) -> Child:
        context = multiprocessing.get_context("spawn")  # a clean interpreter, no inherited gRPC
        conn, child_conn = context.Pipe()
        process = context.Process(target=target, args=(*args, child_conn), name=name, daemon=True)
        process.start()
        child_conn.close()  # so a dead child shows up as EOF here
        return cls(name, process, conn)

    def ready(self, timeout: float = 60) -> dict:
        """What the child reports once it serves: its port (and for the real server, a key)."""
        if not self.conn.poll(timeout):
            raise RuntimeError(f"{self.name} server did not start within {timeout:.0f} s")
        try:
            return self.conn.recv()
        except EOFError:
            raise RuntimeError(f"{self.name} server exited during start-up") from None

    def cpu_seconds(self) -> float | None:
        if psutil is None or not self.process.is_alive():
            return None
        times = psutil.Process(self.process.pid).cpu_times()
        return times.user + times.system

    def stop(self) -> None:
        """Asks politely, then terminates, then kills: never leaves the process behind."""
        try:
            self.conn.send("stop")
        except (BrokenPipeError, OSError):
            pass
        self.process.join(10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


# --- load generation -----------------------------------------------------------------------------


@dataclass
class Result:
    scenario: str
    requests: int
    errors: int
    seconds: float
    throughput: float
    p50_ms: float | None  # None when no call succeeded
    p99_ms: float | None
    client_cpu: float | None  # cores the load generator (this process) used
    server_cpu: float | None  # cores the server child used (PostgreSQL not included)


def percentile(ordered: list[float], q: float) -> float | None:
    """Nearest-rank percentile of sorted seconds, in milliseconds."""
    if not ordered:
        return None
    return round(ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)] * 1000, 3)


async def run_load(calls: list, concurrency: int, seconds: float) -> tuple[list[float], int, str]:
    """`concurrency` workers call back to back until `seconds` pass; returns latencies."""
    latencies: list[float] = []
    errors = 0
    first_error = ""
    deadline = time.perf_counter() + seconds

    async def worker(call) -> None:
        nonlocal errors, first_error
        while (start := time.perf_counter()) < deadline:
            try:
                await call()
            except grpc.aio.AioRpcError as error:
                errors += 1
                first_error = first_error or f"{error.code().name}: {error.details()}"
                continue
            latencies.append(time.perf_counter() - start)

    # Workers are spread over the channels round-robin.
    await asyncio.gather(*(worker(calls[i % len(calls)]) for i in range(concurrency)))
    return latencies, errors, first_error


async def measure(name: str, calls: list, args: argparse.Namespace, server: Child) -> Result:
    progress(f"warming up {name} for {args.warmup:g} s")
    await run_load(calls, args.concurrency, args.warmup)
    progress(f"measuring {name} for {args.seconds:g} s")
    server_start = server.cpu_seconds()
    client_start = time.process_time()
    started = time.perf_counter()
    latencies, errors, first_error = await run_load(calls, args.concurrency, args.seconds)
    # Until the last worker returns: the calls in flight at the deadline count, so does their time.
    elapsed = time.perf_counter() - started
    client_cpu = round((time.process_time() - client_start) / elapsed, 3)
    server_end = server.cpu_seconds()
    server_cpu = None
    if server_start is not None and server_end is not None:
        server_cpu = round((server_end - server_start) / elapsed, 3)
    if errors:
        progress(f"{name}: {errors} failed calls, first: {first_error}")
    latencies.sort()
    return Result(
        scenario=name,
        requests=len(latencies),
        errors=errors,
        seconds=round(elapsed, 3),
        throughput=round(len(latencies) / elapsed, 1),
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        client_cpu=client_cpu,
        server_cpu=server_cpu,
    )


def sample_agent(i: int) -> agent_pb2.Agent:
    """A realistic agent: a paragraph of prompt, an LLM config, two built-in tools, labels."""
    team = ("support", "sales", "research", "ops")[i % 4]
    return agent_pb2.Agent(
        name=f"{team}-assistant-{i:03d}",
        description=f"Answers {team} questions from the internal knowledge base and escalates "
        "anything it cannot resolve to a human.",
        agent_type=agent_pb2.AGENT_TYPE_CONVERSATIONAL,
        llm=agent_pb2.LlmConfig(
            provider="openai",
            model="gpt-4o-mini",
            temperature=0.3,
            max_tokens=1024,
            system_prompt=f"You are a helpful {team} assistant for Acme Corp. Answer concisely, "
            "cite the knowledge base passages you used, never invent order numbers or prices, "
            "and hand over to a human when the customer asks for one or is upset.",
        ),
        tool_ids=[str(builtin_tool_id("vector_search")), str(builtin_tool_id("http_request"))],
        labels={"team": team, "env": "prod", "cost-center": f"cc-{1000 + i % 7}"},
    )


async def seed(stub, metadata, count: int) -> list[str]:
    """Creates `count` agents through the real CreateAgent, a few at a time; returns their ids."""
    limit = asyncio.Semaphore(8)

    async def create(i: int) -> str:
        async with limit:
            request = agent_service_pb2.CreateAgentRequest(
                agent=sample_agent(i), request_id=str(uuid.uuid4())
            )
            return (await stub.CreateAgent(request, metadata=metadata)).agent.id

    return await asyncio.gather(*(create(i) for i in range(count)))


async def benchmark(
    args: argparse.Namespace, real: Child, real_info: dict, echo: Child, echo_info: dict
) -> list[Result]:
    # Separate TCP connections per channel (a shared subchannel pool would merge them).
    options = [("grpc.use_local_subchannel_pool", 1)]
    real_channels = [
        grpc.aio.insecure_channel(f"127.0.0.1:{real_info['port']}", options=options)
        for _ in range(args.channels)
    ]
    echo_channels = [
        grpc.aio.insecure_channel(f"127.0.0.1:{echo_info['port']}", options=options)
        for _ in range(args.channels)
    ]
    try:
        # Per-call metadata instead of agentbuilder.client's interceptor: client interceptors
        # cost CPU in this process, which the echo calls would not pay.
        metadata = (("authorization", f"Bearer {real_info['api_key']}"),)
        stubs = [agent_service_pb2_grpc.AgentServiceStub(c) for c in real_channels]

        progress(f"seeding {args.agents} agents through CreateAgent")
        ids = await seed(stubs[0], metadata, args.agents)
        agent_id = ids[len(ids) // 2]
        get_request = agent_service_pb2.GetAgentRequest(agent_id=agent_id)
        list_request = agent_service_pb2.ListAgentsRequest(page_size=args.page_size)
        reply = await stubs[0].GetAgent(get_request, metadata=metadata)
        page = await stubs[0].ListAgents(list_request, metadata=metadata)
        if len(page.agents) != min(args.page_size, args.agents):
            raise RuntimeError(f"ListAgents returned {len(page.agents)} agents")
        # The echo request is a real GetAgentResponse, so the bytes on the wire are comparable.
        payload = reply.SerializeToString()
        progress(
            f"GetAgent reply {len(payload)} bytes, ListAgents reply {page.ByteSize()} bytes "
            f"({len(page.agents)} agents)"
        )

        def echo_calls(name: str) -> list:
            calls = []
            for channel in echo_channels:
                # The reply is parsed as a GetAgentResponse, like the real stub's, so the client
                # does the same protobuf work; the same metadata goes along too.
                method = channel.unary_unary(
                    name, response_deserializer=agent_service_pb2.GetAgentResponse.FromString
                )
                calls.append(lambda m=method: m(payload, metadata=metadata))
            return calls

        get_calls = [lambda s=s: s.GetAgent(get_request, metadata=metadata) for s in stubs]
        list_calls = [lambda s=s: s.ListAgents(list_request, metadata=metadata) for s in stubs]

        results = [
            await measure("echo", echo_calls(ECHO_METHOD), args, echo),
            await measure("echo+SELECT1", echo_calls(ECHO_AFTER_QUERY_METHOD), args, echo),
            await measure("GetAgent", get_calls, args, real),
            await measure("ListAgents", list_calls, args, real),
        ]
        # More echo/GetAgent pairs, back to back: a ratio from neighbouring phases is less
        # exposed to the machine's drift, and the verdict takes the median round.
        for round_number in range(2, args.rounds + 1):
            results.append(
                await measure(f"echo #{round_number}", echo_calls(ECHO_METHOD), args, echo)
            )
            results.append(await measure(f"GetAgent #{round_number}", get_calls, args, real))
        return results
    finally:
        for channel in real_channels + echo_channels:
            await channel.close()


# --- report --------------------------------------------------------------------------------------


def summary(args: argparse.Namespace, results: list[Result]) -> dict:
    by_name = {r.scenario: r for r in results}
    echo = by_name["echo"].throughput

    def ratio(name: str) -> float:
        return round(by_name[name].throughput / echo, 4) if echo else 0.0

    rounds = [ratio("GetAgent")] + [
        round(by_name[f"GetAgent #{n}"].throughput / by_name[f"echo #{n}"].throughput, 4)
        for n in range(2, args.rounds + 1)
        if by_name[f"echo #{n}"].throughput
    ]
    get_ratio = statistics.median(rounds)
    floor = by_name["echo+SELECT1"].throughput
    return {
        "concurrency": args.concurrency,
        "channels": args.channels,
        "warmup_seconds": args.warmup,
        "seconds": args.seconds,
        "agents": args.agents,
        "page_size": args.page_size,
        "server_log_level": LOG_LEVEL,
        "cpu_count": os.cpu_count(),
        "results": [asdict(r) for r in results],
        "get_agent_vs_echo": get_ratio,
        "get_agent_vs_echo_rounds": rounds,
        "list_agents_vs_echo": ratio("ListAgents"),
        "echo_select1_vs_echo": ratio("echo+SELECT1"),
        "get_agent_vs_echo_select1": round(by_name["GetAgent"].throughput / floor, 4)
        if floor
        else 0.0,
        "target_get_agent_vs_echo": TARGET_RATIO,
        "verdict": "PASS" if get_ratio >= TARGET_RATIO else "BELOW",
    }


def print_table(report: dict) -> None:
    def number(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    print()
    print(
        f"concurrency {report['concurrency']} over {report['channels']} channel(s), "
        f"{report['warmup_seconds']:g} s warm-up + {report['seconds']:g} s per scenario, "
        f"{len(report['get_agent_vs_echo_rounds'])} echo/GetAgent rounds, "
        f"{report['cpu_count']} CPUs"
    )
    print(
        f"servers run in child processes; the agentbuilder server logs at {LOG_LEVEL}, so its "
        "per-RPC access log (INFO) does not dominate"
    )
    print()
    header = (
        f"{'scenario':<14}{'requests':>10}{'errors':>8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'client cpu':>12}{'server cpu':>12}"
    )
    print(header)
    print("-" * len(header))
    for r in report["results"]:
        print(
            f"{r['scenario']:<14}{r['requests']:>10}{r['errors']:>8}{r['throughput']:>10.0f}"
            f"{number(r['p50_ms']):>9}{number(r['p99_ms']):>9}"
            f"{number(r['client_cpu']):>12}{number(r['server_cpu']):>12}"
        )
    print()
    print("cpu columns: cores used during the measured phase (server cpu excludes PostgreSQL)")
    rounds = ", ".join(f"{r:.1%}" for r in report["get_agent_vs_echo_rounds"])
    print(f"GetAgent / echo throughput:   {report['get_agent_vs_echo']:6.1%}  (median of {rounds})")
    print(f"ListAgents / echo throughput: {report['list_agents_vs_echo']:6.1%}")
    print(
        f"echo+SELECT1 / echo throughput: {report['echo_select1_vs_echo']:6.1%}  "
        "(the ceiling for any handler making one database round trip)"
    )
    print(f"GetAgent / echo+SELECT1 throughput: {report['get_agent_vs_echo_select1']:6.1%}")
    print(
        f"target: GetAgent >= {report['target_get_agent_vs_echo']:.0%} of echo -> "
        f"{report['verdict']}"
    )


# --- main ----------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8, help="measured time per scenario")
    parser.add_argument("--warmup", type=float, default=2, help="warm-up time per scenario")
    parser.add_argument(
        "--rounds", type=int, default=3, help="echo/GetAgent pairs measured (median ratio)"
    )
    parser.add_argument("--concurrency", type=int, default=32, help="calls in flight")
    parser.add_argument("--channels", type=int, default=1, help="gRPC channels per server")
    parser.add_argument("--agents", type=int, default=200, help="agents to seed")
    parser.add_argument("--page-size", type=int, default=50, help="ListAgents page_size")
    parser.add_argument("--json", action="store_true", help="print a JSON summary, no table")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="cProfile the agentbuilder server process into FILE (slows it down)",
    )
    args = parser.parse_args()
    if args.concurrency < 1 or args.channels < 1 or args.agents < 1:
        parser.error("--concurrency, --channels and --agents must be at least 1")
    return args


def main() -> int:
    args = parse_args()
    admin_url = os.environ.get("AGENTBUILDER_TEST_DATABASE_URL")
    if not admin_url:
        sys.exit("AGENTBUILDER_TEST_DATABASE_URL is not set: run `make bench`, which sets it")

    name = f"agentbuilder_bench_{uuid.uuid4().hex[:12]}"
    progress(f"creating database {name}")
    url = asyncio.run(create_database(admin_url, name))
    children: list[Child] = []
    try:
        progress("migrating")
        migrate.upgrade(url)
        progress("starting the agentbuilder and echo servers in child processes")
        real = Child.start("agentbuilder", serve_agentbuilder, url, args.profile)
        children.append(real)
        echo = Child.start("echo", serve_echo, url)
        children.append(echo)
        real_info, echo_info = real.ready(), echo.ready()
        results = asyncio.run(benchmark(args, real, real_info, echo, echo_info))
    finally:
        progress("stopping the servers and dropping the database")
        for child in children:
            child.stop()
        asyncio.run(drop_database(admin_url, name))
    if args.profile:
        progress(f"server profile in {args.profile} (python -m pstats {args.profile})")

    report = summary(args, results)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # main's finally blocks have already cleaned up
        sys.exit(130)
