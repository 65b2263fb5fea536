"""Field rules for agents, tools and blocks. Each check returns violations; callers raise them."""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

import jsonschema
import jsonschema.exceptions
import jsonschema.validators
import referencing
import referencing.exceptions

from sandbox_worker.policy import MAX_CODE_BYTES, PolicyError, compile_code
from server.domain.errors import FieldViolation, InvalidArgument
from server.domain.models import AgentFields, BlockFields, ToolFields, ToolImplementationType

LABEL_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
TOOL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
MAX_DESCRIPTION = 10_000
MAX_SYSTEM_PROMPT = 100_000
MAX_TOOLS_PER_AGENT = 128
MAX_KNOWLEDGEBASES_PER_AGENT = 64
MAX_LABELS = 64
MAX_TEST_CASES = 100
MAX_SCHEMA_ERRORS = 5
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 50


def raise_if(violations: list[FieldViolation]) -> None:
    """Raises InvalidArgument carrying every violation, if there is any."""
    if violations:
        raise InvalidArgument(violations)


def parse_uuid(value: str, field: str, violations: list[FieldViolation]) -> uuid.UUID | None:
    """Parses a canonical UUID string, recording a violation if it is not one."""
    try:
        parsed = uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        violations.append(FieldViolation(field, f"must be a UUID, got {value!r}"))
        return None
    return parsed


def require_uuid(value: str, field: str) -> uuid.UUID:
    """Parses a UUID or raises InvalidArgument naming `field`."""
    violations: list[FieldViolation] = []
    parsed = parse_uuid(value, field, violations)
    raise_if(violations)
    assert parsed is not None
    return parsed


