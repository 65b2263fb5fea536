"""The access log: one line per RPC, and the call's context on every line logged during it.

A real grpc.aio server with the server's pipeline parts; its logger is made after logging is
configured at INFO, because structlog fixes a logger's level on first use.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncIterator

import grpc
import pytest
import structlog

from server.services.principals import PrincipalService
from server.transport.handlers import CallPipeline
from server.transport.interceptors import AccessLog, ApiKeyAuth, DecodedRequests, ErrorStatuses
from tests.helpers import logging_configured

METHOD = "/test.Echo/Echo"


@contextlib.asynccontextmanager
async def echo_server(database) -> AsyncIterator[tuple[grpc.aio.Channel, str, str]]:
    """A channel to an echo server behind the pipeline, an API key and its principal's id."""
    principal, key = await PrincipalService(database).create("logged")
    inside = structlog.get_logger("test.inside")

    async def echo(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        inside.info("inside")
        return request

    pipeline = CallPipeline(
        observers=[AccessLog(structlog.get_logger("test.access"))],
        guards=[ApiKeyAuth(PrincipalService(database)), DecodedRequests()],
        errors=ErrorStatuses(),
    )
    server = grpc.aio.server(interceptors=[pipeline])
    handler = grpc.unary_unary_rpc_method_handler(echo)
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler("test.Echo", {"Echo": handler}),)
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    try:
        yield channel, key, str(principal.id)
    finally:
        await channel.close()
        await server.stop(None)


def log_lines(capfd) -> list[dict]:
    return [
        json.loads(line) for line in capfd.readouterr().err.splitlines() if line.startswith("{")
    ]


async def test_lines_logged_during_a_call_carry_its_context(database, capfd):
    with logging_configured("INFO"):
        async with echo_server(database) as (channel, key, principal_id):
            call = channel.unary_unary(METHOD)
            metadata = (("authorization", f"Bearer {key}"), ("x-request-id", "find-me-1"))
            assert await call(b"ping", metadata=metadata) == b"ping"
            await call(b"ping", metadata=metadata[:1])
            await call(b"ping", metadata=metadata[:1])

    lines = log_lines(capfd)
    inside = [line for line in lines if line["event"] == "inside"]
    finished = [line for line in lines if line["event"] == "rpc finished"]
    assert len(inside) == len(finished) == 3
    for line in inside + finished:
        assert line["rpc"] == METHOD and line["principal_id"] == principal_id
    assert inside[0]["request_id"] == finished[0]["request_id"] == "find-me-1"
    # Without x-request-id, each call gets its own id, on all of its lines.
    made = [line["request_id"] for line in finished[1:]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", made_id) for made_id in made)
    assert made[0] != made[1] and [line["request_id"] for line in inside[1:]] == made
    assert {line["code"] for line in finished} == {"OK"}
    assert all(line["duration_ms"] >= 0 for line in finished)


async def test_a_refused_call_is_logged_with_its_code_and_without_a_principal(database, capfd):
    with logging_configured("INFO"):
        async with echo_server(database) as (channel, key, _):
            call = channel.unary_unary(METHOD)
            # An authenticated call first, on the same server: nothing of it may carry over.
            await call(b"ping", metadata=(("authorization", f"Bearer {key}"),))
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await call(b"ping", metadata=(("x-request-id", "refused"),))
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED

    lines = log_lines(capfd)
    allowed, refused = [line for line in lines if line["event"] == "rpc finished"]
    assert allowed["code"] == "OK" and "principal_id" in allowed
    assert refused["code"] == "UNAUTHENTICATED" and refused["request_id"] == "refused"
    assert "principal_id" not in refused
    assert len([line for line in lines if line["event"] == "inside"]) == 1
