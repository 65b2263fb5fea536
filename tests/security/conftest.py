"""One real sandbox worker process for the security suite, shared by every test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import grpc
import pytest

from tests.sandbox_workers import SandboxClient, WorkerProcess, start_worker


@pytest.fixture(scope="session")
def security_worker(tmp_path_factory) -> Iterator[WorkerProcess]:
    worker = start_worker(tmp_path_factory.mktemp("security-worker"), slots=2)
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
async def sandbox(security_worker: WorkerProcess) -> AsyncIterator[SandboxClient]:
    # As large as the server's own channel to workers: the biggest output plus stdout fits.
    options = [("grpc.max_receive_message_length", 16 * 1024 * 1024)]
    async with grpc.aio.insecure_channel(security_worker.address, options=options) as channel:
        yield SandboxClient(channel)


@pytest.fixture(autouse=True)
def worker_survives(security_worker: WorkerProcess) -> Iterator[None]:
    """Whatever a test did, the worker process must still be alive afterwards."""
    yield
    assert security_worker.process.poll() is None, security_worker.log()
