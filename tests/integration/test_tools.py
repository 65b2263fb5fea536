"""ToolService through the front door: real server, real PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

import grpc
from agentbuilder.v1 import agent_pb2, tool_pb2
from agentbuilder.v1 import agent_service_pb2 as agents_pb
from agentbuilder.v1 import tool_service_pb2 as pb
from google.protobuf import field_mask_pb2, struct_pb2

from server.services.builtin_tools import BUILTIN_TOOLS, builtin_tool_id
from tests.helpers import rpc_error

CODE = grpc.StatusCode
HTTP = tool_pb2.TOOL_IMPLEMENTATION_TYPE_HTTP


def schema(value: dict) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(value)
    return message


def new_tool(name: str = "weather", **kwargs) -> tool_pb2.Tool:
    values = {
        "name": name,
        "description": "Current weather for a city",
        "category": "web",
        "input_schema": schema(
            {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
        ),
        "implementation_type": HTTP,
        "implementation_ref": "https://weather.example/api",
    }
    values.update(kwargs)
    return tool_pb2.Tool(**values)


async def create(caller, tool=None, request_id: str = "") -> tool_pb2.Tool:
    reply = await caller.tools.CreateTool(
        pb.CreateToolRequest(tool=tool or new_tool(), request_id=request_id)
    )
    return reply.tool


async def list_all(caller, **kwargs) -> list[tool_pb2.Tool]:
    tools, token = [], ""
    while True:
        page = await caller.tools.ListTools(pb.ListToolsRequest(page_token=token, **kwargs))
        tools.extend(page.tools)
        token = page.next_page_token
        if not token:
            return tools


async def test_builtin_tools_are_visible_to_everyone(alice, bob):
    names = {t.name for t in BUILTIN_TOOLS}
    assert {"vector_search", "http_request", "calculator"} <= names
    for caller in (alice, bob):
        builtins = [t for t in await list_all(caller) if t.is_builtin]
        assert {t.name for t in builtins} == names
        calculator = (
            await caller.tools.GetTool(
                pb.GetToolRequest(tool_id=str(builtin_tool_id("calculator")))
            )
        ).tool
        assert (
            calculator.is_builtin
            and calculator.implementation_type == tool_pb2.TOOL_IMPLEMENTATION_TYPE_BUILTIN
        )
        assert calculator.input_schema["type"] == "object"


async def test_builtin_tools_are_read_only(alice):
    tool_id = str(builtin_tool_id("http_request"))
    with rpc_error(CODE.FAILED_PRECONDITION) as failure:
        await alice.tools.UpdateTool(
            pb.UpdateToolRequest(
                tool=tool_pb2.Tool(id=tool_id, description="mine now"),
                update_mask=field_mask_pb2.FieldMask(paths=["description"]),
            )
        )
    assert failure.reason == "BUILTIN_TOOL_READ_ONLY"
    with rpc_error(CODE.FAILED_PRECONDITION):
        await alice.tools.DeleteTool(pb.DeleteToolRequest(tool_id=tool_id))


async def test_seeding_is_idempotent(alice, database):
    from server.services.builtin_tools import seed_builtin_tools

    before = {t.id: t.etag for t in await list_all(alice) if t.is_builtin}
    await asyncio.gather(seed_builtin_tools(database), seed_builtin_tools(database))
    after = {t.id: t.etag for t in await list_all(alice) if t.is_builtin}
    assert after == before


async def test_crud(alice):
    tool = await create(alice, new_tool(output_schema=schema({"type": "object"})))
    assert not tool.is_builtin and tool.etag and uuid.UUID(tool.id)
    assert tool.input_schema["required"] == ["city"] and tool.HasField("output_schema")
    assert (await alice.tools.GetTool(pb.GetToolRequest(tool_id=tool.id))).tool == tool

    updated = (
        await alice.tools.UpdateTool(
            pb.UpdateToolRequest(
                tool=tool_pb2.Tool(
                    id=tool.id, etag=tool.etag, category="weather", output_schema=None
                ),
                update_mask=field_mask_pb2.FieldMask(paths=["category", "output_schema"]),
            )
        )
    ).tool
    assert updated.category == "weather" and not updated.HasField("output_schema")
    assert updated.etag != tool.etag and updated.name == "weather"

    mine = [t for t in await list_all(alice) if not t.is_builtin]
    assert [t.id for t in mine] == [tool.id]
    assert [t.id for t in await list_all(alice, category="weather")] == [tool.id]

    with rpc_error(CODE.ABORTED):
        await alice.tools.DeleteTool(pb.DeleteToolRequest(tool_id=tool.id, etag=tool.etag))
    await alice.tools.DeleteTool(pb.DeleteToolRequest(tool_id=tool.id, etag=updated.etag))
    with rpc_error(CODE.NOT_FOUND) as failure:
        await alice.tools.GetTool(pb.GetToolRequest(tool_id=tool.id))
    assert failure.reason == "TOOL_NOT_FOUND"


async def test_schemas_are_validated_as_json_schema(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(
            alice,
            new_tool(
                input_schema=schema({"type": "object", "properties": {"a": {"type": "nonsense"}}})
            ),
        )
    assert (
        "not a valid JSON Schema at /properties/a/type" in failure.violations["tool.input_schema"]
    )
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_tool(input_schema=schema({"type": "string"})))
    assert '"object"' in failure.violations["tool.input_schema"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_tool(output_schema=schema({"minimum": "zero"})))
    assert "tool.output_schema" in failure.violations


async def test_field_rules(alice):
    bad = tool_pb2.Tool(
        name="has space", implementation_type=tool_pb2.TOOL_IMPLEMENTATION_TYPE_BUILTIN
    )
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, bad)
    assert set(failure.violations) == {"tool.name", "tool.implementation_type", "tool.input_schema"}
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_tool(implementation_ref="ftp://nope"))
    assert "tool.implementation_ref" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(
            alice, new_tool(implementation_type=tool_pb2.TOOL_IMPLEMENTATION_TYPE_UNSPECIFIED)
        )
    assert "tool.implementation_type" in failure.violations


async def test_names_are_unique_per_owner_and_against_builtins(alice, bob):
    await create(alice)
    with rpc_error(CODE.ALREADY_EXISTS) as failure:
        await create(alice)
    assert failure.reason == "TOOL_NAME_TAKEN"
    await create(bob)  # another principal's namespace
    with rpc_error(CODE.ALREADY_EXISTS):
        await create(alice, new_tool(name="calculator"))
    other = await create(alice, new_tool(name="other"))
    with rpc_error(CODE.ALREADY_EXISTS):
        await alice.tools.UpdateTool(
            pb.UpdateToolRequest(
                tool=tool_pb2.Tool(id=other.id, name="weather"),
                update_mask=field_mask_pb2.FieldMask(paths=["name"]),
            )
        )


async def test_concurrent_creates_with_one_name_make_one_tool(alice):
    results = await asyncio.gather(*(create(alice) for _ in range(8)), return_exceptions=True)
    created = [r for r in results if isinstance(r, tool_pb2.Tool)]
    failed = [r for r in results if not isinstance(r, tool_pb2.Tool)]
    assert len(created) == 1
    assert all(
        isinstance(e, grpc.aio.AioRpcError) and e.code() == CODE.ALREADY_EXISTS for e in failed
    )


async def test_idempotent_create(alice):
    request_id = str(uuid.uuid4())
    results = await asyncio.gather(*(create(alice, request_id=request_id) for _ in range(8)))
    assert len({t.id for t in results}) == 1


async def test_tools_in_use_cannot_be_deleted(alice):
    tool = await create(alice)
    agent = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a", tool_ids=[tool.id]))
        )
    ).agent
    with rpc_error(CODE.FAILED_PRECONDITION) as failure:
        await alice.tools.DeleteTool(pb.DeleteToolRequest(tool_id=tool.id))
    assert failure.reason == "TOOL_IN_USE"
    await alice.agents.DeleteAgent(agents_pb.DeleteAgentRequest(agent_id=agent.id))
    await alice.tools.DeleteTool(pb.DeleteToolRequest(tool_id=tool.id))


async def test_tenant_isolation(alice, bob):
    tool = await create(alice)
    with rpc_error(CODE.NOT_FOUND):
        await bob.tools.GetTool(pb.GetToolRequest(tool_id=tool.id))
    with rpc_error(CODE.NOT_FOUND):
        await bob.tools.UpdateTool(
            pb.UpdateToolRequest(
                tool=tool_pb2.Tool(id=tool.id, name="stolen"),
                update_mask=field_mask_pb2.FieldMask(paths=["name"]),
            )
        )
    with rpc_error(CODE.NOT_FOUND):
        await bob.tools.DeleteTool(pb.DeleteToolRequest(tool_id=tool.id))
    assert tool.id not in {t.id for t in await list_all(bob)}
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await bob.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a", tool_ids=[tool.id]))
        )
    assert "agent.tool_ids[0]" in failure.violations


async def test_paging_through_tools(alice):
    for i in range(5):
        await create(alice, new_tool(name=f"t{i}"))
    first = await alice.tools.ListTools(pb.ListToolsRequest(page_size=2))
    assert len(first.tools) == 2 and first.next_page_token
    everything = await list_all(alice, page_size=2)
    assert len(everything) == len({t.id for t in everything}) == 5 + len(BUILTIN_TOOLS)
    with rpc_error(CODE.INVALID_ARGUMENT):
        await alice.tools.ListTools(
            pb.ListToolsRequest(page_token=first.next_page_token, category="web")
        )
