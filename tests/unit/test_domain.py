"""Pure domain rules: validation, page tokens, partial updates, the error table."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace

import grpc
import pytest
from agentbuilder.v1 import agent_pb2
from google.protobuf import field_mask_pb2, timestamp_pb2
from google.rpc import error_details_pb2, status_pb2

from server.domain import errors
from server.domain.models import AgentFields, LlmConfig, ToolFields, ToolImplementationType
from server.domain.pagination import (
    decode_time_id,
    encode_token,
    query_fingerprint,
    time_id_position,
)
from server.domain.validation import agent_violations, page_size, tool_violations
from server.services.changes import apply_changes
from server.services.idempotency import request_digest
from server.transport import mappers
from server.transport.errors import STATUS_CODES, status_code, to_status


def fields_of(violations) -> set[str]:
    return {v.field for v in violations}


def test_a_valid_agent_has_no_violations():
    agent = AgentFields(
        name="a", llm=LlmConfig(temperature=2.0, max_tokens=1_000_000), labels={"env": "prod"}
    )
    assert agent_violations(agent) == []


@pytest.mark.parametrize(
    ("agent", "field"),
    [
        (AgentFields(name=""), "agent.name"),
        (AgentFields(name=" padded "), "agent.name"),
        (AgentFields(name="a", description="d" * 10_001), "agent.description"),
        (AgentFields(name="a", llm=LlmConfig(temperature=-0.1)), "agent.llm.temperature"),
        (AgentFields(name="a", tool_ids=[str(uuid.uuid4())] * 2), "agent.tool_ids[1]"),
        (AgentFields(name="a", tool_ids=[str(uuid.uuid4()) for _ in range(129)]), "agent.tool_ids"),
        (AgentFields(name="a", labels={"x" * 64: "v"}), f"agent.labels['{'x' * 64}']"),
        (AgentFields(name="a", labels={"k": "v" * 64}), "agent.labels['k']"),
    ],
)
def test_agent_rules(agent, field):
    assert field in fields_of(agent_violations(agent))


def test_tool_rules():
    tool = ToolFields(
        name="9lives",
        implementation_type=ToolImplementationType.HTTP,
        implementation_ref="",
        input_schema={"type": "object", "properties": {"a": {"type": 5}}},
    )
    assert fields_of(tool_violations(tool)) == {
        "tool.name",
        "tool.implementation_ref",
        "tool.input_schema",
    }


def test_a_schema_may_choose_its_draft():
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "definitions": {},
    }
    tool = ToolFields(
        name="t",
        implementation_type=ToolImplementationType.BLOCK,
        implementation_ref="b",
        input_schema=schema,
    )
    assert tool_violations(tool) == []


def test_page_size():
    assert page_size(0) == 50 and page_size(7) == 7 and page_size(5000) == 1000
    with pytest.raises(errors.InvalidArgument):
        page_size(-1)


def test_page_tokens_round_trip_and_are_bound_to_the_query():
    fingerprint = query_fingerprint("ListAgents", "p1")
    when, resource_id = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), uuid.uuid4()
    token = encode_token(
        time_id_position(SimpleNamespace(create_time=when, id=resource_id)), fingerprint
    )
    assert decode_time_id(token, fingerprint) == (when, resource_id)
    assert decode_time_id("", fingerprint) is None
    for bad_token, fp in (
        (token, query_fingerprint("ListAgents", "p2")),
        ("%%%", fingerprint),
        ("e30", fingerprint),
    ):
        with pytest.raises(errors.InvalidArgument) as caught:
            decode_time_id(bad_token, fp)
        assert caught.value.violations[0].field == "page_token"


def test_apply_changes_checks_every_path_before_changing_anything():
    agent = AgentFields(name="old", llm=LlmConfig(model="m"))
    updatable, output_only = frozenset({"name", "llm.model"}), frozenset({"id"})
    with pytest.raises(errors.InvalidArgument) as caught:
        apply_changes(agent, {"name": "new", "id": "x", "bogus": 1}, updatable, output_only)
    assert [v.description for v in caught.value.violations] == [
        "'id' is output only",
        "unknown field path 'bogus'",
    ]
    assert agent.name == "old"
    apply_changes(agent, {"name": "new", "llm.model": "n"}, updatable, output_only)
    assert (agent.name, agent.llm.model) == ("new", "n")


def test_mask_changes():
    message = agent_pb2.Agent(name="n", llm=agent_pb2.LlmConfig(model="m"))
    draft = mappers.agent_fields(message)
    # An empty mask takes the populated leaves of sub-messages: the rest of llm stays as it was.
    assert mappers.mask_changes(message, field_mask_pb2.FieldMask(), draft) == {
        "name": "n",
        "llm.model": "m",
    }
    assert mappers.mask_changes(
        message, field_mask_pb2.FieldMask(paths=["llm.model", "nope.x"]), draft
    ) == {
        "llm.model": "m",
        "nope.x": None,
    }
    assert set(mappers.mask_changes(message, field_mask_pb2.FieldMask(paths=["*"]), draft)) == {
        "name",
        "description",
        "agent_type",
        "llm",
        "tool_ids",
        "knowledgebase_ids",
        "labels",
    }


def test_every_domain_error_has_a_code():
    for cls in errors.DomainError.__subclasses__():
        assert cls in STATUS_CODES, cls
    assert status_code(errors.NotFound("agent", "x")) == grpc.StatusCode.NOT_FOUND
    assert status_code(errors.DomainError("?")) == grpc.StatusCode.INTERNAL


def test_invalid_argument_status_carries_error_info_and_bad_request():
    error = errors.InvalidArgument([errors.FieldViolation("agent.name", "is required")])
    status = to_status(error)
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT
    details = dict(status.trailing_metadata)["grpc-status-details-bin"]
    rich = status_pb2.Status.FromString(details)
    info, bad_request = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
    assert rich.details[0].Unpack(info) and rich.details[1].Unpack(bad_request)
    assert (info.reason, info.domain) == ("INVALID_ARGUMENT", "agentbuilder")
    assert bad_request.field_violations[0].field == "agent.name"


def test_star_must_stand_alone():
    message = agent_pb2.Agent(name="n")
    with pytest.raises(errors.InvalidArgument):
        mappers.mask_changes(
            message, field_mask_pb2.FieldMask(paths=["*", "name"]), mappers.agent_fields(message)
        )


def test_unknown_enum_values_are_invalid():
    with pytest.raises(errors.InvalidArgument) as caught:
        mappers.agent_fields(agent_pb2.Agent(name="n", agent_type=99))
    assert caught.value.violations[0].field == "agent.agent_type"


def test_request_digest_ignores_key_order():
    first = ToolFields(name="t", input_schema={"type": "object", "properties": {"a": {}, "b": {}}})
    second = ToolFields(name="t", input_schema={"properties": {"b": {}, "a": {}}, "type": "object"})
    assert request_digest(first) == request_digest(second)
    assert request_digest(first) != request_digest(
        ToolFields(name="u", input_schema=first.input_schema)
    )


def test_nul_characters_are_refused_everywhere():
    assert "agent.name" in fields_of(agent_violations(AgentFields(name="a\x00b")))
    assert "agent.labels" in fields_of(
        agent_violations(AgentFields(name="a", labels={"k": "\x00"}))
    )
    tool = ToolFields(
        name="t",
        implementation_type=ToolImplementationType.BLOCK,
        implementation_ref="b",
        input_schema={"type": "object", "description": "\x00"},
    )
    assert "tool.input_schema" in fields_of(tool_violations(tool))


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "2026-01-01T00:00:00"])
def test_forged_page_positions_are_invalid(moment):
    fingerprint = query_fingerprint("q")
    token = encode_token([moment, str(uuid.uuid4())], fingerprint)
    with pytest.raises(errors.InvalidArgument):
        decode_time_id(token, fingerprint)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 22, 3, 4, 5, 678901, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
        datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=5))),
    ],
)
def test_timestamps_match_protobufs_own_conversion(moment):
    expected = timestamp_pb2.Timestamp()
    expected.FromDatetime(moment)
    assert mappers.timestamp(moment) == expected
