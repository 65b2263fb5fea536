"""WorkflowService through the front door: real server, real PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

import grpc
from agentbuilder.v1 import (
    agent_pb2,
    block_pb2,
    block_service_pb2,
    block_service_pb2_grpc,
    tool_pb2,
    workflow_pb2,
    workflow_service_pb2_grpc,
)
from agentbuilder.v1 import agent_service_pb2 as agents_pb
from agentbuilder.v1 import tool_service_pb2 as tools_pb
from agentbuilder.v1 import workflow_service_pb2 as pb
from google.protobuf import field_mask_pb2, struct_pb2
from sqlalchemy import text

from server.services.builtin_tools import builtin_tool_id
from tests.helpers import rpc_error

CODE = grpc.StatusCode
T = workflow_pb2  # node types: T.NODE_TYPE_LLM, ...
CALCULATOR = str(builtin_tool_id("calculator"))


def struct(value: dict) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(value)
    return message


def node(node_id: str, type=T.NODE_TYPE_LLM, ref: str = "", **config) -> workflow_pb2.WorkflowNode:
    message = workflow_pb2.WorkflowNode(id=node_id, type=type, ref_id=ref)
    if config:
        message.config.CopyFrom(struct(config))
    return message


def edge(edge_id: str, source: str, target: str, condition: str = "") -> workflow_pb2.WorkflowEdge:
    return workflow_pb2.WorkflowEdge(id=edge_id, source=source, target=target, condition=condition)


def chain(*ids: str) -> tuple[list, list]:
    """LLM nodes joined one after the other: the smallest valid graphs."""
    nodes = [node(i) for i in ids]
    edges = [edge(f"e{n}", a, b) for n, (a, b) in enumerate(zip(ids, ids[1:], strict=False))]
    return nodes, edges


def new_workflow(name: str = "flow", nodes=None, edges=None, entry=None, **kwargs):
    """A valid two-node workflow unless told otherwise."""
    if nodes is None:
        nodes, default_edges = chain("start", "finish")
        edges = default_edges if edges is None else edges
    if entry is None:
        entry = nodes[0].id if nodes else ""
    return workflow_pb2.Workflow(
        name=name,
        description=kwargs.pop("description", "a test flow"),
        nodes=nodes,
        edges=edges or [],
        entry_node_id=entry,
        **kwargs,
    )


def stub(caller) -> workflow_service_pb2_grpc.WorkflowServiceStub:
    return workflow_service_pb2_grpc.WorkflowServiceStub(caller.channel)


async def create(caller, workflow=None, request_id: str = "") -> workflow_pb2.Workflow:
    reply = await stub(caller).CreateWorkflow(
        pb.CreateWorkflowRequest(workflow=workflow or new_workflow(), request_id=request_id)
    )
    return reply.workflow


async def get(caller, workflow_id: str) -> workflow_pb2.Workflow:
    return (await stub(caller).GetWorkflow(pb.GetWorkflowRequest(workflow_id=workflow_id))).workflow


async def update(caller, workflow: workflow_pb2.Workflow, *paths: str) -> workflow_pb2.Workflow:
    reply = await stub(caller).UpdateWorkflow(
        pb.UpdateWorkflowRequest(
            workflow=workflow, update_mask=field_mask_pb2.FieldMask(paths=list(paths))
        )
    )
    return reply.workflow


async def publish(caller, workflow_id: str, etag: str = "") -> pb.PublishWorkflowResponse:
    return await stub(caller).PublishWorkflow(
        pb.PublishWorkflowRequest(workflow_id=workflow_id, etag=etag)
    )


async def validate(caller, workflow=None, workflow_id: str = "") -> list[tuple[str, str]]:
    """ValidateWorkflow's violations as (field, description) pairs; checks `valid` agrees."""
    request = (
        pb.ValidateWorkflowRequest(workflow=workflow)
        if workflow is not None
        else pb.ValidateWorkflowRequest(workflow_id=workflow_id)
    )
    reply = await stub(caller).ValidateWorkflow(request)
    pairs = [(v.field, v.description) for v in reply.violations]
    assert reply.valid == (not pairs)
    return pairs


async def versions_of(caller, workflow_id: str, **kwargs) -> pb.ListWorkflowVersionsResponse:
    return await stub(caller).ListWorkflowVersions(
        pb.ListWorkflowVersionsRequest(workflow_id=workflow_id, **kwargs)
    )


async def list_all(caller) -> list[workflow_pb2.Workflow]:
    return list(
        (await stub(caller).ListWorkflows(pb.ListWorkflowsRequest(page_size=1000))).workflows
    )


def pairs(failure) -> list[tuple[str, str]]:
    """Every field violation of a failure, duplicates of a field included, in order."""
    return [(v.field, v.description) for v in failure.details["BadRequest"].field_violations]


async def refused(caller, workflow) -> list[tuple[str, str]]:
    """Creating `workflow` fails with INVALID_ARGUMENT: its violations."""
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(caller, workflow)
    return pairs(failure)


async def audit_actions(database, resource_id: str) -> list[str]:
    async with database.reader() as reader:
        rows = await reader.all(
            text("SELECT action FROM audit_events WHERE resource_id = :r ORDER BY id"),
            {"r": resource_id},
        )
    return [row["action"] for row in rows]


async def audit_count(database, caller, action: str) -> int:
    async with database.reader() as reader:
        return await reader.scalar(
            text("SELECT count(*) FROM audit_events WHERE principal_id = :p AND action = :a"),
            {"p": caller.principal_id, "a": action},
        )


async def new_block(caller) -> str:
    blocks = block_service_pb2_grpc.BlockServiceStub(caller.channel)
    reply = await blocks.CreateBlock(
        block_service_pb2.CreateBlockRequest(block=block_pb2.Block(name="b", code="output = input"))
    )
    return reply.block.id


async def new_agent(caller) -> str:
    reply = await caller.agents.CreateAgent(
        agents_pb.CreateAgentRequest(agent=agent_pb2.Agent(name="helper"))
    )
    return reply.agent.id


