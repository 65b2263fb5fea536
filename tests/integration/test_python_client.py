"""The Python convenience clients: key on every call, default deadlines, retries on UNAVAILABLE.

The server here is a scripted stand-in for AgentService/GetAgent, so a test can decide which
attempts fail; the real server is covered by the quickstart test against `agentbuilder up`.
"""

from __future__ import annotations

import asyncio
import uuid

import agentbuilder.v1.agent_service_pb2  # noqa: F401 - registers every service in the pool
import grpc
import pytest
from agentbuilder.client import RETRYABLE_METHODS, AgentBuilderClient, SyncAgentBuilderClient
from agentbuilder.v1 import agent_pb2
from agentbuilder.v1 import agent_service_pb2 as pb
from google.protobuf import descriptor_pool


class ScriptedAgents:
    """Fails the first `failures` calls with `code`, then answers; records what each call saw."""

    def __init__(self, failures: int, code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE):
        self.failures = failures
        self.code = code
        self.calls: list[dict] = []

    async def _attempt(self, request, context: grpc.aio.ServicerContext) -> None:
        self.calls.append(
            {
                "metadata": dict(context.invocation_metadata()),
                "time_remaining": context.time_remaining(),
                "request": request,
            }
        )
        if len(self.calls) <= self.failures:
            await context.abort(self.code, "scripted failure")

    async def get_agent(self, request: pb.GetAgentRequest, context: grpc.aio.ServicerContext):
        await self._attempt(request, context)
        return pb.GetAgentResponse(agent=agent_pb2.Agent(id=request.agent_id, name="found"))

    async def create_agent(self, request: pb.CreateAgentRequest, context):
        await self._attempt(request, context)
        return pb.CreateAgentResponse(agent=request.agent)

    async def delete_agent(self, request: pb.DeleteAgentRequest, context):
        await self._attempt(request, context)
        return pb.DeleteAgentResponse()

    def handler(self) -> grpc.GenericRpcHandler:
        methods = {
            "GetAgent": (self.get_agent, pb.GetAgentRequest, pb.GetAgentResponse),
            "CreateAgent": (self.create_agent, pb.CreateAgentRequest, pb.CreateAgentResponse),
            "DeleteAgent": (self.delete_agent, pb.DeleteAgentRequest, pb.DeleteAgentResponse),
        }
        return grpc.method_handlers_generic_handler(
            "agentbuilder.v1.AgentService",
            {
                name: grpc.unary_unary_rpc_method_handler(
                    behaviour,
                    request_deserializer=request.FromString,
                    response_serializer=response.SerializeToString,
                )
                for name, (behaviour, request, response) in methods.items()
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


async def test_deletes_are_not_retried(scripted):
    agents, target = await scripted(failures=1)
    async with AgentBuilderClient(target, "ab_test") as client:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await client.agents.DeleteAgent(pb.DeleteAgentRequest(agent_id="a1", etag="e"))
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
    assert len(agents.calls) == 1


async def test_creates_get_one_request_id_for_every_attempt(scripted):
    agents, target = await scripted(failures=1)
    request = pb.CreateAgentRequest(agent=agent_pb2.Agent(name="made once"))
    async with AgentBuilderClient(target, "ab_test") as client:
        reply = await client.agents.CreateAgent(request)
    assert reply.agent.name == "made once"
    ids = [call["request"].request_id for call in agents.calls]
    assert len(ids) == 2 and ids[0] == ids[1]
    assert uuid.UUID(ids[0])
    assert request.request_id == "", "the caller's message is not changed"


async def test_a_callers_request_id_is_kept(scripted):
    agents, target = await scripted(failures=0)
    async with AgentBuilderClient(target, "ab_test") as client:
        await client.agents.CreateAgent(
            pb.CreateAgentRequest(agent=agent_pb2.Agent(name="x"), request_id="mine")
        )
    assert agents.calls[0]["request"].request_id == "mine"


def test_retryable_methods_exist_and_none_of_them_changes_state_twice():
    pool = descriptor_pool.Default()
    for service_name, methods in RETRYABLE_METHODS.items():
        service = pool.FindServiceByName(service_name)
        for method in methods:
            found = service.methods_by_name[method]
            if method.startswith(("Create", "Start")):
                assert "request_id" in found.input_type.fields_by_name, method
            else:
                assert method.startswith(("Get", "List", "Stream", "Validate", "Cancel")), method
