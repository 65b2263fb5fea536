"""BlockService through the front door: real server, real PostgreSQL.

TestBlock is checked without a runner (UNAVAILABLE) and on a second server whose blocks run on
two real sandbox worker processes.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
from agentbuilder.client import connect
from agentbuilder.v1 import block_pb2, block_service_pb2_grpc
from agentbuilder.v1 import block_service_pb2 as pb
from google.protobuf import field_mask_pb2, struct_pb2
from sqlalchemy import text

from server.app import build_server
from server.sandbox.pool import SandboxPool
from server.services.blocks import json_equal
from tests.helpers import rpc_error

CODE = grpc.StatusCode
DOUBLE = 'output = {"value": input["value"] * 2}'


def struct(value: dict) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(value)
    return message


def value(data) -> struct_pb2.Value:
    """A google.protobuf.Value holding `data` (None is JSON null)."""
    message = struct_pb2.Value()
    message.CopyFrom(struct({"v": data}).fields["v"])
    return message


def case(name: str, input: dict, *expected) -> block_pb2.TestCase:
    """A test case; the expected output is set only when given (None means JSON null)."""
    message = block_pb2.TestCase(name=name, input=struct(input))
    if expected:
        message.expected_output.CopyFrom(value(expected[0]))
    return message


NUMBER_IN = {
    "type": "object",
    "properties": {"value": {"type": "number"}},
    "required": ["value"],
}
NUMBER_OUT = NUMBER_IN  # the doubler keeps the shape


def new_block(name: str = "doubler", **kwargs) -> block_pb2.Block:
    fields = {
        "description": "doubles a number",
        "code": DOUBLE,
        "input_schema": struct(NUMBER_IN),
        "output_schema": struct(NUMBER_OUT),
        "test_cases": [case("two", {"value": 2}, {"value": 4}), case("any", {"value": 1})],
    }
    fields.update(kwargs)
    return block_pb2.Block(name=name, **fields)


def stub(caller) -> block_service_pb2_grpc.BlockServiceStub:
    return block_service_pb2_grpc.BlockServiceStub(caller.channel)


async def create(caller, block=None, request_id: str = "") -> block_pb2.Block:
    reply = await stub(caller).CreateBlock(
        pb.CreateBlockRequest(block=block or new_block(), request_id=request_id)
    )
    return reply.block


async def update(caller, block: block_pb2.Block, *paths: str) -> block_pb2.Block:
    reply = await stub(caller).UpdateBlock(
        pb.UpdateBlockRequest(block=block, update_mask=field_mask_pb2.FieldMask(paths=list(paths)))
    )
    return reply.block


async def list_all(caller) -> list[block_pb2.Block]:
    return list((await stub(caller).ListBlocks(pb.ListBlocksRequest(page_size=1000))).blocks)


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


# --- CRUD -----------------------------------------------------------------------------------


async def test_create_get_list_update_delete(alice, database):
    created = await create(alice)
    assert uuid.UUID(created.id)
    assert created.version == 1 and created.etag
    assert created.block_type == block_pb2.BLOCK_TYPE_LOGIC
    assert created.code == DOUBLE and created.input_schema["required"] == ["value"]
    assert [c.name for c in created.test_cases] == ["two", "any"]
    assert created.test_cases[0].HasField("expected_output")
    assert created.test_cases[0].expected_output.struct_value["value"] == 4
    assert not created.test_cases[1].HasField("expected_output")
    assert created.create_time.seconds > 0 and created.update_time == created.create_time

    fetched = (await stub(alice).GetBlock(pb.GetBlockRequest(block_id=created.id))).block
    assert fetched == created
    assert [b.id for b in await list_all(alice)] == [created.id]

    change = block_pb2.Block(id=created.id, etag=created.etag, code="output = input")
    updated = await update(alice, change, "code")
    assert updated.code == "output = input" and updated.version == 2
    assert updated.etag != created.etag and updated.name == "doubler"
    assert list(updated.test_cases) == list(created.test_cases)

    await stub(alice).DeleteBlock(pb.DeleteBlockRequest(block_id=created.id, etag=updated.etag))
    with rpc_error(CODE.NOT_FOUND) as failure:
        await stub(alice).GetBlock(pb.GetBlockRequest(block_id=created.id))
    assert failure.reason == "BLOCK_NOT_FOUND"
    assert await audit_actions(database, created.id) == [
        "block.create",
        "block.update",
        "block.delete",
    ]


async def test_defaults_and_optional_fields(alice):
    block = await create(alice, block_pb2.Block(name="bare", code="output = 1"))
    assert block.block_type == block_pb2.BLOCK_TYPE_LOGIC
    assert not block.HasField("input_schema") and not block.HasField("output_schema")
    assert list(block.test_cases) == []


async def test_names_need_not_be_unique(alice):
    first = await create(alice, new_block("same"))
    second = await create(alice, new_block("same"))
    assert first.id != second.id


async def test_expected_output_null_is_not_unset(alice):
    cases = [case("null", {}, None), case("unset", {}), case("falsy", {}, 0)]
    block = await create(alice, block_pb2.Block(name="n", code="output = None", test_cases=cases))
    null, unset, falsy = block.test_cases
    assert null.HasField("expected_output")
    assert null.expected_output.WhichOneof("kind") == "null_value"
    assert not unset.HasField("expected_output")
    assert falsy.expected_output.number_value == 0
    fetched = (await stub(alice).GetBlock(pb.GetBlockRequest(block_id=block.id))).block
    assert list(fetched.test_cases) == list(block.test_cases)


# --- validation -----------------------------------------------------------------------------


async def test_every_violation_is_reported_at_once(alice):
    bad = block_pb2.Block(
        name="",
        description="x" * 10_001,
        code="",
        input_schema=struct({"type": "nonsense"}),
        test_cases=[case("", {}), case("twin", {}), case("twin", {}), case("x" * 201, {})],
    )
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, bad)
    assert set(failure.violations) == {
        "block.name",
        "block.description",
        "block.code",
        "block.input_schema",
        "block.test_cases[0].name",
        "block.test_cases[2].name",
        "block.test_cases[3].name",
    }
    assert failure.violations["block.code"] == "is required"
    assert "duplicate" in failure.violations["block.test_cases[2].name"]
    assert failure.reason == "INVALID_ARGUMENT"
    assert await list_all(alice) == []


async def test_name_length_limits(alice):
    assert (await create(alice, new_block("x" * 200))).name == "x" * 200
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block("x" * 201))
    assert "block.name" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(" padded"))
    assert "block.name" in failure.violations


async def test_policy_errors_name_their_line(alice):
    code = 'value = input["value"]\ntotal = value * 2\noutput = total.__class__\n'
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(code=code))
    assert list(failure.violations) == ["block.code"]
    assert failure.violations["block.code"].startswith("line 3: ")
    assert "__class__" in failure.violations["block.code"]

    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(code="x = 1\n\nclass A:\n    pass\n"))
    assert failure.violations["block.code"].startswith("line 3: class definitions")


async def test_syntax_errors_name_their_line(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(code="x = 1\nif x\n    output = x\n"))
    description = failure.violations["block.code"]
    assert description.startswith("line 2: ") and "SyntaxError" in description


async def test_code_size_limit(alice):
    limit = 64 * 1024
    largest = "# " + "x" * (limit - len("# \noutput = 1")) + "\noutput = 1"
    assert len(largest.encode()) == limit
    assert (await create(alice, new_block(code=largest, test_cases=[]))).code == largest
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(code="#" + largest, test_cases=[]))
    assert "65536 bytes" in failure.violations["block.code"]


async def test_whitespace_only_code_is_required(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(code="  \n\t"))
    assert failure.violations == {"block.code": "is required"}


async def test_schemas_must_be_json_schemas(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(
            alice,
            new_block(
                input_schema=struct({"properties": {"a": {"type": "nonsense"}}}),
                output_schema=struct({"minimum": "zero"}),
            ),
        )
    assert set(failure.violations) == {"block.input_schema", "block.output_schema"}
    assert "at /properties/a/type" in failure.violations["block.input_schema"]


async def test_test_cases_must_match_the_schemas(alice):
    cases = [
        case("good", {"value": 1}, {"value": 2}),
        case("bad-input", {"value": "one"}),
        case("bad-expected", {"value": 1}, {"value": "two"}),
        case("missing", {}, None),
    ]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(test_cases=cases))
    assert set(failure.violations) == {
        "block.test_cases[1].input",
        "block.test_cases[2].expected_output",
        "block.test_cases[3].input",
        "block.test_cases[3].expected_output",
    }
    assert failure.violations["block.test_cases[1].input"] == (
        "does not match input_schema: at /value: 'one' is not of type 'number'"
    )
    assert "'value' is a required property" in failure.violations["block.test_cases[3].input"]
    assert (
        "None is not of type 'object'" in failure.violations["block.test_cases[3].expected_output"]
    )


async def test_schema_references_stay_inside_the_schema(alice):
    local = {"$defs": {"n": {"type": "number"}}, "properties": {"value": {"$ref": "#/$defs/n"}}}
    block = await create(alice, new_block(input_schema=struct(local)))
    assert block.input_schema["$defs"]["n"]["type"] == "number"
    remote = {"properties": {"value": {"$ref": "http://127.0.0.1:9/schema.json"}}}
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(input_schema=struct(remote)))
    assert "unresolvable reference" in failure.violations["block.test_cases[0].input"]


async def test_at_most_100_test_cases(alice):
    cases = [case(f"c{i}", {"value": i}) for i in range(100)]
    assert len((await create(alice, new_block(test_cases=cases))).test_cases) == 100
    cases.append(case("one-more", {"value": 0}))
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(test_cases=cases))
    assert failure.violations == {"block.test_cases": "at most 100 test cases"}


async def test_nan_and_nul_are_invalid(alice):
    nan = block_pb2.TestCase(name="nan", input=struct({"value": float("nan")}))
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(test_cases=[nan]))
    assert "NaN" in failure.violations["block.test_cases[0].input"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(code="output = 1\x00"))
    assert "NUL" in failure.violations["block.code"]


async def test_unknown_block_types_are_invalid(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(block_type=7))
    assert "block.block_type" in failure.violations


# --- updates, etags, versions ---------------------------------------------------------------


async def test_update_mask_rules(alice, database):
    block = await create(alice)

    async def change(message: block_pb2.Block, *paths: str) -> block_pb2.Block:
        message.id = block.id
        return await update(alice, message, *paths)

    # Test cases are replaced as a whole.
    updated = await change(block_pb2.Block(test_cases=[case("three", {"value": 3})]), "test_cases")
    assert [c.name for c in updated.test_cases] == ["three"] and updated.version == 2
    # Clearing a schema through the mask.
    updated = await change(block_pb2.Block(), "output_schema")
    assert not updated.HasField("output_schema") and updated.HasField("input_schema")
    # An empty mask updates the populated fields only.
    updated = await change(block_pb2.Block(description="new words"))
    assert updated.description == "new words" and updated.code == DOUBLE
    # "*" replaces everything updatable.
    updated = await change(block_pb2.Block(name="replaced", code="output = 0"), "*")
    assert updated.name == "replaced" and updated.description == ""
    assert not updated.HasField("input_schema") and list(updated.test_cases) == []
    assert updated.version == 5

    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(block_pb2.Block(name="x"), "name", "nmae")
    assert "unknown field path 'nmae'" in failure.violations["update_mask"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(block_pb2.Block(), "version")
    assert "output only" in failure.violations["update_mask"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(block_pb2.Block(), "test_cases.name")
    assert "unknown field path" in failure.violations["update_mask"]
    # Updated fields are validated like created ones, against the fields kept too.
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(block_pb2.Block(code="output = (\n"), "code")
    assert failure.violations["block.code"].startswith("line 1: SyntaxError")
    await change(block_pb2.Block(input_schema=struct(NUMBER_IN)), "input_schema")
    await change(block_pb2.Block(test_cases=[case("one", {"value": 1})]), "test_cases")
    strings = {"properties": {"value": {"type": "string"}}}
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(block_pb2.Block(input_schema=struct(strings)), "input_schema")
    assert list(failure.violations) == ["block.test_cases[0].input"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await change(block_pb2.Block(test_cases=[case("s", {"value": "s"})]), "test_cases")
    assert list(failure.violations) == ["block.test_cases[0].input"]

    current = (await stub(alice).GetBlock(pb.GetBlockRequest(block_id=block.id))).block
    assert current.version == 7 and current.name == "replaced"
    assert [c.name for c in current.test_cases] == ["one"]
    assert await audit_count(database, alice, "block.update") == 6


async def test_an_update_that_changes_nothing_writes_no_version(alice, database):
    block = await create(alice)
    same = await update(alice, block_pb2.Block(id=block.id, name=block.name), "name")
    assert same == block
    versions = await stub(alice).ListBlockVersions(pb.ListBlockVersionsRequest(block_id=block.id))
    assert [v.version for v in versions.versions] == [1]
    assert await audit_count(database, alice, "block.update") == 0


async def test_stale_etag_is_aborted(alice):
    block = await create(alice)
    first = await update(alice, block_pb2.Block(id=block.id, etag=block.etag, name="one"), "name")
    with rpc_error(CODE.ABORTED) as failure:
        await update(alice, block_pb2.Block(id=block.id, etag=block.etag, name="two"), "name")
    assert failure.reason == "ETAG_MISMATCH"
    with rpc_error(CODE.ABORTED):
        await stub(alice).DeleteBlock(pb.DeleteBlockRequest(block_id=block.id, etag=block.etag))
    current = (await stub(alice).GetBlock(pb.GetBlockRequest(block_id=block.id))).block
    assert current.name == "one" and current.etag == first.etag


async def test_versions_are_snapshots_newest_first(alice):
    block = await create(alice)
    await update(alice, block_pb2.Block(id=block.id, code="output = input"), "code")
    await update(alice, block_pb2.Block(id=block.id, test_cases=[]), "test_cases")
    page = await stub(alice).ListBlockVersions(
        pb.ListBlockVersionsRequest(block_id=block.id, page_size=2)
    )
    assert [(v.version, v.block.version) for v in page.versions] == [(3, 3), (2, 2)]
    assert list(page.versions[0].block.test_cases) == []
    assert page.versions[1].block.code == "output = input"
    assert page.versions[1].block.create_time == block.create_time
    rest = await stub(alice).ListBlockVersions(
        pb.ListBlockVersionsRequest(block_id=block.id, page_size=2, page_token=page.next_page_token)
    )
    assert len(rest.versions) == 1 and rest.next_page_token == ""
    original = rest.versions[0].block
    assert original.code == DOUBLE and list(original.test_cases) == list(block.test_cases)
    assert not original.test_cases[1].HasField("expected_output")
    assert original.id == block.id and original.etag == block.etag


# --- idempotency ----------------------------------------------------------------------------


async def test_idempotent_create(alice):
    request_id = str(uuid.uuid4())
    first = await create(alice, request_id=request_id)
    again = await create(alice, request_id=request_id)
    assert again == first
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, new_block(name="different"), request_id=request_id)
    assert "request_id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await create(alice, request_id="not-a-uuid")
    assert "request_id" in failure.violations
    assert len(await list_all(alice)) == 1


async def test_idempotent_create_under_concurrent_retries(alice, database):
    request_id = str(uuid.uuid4())
    results = await asyncio.gather(*(create(alice, request_id=request_id) for _ in range(16)))
    assert len({b.id for b in results}) == 1
    assert len(await list_all(alice)) == 1
    assert await audit_count(database, alice, "block.create") == 1


async def test_request_ids_are_scoped_to_the_principal(alice, bob):
    request_id = str(uuid.uuid4())
    mine = await create(alice, request_id=request_id)
    theirs = await create(bob, request_id=request_id)
    assert mine.id != theirs.id


async def test_a_retry_after_delete_is_not_found(alice):
    request_id = str(uuid.uuid4())
    block = await create(alice, request_id=request_id)
    await stub(alice).DeleteBlock(pb.DeleteBlockRequest(block_id=block.id))
    with rpc_error(CODE.NOT_FOUND):
        await create(alice, request_id=request_id)


# --- listing --------------------------------------------------------------------------------


async def test_page_size_rules(alice):
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await stub(alice).ListBlocks(pb.ListBlocksRequest(page_size=-1))
    assert "page_size" in failure.violations
    await asyncio.gather(*(create(alice, new_block(f"b{i}")) for i in range(52)))
    default = await stub(alice).ListBlocks(pb.ListBlocksRequest())
    assert len(default.blocks) == 50 and default.next_page_token
    capped = await stub(alice).ListBlocks(pb.ListBlocksRequest(page_size=100_000))
    assert len(capped.blocks) == 52 and capped.next_page_token == ""


async def test_pagination_across_inserts_loses_and_repeats_nothing(alice):
    expected = [(await create(alice, new_block(f"first-{i}"))).id for i in range(7)]
    seen: list[str] = []
    token = ""
    inserted = 0
    while True:
        page = await stub(alice).ListBlocks(pb.ListBlocksRequest(page_size=3, page_token=token))
        seen.extend(b.id for b in page.blocks)
        if inserted < 4 and page.next_page_token:
            expected.append((await create(alice, new_block(f"later-{inserted}"))).id)
            inserted += 1
        token = page.next_page_token
        if not token:
            break
    assert seen == expected


async def test_page_tokens_are_bound_to_their_query(alice, bob):
    for i in range(3):
        await create(alice, new_block(f"b{i}"))
    page = await stub(alice).ListBlocks(pb.ListBlocksRequest(page_size=1))
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await stub(bob).ListBlocks(pb.ListBlocksRequest(page_token=page.next_page_token))
    assert "page_token" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT):
        await stub(alice).ListBlockVersions(
            pb.ListBlockVersionsRequest(block_id=page.blocks[0].id, page_token=page.next_page_token)
        )
    with rpc_error(CODE.INVALID_ARGUMENT):
        await stub(alice).ListBlocks(pb.ListBlocksRequest(page_token="garbage!"))


# --- tenancy and ids ------------------------------------------------------------------------


async def test_tenant_isolation(alice, bob):
    block = await create(alice)
    missing = str(uuid.uuid4())
    blocks = stub(bob)
    for block_id in (block.id, missing):
        with rpc_error(CODE.NOT_FOUND) as failure:
            await blocks.GetBlock(pb.GetBlockRequest(block_id=block_id))
        assert failure.error.details() == f"block {block_id!r} not found"
        with rpc_error(CODE.NOT_FOUND):
            await update(bob, block_pb2.Block(id=block_id, name="stolen"), "name")
        with rpc_error(CODE.NOT_FOUND):
            await blocks.DeleteBlock(pb.DeleteBlockRequest(block_id=block_id))
        with rpc_error(CODE.NOT_FOUND):
            await blocks.ListBlockVersions(pb.ListBlockVersionsRequest(block_id=block_id))
        with rpc_error(CODE.NOT_FOUND):
            await blocks.TestBlock(pb.TestBlockRequest(block_id=block_id))
        with rpc_error(CODE.NOT_FOUND):
            await blocks.TestBlock(pb.TestBlockRequest(block_id=block_id, input=struct({})))
    assert await list_all(bob) == []
    still = (await stub(alice).GetBlock(pb.GetBlockRequest(block_id=block.id))).block
    assert still == block


async def test_malformed_ids_are_invalid(alice):
    blocks = stub(alice)
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await blocks.GetBlock(pb.GetBlockRequest(block_id="nope"))
    assert "block_id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await update(alice, block_pb2.Block(id="nope", name="x"), "name")
    assert "block.id" in failure.violations
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await blocks.TestBlock(pb.TestBlockRequest(block_id="nope"))
    assert "block_id" in failure.violations


# --- TestBlock without a sandbox --------------------------------------------------------------


async def test_testing_without_sandbox_workers_is_unavailable(alice):
    block = await create(alice)
    with rpc_error(CODE.UNAVAILABLE) as failure:
        await stub(alice).TestBlock(pb.TestBlockRequest(block_id=block.id))
    assert failure.reason == "SANDBOX_UNAVAILABLE"
    assert "no sandbox workers are configured" in failure.error.details()
    with rpc_error(CODE.UNAVAILABLE):
        await stub(alice).TestBlock(
            pb.TestBlockRequest(block_id=block.id, input=struct({"value": 1}))
        )


async def test_test_requests_are_validated_before_running(alice):
    block = await create(alice)
    blocks = stub(alice)
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await blocks.TestBlock(pb.TestBlockRequest(block_id=block.id, input=struct({"v": 1})))
    assert "does not match input_schema" in failure.violations["input"]
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await blocks.TestBlock(
            pb.TestBlockRequest(block_id=block.id, input=struct({"value": float("inf")}))
        )
    assert "input" in failure.violations
    limits = block_pb2.BlockLimits(timeout_ms=60_001, memory_mb=1025, max_output_bytes=1 << 30)
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await blocks.TestBlock(pb.TestBlockRequest(block_id=block.id, limits=limits))
    assert set(failure.violations) == {
        "limits.timeout_ms",
        "limits.memory_mb",
        "limits.max_output_bytes",
    }
    bare = await create(alice, block_pb2.Block(name="bare", code="output = 1"))
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await blocks.TestBlock(pb.TestBlockRequest(block_id=bare.id))
    assert "no test cases" in failure.violations["input"]


# --- TestBlock on real sandbox workers ----------------------------------------------------------

# One program, steered by input["kind"], so each test case exercises another outcome.
JUDGED = """
kind = input.get("kind", "")
if kind == "bool":
    output = {"value": True}