async def new_tool(caller) -> str:
    tool = tool_pb2.Tool(
        name=f"t{uuid.uuid4().hex[:8]}",
        input_schema=struct({"type": "object"}),
        implementation_type=tool_pb2.TOOL_IMPLEMENTATION_TYPE_HTTP,
        implementation_ref="https://tool.example/api",
    )
    return (await caller.tools.CreateTool(tools_pb.CreateToolRequest(tool=tool))).tool.id


# --- CRUD -----------------------------------------------------------------------------------


async def test_create_get_list_update_delete(alice, database):
    created = await create(alice)
    assert uuid.UUID(created.id)
    assert created.version == 1 and created.etag
    assert created.state == T.WORKFLOW_STATE_DRAFT and created.published_version == 0
    assert [n.id for n in created.nodes] == ["start", "finish"]
    assert [(e.source, e.target) for e in created.edges] == [("start", "finish")]
    assert created.entry_node_id == "start" and created.description == "a test flow"
    assert created.create_time.seconds > 0 and created.update_time == created.create_time

    assert await get(alice, created.id) == created
    assert [w.id for w in await list_all(alice)] == [created.id]

    change = workflow_pb2.Workflow(id=created.id, etag=created.etag, name="renamed")
    updated = await update(alice, change, "name")
    assert updated.name == "renamed" and updated.version == 2 and updated.etag != created.etag
    assert list(updated.nodes) == list(created.nodes) and updated.entry_node_id == "start"

    await stub(alice).DeleteWorkflow(
        pb.DeleteWorkflowRequest(workflow_id=created.id, etag=updated.etag)
    )
    with rpc_error(CODE.NOT_FOUND) as failure:
        await get(alice, created.id)
    assert failure.reason == "WORKFLOW_NOT_FOUND"
    assert await audit_actions(database, created.id) == [
        "workflow.create",
        "workflow.update",
        "workflow.delete",
    ]


async def test_nodes_round_trip(alice):
    nodes = [
        node("start", T.NODE_TYPE_LLM, timeout_ms=5000, retry={"max_attempts": 3}, model="m"),
        node("ask", T.NODE_TYPE_HUMAN_INPUT, prompt="Approve?"),
    ]
    nodes[0].position_x, nodes[0].position_y = 12.5, -40.0
    workflow = await create(alice, new_workflow(nodes=nodes, edges=[edge("go", "start", "ask")]))
    start, ask = workflow.nodes
    assert start.type == T.NODE_TYPE_LLM and start.ref_id == ""
    assert start.config["timeout_ms"] == 5000 and start.config["model"] == "m"
    assert start.config["retry"]["max_attempts"] == 3
    assert (start.position_x, start.position_y) == (12.5, -40.0)
    assert ask.config["prompt"] == "Approve?"
    assert not workflow.edges[0].condition
    assert await get(alice, workflow.id) == workflow


async def test_every_node_type_with_its_references(alice):
    block_id, agent_id, tool_id = (
        await new_block(alice),
        await new_agent(alice),
        await new_tool(alice),
    )
    child = await create(alice, new_workflow("child"))
    nodes = [
        node("start", T.NODE_TYPE_BLOCK, block_id.upper()),  # any UUID spelling
        node("calc", T.NODE_TYPE_TOOL, CALCULATOR),
        node("mine", T.NODE_TYPE_TOOL, tool_id),
        node("fan", T.NODE_TYPE_PARALLEL),
        node("agent", T.NODE_TYPE_AGENT, agent_id),
        node("llm", T.NODE_TYPE_LLM),
        node("join", T.NODE_TYPE_JOIN),
        node("route", T.NODE_TYPE_CONDITION),
        node("ask", T.NODE_TYPE_HUMAN_INPUT),
        node("sub", T.NODE_TYPE_SUBFLOW, child.id),
    ]
    edges = [
        edge("a", "start", "calc"),
        edge("b", "calc", "mine"),
        edge("c", "mine", "fan"),
        edge("d", "fan", "agent"),
        edge("e", "fan", "llm"),
        edge("f", "agent", "join"),
        edge("g", "llm", "join"),
        edge("h", "join", "route"),
        edge("i", "route", "ask", 'nodes.join.llm.text == "ask"'),
        edge("j", "route", "sub"),
    ]
    workflow = await create(alice, new_workflow(nodes=nodes, edges=edges))
    assert workflow.nodes[0].ref_id == block_id  # stored in canonical form
    assert [n.type for n in workflow.nodes] == [n.type for n in nodes]
    assert await validate(alice, workflow_id=workflow.id) == []
    assert (await publish(alice, workflow.id)).workflow_version.version == 1


async def test_an_empty_draft_is_saved_but_not_published(alice):
    empty = await create(alice, workflow_pb2.Workflow(name="empty"))
    assert list(empty.nodes) == [] and empty.entry_node_id == ""
    expected = [
        ("workflow.nodes", "a workflow needs at least one node"),
        ("workflow.entry_node_id", "is required"),
    ]
    assert await validate(alice, workflow_id=empty.id) == expected
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await publish(alice, empty.id)
    assert pairs(failure) == expected
    assert (await versions_of(alice, empty.id)).versions == []


async def test_names_need_not_be_unique(alice):
    first = await create(alice, new_workflow("same"))
    second = await create(alice, new_workflow("same"))
    assert first.id != second.id


# --- validation: one rule per test --------------------------------------------------------


async def test_name_and_description_rules(alice):
    assert (await create(alice, new_workflow("x" * 200))).name == "x" * 200
    violations = dict(await refused(alice, new_workflow("x" * 201, description="d" * 10_001)))
    assert set(violations) == {"workflow.name", "workflow.description"}
    assert dict(await refused(alice, new_workflow(""))) == {"workflow.name": "is required"}
    assert "whitespace" in dict(await refused(alice, new_workflow(" padded")))["workflow.name"]


async def test_node_ids_must_be_well_formed(alice):
    nodes = [node("start"), node(""), node("x" * 65), node("has space"), node("ok_-1")]
    edges = [edge("e", "start", "ok_-1")]
    violations = await refused(alice, new_workflow(nodes=nodes, edges=edges))
    assert [(f, d) for f, d in violations if f.endswith(".id")] == [
        ("workflow.nodes[1].id", "is required"),
        ("workflow.nodes[2].id", "must be 1 to 64 characters of [A-Za-z0-9_-]"),
        ("workflow.nodes[3].id", "must be 1 to 64 characters of [A-Za-z0-9_-]"),
    ]


