"""Races, hostile input and database trouble end in a proper status, never INTERNAL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import grpc
from agentbuilder.v1 import agent_pb2, tool_pb2
from agentbuilder.v1 import agent_service_pb2 as agents_pb
from agentbuilder.v1 import tool_service_pb2 as tools_pb
from google.protobuf import field_mask_pb2, struct_pb2
from sqlalchemy import literal_column, select, text
from sqlalchemy.engine import make_url

from server.domain.errors import Unavailable
from server.persistence.database import CompiledRead, Database, ReadPool, create_engine
from server.persistence.repositories import AgentRepository
from server.services.builtin_tools import builtin_tool_id
from tests.helpers import disconnect_everyone, rpc_error

CODE = grpc.StatusCode
AGENTBUILDER = str(Path(sys.executable).parent / "agentbuilder")


def outcome(result) -> grpc.StatusCode:
    if isinstance(result, grpc.aio.AioRpcError):
        return result.code()
    if isinstance(result, BaseException):
        raise result
    return CODE.OK


def schema() -> struct_pb2.Struct:
    value = struct_pb2.Struct()
    value.update({"type": "object"})
    return value


async def make_tool(caller, name: str) -> tool_pb2.Tool:
    tool = tool_pb2.Tool(
        name=name,
        input_schema=schema(),
        implementation_type=tool_pb2.TOOL_IMPLEMENTATION_TYPE_HTTP,
        implementation_ref="https://example.test/tool",
    )
    return (await caller.tools.CreateTool(tools_pb.CreateToolRequest(tool=tool))).tool


async def test_versions_of_a_default_typed_agent(alice):
    agent = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="bare"))
        )
    ).agent
    await alice.agents.UpdateAgent(
        agents_pb.UpdateAgentRequest(
            agent=agent_pb2.Agent(id=agent.id, name="star"),
            update_mask=field_mask_pb2.FieldMask(paths=["*"]),
        )
    )
    versions = await alice.agents.ListAgentVersions(
        agents_pb.ListAgentVersionsRequest(agent_id=agent.id)
    )
    assert [v.agent.agent_type for v in versions.versions] == [
        agent_pb2.AGENT_TYPE_CONVERSATIONAL
    ] * 2


async def test_unknown_enum_values_are_invalid(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a", agent_type=42))
        )
    assert "agent.agent_type" in failure.violations


async def test_ids_are_stored_in_canonical_form(alice):
    calculator = builtin_tool_id("calculator")
    spelled = "{" + str(calculator).upper() + "}"
    agent = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a", tool_ids=[spelled]))
        )
    ).agent
    assert list(agent.tool_ids) == [str(calculator)]


async def test_an_update_that_changes_nothing_writes_no_version(alice):
    agent = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="same"))
        )
    ).agent
    same = (
        await alice.agents.UpdateAgent(
            agents_pb.UpdateAgentRequest(
                agent=agent_pb2.Agent(id=agent.id, name="same"),
                update_mask=field_mask_pb2.FieldMask(paths=["name"]),
            )
        )
    ).agent
    assert same.version == 1 and same.etag == agent.etag


async def test_an_empty_mask_keeps_unset_parts_of_messages(alice):
    llm = agent_pb2.LlmConfig(provider="p", model="m", system_prompt="s", temperature=0.5)
    agent = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a", llm=llm))
        )
    ).agent
    change = agent_pb2.Agent(id=agent.id, llm=agent_pb2.LlmConfig(model="m2"))
    updated = (await alice.agents.UpdateAgent(agents_pb.UpdateAgentRequest(agent=change))).agent
    assert (updated.llm.provider, updated.llm.model, updated.llm.system_prompt) == ("p", "m2", "s")
    assert updated.llm.temperature == 0.5


async def test_nul_characters_are_invalid(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a\x00b"))
        )
    assert "agent.name" in failure.violations


async def test_undecodable_requests_are_invalid_not_unknown(alice):
    """Bytes that are no valid request message (say, a string field holding invalid UTF-8, as
    a proxy transcoding JSON may send) are the caller's error, with BadRequest details."""
    agent = b"\x0a\x03\xff\xfe\xfd"  # Agent.name = three bytes that are not UTF-8
    undecodable = b"\x0a" + bytes([len(agent)]) + agent  # CreateAgentRequest.agent
    for method in (
        "/agentbuilder.v1.AgentService/CreateAgent",
        "/agentbuilder.v1.ToolService/ListTools",
    ):
        call = alice.channel.unary_unary(method, response_deserializer=lambda data: data)
        with rpc_error(CODE.INVALID_ARGUMENT) as failure:
            await call(undecodable if "Agent" in method else b"\xff\xff\xff")
        assert failure.reason == "REQUEST_UNDECODABLE"


async def test_forged_page_tokens_are_invalid(alice):
    from server.domain.pagination import encode_token, query_fingerprint

    agent = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a"))
        )
    ).agent
    fingerprint = query_fingerprint("ListAgentVersions", alice.principal_id, uuid.UUID(agent.id))
    with rpc_error(CODE.INVALID_ARGUMENT):
        await alice.agents.ListAgentVersions(
            agents_pb.ListAgentVersionsRequest(
                agent_id=agent.id, page_token=encode_token([2**40], fingerprint)
            )
        )


