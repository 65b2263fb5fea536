"""AgentService through the front door: real server, real PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

import grpc
from agentbuilder.v1 import agent_pb2
from agentbuilder.v1 import agent_service_pb2 as pb
from google.protobuf import field_mask_pb2
from sqlalchemy import text

from server.services.builtin_tools import builtin_tool_id
from tests.helpers import rpc_error

CODE = grpc.StatusCode
CALCULATOR = str(builtin_tool_id("calculator"))


def new_agent(name: str = "helper", **kwargs) -> agent_pb2.Agent:
    return agent_pb2.Agent(
        name=name,
        description="answers questions",
        agent_type=agent_pb2.AGENT_TYPE_REACT,
        llm=agent_pb2.LlmConfig(
            provider="scripted",
            model="echo",
            temperature=0.2,
            max_tokens=256,
            system_prompt="Be brief.",
        ),
        labels={"team": "search"},
        **kwargs,
    )


async def audit_count(database, caller, action_like: str) -> int:
    """How many audit events of the caller's have an action matching the LIKE pattern."""
    async with database.reader() as reader:
        return await reader.scalar(
            text("SELECT count(*) FROM audit_events WHERE principal_id = :p AND action LIKE :a"),
            {"p": caller.principal_id, "a": action_like},
        )


async def create(caller, agent=None, request_id: str = "") -> agent_pb2.Agent:
    reply = await caller.agents.CreateAgent(
        pb.CreateAgentRequest(agent=agent or new_agent(), request_id=request_id)
    )
    return reply.agent


async def test_create_get_list_update_delete(alice):
    created = await create(alice, new_agent(tool_ids=[CALCULATOR]))
    assert uuid.UUID(created.id)
    assert created.version == 1 and created.etag
    assert created.tool_ids == [CALCULATOR]
    assert created.llm.temperature == 0.2 and created.llm.HasField("temperature")
    assert created.create_time.seconds > 0 and created.update_time == created.create_time

    fetched = (await alice.agents.GetAgent(pb.GetAgentRequest(agent_id=created.id))).agent
    assert fetched == created

    listed = await alice.agents.ListAgents(pb.ListAgentsRequest())
    assert [a.id for a in listed.agents] == [created.id]
    assert listed.next_page_token == ""

    change = agent_pb2.Agent(id=created.id, etag=created.etag, name="renamed")
    updated = (
        await alice.agents.UpdateAgent(
            pb.UpdateAgentRequest(
                agent=change, update_mask=field_mask_pb2.FieldMask(paths=["name"])
            )
        )
    ).agent
    assert updated.name == "renamed" and updated.version == 2
    assert updated.etag != created.etag
    assert updated.description == created.description and updated.tool_ids == [CALCULATOR]
    assert updated.update_time.ToDatetime() >= created.update_time.ToDatetime()

    await alice.agents.DeleteAgent(pb.DeleteAgentRequest(agent_id=created.id, etag=updated.etag))
    with rpc_error(CODE.NOT_FOUND) as failure:
        await alice.agents.GetAgent(pb.GetAgentRequest(agent_id=created.id))
    assert failure.reason == "AGENT_NOT_FOUND"


async def test_defaults_on_create(alice):
    agent = await create(alice, agent_pb2.Agent(name="bare"))
    assert agent.agent_type == agent_pb2.AGENT_TYPE_CONVERSATIONAL
    assert not agent.llm.HasField("temperature")


async def test_every_violation_is_reported_at_once(alice):
    bad = agent_pb2.Agent(
        name="",
        llm=agent_pb2.LlmConfig(temperature=3.5, max_tokens=-1),
        tool_ids=["not-a-uuid"],
        knowledgebase_ids=[str(uuid.uuid4())] * 2,
        labels={"Bad Key": "v"},
    )
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, bad)
    assert set(failure.violations) == {
        "agent.name",
        "agent.llm.temperature",
        "agent.llm.max_tokens",
        "agent.tool_ids[0]",
        "agent.knowledgebase_ids[1]",
        "agent.labels['Bad Key']",
    }
    assert failure.reason == "INVALID_ARGUMENT"


async def test_name_length_limits(alice):
    assert (await create(alice, agent_pb2.Agent(name="x" * 200))).name == "x" * 200
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, agent_pb2.Agent(name="x" * 201))
    assert "agent.name" in failure.violations


async def test_unknown_tool_ids_are_field_violations(alice):
    missing = str(uuid.uuid4())
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_agent(tool_ids=[CALCULATOR, missing]))
    assert list(failure.violations) == ["agent.tool_ids[1]"]
    assert missing in failure.violations["agent.tool_ids[1]"]


async def test_nothing_is_written_when_a_create_fails(alice, database):
    with rpc_error(CODE.INVALID_ARGUMENT):
        await create(alice, new_agent(tool_ids=[str(uuid.uuid4())]))
    assert (await alice.agents.ListAgents(pb.ListAgentsRequest())).agents == []
    assert await audit_count(database, alice, "agent.%") == 0


