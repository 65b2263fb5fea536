"""Builds the gRPC server and runs it until asked to stop."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import grpc
import structlog
from agentbuilder.v1 import (
    agent_service_pb2,
    agent_service_pb2_grpc,
    block_service_pb2,
    block_service_pb2_grpc,
    tool_service_pb2,
    tool_service_pb2_grpc,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from google.rpc import error_details_pb2  # noqa: F401 - puts error details into reflection
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from server.persistence.database import Database
from server.services.agents import AgentService
from server.services.blocks import BlockService, SandboxRunner
from server.services.builtin_tools import seed_builtin_tools
from server.services.principals import PrincipalService
from server.services.tools import ToolService
from server.services.workflows import WorkflowService
from server.settings import Settings
from server.transport.interceptors import (
    AuthInterceptor,
    ErrorInterceptor,
    RequestContextInterceptor,
)
from server.transport.servicers.agents import AgentServicer
from server.transport.servicers.blocks import BlockServicer
from server.transport.servicers.tools import ToolServicer
from server.transport.servicers.workflows import WorkflowServicer

log = structlog.get_logger("agentbuilder.server")

SERVICE_NAMES = [
    agent_service_pb2.DESCRIPTOR.services_by_name["AgentService"].full_name,
    tool_service_pb2.DESCRIPTOR.services_by_name["ToolService"].full_name,
    block_service_pb2.DESCRIPTOR.services_by_name["BlockService"].full_name,
    workflow_service_pb2.DESCRIPTOR.services_by_name["WorkflowService"].full_name,
]


@dataclass
class Server:
    """A built server: the gRPC server, its health service and the port it bound."""

    grpc_server: grpc.aio.Server
    health: health.aio.HealthServicer
    port: int
    principals: PrincipalService

    async def start(self) -> None:
        await self.grpc_server.start()
        for name in ["", *SERVICE_NAMES]:
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace: float) -> None:
        """Health NOT_SERVING first so balancers drain us, then let in-flight RPCs finish."""
        await self.health.enter_graceful_shutdown()
        await self.grpc_server.stop(grace)


def build_server(
    settings: Settings, database: Database, sandbox: SandboxRunner | None = None
) -> Server:
    """Creates an unstarted server bound to settings.grpc_host:grpc_port (0 picks a port).

    `sandbox` runs logic-block code; without it, running a block is UNAVAILABLE.
    """
    principals = PrincipalService(database, settings.api_key_cache_seconds)
    server = grpc.aio.server(
        interceptors=[RequestContextInterceptor(), AuthInterceptor(principals), ErrorInterceptor()],
        options=[
            # Never share a port silently with another process.
            ("grpc.so_reuseport", 0),
            ("grpc.max_receive_message_length", settings.max_message_bytes),
            ("grpc.max_send_message_length", settings.max_message_bytes),
        ],
    )
    agent_service_pb2_grpc.add_AgentServiceServicer_to_server(
        AgentServicer(AgentService(database)), server
    )
    tool_service_pb2_grpc.add_ToolServiceServicer_to_server(
        ToolServicer(ToolService(database)), server
    )
    block_service_pb2_grpc.add_BlockServiceServicer_to_server(
        BlockServicer(BlockService(database, sandbox)), server
    )
    workflow_service_pb2_grpc.add_WorkflowServiceServicer_to_server(
        WorkflowServicer(WorkflowService(database)), server
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        [
            *SERVICE_NAMES,
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ],
        server,
    )
    address = f"{settings.grpc_host}:{settings.grpc_port}"
    port = server.add_insecure_port(address)
    if port == 0:
        raise RuntimeError(f"could not bind the gRPC server to {address}")
    return Server(grpc_server=server, health=health_servicer, port=port, principals=principals)


async def prepare(database: Database) -> None:
    """Start-up work every replica may do concurrently: seed the built-in tools."""
    await seed_builtin_tools(database)


class Shutdown:
    """Shutdown requests: the first drains gracefully, the second cancels in-flight calls."""

    def __init__(self) -> None:
        self.requested = asyncio.Event()
        self.hurried = asyncio.Event()

    def request(self) -> None:
        if self.requested.is_set():
            self.hurried.set()
        self.requested.set()


async def run_until_stopped(server: Server, shutdown: Shutdown, grace: float) -> None:
    """Serves until shutdown is requested, then stops within `grace` (or at once if hurried)."""
    await server.start()
    log.info("grpc server started", port=server.port)
    await shutdown.requested.wait()
    log.info("shutting down", grace_seconds=grace)
    stopping = asyncio.create_task(server.stop(grace))
    hurried = asyncio.create_task(shutdown.hurried.wait())
    await asyncio.wait({stopping, hurried}, return_when=asyncio.FIRST_COMPLETED)
    if not stopping.done():
        log.warning("second signal: cancelling in-flight calls")
        await server.grpc_server.stop(0)
    await stopping
    hurried.cancel()
    log.info("grpc server stopped")
