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
    execution_service_pb2,
    execution_service_pb2_grpc,
    metrics_service_pb2,
    metrics_service_pb2_grpc,
    tool_service_pb2,
    tool_service_pb2_grpc,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from google.rpc import error_details_pb2  # noqa: F401 - puts error details into reflection
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from server.engine.notifications import Notifications
from server.engine.runner import Runner
from server.observability.tracing import Tracing
from server.persistence.database import Database
from server.services.agents import AgentService
from server.services.blocks import BlockService, SandboxRunner
from server.services.builtin_tools import seed_builtin_tools
from server.services.executions import ExecutionService
from server.services.principals import PrincipalService
from server.services.reports import ReportService
from server.services.tools import ToolService
from server.services.workflows import WorkflowService
from server.settings import Settings
from server.transport.interceptors import server_pipeline
from server.transport.servicers.agents import AgentServicer
from server.transport.servicers.blocks import BlockServicer
from server.transport.servicers.executions import ExecutionServicer
from server.transport.servicers.metrics import MetricsServicer
from server.transport.servicers.tools import ToolServicer
from server.transport.servicers.workflows import WorkflowServicer

log = structlog.get_logger("agentbuilder.server")

SERVICE_NAMES = [
    agent_service_pb2.DESCRIPTOR.services_by_name["AgentService"].full_name,
    tool_service_pb2.DESCRIPTOR.services_by_name["ToolService"].full_name,
    block_service_pb2.DESCRIPTOR.services_by_name["BlockService"].full_name,
    workflow_service_pb2.DESCRIPTOR.services_by_name["WorkflowService"].full_name,
    execution_service_pb2.DESCRIPTOR.services_by_name["ExecutionService"].full_name,
    metrics_service_pb2.DESCRIPTOR.services_by_name["MetricsService"].full_name,
]


@dataclass
class Server:
    """A built server: the gRPC server, its health service and the port it bound."""

    grpc_server: grpc.aio.Server
    health: health.aio.HealthServicer
    port: int
    principals: PrincipalService
    notifications: Notifications | None = None
    runner: Runner | None = None

    async def start(self) -> None:
        if self.notifications is not None:
            await self.notifications.start()
        if self.runner is not None:
            await self.runner.start()
        await self.grpc_server.start()
        for name in ["", *SERVICE_NAMES]:
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace: float) -> None:
        """Health NOT_SERVING first so balancers drain us, then let in-flight RPCs finish.

        Executions this server was running go back to the queue, so another replica (or this
        one after a restart) continues them from their last checkpoint.
        """
        await self.health.enter_graceful_shutdown()
        await self.grpc_server.stop(grace)
        if self.runner is not None:
            await self.runner.stop()
        if self.notifications is not None:
            await self.notifications.close()


def build_server(
    settings: Settings,
    database: Database,
    sandbox: SandboxRunner | None = None,
    database_url: str | None = None,
    tracing: Tracing | None = None,
) -> Server:
    """Creates an unstarted server bound to settings.grpc_host:grpc_port (0 picks a port).

    `sandbox` runs logic-block code; without it, running a block is UNAVAILABLE.
    `database_url` (default: the settings') is what the execution runner and the notification
    listener connect to; without one, executions can be started but not run or streamed.
    `tracing` (default: off) traces RPCs, executions and steps.
    """
    tracing = tracing or Tracing()
    url = database_url or (
        settings.database_url.get_secret_value() if settings.database_url else None
    )
    notifications = Notifications(url) if url else None
    runner = None
    if url and notifications and settings.run_executions:
        runner = Runner(
            database,
            url,
            notifications,
            sandbox,
            settings.runner_concurrency,
            settings.execution_lease_seconds,
            settings,
            tracer=tracing.tracer("agentbuilder.runner"),
        )
    principals = PrincipalService(database, settings.api_key_cache_seconds)
    # Tracing is outermost, so its spans cover the pipeline and see the code an error became.
    interceptors = [
        *tracing.server_interceptors(),
        server_pipeline(principals, metrics=settings.grpc_metrics),
    ]
    server = grpc.aio.server(
        interceptors=interceptors,
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
    execution_service_pb2_grpc.add_ExecutionServiceServicer_to_server(
        ExecutionServicer(ExecutionService(database, notifications)), server
    )
    metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(
        MetricsServicer(ReportService(database, sandbox)), server
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
    return Server(
        grpc_server=server,
        health=health_servicer,
        port=port,
        principals=principals,
        notifications=notifications,
        runner=runner,
    )


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