async def test_duplicate_node_ids(alice):
    nodes, edges = chain("start", "finish")
    nodes.append(node("start"))
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[2].id", "duplicate node id 'start' (also nodes[0])")
    ]


async def test_duplicate_edge_ids(alice):
    nodes, _ = chain("start", "a", "b")
    edges = [edge("same", "start", "a"), edge("same", "start", "b")]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.edges[1].id", "duplicate edge id 'same' (also edges[0])")
    ]


async def test_edge_ids_must_be_well_formed(alice):
    nodes, _ = chain("start", "a", "b")
    edges = [edge("", "start", "a"), edge("no/slash", "start", "b")]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.edges[0].id", "is required"),
        ("workflow.edges[1].id", "must be 1 to 64 characters of [A-Za-z0-9_-]"),
    ]


async def test_node_type_is_required(alice):
    nodes, edges = chain("start", "finish")
    nodes[1].type = T.NODE_TYPE_UNSPECIFIED
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[1].type", "is required")
    ]


async def test_unknown_node_types_are_invalid(alice):
    nodes, edges = chain("start", "finish")
    nodes[1].type = 42
    violations = await refused(alice, new_workflow(nodes=nodes, edges=edges))
    assert violations == [("workflow.nodes[1].type", "unknown enum value 42")]


async def test_ref_id_is_required_by_referencing_types(alice):
    types = [T.NODE_TYPE_BLOCK, T.NODE_TYPE_TOOL, T.NODE_TYPE_AGENT, T.NODE_TYPE_SUBFLOW]
    nodes = [node("start"), *(node(f"n{i}", t) for i, t in enumerate(types))]
    edges = [edge(f"e{i}", "start", f"n{i}") for i in range(len(types))]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[1].ref_id", "is required for BLOCK nodes"),
        ("workflow.nodes[2].ref_id", "is required for TOOL nodes"),
        ("workflow.nodes[3].ref_id", "is required for AGENT nodes"),
        ("workflow.nodes[4].ref_id", "is required for SUBFLOW nodes"),
    ]


async def test_ref_id_is_forbidden_for_other_types(alice):
    ref = str(uuid.uuid4())
    types = [
        T.NODE_TYPE_LLM,
        T.NODE_TYPE_CONDITION,
        T.NODE_TYPE_PARALLEL,
        T.NODE_TYPE_JOIN,
        T.NODE_TYPE_HUMAN_INPUT,
    ]
    nodes = [node(f"n{i}", t, ref) for i, t in enumerate(types)]
    violations = await refused(alice, new_workflow(nodes=nodes))
    assert [(f, d) for f, d in violations if f.endswith("ref_id")] == [
        ("workflow.nodes[0].ref_id", "must be empty for LLM nodes"),
        ("workflow.nodes[1].ref_id", "must be empty for CONDITION nodes"),
        ("workflow.nodes[2].ref_id", "must be empty for PARALLEL nodes"),
        ("workflow.nodes[3].ref_id", "must be empty for JOIN nodes"),
        ("workflow.nodes[4].ref_id", "must be empty for HUMAN_INPUT nodes"),
    ]


async def test_ref_id_must_be_a_uuid(alice):
    nodes = [node("start", T.NODE_TYPE_BLOCK, "block-7")]
    assert await refused(alice, new_workflow(nodes=nodes)) == [
        ("workflow.nodes[0].ref_id", "must be a UUID, got 'block-7'")
    ]


async def test_ref_id_must_name_something(alice):
    block_id = await new_block(alice)
    missing = [str(uuid.uuid4()) for _ in range(4)]
    nodes = [
        node("start", T.NODE_TYPE_BLOCK, block_id),
        node("b", T.NODE_TYPE_BLOCK, missing[0]),
        node("t", T.NODE_TYPE_TOOL, missing[1]),
        node("a", T.NODE_TYPE_AGENT, missing[2]),
        node("s", T.NODE_TYPE_SUBFLOW, missing[3]),
        node("wrong-kind", T.NODE_TYPE_AGENT, block_id),  # a block is not an agent
    ]
    edges = [edge(f"e{i}", "start", n.id) for i, n in enumerate(nodes[1:])]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[1].ref_id", f"no block with id {missing[0]!r}"),
        ("workflow.nodes[2].ref_id", f"no tool with id {missing[1]!r}"),
        ("workflow.nodes[3].ref_id", f"no agent with id {missing[2]!r}"),
        ("workflow.nodes[4].ref_id", f"no workflow with id {missing[3]!r}"),
        ("workflow.nodes[5].ref_id", f"no agent with id {block_id!r}"),
    ]


async def test_a_workflow_cannot_be_its_own_subflow(alice):
    workflow = await create(alice)
    nodes = [node("start", T.NODE_TYPE_SUBFLOW, workflow.id)]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await update(alice, workflow_pb2.Workflow(id=workflow.id, nodes=nodes), "nodes", "edges")
    assert pairs(failure) == [("workflow.nodes[0].ref_id", "a workflow cannot be its own subflow")]
    message = new_workflow(nodes=nodes, id=workflow.id)
    assert await validate(alice, message) == pairs(failure)


async def test_edges_must_join_existing_nodes(alice):
    nodes, _ = chain("start", "finish")
    edges = [edge("a", "start", "finish"), edge("b", "start", "nowhere"), edge("c", "", "finish")]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.edges[1].target", "no node with id 'nowhere'"),
        ("workflow.edges[2].source", "is required"),
    ]


async def test_entry_node_is_required(alice):
    assert await refused(alice, new_workflow(entry="")) == [
        ("workflow.entry_node_id", "is required")
    ]


async def test_entry_node_must_exist(alice):
    assert await refused(alice, new_workflow(entry="begin")) == [
        ("workflow.entry_node_id", "no node with id 'begin'")
    ]
    empty = workflow_pb2.Workflow(name="e", entry_node_id="begin")
    assert await refused(alice, empty) == [("workflow.entry_node_id", "no node with id 'begin'")]