elif kind == "str":
    output = {"value": "five"}
elif kind == "crash":
    print("partial")
    x = 1 / 0
elif kind == "loop":
    while True:
        pass
elif kind == "hog":
    hog = "x" * (1 << 30)
elif kind == "tuple":
    output = (1, 2)
else:
    print("hi")
    output = {"value": input["value"]}
"""


@pytest.fixture
async def sandbox_blocks(
    sandbox_target, alice
) -> AsyncIterator[block_service_pb2_grpc.BlockServiceStub]:
    """Alice's BlockService on the server whose blocks run on real sandbox workers."""
    async with connect(sandbox_target, alice.key) as channel:
        yield block_service_pb2_grpc.BlockServiceStub(channel)


async def test_results_are_judged_with_json_semantics(alice, sandbox_blocks):
    cases = [
        case("int-equals-float", {"value": 1}, {"value": 1.0}),
        case("bool-is-not-int", {"value": 1, "kind": "bool"}, {"value": 1}),
        case("no-expectation", {"value": 5.5}),
        case("schema-violated", {"value": 1, "kind": "str"}),
        case("crashed", {"value": 1, "kind": "crash"}, {"value": 2}),
    ]
    block = await create(alice, new_block(code=JUDGED, test_cases=cases))
    limits = block_pb2.BlockLimits(timeout_ms=3000, memory_mb=64)
    reply = await sandbox_blocks.TestBlock(pb.TestBlockRequest(block_id=block.id, limits=limits))
    assert not reply.passed
    results = {r.name: r for r in reply.results}
    assert [r.name for r in reply.results] == [c.name for c in cases]

    ok = results["int-equals-float"]
    assert ok.passed and list(ok.failures) == [] and ok.status == block_pb2.RUN_STATUS_OK
    assert ok.output.struct_value["value"] == 1 and ok.stdout == "hi\n"
    assert not ok.HasField("error")

    wrong_type = results["bool-is-not-int"]
    assert not wrong_type.passed
    assert wrong_type.failures[0].startswith("output differs from expected_output")
    assert 'expected {"value": 1}, got {"value": true}' in wrong_type.failures[0]
    # true also violates the output_schema's "number"
    assert any("output violates output_schema" in f for f in wrong_type.failures)

    assert results["no-expectation"].passed
    assert results["no-expectation"].output.struct_value["value"] == 5.5

    violated = results["schema-violated"]
    assert list(violated.failures) == [
        "output violates output_schema: at /value: 'five' is not of type 'number'"
    ]

    crashed = results["crashed"]
    assert crashed.status == block_pb2.RUN_STATUS_RUNTIME_ERROR and not crashed.passed
    assert not crashed.HasField("output") and crashed.stdout == "partial\n"
    assert crashed.error == block_pb2.RunError(
        type="ZeroDivisionError", message="division by zero", line=9
    )
    assert list(crashed.failures) == [
        "run ended with RUNTIME_ERROR: ZeroDivisionError at line 9: division by zero"
    ]
    assert all(r.duration_ms >= 0 for r in reply.results)