def page_size(value: int, field: str = "page_size") -> int:
    """Applies the list convention: 0 means the default, negative is invalid, cap at the max."""
    if value < 0:
        raise InvalidArgument([FieldViolation(field, "must not be negative")])
    return min(value or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _length(value: str, field: str, low: int, high: int, out: list[FieldViolation]) -> None:
    if not low <= len(value) <= high:
        if low and not value:
            out.append(FieldViolation(field, "is required"))
        else:
            out.append(FieldViolation(field, f"must be {low} to {high} characters"))


def _unique_uuids(values: Iterable[str], field: str, limit: int, out: list[FieldViolation]) -> None:
    values = list(values)
    if len(values) > limit:
        out.append(FieldViolation(field, f"at most {limit} entries"))
    seen: set[uuid.UUID] = set()
    for index, value in enumerate(values):
        parsed = parse_uuid(value, f"{field}[{index}]", out)
        if parsed in seen:
            out.append(FieldViolation(f"{field}[{index}]", "duplicate id"))
        if parsed is not None:
            seen.add(parsed)


def _nul_violations(fields: Any, prefix: str) -> list[FieldViolation]:
    """PostgreSQL cannot store U+0000 in text or JSON: refuse it wherever it hides."""
    return [
        FieldViolation(f"{prefix}.{name}", "must not contain the NUL character (U+0000)")
        for name, value in dataclasses.asdict(fields).items()
        if "\\u0000" in json.dumps(value, default=str)
    ]


def agent_violations(agent: AgentFields, prefix: str = "agent") -> list[FieldViolation]:
    """Every rule an agent's fields break."""
    out: list[FieldViolation] = _nul_violations(agent, prefix)
    _length(agent.name, f"{prefix}.name", 1, 200, out)
    if agent.name and agent.name.strip() != agent.name:
        out.append(FieldViolation(f"{prefix}.name", "must not start or end with whitespace"))
    _length(agent.description, f"{prefix}.description", 0, MAX_DESCRIPTION, out)
    llm = agent.llm
    _length(llm.provider, f"{prefix}.llm.provider", 0, 64, out)
    _length(llm.model, f"{prefix}.llm.model", 0, 200, out)
    if llm.temperature is not None and not 0.0 <= llm.temperature <= 2.0:
        out.append(FieldViolation(f"{prefix}.llm.temperature", "must be between 0 and 2"))
    if not 0 <= llm.max_tokens <= 1_000_000:
        out.append(FieldViolation(f"{prefix}.llm.max_tokens", "must be between 0 and 1000000"))
    _length(llm.system_prompt, f"{prefix}.llm.system_prompt", 0, MAX_SYSTEM_PROMPT, out)
    _unique_uuids(agent.tool_ids, f"{prefix}.tool_ids", MAX_TOOLS_PER_AGENT, out)
    _unique_uuids(
        agent.knowledgebase_ids,
        f"{prefix}.knowledgebase_ids",
        MAX_KNOWLEDGEBASES_PER_AGENT,
        out,
    )
    out.extend(label_violations(agent.labels, f"{prefix}.labels"))
    return out


def label_violations(labels: dict[str, str], field: str) -> list[FieldViolation]:
    out: list[FieldViolation] = []
    if len(labels) > MAX_LABELS:
        out.append(FieldViolation(field, f"at most {MAX_LABELS} labels"))
    for key, value in labels.items():
        if not LABEL_KEY.match(key):
            out.append(
                FieldViolation(
                    f"{field}[{key!r}]",
                    "key must be 1-63 characters of [a-z0-9_-] starting with a letter",
                )
            )
        if len(value) > 63:
            out.append(FieldViolation(f"{field}[{key!r}]", "value must be at most 63 characters"))
    return out


def canonicalize_agent(agent: AgentFields) -> None:
    """Rewrites ids in their canonical form (call after validation): one spelling per id."""
    agent.tool_ids = [str(uuid.UUID(value)) for value in agent.tool_ids]
    agent.knowledgebase_ids = [str(uuid.UUID(value)) for value in agent.knowledgebase_ids]


def tool_violations(tool: ToolFields, prefix: str = "tool") -> list[FieldViolation]:
    """Every rule a user tool's fields break (built-in tools are not user input)."""
    out: list[FieldViolation] = _nul_violations(tool, prefix)
    if not tool.name:
        out.append(FieldViolation(f"{prefix}.name", "is required"))
    elif not TOOL_NAME.match(tool.name):
        out.append(
            FieldViolation(
                f"{prefix}.name",
                "must be 1-64 characters of [A-Za-z0-9_-] starting with a letter",
            )
        )
    _length(tool.description, f"{prefix}.description", 0, MAX_DESCRIPTION, out)
    _length(tool.category, f"{prefix}.category", 0, 64, out)
    _length(tool.implementation_ref, f"{prefix}.implementation_ref", 0, 2000, out)
    if tool.implementation_type is ToolImplementationType.UNSPECIFIED:
        out.append(FieldViolation(f"{prefix}.implementation_type", "is required"))
    elif tool.implementation_type is ToolImplementationType.BUILTIN:
        out.append(
            FieldViolation(f"{prefix}.implementation_type", "only built-in tools may be BUILTIN")
        )
    elif not tool.implementation_ref:
        out.append(FieldViolation(f"{prefix}.implementation_ref", "is required for this type"))
    if tool.implementation_type is ToolImplementationType.HTTP and tool.implementation_ref:
        if not re.match(r"^https?://[^\s/]+", tool.implementation_ref):
            out.append(FieldViolation(f"{prefix}.implementation_ref", "must be an http(s) URL"))
    if tool.input_schema is None:
        out.append(FieldViolation(f"{prefix}.input_schema", "is required"))
    else:
        out.extend(json_schema_violations(tool.input_schema, f"{prefix}.input_schema"))
        if tool.input_schema.get("type") != "object":
            out.append(FieldViolation(f"{prefix}.input_schema", 'its "type" must be "object"'))
    if tool.output_schema is not None:
        out.extend(json_schema_violations(tool.output_schema, f"{prefix}.output_schema"))
    return out


def json_schema_violations(schema: dict[str, Any], field: str) -> list[FieldViolation]:
    """Checks that `schema` is itself a valid JSON Schema (its own $schema, else 2020-12)."""
    validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        where = "/".join(str(part) for part in error.absolute_path)
        suffix = f" at /{where}" if where else ""
        return [FieldViolation(field, f"not a valid JSON Schema{suffix}: {error.message}")]
    return []


def block_violations(block: BlockFields, prefix: str = "block") -> list[FieldViolation]:
    """Every rule a block's fields break, compiling its code under the sandbox policy."""
    out: list[FieldViolation] = _nul_violations(block, prefix)
    _length(block.name, f"{prefix}.name", 1, 200, out)
    if block.name and block.name.strip() != block.name:
        out.append(FieldViolation(f"{prefix}.name", "must not start or end with whitespace"))
    _length(block.description, f"{prefix}.description", 0, MAX_DESCRIPTION, out)
    out.extend(_code_violations(block.code, f"{prefix}.code"))
    schemas_valid = {}
    for name in ("input_schema", "output_schema"):
        schema = getattr(block, name)
        problems = [] if schema is None else json_schema_violations(schema, f"{prefix}.{name}")
        out.extend(problems)
        schemas_valid[name] = schema is not None and not problems
    field = f"{prefix}.test_cases"
    if len(block.test_cases) > MAX_TEST_CASES:
        out.append(FieldViolation(field, f"at most {MAX_TEST_CASES} test cases"))
    seen: set[str] = set()
    for index, case in enumerate(block.test_cases):
        where = f"{field}[{index}]"
        _length(case.name, f"{where}.name", 1, 200, out)
        if case.name in seen:
            out.append(FieldViolation(f"{where}.name", f"duplicate test case name {case.name!r}"))
        seen.add(case.name)
        if schemas_valid["input_schema"]:
            out.extend(
                instance_violations(
                    block.input_schema, case.input, f"{where}.input", "input_schema"
                )
            )
        if case.has_expected_output and schemas_valid["output_schema"]:
            out.extend(
                instance_violations(
                    block.output_schema,
                    case.expected_output,
                    f"{where}.expected_output",
                    "output_schema",
                )
            )
    return out


def _code_violations(code: str, field: str) -> list[FieldViolation]:
    if not code.strip():
        return [FieldViolation(field, "is required")]
    if "\x00" in code:
        return []  # reported by the NUL rule; the compiler would only repeat it
    if len(code.encode("utf-8", "surrogatepass")) > MAX_CODE_BYTES:
        return [FieldViolation(field, f"must be at most {MAX_CODE_BYTES} bytes (UTF-8)")]
    try:
        compile_code(code)
    except PolicyError as error:
        return [FieldViolation(field, str(error))]
    return []


def schema_errors(schema: dict[str, Any], instance: Any) -> list[str]:
    """Why `instance` does not match the (valid) JSON Schema `schema`; empty when it does.

    References resolve inside the schema and to the JSON Schema meta-schemas only: the server
    never fetches a URL a user wrote.
    """
    validator_class = jsonschema.validators.validator_for(
        schema, default=jsonschema.Draft202012Validator
    )
    validator = validator_class(schema, registry=referencing.Registry())
    try:
        errors = sorted(
            validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]
        )
    except referencing.exceptions.Unresolvable as error:
        return [f"the schema has an unresolvable reference: {error}"]
    messages = []
    for error in errors[:MAX_SCHEMA_ERRORS]:
        where = "/".join(str(part) for part in error.absolute_path)
        messages.append(f"at /{where}: {error.message}" if where else error.message)
    if len(errors) > MAX_SCHEMA_ERRORS:
        messages.append(f"and {len(errors) - MAX_SCHEMA_ERRORS} more")
    return messages


def instance_violations(
    schema: dict[str, Any], instance: Any, field: str, schema_name: str
) -> list[FieldViolation]:
    """A violation on `field` when `instance` does not match `schema` (named `schema_name`)."""
    errors = schema_errors(schema, instance)
    if not errors:
        return []
    return [FieldViolation(field, f"does not match {schema_name}: {'; '.join(errors)}")]