async def test_every_node_must_be_reachable_from_the_entry(alice):
    nodes, edges = chain("start", "finish")
    nodes += [node("island"), node("other")]
    edges.append(edge("back", "other", "start"))  # leads to the entry, not from it
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[2]", "node 'island' is not reachable from the entry node"),
        ("workflow.nodes[3]", "node 'other' is not reachable from the entry node"),
    ]


async def test_conditions_must_be_valid_cel(alice):
    nodes = [node("start", T.NODE_TYPE_CONDITION), node("a"), node("b"), node("c")]
    edges = [
        edge("ok", "start", "a", 'nodes.start.score > 0.5 && input.kind in ["x", "y"]'),
        edge("bad", "start", "b", "input.x >"),
        edge("worse", "start", "c", "size(input.items) =="),
    ]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        (
            "workflow.edges[1].condition",
            "not a valid CEL expression: syntax error at line 1, column 9",
        ),
        (
            "workflow.edges[2].condition",
            "not a valid CEL expression: syntax error at line 1, column 19",
        ),
    ]


async def test_conditions_are_at_most_1000_characters(alice):
    long = " || ".join(["input.x == 1"] * 100)
    nodes = [node("start", T.NODE_TYPE_CONDITION), node("a")]
    edges = [edge("e", "start", "a", long)]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.edges[0].condition", "must be at most 1000 characters")
    ]


async def test_conditions_only_leave_condition_nodes(alice):
    nodes, _ = chain("start", "finish")
    edges = [edge("e", "start", "finish", "true")]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        (
            "workflow.edges[0].condition",
            "only edges leaving a CONDITION node may have a condition; 'start' is a node of "
            "type LLM",
        )
    ]


async def test_condition_nodes_have_at_most_one_default_edge(alice):
    nodes = [node("start", T.NODE_TYPE_CONDITION), node("a"), node("b"), node("c")]
    one_default = [
        edge("x", "start", "a", "input.go"),
        edge("y", "start", "b"),
        edge("z", "b", "c"),
    ]
    assert (await create(alice, new_workflow(nodes=nodes, edges=one_default))).id
    two_defaults = [edge("x", "start", "a"), edge("y", "start", "b"), edge("z", "start", "c")]
    message = (
        "is required: only one edge leaving CONDITION node 'start' may have no condition "
        "(the default branch)"
    )
    assert await refused(alice, new_workflow(nodes=nodes, edges=two_defaults)) == [
        ("workflow.edges[1].condition", message),
        ("workflow.edges[2].condition", message),
    ]


async def test_cycles_need_an_iteration_bound(alice):
    nodes = [node("start"), node("work"), node("check", T.NODE_TYPE_CONDITION), node("done")]
    edges = [
        edge("a", "start", "work"),
        edge("b", "work", "check"),
        edge("again", "check", "work", "nodes.check.retry"),
        edge("out", "check", "done"),
    ]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        (
            "workflow.nodes[1]",
            "cycle 'work' -> 'check' -> 'work' has no iteration bound: set "
            "config.max_iterations on one of its nodes",
        )
    ]
    nodes[2].config.CopyFrom(struct({"max_iterations": 5}))
    workflow = await create(alice, new_workflow(nodes=nodes, edges=edges))
    assert workflow.nodes[2].config["max_iterations"] == 5


async def test_every_cycle_needs_its_own_bound(alice):
    # Two loops through "hub": the bound on "left" does not bound the loop through "right".
    nodes = [node("hub", T.NODE_TYPE_PARALLEL), node("left", max_iterations=3), node("right")]
    edges = [
        edge("a", "hub", "left"),
        edge("b", "left", "hub"),
        edge("c", "hub", "right"),
        edge("d", "right", "hub"),
    ]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        (
            "workflow.nodes[0]",
            "cycle 'hub' -> 'right' -> 'hub' has no iteration bound: set "
            "config.max_iterations on one of its nodes",
        )
    ]
    nodes[0].config.CopyFrom(struct({"max_iterations": 10}))
    assert (await create(alice, new_workflow(nodes=nodes, edges=edges))).id


async def test_self_loops_are_cycles(alice):
    nodes, edges = chain("start", "finish")
    edges.append(edge("loop", "finish", "finish"))
    violations = await refused(alice, new_workflow(nodes=nodes, edges=edges))
    assert violations == [
        (
            "workflow.nodes[1]",
            "cycle 'finish' -> 'finish' has no iteration bound: set config.max_iterations on "
            "one of its nodes",
        )
    ]


async def test_max_iterations_must_be_a_positive_integer(alice):
    nodes = [node("start", max_iterations=0), node("a", max_iterations=2.5)]
    nodes.append(node("b", max_iterations=10_001))
    edges = [edge("x", "start", "a"), edge("y", "a", "b")]
    message = "must be an integer from 1 to 10000"
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[0].config.max_iterations", message),
        ("workflow.nodes[1].config.max_iterations", message),
        ("workflow.nodes[2].config.max_iterations", message),
    ]


async def test_join_needs_two_incoming_edges(alice):
    nodes = [node("start"), node("join", T.NODE_TYPE_JOIN)]
    edges = [edge("e", "start", "join")]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[1]", "a JOIN node needs at least 2 incoming edges, 'join' has 1")
    ]


async def test_parallel_needs_two_outgoing_edges(alice):
    nodes = [node("start", T.NODE_TYPE_PARALLEL), node("only")]
    edges = [edge("e", "start", "only")]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[0]", "a PARALLEL node needs at least 2 outgoing edges, 'start' has 1")
    ]


async def test_human_input_prompt_must_be_a_string(alice):
    nodes = [node("start", T.NODE_TYPE_HUMAN_INPUT, prompt=7), node("other", prompt=7)]
    edges = [edge("e", "start", "other")]
    # Only HUMAN_INPUT nodes give "prompt" a meaning the server checks.
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[0].config.prompt", "must be a string")
    ]


async def test_timeout_ms_rules(alice):
    bad = [0, -1, 3_600_001, 1.5, "100", True]
    nodes = [node("start", timeout_ms=3_600_000)]
    nodes += [node(f"n{i}", timeout_ms=value) for i, value in enumerate(bad)]
    edges = [edge(f"e{i}", "start", f"n{i}") for i in range(len(bad))]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        (f"workflow.nodes[{i + 1}].config.timeout_ms", "must be an integer from 1 to 3600000")
        for i in range(len(bad))
    ]


