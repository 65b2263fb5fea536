"""The `agentbuilder` command: up, serve, sandbox-worker, migrate, api-key create."""

from __future__ import annotations

import os

# We fork only to exec (pg_ctl, psql); gRPC's fork handlers would just warn about its threads.
os.environ.setdefault("GRPC_ENABLE_FORK_SUPPORT", "false")

import argparse  # noqa: E402
import asyncio  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import structlog  # noqa: E402

from server.app import Shutdown, build_server, prepare, run_until_stopped
from server.databases import database_server, ensure_database
from server.domain.errors import DomainError
from server.gateway import Gateway, GatewayAddresses
from server.logs import configure_logging
from server.migrate import upgrade_async
from server.observability.exposition import serve_metrics
from server.observability.tracing import Tracing
from server.persistence.database import Database
from server.sandbox.pool import SandboxPool
from server.services.principals import PrincipalService
from server.settings import Settings
from server.supervisor import WorkerSupervisor

log = structlog.get_logger("agentbuilder.cli")


def say(message: str = "") -> None:
    """Progress for the person watching, on stdout (logs go to stderr)."""
    print(message, flush=True)


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for name in (
        "data_dir",
        "grpc_port",
        "grpc_host",
        "sandbox_worker_count",
        "metrics_port",
        "http_port",
    ):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    return Settings(**overrides)


def stop_on_signals(shutdown: Shutdown) -> None:
    """SIGINT/SIGTERM: first drains, second cancels calls (the database still stops), 3rd quits."""
    loop = asyncio.get_running_loop()

    def handle(signum: int) -> None:
        if shutdown.hurried.is_set():
            os._exit(128 + signum)
        shutdown.request()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, handle, signum)


