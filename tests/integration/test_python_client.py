"""The Python convenience clients: key on every call, default deadlines, retries on UNAVAILABLE.

The server here is a scripted stand-in for AgentService/GetAgent, so a test can decide which
attempts fail; the real server is covered by the quickstart test against `agentbuilder up`.
"""

from __future__ import annotations

import asyncio

import grpc
import pytest
from agentbuilder.client import AgentBuilderClient, SyncAgentBuilderClient
from agentbuilder.v1 import agent_pb2
from agentbuilder.v1 import agent_service_pb2 as pb


class ScriptedAgents:
    """Fails the first `failures` calls with `code`, then answers; records what each call saw."""

    def __init__(self, failures: int, code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE):
        self.failures = failures
        self.code = code
        self.calls: list[dict] = []

    async def get_agent(self, request: pb.GetAgentRequest, context: grpc.aio.ServicerContext):
        self.calls.append(
            {
                "metadata": dict(context.invocation_metadata()),
                "time_remaining": context.time_remaining(),
            }
        )
        if len(self.calls) <= self.failures:
            await context.abort(self.code, "scripted failure")
        return pb.GetAgentResponse(agent=agent_pb2.Agent(id=request.agent_id, name="found"))

    def handler(self) -> grpc.GenericRpcHandler:
        return grpc.method_handlers_generic_handler(
            "agentbuilder.v1.AgentService",
            {
                "GetAgent": grpc.unary_unary_rpc_method_handler(
                    self.get_agent,
                    request_deserializer=pb.GetAgentRequest.FromString,
                    response_serializer=pb.GetAgentResponse.SerializeToString,
                )
            },
        )


@pytest.fixture
async def scripted():
    """Starts a stand-in server; yields (agents, target)."""
    servers = []

    async def start(failures: int, code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE):
        agents = ScriptedAgents(failures, code)
        server = grpc.aio.server()
        server.add_generic_rpc_handlers([agents.handler()])
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        servers.append(server)
        return agents, f"127.0.0.1:{port}"

    yield start
    for server in servers:
        await server.stop(None)


async def test_async_client_retries_unavailable_with_key_and_deadline(scripted):
    agents, target = await scripted(failures=2)
    async with AgentBuilderClient(target, "ab_test", timeout=7) as client:
        reply = await client.agents.GetAgent(pb.GetAgentRequest(agent_id="a1"))
    assert reply.agent.name == "found"
    assert len(agents.calls) == 3
    for call in agents.calls:
        assert call["metadata"]["authorization"] == "Bearer ab_test"
        assert 0 < call["time_remaining"] < 7.5  # deadlines travel rounded up


async def test_async_client_gives_up_after_max_attempts(scripted):
    agents, target = await scripted(failures=10)
    async with AgentBuilderClient(target, "ab_test", max_attempts=3) as client:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await client.agents.GetAgent(pb.GetAgentRequest(agent_id="a1"))
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert len(agents.calls) == 3


async def test_other_errors_are_not_retried(scripted):
    agents, target = await scripted(failures=1, code=grpc.StatusCode.INTERNAL)
    async with AgentBuilderClient(target, "ab_test") as client:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await client.agents.GetAgent(pb.GetAgentRequest(agent_id="a1"))
    assert caught.value.code() == grpc.StatusCode.INTERNAL
    assert len(agents.calls) == 1


async def test_an_explicit_timeout_wins_and_retries_can_be_turned_off(scripted):
    agents, target = await scripted(failures=1)
    async with AgentBuilderClient(target, "ab_test", max_attempts=1) as client:
        with pytest.raises(grpc.aio.AioRpcError):
            await client.agents.GetAgent(pb.GetAgentRequest(agent_id="a1"), timeout=2)
    assert len(agents.calls) == 1
    assert agents.calls[0]["time_remaining"] < 2.5  # not the 10 s default


async def test_sync_client_retries_unavailable_with_key_and_deadline(scripted):
    agents, target = await scripted(failures=2)

    def call() -> pb.GetAgentResponse:
        with SyncAgentBuilderClient(target, "ab_sync", timeout=5) as client:
            return client.agents.GetAgent(pb.GetAgentRequest(agent_id="a2"))

    reply = await asyncio.to_thread(call)
    assert reply.agent.id == "a2"
    assert len(agents.calls) == 3
    for call_seen in agents.calls:
        assert call_seen["metadata"]["authorization"] == "Bearer ab_sync"
        assert 0 < call_seen["time_remaining"] < 5.5