async def test_retry_rules(alice):
    retries = [
        {"max_attempts": 10, "backoff_ms": 60_000},  # the largest allowed
        "3 times",
        {"backoff_ms": 10},
        {"max_attempts": 0, "backoff_ms": -1},
        {"max_attempts": 11, "backoff_ms": 60_001, "jitter": True},
    ]
    nodes = [node(f"n{i}", retry=retry) for i, retry in enumerate(retries)]
    edges = [edge(f"e{i}", "n0", f"n{i}") for i in range(1, len(retries))]
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[1].config.retry", "must be an object"),
        ("workflow.nodes[2].config.retry.max_attempts", "is required in a retry"),
        ("workflow.nodes[3].config.retry.max_attempts", "must be an integer from 1 to 10"),
        ("workflow.nodes[3].config.retry.backoff_ms", "must be an integer from 0 to 60000"),
        ("workflow.nodes[4].config.retry.max_attempts", "must be an integer from 1 to 10"),
        ("workflow.nodes[4].config.retry.backoff_ms", "must be an integer from 0 to 60000"),
        (
            "workflow.nodes[4].config.retry.jitter",
            "unknown key: a retry has max_attempts and backoff_ms",
        ),
    ]


async def test_positions_must_be_finite(alice):
    nodes, edges = chain("start", "finish")
    nodes[1].position_y = float("inf")
    assert await refused(alice, new_workflow(nodes=nodes, edges=edges)) == [
        ("workflow.nodes[1].position_y", "must be a finite number")
    ]


async def test_config_must_be_json(alice):
    nodes, edges = chain("start", "finish")
    nodes[0].config.CopyFrom(struct({"weight": float("nan")}))
    violations = dict(await refused(alice, new_workflow(nodes=nodes, edges=edges)))
    assert "NaN" in violations["workflow.nodes[0].config"]
    nodes[0].config.CopyFrom(struct({"note": "a\x00b"}))
    violations = dict(await refused(alice, new_workflow(nodes=nodes, edges=edges)))
    assert "NUL" in violations["workflow.nodes"]


async def test_at_most_200_nodes_and_400_edges(alice):
    ids = [f"n{i}" for i in range(200)]
    nodes, edges = chain(*ids)
    largest = await create(alice, new_workflow(nodes=nodes, edges=edges))
    assert len(largest.nodes) == 200
    too_many = [*nodes, node("n200")]
    assert await refused(alice, new_workflow(nodes=too_many, edges=edges)) == [
        ("workflow.nodes", "at most 200 nodes")
    ]
    two, _ = chain("start", "finish")
    parallel = [edge(f"e{i}", "start", "finish") for i in range(401)]
    assert await refused(alice, new_workflow(nodes=two, edges=parallel)) == [
        ("workflow.edges", "at most 400 edges")
    ]
    assert (await create(alice, new_workflow(nodes=two, edges=parallel[:400]))).id


async def test_every_violation_is_reported_at_once(alice):
    nodes = [
        node("start", T.NODE_TYPE_CONDITION),  # 0
        node("start", T.NODE_TYPE_LLM),  # 1: duplicate id
        node("blk", T.NODE_TYPE_BLOCK),  # 2: ref_id missing
        node("tool", T.NODE_TYPE_TOOL, str(uuid.uuid4())),  # 3: unknown tool
        node("llm", T.NODE_TYPE_LLM, str(uuid.uuid4()), timeout_ms=0),  # 4: ref forbidden
        node("join", T.NODE_TYPE_JOIN),  # 5: one incoming edge
        node("lost"),  # 6: unreachable
        node("", T.NODE_TYPE_UNSPECIFIED),  # 7: no id, no type
    ]
    edges = [
        edge("e0", "start", "blk", "input.x >"),  # invalid CEL
        edge("e0", "start", "tool", "true"),  # duplicate edge id
        edge("e2", "tool", "llm", "true"),  # condition off a non-CONDITION node
        edge("e3", "llm", "ghost"),  # dangling target
        edge("e4", "llm", "join"),
        edge("e5", "join", "llm"),  # cycle without bound
    ]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_workflow("", nodes=nodes, edges=edges))
    fields = [field for field, _ in pairs(failure)]
    assert fields == [
        "workflow.name",
        "workflow.nodes[1].id",
        "workflow.nodes[2].ref_id",
        "workflow.nodes[4].ref_id",
        "workflow.nodes[4].config.timeout_ms",
        "workflow.nodes[7].id",
        "workflow.nodes[7].type",
        "workflow.edges[0].condition",
        "workflow.edges[1].id",
        "workflow.edges[2].condition",
        "workflow.edges[3].target",
        "workflow.nodes[5]",  # JOIN with one incoming edge
        "workflow.nodes[6]",  # unreachable
        "workflow.nodes[4]",  # unbounded cycle llm -> join -> llm
        "workflow.nodes[3].ref_id",  # references are checked last
    ]
    assert failure.reason == "INVALID_ARGUMENT"
    assert await list_all(alice) == []
    # ValidateWorkflow reports the same problems without failing.
    assert await validate(alice, new_workflow("", nodes=nodes, edges=edges)) == pairs(failure)


# --- updates --------------------------------------------------------------------------------