def write_key_file(path: Path, key: str) -> None:
    """Writes a key readable by its owner only (mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its old mode on open: narrow it first
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")


def read_key_file(path: Path) -> str | None:
    return path.read_text().strip() if path.exists() else None


async def ensure_dev_key(principals: PrincipalService, path: Path) -> str:
    """Reuses the key in `path` if it still works, else creates a dev principal and writes it."""
    key = read_key_file(path)
    if key:
        try:
            await principals.authenticate(key)
            return key
        except DomainError:  # unknown key (for example a reset database): make a new one
            pass
    _, key = await principals.create("dev")
    write_key_file(path, key)
    return key


async def start_gateway(settings: Settings, grpc_port: int) -> Gateway:
    """Envoy on settings.http_port in front of the server on grpc_port."""
    local = settings.grpc_host in ("0.0.0.0", "::", "")
    gateway = Gateway(
        GatewayAddresses(
            http_host=settings.grpc_host,
            http_port=settings.http_port,
            admin_port=settings.gateway_admin_port,
            upstream_host="127.0.0.1" if local else settings.grpc_host,
            upstream_port=grpc_port,
            allowed_origins=settings.allowed_origins,
        ),
        settings.data_dir / "run",
    )
    await gateway.start()
    gateway.keep_alive()
    return gateway


async def _serve(settings: Settings, admin_url: str, embedded: bool, dev: bool) -> None:
    shutdown = Shutdown()
    stop_on_signals(shutdown)
    url = await _database_url(admin_url, embedded)
    say("» applying database migrations")
    await upgrade_async(url)
    database = Database.open(url, settings)
    supervisor: WorkerSupervisor | None = None
    pool: SandboxPool | None = None
    gateway: Gateway | None = None
    tracing = Tracing.configure("agentbuilder-server", settings.otlp_endpoint)
    try:
        await prepare(database)
        addresses = settings.sandbox_worker_addresses
        if dev and not addresses and settings.sandbox_worker_count:
            say(f"» starting {settings.sandbox_worker_count} sandbox worker(s)")
            supervisor = WorkerSupervisor(
                settings.sandbox_worker_count,
                settings.sandbox_worker_base_port,
                settings.grpc_host,
                settings.data_dir / "run",
                settings.log_level,
                metrics_base_port=settings.metrics_port + 1 if settings.metrics_port else 0,
            )
            addresses = await supervisor.start()
        if addresses:
            pool = SandboxPool(addresses, interceptors=tracing.client_interceptors())
            await pool.start()
            if not await pool.wait_until_healthy(within_seconds=10):
                say(
                    f"» warning: only {pool.healthy_count} of {len(addresses)} sandbox workers "
                    "are healthy"
                )
        server = build_server(settings, database, pool, database_url=url, tracing=tracing)
        metrics_port = serve_metrics(settings.grpc_host, settings.metrics_port)
        endpoint = f"{settings.grpc_host}:{server.port}"
        metrics = [f"http://{settings.grpc_host}:{metrics_port}/metrics"]
        if supervisor is not None:
            metrics += supervisor.metrics_endpoints
        if dev and settings.gateway:
            say("» starting the Envoy gateway")
            gateway = await start_gateway(settings, server.port)
        if dev:
            key = await ensure_dev_key(server.principals, settings.api_key_file)
            where = f"embedded PostgreSQL in {settings.embedded_pgdata}" if embedded else "external"
            say()
            say("agentbuilder is up")
            say(f"  gRPC      {endpoint}  (server reflection on)")
            if gateway is not None:
                say(f"  HTTP      {gateway.url}  (REST/JSON, SSE streams, gRPC-Web; via Envoy)")
            say(f"  database  {where}")
            say(f"  sandbox   {', '.join(addresses) or 'none (blocks cannot run)'}")
            say(f"  metrics   {metrics[0]}  (server)")
            for worker_metrics in metrics[1:]:
                say(f"            {worker_metrics}  (sandbox worker)")
            say(f"  tracing   {settings.otlp_endpoint or 'off (set AGENTBUILDER_OTLP_ENDPOINT)'}")
            say(f"  API key   {key}")
            say(f"            (saved to {settings.api_key_file}, mode 0600)")
            say()
            say("Try it:")
            say(f'  grpcurl -plaintext -H "authorization: Bearer {key}" {endpoint} list')
            say(
                f'  grpcurl -plaintext -H "authorization: Bearer {key}" {endpoint} '
                "agentbuilder.v1.ToolService/ListTools"
            )
            say()
            say("Press Ctrl-C to stop.")
        else:
            log.info("serving", grpc=endpoint, metrics=metrics, tracing=tracing.enabled)
        await run_until_stopped(server, shutdown, settings.shutdown_grace_seconds)
    finally:
        if gateway is not None:
            await gateway.stop()
        if pool is not None:
            await pool.close()
        if supervisor is not None:
            say("» stopping sandbox workers")
            await supervisor.stop(grace=0 if shutdown.hurried.is_set() else 5)
        await database.dispose()
        await asyncio.to_thread(tracing.shutdown)  # flushes; may wait for the collector


def cmd_up(args: argparse.Namespace, dev: bool = True) -> None:
    settings = settings_from(args)
    configure_logging(settings.log_level, settings.log_format)
    with database_server(settings) as (admin_url, embedded):
        if embedded:
            say(f"» embedded PostgreSQL running in {settings.embedded_pgdata}")
        asyncio.run(_serve(settings, admin_url, embedded, dev))
        if embedded:
            say("» stopping embedded PostgreSQL")
    say("» stopped")


def cmd_serve(args: argparse.Namespace) -> None:
    cmd_up(args, dev=False)


async def _database_url(admin_url: str, embedded: bool) -> str:
    """The app's database: the configured URL, or one created on the embedded server."""
    return await ensure_database(admin_url) if embedded else admin_url


def cmd_migrate(args: argparse.Namespace) -> None:
    settings = settings_from(args)
    with database_server(settings) as (admin_url, embedded):
        url = asyncio.run(_database_url(admin_url, embedded))
        asyncio.run(upgrade_async(url, args.revision))
    print(f"migrated to {args.revision}", file=sys.stderr)


