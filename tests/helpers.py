"""Assertions on gRPC errors, logging captured in a test, a database losing its sessions."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import asyncpg
import grpc
import pytest
import structlog
from agentbuilder.client import error_details
from sqlalchemy.engine import make_url

from server.logs import configure_logging


class RpcFailure:
    """What a failed call returned: code, message, ErrorInfo reason and field violations."""

    error: grpc.aio.AioRpcError

    @property
    def code(self) -> grpc.StatusCode:
        return self.error.code()

    @property
    def details(self) -> dict:
        return error_details(self.error)

    @property
    def reason(self) -> str:
        return self.details["ErrorInfo"].reason

    @property
    def violations(self) -> dict[str, str]:
        bad_request = self.details.get("BadRequest")
        if bad_request is None:
            return {}
        return {v.field: v.description for v in bad_request.field_violations}


@contextlib.contextmanager
def rpc_error(code: grpc.StatusCode) -> Iterator[RpcFailure]:
    """Expects the block to fail with `code`, carrying ErrorInfo in domain agentbuilder."""
    failure = RpcFailure()
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        yield failure
    failure.error = caught.value
    assert failure.code == code, f"expected {code}, got {failure.code}: {failure.error.details()}"
    info = failure.details.get("ErrorInfo")
    assert info is not None and info.domain == "agentbuilder", failure.details
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        assert failure.violations, "INVALID_ARGUMENT must carry BadRequest field violations"


@contextlib.contextmanager
def logging_configured(level: str) -> Iterator[None]:
    """The server's logging at `level`, writing to the sys.stderr of the moment (which capfd
    reads); the suite's configuration is restored afterwards, stream included.

    Enter it inside the test: pytest swaps sys.stderr per phase.
    """
    saved = structlog.get_config()
    root = logging.getLogger()
    handlers, root_level = root.handlers[:], root.level
    configure_logging(level, "json")
    try:
        yield
    finally:
        structlog.configure(**saved)
        root.handlers[:] = handlers
        root.setLevel(root_level)


async def disconnect_everyone(admin_url: str, database_url: str) -> None:
    """Ends every other session on the database of `database_url`, as a restart would."""
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            make_url(database_url).database,
        )
    finally:
        await admin.close()