async def test_update_mask_rules(alice, database):
    workflow = await create(alice)

    async def change(message: workflow_pb2.Workflow, *paths: str) -> workflow_pb2.Workflow:
        message.id = workflow.id
        return await update(alice, message, *paths)

    # Nodes are replaced as a whole; the result is validated as a whole.
    nodes, edges = chain("begin", "middle", "end")
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(workflow_pb2.Workflow(nodes=nodes), "nodes")
    assert ("workflow.entry_node_id", "no node with id 'start'") in pairs(failure)
    assert ("workflow.edges[0].source", "no node with id 'start'") in pairs(failure)
    updated = await change(
        workflow_pb2.Workflow(nodes=nodes, edges=edges, entry_node_id="begin"),
        "nodes",
        "edges",
        "entry_node_id",
    )
    assert [n.id for n in updated.nodes] == ["begin", "middle", "end"] and updated.version == 2
    # An empty mask updates the populated fields only.
    updated = await change(workflow_pb2.Workflow(description="new words"))
    assert updated.description == "new words" and len(updated.nodes) == 3
    # Edges alone: dropping one leaves a node unreachable.
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(workflow_pb2.Workflow(edges=edges[:1]), "edges")
    assert pairs(failure) == [
        ("workflow.nodes[2]", "node 'end' is not reachable from the entry node")
    ]
    # "*" replaces everything updatable: here with an empty draft.
    updated = await change(workflow_pb2.Workflow(name="replaced"), "*")
    assert updated.name == "replaced" and updated.description == ""
    assert list(updated.nodes) == [] and updated.entry_node_id == "" and updated.version == 4

    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(workflow_pb2.Workflow(name="x"), "name", "nmae")
    assert "unknown field path 'nmae'" in failure.violations["update_mask"]
    for output_only in ("version", "state", "published_version", "etag"):
        with rpc_error(CODE.INVALID_ARGUMENT) as failure:
            await change(workflow_pb2.Workflow(), output_only)
        assert "output only" in failure.violations["update_mask"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(workflow_pb2.Workflow(), "nodes.config")
    assert "unknown field path" in failure.violations["update_mask"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(workflow_pb2.Workflow(name="y"), "*", "name")
    assert failure.violations["update_mask"] == '"*" must be the only path'

    current = await get(alice, workflow.id)
    assert current.version == 4 and current.name == "replaced"
    assert await audit_count(database, alice, "workflow.update") == 3


async def test_an_update_that_changes_nothing_writes_nothing(alice, database):
    workflow = await create(alice)
    same = await update(alice, workflow_pb2.Workflow(id=workflow.id, name=workflow.name), "name")
    assert same == workflow
    unchanged = workflow_pb2.Workflow(id=workflow.id, nodes=workflow.nodes, edges=workflow.edges)
    assert await update(alice, unchanged, "nodes", "edges") == workflow
    assert await audit_count(database, alice, "workflow.update") == 0


async def test_stale_etag_is_aborted(alice):
    workflow = await create(alice)
    first = await update(
        alice, workflow_pb2.Workflow(id=workflow.id, etag=workflow.etag, name="one"), "name"
    )
    with rpc_error(CODE.ABORTED) as failure:
        await update(
            alice, workflow_pb2.Workflow(id=workflow.id, etag=workflow.etag, name="two"), "name"
        )
    assert failure.reason == "ETAG_MISMATCH"
    with rpc_error(CODE.ABORTED):
        await publish(alice, workflow.id, workflow.etag)
    with rpc_error(CODE.ABORTED):
        await stub(alice).DeleteWorkflow(
            pb.DeleteWorkflowRequest(workflow_id=workflow.id, etag=workflow.etag)
        )
    current = await get(alice, workflow.id)
    assert current.name == "one" and current.etag == first.etag
    assert current.published_version == 0


# --- ValidateWorkflow -------------------------------------------------------------------------


async def test_validate_a_message(alice):
    assert await validate(alice, new_workflow()) == []
    nodes, edges = chain("start", "finish")
    assert await validate(alice, new_workflow(nodes=nodes, edges=edges[:0])) == [
        ("workflow.nodes[1]", "node 'finish' is not reachable from the entry node")
    ]
    # Output-only fields are ignored; nothing is stored.
    assert await validate(alice, new_workflow(version=9, etag="x", published_version=3)) == []
    assert await list_all(alice) == []


async def test_validate_a_stored_workflow(alice, database):
    block_id = await new_block(alice)
    workflow = await create(alice, new_workflow(nodes=[node("start", T.NODE_TYPE_BLOCK, block_id)]))
    assert await validate(alice, workflow_id=workflow.id) == []
    # The API refuses to delete a block a workflow uses...
    blocks = block_service_pb2_grpc.BlockServiceStub(alice.channel)
    with rpc_error(CODE.FAILED_PRECONDITION) as failure:
        await blocks.DeleteBlock(block_service_pb2.DeleteBlockRequest(block_id=block_id))
    assert failure.reason == "BLOCK_IN_USE"
    # ...but if it disappears anyway (removed outside the API), validation and publishing say so.
    async with database.transaction() as tx:
        await tx.execute(text("DELETE FROM blocks WHERE id = :id"), {"id": uuid.UUID(block_id)})
    expected = [("workflow.nodes[0].ref_id", f"no block with id {block_id!r}")]
    assert await validate(alice, workflow_id=workflow.id) == expected
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await publish(alice, workflow.id)
    assert pairs(failure) == expected


async def test_validate_refuses_malformed_requests(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await stub(alice).ValidateWorkflow(pb.ValidateWorkflowRequest())
    assert "workflow" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await validate(alice, workflow_id="nope")
    assert "workflow_id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await validate(alice, new_workflow(id="nope"))
    assert "workflow.id" in failure.violations
    with rpc_error(CODE.NOT_FOUND) as failure:
        await validate(alice, workflow_id=str(uuid.uuid4()))
    assert failure.reason == "WORKFLOW_NOT_FOUND"


# --- publishing and versions ----------------------------------------------------------------


async def test_publish_freezes_an_immutable_version(alice, database):
    workflow = await create(alice)
    reply = await publish(alice, workflow.id, workflow.etag)
    published, version = reply.workflow, reply.workflow_version
    assert published.state == T.WORKFLOW_STATE_PUBLISHED and published.published_version == 1
    assert published.version == 1 and published.etag != workflow.etag
    assert version.version == 1 and version.create_time.seconds > 0
    frozen = version.workflow
    assert frozen.id == workflow.id and frozen.version == 1 and frozen.published_version == 1
    assert list(frozen.nodes) == list(workflow.nodes) and frozen.name == workflow.name
    assert frozen.create_time == workflow.create_time
    assert await get(alice, workflow.id) == published

    # Later draft edits move the draft ahead; the published version does not change.
    nodes, edges = chain("start", "middle", "finish")
    edited = await update(
        alice,
        workflow_pb2.Workflow(id=workflow.id, name="edited", nodes=nodes, edges=edges),
        "name",
        "nodes",
        "edges",
    )
    assert edited.state == T.WORKFLOW_STATE_PUBLISHED and edited.published_version == 1
    assert edited.version == 2
    again = await stub(alice).GetWorkflowVersion(
        pb.GetWorkflowVersionRequest(workflow_id=workflow.id, version=1)
    )
    assert again.workflow_version == version

    second = await publish(alice, workflow.id)
    assert second.workflow_version.version == 2 and second.workflow.published_version == 2
    assert second.workflow_version.workflow.name == "edited"
    assert second.workflow_version.workflow.version == 2
    listed = await versions_of(alice, workflow.id)
    assert [v.version for v in listed.versions] == [2, 1] and listed.next_page_token == ""
    assert listed.versions[1] == version
    assert await audit_actions(database, workflow.id) == [
        "workflow.create",
        "workflow.publish",
        "workflow.update",
        "workflow.publish",
    ]


async def test_publishing_an_unchanged_draft_returns_the_latest_version(alice, database):
    workflow = await create(alice)
    first = await publish(alice, workflow.id)
    again = await publish(alice, workflow.id, first.workflow.etag)
    assert again == first
    results = await asyncio.gather(*(publish(alice, workflow.id) for _ in range(8)))
    assert {r.workflow_version.version for r in results} == {1}
    assert [v.version for v in (await versions_of(alice, workflow.id)).versions] == [1]
    assert await audit_count(database, alice, "workflow.publish") == 1


async def test_concurrent_publishes_of_a_new_draft_make_one_version(alice):
    workflow = await create(alice)
    results = await asyncio.gather(*(publish(alice, workflow.id) for _ in range(8)))
    assert {r.workflow_version.version for r in results} == {1}
    assert len((await versions_of(alice, workflow.id)).versions) == 1


async def test_version_pages_newest_first(alice):
    workflow = await create(alice)
    for name in ("one", "two", "three"):
        await update(alice, workflow_pb2.Workflow(id=workflow.id, name=name), "name")
        await publish(alice, workflow.id)
    page = await versions_of(alice, workflow.id, page_size=2)
    assert [(v.version, v.workflow.name) for v in page.versions] == [(3, "three"), (2, "two")]
    rest = await versions_of(alice, workflow.id, page_size=2, page_token=page.next_page_token)
    assert [v.version for v in rest.versions] == [1] and rest.next_page_token == ""
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await versions_of(alice, workflow.id, page_size=-1)
    assert "page_size" in failure.violations


async def test_get_workflow_version_errors(alice):
    workflow = await create(alice)
    await publish(alice, workflow.id)
    versions = stub(alice)
    for number in (2, 2**40):
        with rpc_error(CODE.NOT_FOUND) as failure:
            await versions.GetWorkflowVersion(
                pb.GetWorkflowVersionRequest(workflow_id=workflow.id, version=number)
            )
        assert failure.reason == "WORKFLOW_VERSION_NOT_FOUND"
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await versions.GetWorkflowVersion(
            pb.GetWorkflowVersionRequest(workflow_id=workflow.id, version=0)
        )
    assert "version" in failure.violations
    with rpc_error(CODE.NOT_FOUND) as failure:
        await versions.GetWorkflowVersion(
            pb.GetWorkflowVersionRequest(workflow_id=str(uuid.uuid4()), version=1)
        )
    assert failure.reason == "WORKFLOW_NOT_FOUND"


async def test_deleting_a_published_workflow_deletes_its_versions(alice, database):
    workflow = await create(alice)
    await publish(alice, workflow.id)
    await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=workflow.id))
    async with database.reader() as reader:
        left = await reader.scalar(
            text("SELECT count(*) FROM workflow_versions WHERE workflow_id = :w"),
            {"w": workflow.id},
        )
    assert left == 0


# --- subflows -------------------------------------------------------------------------------


async def test_a_workflow_used_as_a_subflow_cannot_be_deleted(alice):
    child = await create(alice, new_workflow("child"))
    nodes = [node("start"), node("sub", T.NODE_TYPE_SUBFLOW, child.id)]
    parent = await create(alice, new_workflow("parent", nodes, [edge("e", "start", "sub")]))
    with rpc_error(CODE.FAILED_PRECONDITION) as failure:
        await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=child.id))
    assert failure.reason == "WORKFLOW_IN_USE"
    assert parent.id in failure.error.details()
    # Once the draft no longer uses it, it can go.
    await update(
        alice, workflow_pb2.Workflow(id=parent.id, nodes=[node("start")]), "nodes", "edges"
    )
    await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=child.id))