async def test_an_ad_hoc_input_runs_alone(alice, sandbox_blocks):
    block = await create(alice)
    reply = await sandbox_blocks.TestBlock(
        pb.TestBlockRequest(block_id=block.id, input=struct({"value": 7}))
    )
    assert reply.passed and [r.name for r in reply.results] == ["ad-hoc"]
    assert reply.results[0].output.struct_value["value"] == 14


async def test_the_run_sees_its_block_and_case_in_context(alice, sandbox_blocks):
    block = await create(
        alice,
        block_pb2.Block(
            name="ctx", code="output = context", test_cases=[case("first", {"value": 1})]
        ),
    )
    reply = await sandbox_blocks.TestBlock(pb.TestBlockRequest(block_id=block.id))
    context = reply.results[0].output.struct_value
    assert dict(context) == {"block_id": block.id, "test_case": "first"}


async def test_every_failure_status_maps_and_fails(alice, sandbox_blocks):
    kinds = {
        "crash": block_pb2.RUN_STATUS_RUNTIME_ERROR,
        "loop": block_pb2.RUN_STATUS_TIMEOUT,
        "hog": block_pb2.RUN_STATUS_MEMORY_LIMIT,
        "tuple": block_pb2.RUN_STATUS_OUTPUT_LIMIT,
    }
    cases = [case(kind, {"value": 1, "kind": kind}) for kind in kinds]
    block = await create(alice, new_block(code=JUDGED, test_cases=cases))
    limits = block_pb2.BlockLimits(timeout_ms=1000, memory_mb=64)
    reply = await sandbox_blocks.TestBlock(pb.TestBlockRequest(block_id=block.id, limits=limits))
    assert not reply.passed
    for result in reply.results:
        assert result.status == kinds[result.name], result
        assert not result.passed
        assert result.failures[0].startswith(
            f"run ended with {block_pb2.RunStatus.Name(result.status).removeprefix('RUN_STATUS_')}"
        )


