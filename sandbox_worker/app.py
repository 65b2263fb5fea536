"""Builds and runs a sandbox worker: zygote first, then the gRPC server."""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from pathlib import Path

import grpc
import structlog
from agentbuilder.sandbox.v1 import sandbox_pb2, sandbox_pb2_grpc
from google.rpc import error_details_pb2  # noqa: F401 - puts error details into reflection
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from sandbox_worker.children import ChildPool
from sandbox_worker.service import SandboxServicer
from sandbox_worker.settings import WorkerSettings
from server.observability.exposition import serve_metrics
from server.observability.grpc_metrics import GrpcMetrics
from server.observability.tracing import Tracing
from server.transport.handlers import CallPipeline

log = structlog.get_logger("agentbuilder.sandbox")

# Clients may ping this often (the server's pool pings every 10 s).
KEEPALIVE_MIN_INTERVAL_MS = 5_000
SERVICE_NAME = sandbox_pb2.DESCRIPTOR.services_by_name["SandboxService"].full_name


@dataclass
class Worker:
    """A built worker: its children pool, gRPC server, health service and bound port."""

    children: ChildPool
    grpc_server: grpc.aio.Server
    health: health.aio.HealthServicer
    port: int
    tracing: Tracing

    async def start(self) -> None:
        await self.grpc_server.start()
        for name in ("", SERVICE_NAME):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace: float) -> None:
        """NOT_SERVING first; running executions get `grace` seconds, then their children die."""
        await self.health.enter_graceful_shutdown()
        await self.grpc_server.stop(grace)
        await self.children.close()
        await asyncio.to_thread(self.tracing.shutdown)  # flushes; may wait for the collector


async def build_worker(settings: WorkerSettings) -> Worker:
    """Starts the zygote (before any gRPC thread exists), then builds the gRPC server.

    Tracing (settings.otlp_endpoint) starts an export thread, so it comes after the zygote too.
    """
    children = ChildPool(settings.zygote_config(), settings.prefork)
    await children.start()
    tracing = Tracing.configure("agentbuilder-sandbox-worker", settings.otlp_endpoint)
    server = grpc.aio.server(
        interceptors=[*tracing.server_interceptors(), CallPipeline(observers=[GrpcMetrics()])],
        options=[
            ("grpc.so_reuseport", 0),
            ("grpc.max_receive_message_length", settings.max_message_bytes),
            ("grpc.max_send_message_length", settings.max_message_bytes),
            # The server's pool pings idle connections every 10 s to notice a dead worker;
            # grpc's default policy answers a third such ping with GOAWAY, losing runs.
            ("grpc.keepalive_permit_without_calls", 1),
            ("grpc.http2.min_ping_interval_without_data_ms", KEEPALIVE_MIN_INTERVAL_MS),
        ],
    )
    sandbox_pb2_grpc.add_SandboxServiceServicer_to_server(
        SandboxServicer(settings, children), server
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        [
            SERVICE_NAME,
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ],
        server,
    )
    port = server.add_insecure_port(f"{settings.host}:{settings.port}")
    return Worker(children, server, health_servicer, port, tracing)


def write_ready_file(path: Path, port: int, metrics_port: int | None) -> None:
    """Tells a supervisor (tests, `agentbuilder up`) the bound ports, atomically."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(
        json.dumps({"port": port, "metrics_port": metrics_port, "pid": os.getpid()})
    )
    temporary.replace(path)


async def _stop_when_orphaned(parent_pid: int, shutdown_requested: asyncio.Event) -> None:
    """A supervisor killed with SIGKILL cannot stop us: notice it and stop on our own."""
    while os.getppid() == parent_pid:  # noqa: ASYNC110 - no event says a parent died
        await asyncio.sleep(1)
    log.warning("supervisor is gone; stopping", parent_pid=parent_pid)
    shutdown_requested.set()


async def serve(
    settings: WorkerSettings,
    shutdown_requested: asyncio.Event,
    hurried: asyncio.Event,
    ready_file: Path | None = None,
) -> None:
    """Runs the worker until shutdown is requested, then drains it."""
    worker = await build_worker(settings)  # the zygote starts before any other thread
    metrics_port = None
    if settings.metrics_port is not None:
        metrics_port = serve_metrics(settings.host, settings.metrics_port)
    await worker.start()
    log.info(
        "sandbox worker started",
        endpoint=f"{settings.host}:{worker.port}",
        slots=settings.slots,
        queue=settings.queue,
        prefork=settings.prefork,
        metrics=f"http://{settings.host}:{metrics_port}/metrics" if metrics_port else None,
        tracing=worker.tracing.enabled,
        isolation=worker.children.layers,
    )
    if ready_file is not None:
        write_ready_file(ready_file, worker.port, metrics_port)
    orphan_watch = None
    if settings.parent_pid:
        orphan_watch = asyncio.create_task(
            _stop_when_orphaned(settings.parent_pid, shutdown_requested)
        )
    await shutdown_requested.wait()
    if orphan_watch is not None:
        orphan_watch.cancel()
    log.info("sandbox worker stopping", grace_seconds=settings.shutdown_grace_seconds)
    stopping = asyncio.create_task(worker.stop(settings.shutdown_grace_seconds))
    hurry = asyncio.create_task(hurried.wait())
    await asyncio.wait({stopping, hurry}, return_when=asyncio.FIRST_COMPLETED)
    if not stopping.done():
        await worker.grpc_server.stop(0)
    await stopping
    hurry.cancel()
    log.info("sandbox worker stopped")