async def test_a_subflow_of_a_published_version_cannot_be_deleted(alice):
    child = await create(alice, new_workflow("child"))
    nodes = [node("start"), node("sub", T.NODE_TYPE_SUBFLOW, child.id)]
    parent = await create(alice, new_workflow("parent", nodes, [edge("e", "start", "sub")]))
    await publish(alice, parent.id)
    await update(
        alice, workflow_pb2.Workflow(id=parent.id, nodes=[node("start")]), "nodes", "edges"
    )
    # Version 1 of the parent still runs the child.
    with rpc_error(CODE.FAILED_PRECONDITION) as failure:
        await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=child.id))
    assert failure.reason == "WORKFLOW_IN_USE"
    await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=parent.id))
    await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=child.id))


async def test_a_deleted_subflow_cannot_be_adopted(alice):
    child = await create(alice, new_workflow("child"))
    await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=child.id))
    nodes = [node("start", T.NODE_TYPE_SUBFLOW, child.id)]
    assert await refused(alice, new_workflow(nodes=nodes)) == [
        ("workflow.nodes[0].ref_id", f"no workflow with id {child.id!r}")
    ]


# --- idempotency ----------------------------------------------------------------------------


async def test_idempotent_create(alice):
    request_id = str(uuid.uuid4())
    first = await create(alice, request_id=request_id)
    again = await create(alice, request_id=request_id)
    assert again == first
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_workflow(name="different"), request_id=request_id)
    assert "request_id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, request_id="not-a-uuid")
    assert "request_id" in failure.violations
    assert len(await list_all(alice)) == 1


async def test_idempotent_create_under_concurrent_retries(alice, database):
    request_id = str(uuid.uuid4())
    results = await asyncio.gather(*(create(alice, request_id=request_id) for _ in range(16)))
    assert len({w.id for w in results}) == 1
    assert len(await list_all(alice)) == 1
    assert await audit_count(database, alice, "workflow.create") == 1