def cmd_api_key_create(args: argparse.Namespace) -> None:
    settings = settings_from(args)
    configure_logging("WARNING", settings.log_format)

    async def create(url: str) -> str:
        database = Database.open(url, settings)
        try:
            _, key = await PrincipalService(database).create(args.name)
        finally:
            await database.dispose()
        return key

    with database_server(settings) as (admin_url, embedded):
        url = asyncio.run(_database_url(admin_url, embedded))
        key = asyncio.run(create(url))
    print(key)


def cmd_sandbox_worker(args: argparse.Namespace) -> None:
    from sandbox_worker.app import serve
    from sandbox_worker.settings import WorkerSettings

    overrides = {
        name: getattr(args, name)
        for name in ("host", "port", "metrics_port")
        if getattr(args, name) is not None
    }
    settings = WorkerSettings(**overrides)
    configure_logging(settings.log_level, settings.log_format)

    async def run() -> None:
        shutdown = Shutdown()
        stop_on_signals(shutdown)
        await serve(settings, shutdown.requested, shutdown.hurried, args.ready_file)

    asyncio.run(run())


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="agentbuilder", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    def with_database(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--data-dir",
            type=Path,
            help="embedded PostgreSQL and dev key location (default ./.agentbuilder; "
            "AGENTBUILDER_DATA_DIR); unused when AGENTBUILDER_DATABASE_URL is set",
        )
        return p

    for name, handler, text in (
        ("up", cmd_up, "run the whole dev stack (database, migrations, server) and print a key"),
        ("serve", cmd_serve, "run the gRPC server only"),
    ):
        p = with_database(commands.add_parser(name, help=text))
        p.add_argument("--grpc-port", type=int, help="gRPC port (default 50051; 0 picks one)")
        p.add_argument("--grpc-host", help="interface to bind (default 127.0.0.1)")
        p.add_argument(
            "--metrics-port",
            type=int,
            help="Prometheus /metrics port (default 9464; 0 picks one)"
            + ("; sandbox workers get the next ports" if name == "up" else ""),
        )
        if name == "up":
            p.add_argument(
                "--http-port",
                type=int,
                help="Envoy gateway port for REST/JSON, SSE and gRPC-Web (default 8080; 0 picks "
                "one)",
            )
            p.add_argument(
                "--workers",
                dest="sandbox_worker_count",
                type=int,
                help="sandbox workers to start (default 2; ports 50061 and up)",
            )
        p.set_defaults(handler=handler)

    migrate = with_database(commands.add_parser("migrate", help="apply database migrations"))
    migrate.add_argument("--revision", default="head")
    migrate.set_defaults(handler=cmd_migrate)

    worker = commands.add_parser(
        "sandbox-worker", help="run a sandbox worker (internal gRPC service for block code)"
    )
    worker.add_argument("--port", type=int, help="gRPC port (default 50061; 0 picks one)")
    worker.add_argument("--host", help="interface to bind (default 127.0.0.1; keep it internal)")
    worker.add_argument(
        "--metrics-port",
        type=int,
        help="serve Prometheus /metrics on this port (0 picks one; default: none)",
    )
    worker.add_argument(
        "--ready-file",
        type=Path,
        help="once serving, write {port, pid} as JSON to this file (for supervisors)",
    )
    worker.set_defaults(handler=cmd_sandbox_worker)

    api_key = commands.add_parser("api-key", help="manage API keys")
    api_key_commands = api_key.add_subparsers(dest="api_key_command", required=True)
    create = with_database(
        api_key_commands.add_parser("create", help="create a principal; print its key on stdout")
    )
    create.add_argument("--name", required=True, help="who the key is for")
    create.set_defaults(handler=cmd_api_key_create)
    return root


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    args.handler(args)


if __name__ == "__main__":
    main()