async def test_many_cases_run_and_keep_their_order(alice, sandbox_blocks):
    cases = [case(f"c{i}", {"value": i}, {"value": i * 2}) for i in range(20)]
    block = await create(alice, new_block(test_cases=cases, output_schema=None))
    reply = await sandbox_blocks.TestBlock(pb.TestBlockRequest(block_id=block.id))
    assert reply.passed and len(reply.results) == 20
    assert [r.name for r in reply.results] == [f"c{i}" for i in range(20)]


async def test_limits_above_a_workers_maximum_are_invalid(alice, sandbox_blocks):
    block = await create(alice)
    limits = block_pb2.BlockLimits(timeout_ms=60_001)
    with rpc_error(CODE.INVALID_ARGUMENT) as failure:
        await sandbox_blocks.TestBlock(pb.TestBlockRequest(block_id=block.id, limits=limits))
    assert "limits.timeout_ms" in failure.violations


async def test_unreachable_workers_make_unavailable_results(alice, settings, database):
    """Runs that no worker could take fail as UNAVAILABLE results, not as a failed call."""
    pool = SandboxPool(["127.0.0.1:1"])  # nothing listens on port 1
    await pool.start()
    server = build_server(settings, database, pool)
    await server.start()
    try:
        block = await create(alice)
        async with connect(f"127.0.0.1:{server.port}", alice.key) as channel:
            reply = await block_service_pb2_grpc.BlockServiceStub(channel).TestBlock(
                pb.TestBlockRequest(block_id=block.id)
            )
    finally:
        await server.stop(grace=1)
        await pool.close()
    assert not reply.passed
    assert {r.status for r in reply.results} == {block_pb2.RUN_STATUS_UNAVAILABLE}
    assert reply.results[0].error.type == "NoSandboxWorker"


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        (1, 1.0, True),
        (True, 1, False),
        (False, 0, False),
        (True, True, True),
        (None, None, True),
        (None, 0, False),
        ("1", 1, False),
        ([1, 2], [1.0, 2.0], True),
        ([1, 2], [2, 1], False),
        ({"a": 1}, {"a": 1.0}, True),
        ({"a": 1}, {"a": 1, "b": None}, False),
        ({"a": [True]}, {"a": [1]}, False),
        ([], {}, False),
    ],
)
def test_json_equality(left, right, equal):
    assert json_equal(left, right) is equal
    assert json_equal(right, left) is equal