async def test_an_invalid_create_does_not_use_up_its_request_id(alice):
    request_id = str(uuid.uuid4())
    with rpc_error(CODE.INVALID_ARGUMENT):
        await create(alice, new_workflow(entry="nowhere"), request_id=request_id)
    assert (await create(alice, new_workflow(), request_id=request_id)).id


async def test_request_ids_are_scoped_to_the_principal(alice, bob):
    request_id = str(uuid.uuid4())
    mine = await create(alice, request_id=request_id)
    theirs = await create(bob, request_id=request_id)
    assert mine.id != theirs.id


async def test_a_retry_after_delete_is_not_found(alice):
    request_id = str(uuid.uuid4())
    workflow = await create(alice, request_id=request_id)
    await stub(alice).DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=workflow.id))
    with rpc_error(CODE.NOT_FOUND):
        await create(alice, request_id=request_id)


# --- listing --------------------------------------------------------------------------------


async def test_page_size_rules(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await stub(alice).ListWorkflows(pb.ListWorkflowsRequest(page_size=-1))
    assert "page_size" in failure.violations
    await asyncio.gather(*(create(alice, new_workflow(f"w{i}")) for i in range(52)))
    default = await stub(alice).ListWorkflows(pb.ListWorkflowsRequest())
    assert len(default.workflows) == 50 and default.next_page_token
    capped = await stub(alice).ListWorkflows(pb.ListWorkflowsRequest(page_size=100_000))
    assert len(capped.workflows) == 52 and capped.next_page_token == ""


async def test_pagination_across_inserts_loses_and_repeats_nothing(alice):
    expected = [(await create(alice, new_workflow(f"first-{i}"))).id for i in range(7)]
    seen: list[str] = []
    token = ""
    inserted = 0
    while True:
        page = await stub(alice).ListWorkflows(
            pb.ListWorkflowsRequest(page_size=3, page_token=token)
        )
        seen.extend(w.id for w in page.workflows)
        if inserted < 4 and page.next_page_token:
            expected.append((await create(alice, new_workflow(f"later-{inserted}"))).id)
            inserted += 1
        token = page.next_page_token
        if not token:
            break
    assert seen == expected


async def test_page_tokens_are_bound_to_their_query(alice, bob):
    for i in range(3):
        await create(alice, new_workflow(f"w{i}"))
    page = await stub(alice).ListWorkflows(pb.ListWorkflowsRequest(page_size=1))
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await stub(bob).ListWorkflows(pb.ListWorkflowsRequest(page_token=page.next_page_token))
    assert "page_token" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT):
        await versions_of(alice, page.workflows[0].id, page_token=page.next_page_token)
    with rpc_error(CODE.INVALID_ARGUMENT):
        await stub(alice).ListWorkflows(pb.ListWorkflowsRequest(page_token="garbage!"))


# --- tenancy and ids ------------------------------------------------------------------------


async def test_tenant_isolation(alice, bob):
    workflow = await create(alice)
    await publish(alice, workflow.id)
    missing = str(uuid.uuid4())
    workflows = stub(bob)
    for workflow_id in (workflow.id, missing):
        with rpc_error(CODE.NOT_FOUND) as failure:
            await get(bob, workflow_id)
        assert failure.error.details() == f"workflow {workflow_id!r} not found"
        with rpc_error(CODE.NOT_FOUND):
            await update(bob, workflow_pb2.Workflow(id=workflow_id, name="stolen"), "name")
        with rpc_error(CODE.NOT_FOUND):
            await workflows.DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=workflow_id))
        with rpc_error(CODE.NOT_FOUND):
            await validate(bob, workflow_id=workflow_id)
        with rpc_error(CODE.NOT_FOUND):
            await publish(bob, workflow_id)
        with rpc_error(CODE.NOT_FOUND):
            await versions_of(bob, workflow_id)
        with rpc_error(CODE.NOT_FOUND) as failure:
            await workflows.GetWorkflowVersion(
                pb.GetWorkflowVersionRequest(workflow_id=workflow_id, version=1)
            )
        assert failure.reason == "WORKFLOW_NOT_FOUND"
    assert await list_all(bob) == []
    still = await get(alice, workflow.id)
    assert still.name == workflow.name and still.published_version == 1


async def test_other_principals_resources_are_unknown_references(alice, bob):
    block_id, agent_id, tool_id = (
        await new_block(alice),
        await new_agent(alice),
        await new_tool(alice),
    )
    workflow_id = (await create(alice)).id
    nodes = [
        node("start", T.NODE_TYPE_BLOCK, block_id),
        node("agent", T.NODE_TYPE_AGENT, agent_id),
        node("tool", T.NODE_TYPE_TOOL, tool_id),
        node("sub", T.NODE_TYPE_SUBFLOW, workflow_id),
        node("calc", T.NODE_TYPE_TOOL, CALCULATOR),  # built-in tools are everyone's
    ]
    edges = [edge(f"e{i}", "start", n.id) for i, n in enumerate(nodes[1:])]
    expected = [
        ("workflow.nodes[0].ref_id", f"no block with id {block_id!r}"),
        ("workflow.nodes[1].ref_id", f"no agent with id {agent_id!r}"),
        ("workflow.nodes[2].ref_id", f"no tool with id {tool_id!r}"),
        ("workflow.nodes[3].ref_id", f"no workflow with id {workflow_id!r}"),
    ]
    assert await refused(bob, new_workflow(nodes=nodes, edges=edges)) == expected
    assert await validate(bob, new_workflow(nodes=nodes, edges=edges)) == expected
    assert await validate(alice, new_workflow(nodes=nodes, edges=edges)) == []


async def test_malformed_ids_are_invalid(alice):
    workflows = stub(alice)
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await get(alice, "nope")
    assert "workflow_id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await update(alice, workflow_pb2.Workflow(id="nope", name="x"), "name")
    assert "workflow.id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await publish(alice, "nope")
    assert "workflow_id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await workflows.DeleteWorkflow(pb.DeleteWorkflowRequest(workflow_id=""))
    assert "workflow_id" in failure.violations
