"""Sandbox worker processes for `agentbuilder up`: started, restarted if they die, stopped."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

import structlog

log = structlog.get_logger("agentbuilder.supervisor")

READY_TIMEOUT_SECONDS = 60
RESTART_DELAY_SECONDS = 1.0


def _nth_port(base: int, index: int) -> int:
    """The index-th port from base; 0 stays 0 (a free port each)."""
    return base + index if base else 0


@dataclass
class _Managed:
    index: int
    port: int
    metrics_port: int | None
    ready_file: Path
    process: asyncio.subprocess.Process | None = None
    restarts: int = 0
    keeper: asyncio.Task | None = field(default=None, repr=False)


class WorkerSupervisor:
    """Runs `agentbuilder sandbox-worker` processes next to the server and keeps them running."""

    def __init__(
        self,
        count: int,
        base_port: int,
        host: str,
        directory: Path,
        log_level: str = "INFO",
        metrics_base_port: int | None = None,
    ) -> None:
        """Workers listen on base_port, +1, ... and serve /metrics on metrics_base_port, +1, ...

        A base of 0 gives every worker a free port; no metrics_base_port, no /metrics.
        """
        self.host = host
        self.log_level = log_level
        self.directory = directory
        self.workers = [
            _Managed(
                i,
                _nth_port(base_port, i),
                None if metrics_base_port is None else _nth_port(metrics_base_port, i),
                directory / f"sandbox-worker-{i}.json",
            )
            for i in range(count)
        ]
        self.stopping = False

    @property
    def addresses(self) -> list[str]:
        return [f"{self.host}:{worker.port}" for worker in self.workers]

    @property
    def metrics_endpoints(self) -> list[str]:
        return [
            f"http://{self.host}:{worker.metrics_port}/metrics"
            for worker in self.workers
            if worker.metrics_port
        ]

    async def start(self) -> list[str]:
        """Starts every worker and returns their addresses once all of them serve."""
        self.directory.mkdir(parents=True, exist_ok=True)
        await asyncio.gather(*(self._launch(worker) for worker in self.workers))
        for worker in self.workers:
            worker.keeper = asyncio.create_task(self._keep_running(worker))
        return self.addresses

    async def _launch(self, worker: _Managed) -> None:
        worker.ready_file.unlink(missing_ok=True)
        worker.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "server.cli",
            "sandbox-worker",
            "--host",
            self.host,
            "--port",
            str(worker.port),
            "--ready-file",
            str(worker.ready_file),
            *(() if worker.metrics_port is None else ("--metrics-port", str(worker.metrics_port))),
            stdin=asyncio.subprocess.DEVNULL,
            env={
                "AGENTBUILDER_SANDBOX_LOG_LEVEL": self.log_level,  # unless set for workers alone
                **os.environ,
                "AGENTBUILDER_SANDBOX_PARENT_PID": str(os.getpid()),
            },
            # Its own process group: Ctrl-C reaches us, and we stop the workers in order.
            start_new_session=True,
        )
        deadline = asyncio.get_running_loop().time() + READY_TIMEOUT_SECONDS
        while not worker.ready_file.exists():
            if worker.process.returncode is not None:
                raise RuntimeError(f"sandbox worker {worker.index} exited during start-up")
            if asyncio.get_running_loop().time() > deadline:
                worker.process.kill()
                raise RuntimeError(f"sandbox worker {worker.index} did not start in time")
            await asyncio.sleep(0.05)
        ready = json.loads(worker.ready_file.read_text())
        worker.port = ready["port"]  # known even if 0 was given; a restart keeps the ports
        worker.metrics_port = ready["metrics_port"]

    async def _keep_running(self, worker: _Managed) -> None:
        """Restarts a worker that dies (on the same port, so the server's pool finds it)."""
        while True:
            assert worker.process is not None
            returncode = await worker.process.wait()
            if self.stopping:
                return
            worker.restarts += 1
            log.warning(
                "sandbox worker exited; restarting",
                worker=worker.index,
                returncode=returncode,
                restarts=worker.restarts,
            )
            await asyncio.sleep(RESTART_DELAY_SECONDS)
            try:
                await self._launch(worker)
            except (RuntimeError, OSError) as error:
                log.error("sandbox worker restart failed", worker=worker.index, error=str(error))

    async def stop(self, grace: float) -> None:
        """SIGTERM to every worker (they drain for `grace`), SIGKILL to any still running."""
        self.stopping = True
        for worker in self.workers:
            if worker.keeper:
                worker.keeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker.keeper
        running = [w.process for w in self.workers if w.process and w.process.returncode is None]
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(asyncio.gather(*(p.wait() for p in running)), grace + 5)
        except TimeoutError:
            for process in running:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
            await asyncio.gather(*(p.wait() for p in running))
        for worker in self.workers:
            worker.ready_file.unlink(missing_ok=True)

    def pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.process and w.process.returncode is None]
