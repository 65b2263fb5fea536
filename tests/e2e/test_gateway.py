"""The Envoy gateway, for real: REST/JSON, SSE, gRPC-Web and native gRPC through gateway/envoy.yaml
in front of the real server, its sandbox workers and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import uuid

import grpc
import httpx
import pytest
from agentbuilder.client import connect
from agentbuilder.v1 import (
    agent_pb2,
    agent_service_pb2,
    agent_service_pb2_grpc,
    execution_service_pb2,
    tool_service_pb2,
)

from server import migrate
from server.app import build_server, prepare
from server.gateway import Gateway, GatewayAddresses
from server.persistence.database import Database, create_engine
from server.services.principals import PrincipalService
from server.settings import Settings
from tests import grpc_web

pytestmark = pytest.mark.e2e


@pytest.fixture
async def rest(gateway, alice):
    async with httpx.AsyncClient(
        base_url=gateway.url, headers={"authorization": f"Bearer {alice.key}"}, timeout=30
    ) as client:
        yield client


def expect_error(response: httpx.Response, http_status: int, grpc_code: int) -> dict:
    """An upstream error: the HTTP status of its gRPC code, a JSON google.rpc.Status body."""
    assert response.status_code == http_status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["code"] == grpc_code and body["message"], body
    return {d["@type"].rsplit(".", 1)[-1]: d for d in body["details"]}


def expect_envoy_error(response: httpx.Response, http_status: int) -> dict:
    """Envoy's own reply: JSON too, with the HTTP status as code and Envoy's reason."""
    assert response.status_code == http_status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["code"] == http_status and body["error"], body
    return body


async def test_rest_crud_of_agents(rest):
    created = await rest.post("/v1/agents", json={"name": "rest-agent", "labels": {"team": "web"}})
    assert created.status_code == 200, created.text
    agent = created.json()["agent"]
    assert agent["version"] == "1" and agent["etag"]  # int64 is a JSON string
    fetched = (await rest.get(f"/v1/agents/{agent['id']}")).json()["agent"]
    assert fetched == agent

    renamed = await rest.patch(
        f"/v1/agents/{agent['id']}",
        params={"updateMask": "name"},
        json={"name": "renamed", "etag": agent["etag"]},
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["agent"]["name"] == "renamed"
    assert renamed.json()["agent"]["version"] == "2"
    versions = (await rest.get(f"/v1/agents/{agent['id']}/versions")).json()["versions"]
    assert sorted(v["version"] for v in versions) == ["1", "2"]

    listed = (await rest.get("/v1/agents", params={"pageSize": 10})).json()
    assert [a["id"] for a in listed["agents"]] == [agent["id"]]

    # A stale etag is ABORTED: HTTP 409.
    stale = await rest.delete(f"/v1/agents/{agent['id']}", params={"etag": agent["etag"]})
    expect_error(stale, 409, grpc.StatusCode.ABORTED.value[0])
    current = renamed.json()["agent"]["etag"]
    assert (await rest.delete(f"/v1/agents/{agent['id']}", params={"etag": current})).json() == {}
    gone = await rest.get(f"/v1/agents/{agent['id']}")
    assert expect_error(gone, 404, 5)["ErrorInfo"]["reason"] == "AGENT_NOT_FOUND"


async def test_rest_crud_of_blocks_and_workflows(rest):
    block = await rest.post(
        "/v1/blocks", json={"name": "double", "code": "output = {'n': input['n'] * 2}"}
    )
    block_id = block.json()["block"]["id"]
    tested = await rest.post(f"/v1/blocks/{block_id}:test", json={"input": {"n": 21}})
    assert tested.json()["results"][0]["output"] == {"n": 42}, tested.text
    workflow = {
        "name": "rest-flow",
        "entryNodeId": "double",
        "nodes": [{"id": "double", "type": "NODE_TYPE_BLOCK", "refId": block_id}],
    }
    created = (await rest.post("/v1/workflows", json=workflow)).json()["workflow"]
    assert created["state"] == "WORKFLOW_STATE_DRAFT"
    published = await rest.post(f"/v1/workflows/{created['id']}:publish", json={})
    assert published.status_code == 200, published.text
    fetched = (await rest.get(f"/v1/workflows/{created['id']}")).json()["workflow"]
    assert (
        fetched["state"] == "WORKFLOW_STATE_PUBLISHED" and fetched["nodes"][0]["refId"] == block_id
    )
    # In use by the workflow: the block cannot go (FAILED_PRECONDITION is HTTP 400).
    in_use = await rest.delete(f"/v1/blocks/{block_id}")
    assert expect_error(in_use, 400, 9)["ErrorInfo"]["reason"] == "BLOCK_IN_USE"


async def test_request_id_idempotency_over_rest(rest):
    request_id = str(uuid.uuid4())
    first, second = [
        await rest.post("/v1/agents", params={"requestId": request_id}, json={"name": "once"})
        for _ in range(2)
    ]
    assert first.json()["agent"]["id"] == second.json()["agent"]["id"]
    listed = (await rest.get("/v1/agents")).json()["agents"]
    assert [a["name"] for a in listed] == ["once"]
    reused = await rest.post(
        "/v1/agents", params={"requestId": request_id}, json={"name": "different"}
    )
    assert "request_id" in {
        v["field"] for v in expect_error(reused, 400, 3)["BadRequest"]["fieldViolations"]
    }


async def test_every_error_class_maps_to_its_http_status(rest, gateway):
    # Invalid input: 400 with every field violation.
    invalid = expect_error(await rest.post("/v1/agents", json={"name": ""}), 400, 3)
    assert invalid["BadRequest"]["fieldViolations"][0]["field"] == "agent.name"
    # No key: 401; a foreign or unknown id: 404.
    async with httpx.AsyncClient(base_url=gateway.url) as anonymous:
        expect_error(await anonymous.get("/v1/agents"), 401, 16)
    expect_error(await rest.get(f"/v1/agents/{uuid.uuid4()}"), 404, 5)
    # A second tool of the same name: ALREADY_EXISTS, 409.
    tool = {
        "name": "lookup",
        "inputSchema": {"type": "object"},
        "implementationType": "TOOL_IMPLEMENTATION_TYPE_HTTP",
        "implementationRef": "https://example.test/lookup",
    }
    assert (await rest.post("/v1/tools", json=tool)).status_code == 200
    taken = expect_error(await rest.post("/v1/tools", json=tool), 409, 6)
    assert taken["ErrorInfo"]["reason"] == "TOOL_NAME_TAKEN"
    # Built-in tools are read-only: FAILED_PRECONDITION, 400.
    tools = (await rest.get("/v1/tools", params={"category": "math"})).json()["tools"]
    expect_error(await rest.delete(f"/v1/tools/{tools[0]['id']}"), 400, 9)
    # Envoy's own: unknown path or method, unknown query parameter, bad JSON, too large.
    expect_envoy_error(await rest.get("/v1/nothing"), 404)
    expect_envoy_error(await rest.put("/v1/agents"), 404)
    expect_envoy_error(await rest.get("/v1/agents", params={"pageSzie": 5}), 400)
    bad_json = await rest.post(
        "/v1/agents", content=b'{"name": ', headers={"content-type": "application/json"}
    )
    expect_envoy_error(bad_json, 400)
    huge = await rest.post("/v1/agents", json={"name": "x", "description": "y" * 5_000_000})
    expect_envoy_error(huge, 413)


async def read_sse(response: httpx.Response, limit: int | None = None) -> list[dict]:
    """The JSON of each `data:` event, until the stream ends (or `limit` events)."""
    events = []
    async for line in response.aiter_lines():
        if line.startswith("data: "):
            events.append(json.loads(line.removeprefix("data: "))["event"])
            if limit is not None and len(events) == limit:
                break
    return events


async def test_an_execution_streams_over_sse_and_resumes_after_a_dropped_connection(rest):
    blocks = [
        (await rest.post("/v1/blocks", json={"name": f"b{i}", "code": code})).json()["block"]["id"]
        for i, code in enumerate(
            [
                "import time\ntime.sleep(0.3)\noutput = {'n': input['n'] + 1}",
                "output = input['n'] * 10",
            ]
        )
    ]
    workflow = {
        "name": "sse",
        "entryNodeId": "first",
        "nodes": [
            {"id": "first", "type": "NODE_TYPE_BLOCK", "refId": blocks[0]},
            {"id": "second", "type": "NODE_TYPE_BLOCK", "refId": blocks[1]},
        ],
        "edges": [{"id": "e", "source": "first", "target": "second"}],
    }
    workflow_id = (await rest.post("/v1/workflows", json=workflow)).json()["workflow"]["id"]
    await rest.post(f"/v1/workflows/{workflow_id}:publish", json={})
    started = await rest.post("/v1/executions", json={"workflowId": workflow_id, "input": {"n": 4}})
    execution_id = started.json()["execution"]["id"]

    # Read two events, then drop the connection.
    async with rest.stream("GET", f"/v1/executions/{execution_id}:stream") as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/event-stream"
        first = await read_sse(response, limit=2)
    # Reconnect after the last sequence seen: the rest, nothing lost or repeated.
    last = int(first[-1]["sequence"])
    async with rest.stream(
        "GET", f"/v1/executions/{execution_id}:stream", params={"afterSequence": last}
    ) as response:
        rest_of_it = await read_sse(response)
    events = first + rest_of_it
    assert [int(e["sequence"]) for e in events] == list(range(1, len(events) + 1))
    assert "completed" in events[-1], events[-1]  # the in-band terminal event
    assert events[-1]["completed"]["output"] == 50


async def test_grpc_web_unary_and_server_streaming(gateway, alice, rest):
    headers = {"authorization": f"Bearer {alice.key}"}
    async with httpx.AsyncClient(base_url=gateway.url, timeout=30) as client:
        listed = await grpc_web.call(
            client,
            "/agentbuilder.v1.ToolService/ListTools",
            tool_service_pb2.ListToolsRequest(category="math"),
            tool_service_pb2.ListToolsResponse,
            headers,
        )
        assert listed.http_status == 200 and listed.code == 0, listed
        assert [t.name for t in listed.messages[0].tools] == ["calculator"]

        missing = await grpc_web.call(
            client,
            "/agentbuilder.v1.AgentService/GetAgent",
            agent_service_pb2.GetAgentRequest(agent_id=str(uuid.uuid4())),
            agent_service_pb2.GetAgentResponse,
            headers,
        )
        assert missing.code == grpc.StatusCode.NOT_FOUND.value[0] and not missing.messages
        assert missing.status is not None and missing.status.details  # ErrorInfo travels too

        block = (await rest.post("/v1/blocks", json={"name": "w", "code": "output = 7"})).json()
        workflow = {
            "name": "web",
            "entryNodeId": "only",
            "nodes": [{"id": "only", "type": "NODE_TYPE_BLOCK", "refId": block["block"]["id"]}],
        }
        workflow_id = (await rest.post("/v1/workflows", json=workflow)).json()["workflow"]["id"]
        await rest.post(f"/v1/workflows/{workflow_id}:publish", json={})
        execution = (await rest.post("/v1/executions", json={"workflowId": workflow_id})).json()
        streamed = await grpc_web.call(
            client,
            "/agentbuilder.v1.ExecutionService/StreamExecution",
            execution_service_pb2.StreamExecutionRequest(execution_id=execution["execution"]["id"]),
            execution_service_pb2.StreamExecutionResponse,
            headers,
        )
    assert streamed.code == 0, streamed.trailers
    kinds = [m.event.WhichOneof("kind") for m in streamed.messages]
    assert kinds[0] == "started" and kinds[-1] == "completed", kinds


async def test_native_grpc_through_the_gateway_is_unaffected(gateway, alice):
    target = gateway.url.removeprefix("http://")
    async with connect(target, alice.key) as channel:
        agents = agent_service_pb2_grpc.AgentServiceStub(channel)
        created = await agents.CreateAgent(
            agent_service_pb2.CreateAgentRequest(agent=agent_pb2.Agent(name="via-envoy"))
        )
        fetched = await agents.GetAgent(
            agent_service_pb2.GetAgentRequest(agent_id=created.agent.id)
        )
        assert fetched.agent.name == "via-envoy"
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await agents.GetAgent(agent_service_pb2.GetAgentRequest(agent_id="bad"))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert not caught.value.details().startswith("{")  # plain text, not Envoy's JSON
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await channel.unary_unary("/agentbuilder.v1.Nope/Nope")(b"")
        assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
        assert not caught.value.details().startswith("{")


async def test_cors_lets_allowed_origins_call_and_read_grpc_status(gateway, page_origin):
    origin = page_origin[0]
    async with httpx.AsyncClient(base_url=gateway.url) as client:
        preflight = await client.options(
            "/v1/agents",
            headers={
                "origin": origin,
                "access-control-request-method": "GET",
                "access-control-request-headers": "authorization",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == origin
        assert "authorization" in preflight.headers["access-control-allow-headers"]
        answer = await client.get("/v1/agents", headers={"origin": origin})
        assert answer.headers["access-control-allow-origin"] == origin
        exposed = answer.headers["access-control-expose-headers"]
        assert "grpc-status" in exposed and "grpc-message" in exposed
        stranger = await client.options(
            "/v1/agents",
            headers={"origin": "http://evil.example", "access-control-request-method": "GET"},
        )
        assert "access-control-allow-origin" not in stranger.headers


async def test_a_stopped_server_gives_a_quick_json_503_and_recovery(fresh_database, tmp_path):
    url = await asyncio.to_thread(fresh_database)
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(database_url=url, grpc_port=0, log_level="WARNING", run_executions=False)
    database = Database(create_engine(url, settings))
    await prepare(database)
    _, key = await PrincipalService(database).create("outage")
    server = build_server(settings, database)
    await server.start()
    port = server.port
    gateway = Gateway(
        GatewayAddresses("127.0.0.1", 0, 0, "127.0.0.1", port, ("http://localhost:3000",)),
        tmp_path / "envoy",
    )
    await gateway.start()
    try:
        assert await gateway.wait_until_upstream_healthy(within_seconds=30)
        async with httpx.AsyncClient(
            base_url=gateway.url, headers={"authorization": f"Bearer {key}"}, timeout=30
        ) as client:
            assert (await client.get("/v1/tools")).status_code == 200
            # The server's own UNAVAILABLE (no sandbox workers here) is a 503 with its status.
            block = await client.post("/v1/blocks", json={"name": "b", "code": "output = 1"})
            test_run = await client.post(
                f"/v1/blocks/{block.json()['block']['id']}:test", json={"input": {}}
            )
            expect_error(test_run, 503, grpc.StatusCode.UNAVAILABLE.value[0])

            await server.stop(grace=1)
            # At once, not after the route's 60 s timeout: the connection is refused.
            down = await client.get("/v1/tools", timeout=10)
            expect_envoy_error(down, 503)

            server = build_server(settings.model_copy(update={"grpc_port": port}), database)
            await server.start()
            async with asyncio.timeout(30):
                while (await client.get("/v1/tools")).status_code != 200:  # noqa: ASYNC110
                    await asyncio.sleep(0.2)
    finally:
        await gateway.stop()
        await server.stop(grace=1)
        await database.dispose()
