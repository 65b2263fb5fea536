"""Real sandbox worker processes for tests: `agentbuilder sandbox-worker` on port 0."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import grpc
from agentbuilder.sandbox.v1 import sandbox_pb2, sandbox_pb2_grpc
from google.protobuf import json_format

READY_TIMEOUT_SECONDS = 30


@dataclass
class WorkerProcess:
    """A running worker: its process, port, ready file and /metrics port (if serving one)."""

    process: subprocess.Popen
    port: int
    ready_file: Path
    log_file: Path
    metrics_port: int | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self, timeout: float = 15) -> int:
        """SIGTERM, then SIGKILL if it does not stop in time; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def kill(self) -> None:
        """kill -9, the way a crash or the OOM killer would end it."""
        self.process.kill()
        self.process.wait()

    def log(self) -> str:
        return self.log_file.read_text(errors="replace")


def start_worker(directory: Path, port: int = 0, **settings: object) -> WorkerProcess:
    """Starts `agentbuilder sandbox-worker` and waits until it serves."""
    return start_workers(directory, 1, port, **settings)[0]


def start_workers(directory: Path, count: int, port: int = 0, **settings: object) -> list:
    """Starts `count` workers at once (on `port`, `port + 1`, ... unless 0) and waits for all."""
    directory.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "AGENTBUILDER_SANDBOX_LOG_LEVEL": "WARNING"}
    env.update({f"AGENTBUILDER_SANDBOX_{k.upper()}": str(v) for k, v in settings.items()})
    launched = []
    for index in range(count):
        ready_file = directory / f"worker-{time.monotonic_ns()}-{index}.json"
        log_file = ready_file.with_suffix(".log")
        command = [sys.executable, "-m", "server.cli", "sandbox-worker"]
        command += ["--port", str(port + index if port else 0), "--ready-file", str(ready_file)]
        with log_file.open("wb") as log:
            process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        launched.append((process, ready_file, log_file))
    workers = []
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    for process, ready_file, log_file in launched:
        while not ready_file.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                for other, _, _ in launched:
                    other.kill()
                raise RuntimeError(f"sandbox worker did not start:\n{log_file.read_text()}")
            time.sleep(0.05)
        ready = json.loads(ready_file.read_text())
        workers.append(
            WorkerProcess(process, ready["port"], ready_file, log_file, ready["metrics_port"])
        )
    return workers


class SandboxClient:
    """Calls one worker's SandboxService the way the server does."""

    Status = sandbox_pb2.ExecuteStatus

    def __init__(self, channel: grpc.aio.Channel) -> None:
        self.channel = channel
        self.stub = sandbox_pb2_grpc.SandboxServiceStub(channel)

    async def run(
        self,
        code: str,
        input: dict | None = None,
        *,
        context: dict | None = None,
        timeout_ms: int = 0,
        memory_mb: int = 0,
        max_output_bytes: int = 0,
        execution_id: str = "",
    ) -> sandbox_pb2.ExecuteResponse:
        request = sandbox_pb2.ExecuteRequest(
            code=code,
            limits=sandbox_pb2.Limits(
                timeout_ms=timeout_ms, memory_mb=memory_mb, max_output_bytes=max_output_bytes
            ),
            execution_id=execution_id,
        )
        request.input.update(input or {})
        request.context.update(context or {})
        return await self.stub.Execute(request, timeout=120)

    @staticmethod
    def output(response: sandbox_pb2.ExecuteResponse):
        """The Python value of response.output."""
        return json_format.MessageToDict(response.output)

    async def assert_healthy(self) -> None:
        """A known-good program still runs and returns the right output."""
        response = await self.run(
            "output = [input['n'] * 2, sorted(input['xs'])]", {"n": 21, "xs": [3, 1, 2]}
        )
        assert response.status == sandbox_pb2.EXECUTE_STATUS_OK, response
        assert self.output(response) == [42, [1, 2, 3]]