async def test_update_mask_rules(alice):
    agent = await create(alice)

    async def update(change: agent_pb2.Agent, *paths: str) -> agent_pb2.Agent:
        change.id = agent.id
        mask = field_mask_pb2.FieldMask(paths=list(paths))
        reply = await alice.agents.UpdateAgent(
            pb.UpdateAgentRequest(agent=change, update_mask=mask)
        )
        return reply.agent

    # A sub-path changes one field of llm and keeps the others.
    updated = await update(agent_pb2.Agent(llm=agent_pb2.LlmConfig(model="bigger")), "llm.model")
    assert updated.llm.model == "bigger" and updated.llm.system_prompt == "Be brief."
    # Clearing a field through the mask.
    updated = await update(agent_pb2.Agent(), "llm.temperature", "labels")
    assert not updated.llm.HasField("temperature") and dict(updated.labels) == {}
    # An empty mask updates the populated fields only.
    updated = await update(agent_pb2.Agent(description="new words"))
    assert updated.description == "new words" and updated.name == "helper"
    # "*" replaces everything updatable.
    updated = await update(agent_pb2.Agent(name="replaced"), "*")
    assert updated.name == "replaced" and updated.description == "" and updated.llm.model == ""
    assert updated.version == 5

    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await update(agent_pb2.Agent(name="x"), "name", "nmae")
    assert "unknown field path 'nmae'" in failure.violations["update_mask"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await update(agent_pb2.Agent(), "version")
    assert "output only" in failure.violations["update_mask"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await update(agent_pb2.Agent(name=""), "name")
    assert "agent.name" in failure.violations
    current = (await alice.agents.GetAgent(pb.GetAgentRequest(agent_id=agent.id))).agent
    assert current.version == 5 and current.name == "replaced"


async def test_stale_etag_is_aborted(alice):
    agent = await create(alice)
    first = await alice.agents.UpdateAgent(
        pb.UpdateAgentRequest(
            agent=agent_pb2.Agent(id=agent.id, etag=agent.etag, name="one"),
            update_mask=field_mask_pb2.FieldMask(paths=["name"]),
        )
    )
    with rpc_error(CODE.ABORTED) as failure:
        await alice.agents.UpdateAgent(
            pb.UpdateAgentRequest(
                agent=agent_pb2.Agent(id=agent.id, etag=agent.etag, name="two"),
                update_mask=field_mask_pb2.FieldMask(paths=["name"]),
            )
        )
    assert failure.reason == "ETAG_MISMATCH"
    with rpc_error(CODE.ABORTED):
        await alice.agents.DeleteAgent(pb.DeleteAgentRequest(agent_id=agent.id, etag=agent.etag))
    current = (await alice.agents.GetAgent(pb.GetAgentRequest(agent_id=agent.id))).agent
    assert current.name == "one" and current.etag == first.agent.etag


async def test_versions_are_snapshots_newest_first(alice):
    agent = await create(alice)
    for name in ("v2", "v3"):
        await alice.agents.UpdateAgent(
            pb.UpdateAgentRequest(
                agent=agent_pb2.Agent(id=agent.id, name=name),
                update_mask=field_mask_pb2.FieldMask(paths=["name"]),
            )
        )
    page = await alice.agents.ListAgentVersions(
        pb.ListAgentVersionsRequest(agent_id=agent.id, page_size=2)
    )
    assert [(v.version, v.agent.name) for v in page.versions] == [(3, "v3"), (2, "v2")]
    assert page.versions[0].agent.llm.system_prompt == "Be brief."
    rest = await alice.agents.ListAgentVersions(
        pb.ListAgentVersionsRequest(agent_id=agent.id, page_size=2, page_token=page.next_page_token)
    )
    assert [(v.version, v.agent.name) for v in rest.versions] == [(1, "helper")]
    assert rest.versions[0].agent.version == 1 and rest.next_page_token == ""


async def test_idempotent_create(alice):
    request_id = str(uuid.uuid4())
    first = await create(alice, request_id=request_id)
    again = await create(alice, request_id=request_id)
    assert again == first
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_agent(name="different"), request_id=request_id)
    assert "request_id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, request_id="not-a-uuid")
    assert "request_id" in failure.violations
    assert len((await alice.agents.ListAgents(pb.ListAgentsRequest())).agents) == 1


async def test_idempotent_create_under_concurrent_retries(alice, database):
    request_id = str(uuid.uuid4())
    results = await asyncio.gather(*(create(alice, request_id=request_id) for _ in range(16)))
    assert len({a.id for a in results}) == 1
    assert len((await alice.agents.ListAgents(pb.ListAgentsRequest())).agents) == 1
    assert await audit_count(database, alice, "agent.create") == 1


async def test_request_ids_are_scoped_to_the_principal(alice, bob):
    request_id = str(uuid.uuid4())
    mine = await create(alice, request_id=request_id)
    theirs = await create(bob, request_id=request_id)
    assert mine.id != theirs.id


async def test_page_size_rules(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await alice.agents.ListAgents(pb.ListAgentsRequest(page_size=-1))
    assert "page_size" in failure.violations
    await asyncio.gather(*(create(alice, new_agent(name=f"a{i}")) for i in range(55)))
    default = await alice.agents.ListAgents(pb.ListAgentsRequest())
    assert len(default.agents) == 50 and default.next_page_token
    capped = await alice.agents.ListAgents(pb.ListAgentsRequest(page_size=100_000))
    assert len(capped.agents) == 55 and capped.next_page_token == ""


async def test_pagination_across_inserts_loses_and_repeats_nothing(alice):
    expected = [(await create(alice, new_agent(name=f"first-{i}"))).id for i in range(7)]
    seen: list[str] = []
    token = ""
    inserted = 0
    while True:
        page = await alice.agents.ListAgents(pb.ListAgentsRequest(page_size=3, page_token=token))
        seen.extend(a.id for a in page.agents)
        if inserted < 4 and page.next_page_token:  # keep inserting while paging
            expected.append((await create(alice, new_agent(name=f"later-{inserted}"))).id)
            inserted += 1
        token = page.next_page_token
        if not token:
            break
    assert seen == expected


async def test_page_tokens_are_bound_to_their_query(alice, bob):
    for i in range(3):
        await create(alice, new_agent(name=f"a{i}"))
    page = await alice.agents.ListAgents(pb.ListAgentsRequest(page_size=1))
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await bob.agents.ListAgents(pb.ListAgentsRequest(page_token=page.next_page_token))
    assert "page_token" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT):
        await alice.agents.ListAgentVersions(
            pb.ListAgentVersionsRequest(agent_id=page.agents[0].id, page_token=page.next_page_token)
        )
    with rpc_error(CODE.INVALID_ARGUMENT):
        await alice.agents.ListAgents(pb.ListAgentsRequest(page_token="garbage!"))


async def test_tenant_isolation(alice, bob):
    agent = await create(alice)
    missing = str(uuid.uuid4())
    for agent_id in (agent.id, missing):
        with rpc_error(CODE.NOT_FOUND) as failure:
            await bob.agents.GetAgent(pb.GetAgentRequest(agent_id=agent_id))
        assert failure.error.details() == f"agent {agent_id!r} not found"
        with rpc_error(CODE.NOT_FOUND):
            await bob.agents.UpdateAgent(
                pb.UpdateAgentRequest(
                    agent=agent_pb2.Agent(id=agent_id, name="stolen"),
                    update_mask=field_mask_pb2.FieldMask(paths=["name"]),
                )
            )
        with rpc_error(CODE.NOT_FOUND):
            await bob.agents.DeleteAgent(pb.DeleteAgentRequest(agent_id=agent_id))
        with rpc_error(CODE.NOT_FOUND):
            await bob.agents.ListAgentVersions(pb.ListAgentVersionsRequest(agent_id=agent_id))
    assert (await bob.agents.ListAgents(pb.ListAgentsRequest())).agents == []
    still = (await alice.agents.GetAgent(pb.GetAgentRequest(agent_id=agent.id))).agent
    assert still == agent


async def test_malformed_ids_are_invalid(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await alice.agents.GetAgent(pb.GetAgentRequest(agent_id="nope"))
    assert "agent_id" in failure.violations


async def test_every_mutation_writes_an_audit_event(alice, database):
    agent = await create(alice)
    await alice.agents.UpdateAgent(
        pb.UpdateAgentRequest(
            agent=agent_pb2.Agent(id=agent.id, name="n"),
            update_mask=field_mask_pb2.FieldMask(paths=["name"]),
        )
    )
    await alice.agents.DeleteAgent(pb.DeleteAgentRequest(agent_id=agent.id))
    async with database.reader() as reader:
        rows = await reader.all(
            text("SELECT action FROM audit_events WHERE resource_id = :r ORDER BY id"),
            {"r": agent.id},
        )
    assert [r["action"] for r in rows] == ["agent.create", "agent.update", "agent.delete"]


async def test_oversized_requests_are_resource_exhausted(alice, settings):
    huge = agent_pb2.Agent(name="big", description="x" * (settings.max_message_bytes + 1))
    try:
        await create(alice, huge)
    except grpc.aio.AioRpcError as error:
        assert error.code() == CODE.RESOURCE_EXHAUSTED
    else:
        raise AssertionError("an oversized request was accepted")
    assert (await alice.agents.ListAgents(pb.ListAgentsRequest())).agents == []
