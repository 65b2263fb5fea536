"""Fixtures: a fresh, migrated PostgreSQL database and a real server on 127.0.0.1:0."""

from __future__ import annotations

import asyncio
import functools
import http.server
import os
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import pytest
from agentbuilder.client import connect
from agentbuilder.v1 import agent_service_pb2_grpc, tool_service_pb2_grpc

from server import migrate
from server.app import Server, build_server, prepare
from server.databases import create_database, drop_database
from server.gateway import Gateway, GatewayAddresses
from server.logs import configure_logging
from server.persistence.database import Database
from server.sandbox.pool import SandboxPool
from server.services.principals import PrincipalService
from server.settings import Settings
from tests.fake_openai import FakeServer
from tests.sandbox_workers import WorkerProcess, start_workers
from tests.workflow_api import Api


@pytest.fixture(scope="session")
def admin_url() -> str:
    url = os.environ.get("AGENTBUILDER_TEST_DATABASE_URL")
    if not url:
        pytest.fail(
            "AGENTBUILDER_TEST_DATABASE_URL is not set: run the suite with `make test`, "
            "which starts PostgreSQL"
        )
    return url


@pytest.fixture(scope="session")
def fresh_database(admin_url: str) -> Iterator[callable]:
    """A factory of empty databases, all dropped at the end of the session."""
    created: list[str] = []

    def make() -> str:
        name = f"agentbuilder_test_{uuid.uuid4().hex[:12]}"
        created.append(name)
        return asyncio.run(create_database(admin_url, name))

    yield make
    for name in created:
        asyncio.run(drop_database(admin_url, name))


@pytest.fixture(scope="session")
def database_url(fresh_database) -> str:
    """The session's database, migrated to head with the real migrations."""
    url = fresh_database()
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # The main test server does not run executions: the sandbox server below does, with workers.
    return Settings(
        database_url=database_url, grpc_port=0, log_level="WARNING", run_executions=False
    )


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Database]:
    configure_logging(settings.log_level, settings.log_format)
    database = Database.open(settings.database_url.get_secret_value(), settings)
    yield database
    await database.dispose()


@pytest.fixture(scope="session")
async def server(settings: Settings, database: Database) -> AsyncIterator[Server]:
    await prepare(database)
    server = build_server(settings, database)
    await server.start()
    yield server
    await server.stop(grace=1)


@pytest.fixture(scope="session")
def target(server: Server) -> str:
    return f"127.0.0.1:{server.port}"


class Caller:
    """One principal's view of the API: stubs on a channel that sends its key."""

    def __init__(self, target: str, key: str, principal_id: uuid.UUID) -> None:
        self.key = key
        self.principal_id = principal_id
        self.channel = connect(target, key)
        self.agents = agent_service_pb2_grpc.AgentServiceStub(self.channel)
        self.tools = tool_service_pb2_grpc.ToolServiceStub(self.channel)


@pytest.fixture
async def new_caller(target: str, database: Database) -> AsyncIterator[callable]:
    """Creates callers, each a fresh principal with its own API key."""
    callers: list[Caller] = []

    async def make(name: str = "test") -> Caller:
        principal, key = await PrincipalService(database).create(name)
        caller = Caller(target, key, principal.id)
        callers.append(caller)
        return caller

    yield make
    for caller in callers:
        await caller.channel.close()


@pytest.fixture
async def alice(new_caller) -> Caller:
    return await new_caller("alice")


@pytest.fixture
async def bob(new_caller) -> Caller:
    return await new_caller("bob")


@pytest.fixture
async def anonymous(target: str) -> AsyncIterator[grpc.aio.Channel]:
    channel = grpc.aio.insecure_channel(target)
    yield channel
    await channel.close()


@pytest.fixture(scope="session")
def sandbox_workers(tmp_path_factory) -> Iterator[list[WorkerProcess]]:
    """Two real sandbox worker processes."""
    workers = start_workers(tmp_path_factory.mktemp("sandbox-workers"), 2)
    yield workers
    for worker in workers:
        worker.stop()


@pytest.fixture(scope="session")
async def sandbox_pool(sandbox_workers: list[WorkerProcess]) -> AsyncIterator[SandboxPool]:
    pool = SandboxPool([worker.address for worker in sandbox_workers])
    await pool.start()
    assert await pool.wait_until_healthy(within_seconds=30)
    yield pool
    await pool.close()


@pytest.fixture(scope="session")
async def sandbox_target(
    settings: Settings, database: Database, sandbox_pool
) -> AsyncIterator[str]:
    """A second in-process server whose blocks run on the real sandbox workers.

    It also runs executions (its runner claims queued ones), like a production replica.
    """
    server = build_server(
        settings.model_copy(update={"run_executions": True}), database, sandbox_pool
    )
    await server.start()
    yield f"127.0.0.1:{server.port}"
    await server.stop(grace=1)


@pytest.fixture
async def api(sandbox_target: str, alice: Caller) -> AsyncIterator[Api]:
    """Alice's workflow and execution stubs on the server that runs executions."""
    async with connect(sandbox_target, alice.key) as channel:
        yield Api(channel)


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeServer]:
    """A fake OpenAI-compatible HTTP server on loopback (set its `handler`)."""
    server = FakeServer()
    await server.start()
    yield server
    await server.close()


@pytest.fixture(scope="session")
def page_origin(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A static web server on another origin than the gateway: (origin, its document root)."""
    root = tmp_path_factory.mktemp("page")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", root
    httpd.shutdown()


@pytest.fixture(scope="session")
async def gateway(sandbox_target: str, page_origin, tmp_path_factory) -> AsyncIterator[Gateway]:
    """A real Envoy (gateway/envoy.yaml) in front of the server that runs executions."""
    host, port = sandbox_target.rsplit(":", 1)
    gateway = Gateway(
        GatewayAddresses(
            http_host="127.0.0.1",
            http_port=0,
            admin_port=0,
            upstream_host=host,
            upstream_port=int(port),
            allowed_origins=("http://localhost:3000", page_origin[0]),
        ),
        tmp_path_factory.mktemp("envoy"),
    )
    await gateway.start()
    assert await gateway.wait_until_upstream_healthy(within_seconds=30)
    yield gateway
    await gateway.stop()