async def test_racing_renames_to_one_name(alice):
    tools = [await make_tool(alice, f"t{i}") for i in range(6)]
    results = await asyncio.gather(
        *(
            alice.tools.UpdateTool(
                tools_pb.UpdateToolRequest(
                    tool=tool_pb2.Tool(id=t.id, name="winner"),
                    update_mask=field_mask_pb2.FieldMask(paths=["name"]),
                )
            )
            for t in tools
        ),
        return_exceptions=True,
    )
    codes = [outcome(r) for r in results]
    assert codes.count(CODE.OK) == 1
    assert set(codes) == {CODE.OK, CODE.ALREADY_EXISTS}


async def test_deleting_a_tool_while_agents_adopt_it(alice):
    for round_ in range(5):
        tool = await make_tool(alice, f"contested{round_}")
        creates = [
            alice.agents.CreateAgent(
                agents_pb.CreateAgentRequest(
                    agent=agent_pb2.Agent(name=f"a{i}", tool_ids=[tool.id])
                )
            )
            for i in range(6)
        ]
        delete = alice.tools.DeleteTool(tools_pb.DeleteToolRequest(tool_id=tool.id))
        results = await asyncio.gather(*creates, delete, return_exceptions=True)
        create_codes, delete_code = [outcome(r) for r in results[:-1]], outcome(results[-1])
        assert set(create_codes) <= {CODE.OK, CODE.INVALID_ARGUMENT}
        if delete_code == CODE.OK:  # then no agent may point at the deleted tool
            assert CODE.OK not in create_codes
        else:
            assert delete_code == CODE.FAILED_PRECONDITION and CODE.OK in create_codes


def test_replicas_migrating_at_once(fresh_database):
    url = fresh_database()
    # Separate processes, like replicas (Alembic's context is process-global, not thread-safe).
    replicas = [
        subprocess.Popen(
            [AGENTBUILDER, "migrate"],
            env={**os.environ, "AGENTBUILDER_DATABASE_URL": url},
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    for replica in replicas:
        _, stderr = replica.communicate(timeout=120)
        assert replica.returncode == 0, stderr.decode()


async def test_libpq_url_parameters_are_understood(database_url, settings):
    url = make_url(database_url).update_query_dict(
        {"application_name": "abtest", "target_session_attrs": "any"}
    )
    database = Database(create_engine(url.render_as_string(hide_password=False), settings))
    try:
        async with database.reader() as reader:
            assert (
                await reader.scalar(text("SELECT current_setting('application_name')")) == "abtest"
            )
    finally:
        await database.dispose()


async def test_lost_database_connections_are_unavailable_then_recover(
    alice, admin_url, database_url
):
    agent = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="a"))
        )
    ).agent
    await disconnect_everyone(admin_url, database_url)
    # Reads (the read pool) and writes (SQLAlchemy's pool) each recover on their own.
    calls = {
        "read": lambda: alice.agents.GetAgent(agents_pb.GetAgentRequest(agent_id=agent.id)),
        "write": lambda: alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(
                agent=agent_pb2.Agent(name="b"), request_id="8d3a3d4e-5b8f-4a8e-9b53-3f1d2a6c7e90"
            )
        ),
    }
    for kind, call in calls.items():
        codes = []
        for _ in range(25):
            try:
                await call()
                codes.append(CODE.OK)
            except grpc.aio.AioRpcError as error:
                codes.append(error.code())
            if codes[-1] == CODE.OK:
                break
        assert codes[-1] == CODE.OK and set(codes) <= {CODE.OK, CODE.UNAVAILABLE}, (kind, codes)


async def test_the_read_pool_replaces_every_connection_after_one_is_lost(fresh_database, admin_url):
    """After the database drops every connection, reads fail at most once, then recover."""
    url = await asyncio.to_thread(fresh_database)
    read = CompiledRead(
        select(literal_column("1").label("one")).where(text("pg_sleep(0.05) IS NOT NULL"))
    )
    pool = ReadPool(url, size=4)
    database = Database(create_engine(url), pool)

    async def one() -> int:
        async with database.reader() as reader:
            return await reader.scalar(read)

    try:
        assert await asyncio.gather(*(one() for _ in range(4))) == [1] * 4  # four open connections
        await disconnect_everyone(admin_url, url)
        outcomes = []
        for _ in range(4):
            try:
                outcomes.append(await one())
            except Unavailable:
                outcomes.append("unavailable")
        assert outcomes in ([1, 1, 1, 1], ["unavailable", 1, 1, 1]), outcomes
    finally:
        await database.dispose()


async def test_compiled_reads_match_sqlalchemy_inside_and_outside_transactions(alice, settings):
    """The same CompiledRead, on the read pool (reader) and on SQLAlchemy (transaction)."""
    created = (
        await alice.agents.CreateAgent(
            agents_pb.CreateAgentRequest(
                agent=agent_pb2.Agent(
                    name="both ways",
                    labels={"k": "v"},
                    knowledgebase_ids=["0b6f3c0e-7d4a-4e1b-9a59-6c2f1d3e8a71"],
                )
            )
        )
    ).agent
    database = Database.open(settings.database_url.get_secret_value(), settings)
    try:
        params = {"owner_id": alice.principal_id, "agent_id": uuid.UUID(created.id)}
        async with database.reader() as reader:
            fast = await reader.first(AgentRepository._GET_READ, params)
        async with database.transaction() as tx:
            slow = await tx.first(AgentRepository._GET_READ, params)
        assert dict(fast) == dict(slow)
        assert fast["labels"] == {"k": "v"} and fast["knowledgebase_ids"] == [
            "0b6f3c0e-7d4a-4e1b-9a59-6c2f1d3e8a71"
        ]
    finally:
        await database.dispose()
