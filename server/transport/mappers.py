"""The only code that sees both protos and domain types."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from agentbuilder.v1 import (
    agent_pb2,
    block_pb2,
    block_service_pb2,
    execution_pb2,
    metrics_service_pb2,
    tool_pb2,
    workflow_pb2,
)
from google.protobuf import duration_pb2, field_mask_pb2, json_format, struct_pb2, timestamp_pb2
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2

from sandbox_worker import values
from server.domain.errors import FieldViolation, InvalidArgument
from server.domain.models import (
    Agent,
    AgentFields,
    AgentType,
    AgentVersion,
    Block,
    BlockFields,
    BlockTestCase,
    BlockTestResult,
    BlockType,
    BlockVersion,
    LlmConfig,
    NodeType,
    Tool,
    ToolFields,
    ToolImplementationType,
    Workflow,
    WorkflowEdge,
    WorkflowFields,
    WorkflowNode,
    WorkflowState,
    WorkflowVersion,
)
from server.domain.reports import ExecutionStats, SystemStatus, Usage, UsageGroup, UsageRow
from server.sandbox.results import RunLimits, RunStatus

AGENT_TYPES = {
    agent_pb2.AGENT_TYPE_UNSPECIFIED: AgentType.CONVERSATIONAL,
    agent_pb2.AGENT_TYPE_CONVERSATIONAL: AgentType.CONVERSATIONAL,
    agent_pb2.AGENT_TYPE_REACT: AgentType.REACT,
    agent_pb2.AGENT_TYPE_PLAN_AND_EXECUTE: AgentType.PLAN_AND_EXECUTE,
    agent_pb2.AGENT_TYPE_ROUTER: AgentType.ROUTER,
}
AGENT_TYPE_PROTOS = {v: k for k, v in AGENT_TYPES.items() if k != agent_pb2.AGENT_TYPE_UNSPECIFIED}

IMPLEMENTATION_TYPES = {
    tool_pb2.TOOL_IMPLEMENTATION_TYPE_UNSPECIFIED: ToolImplementationType.UNSPECIFIED,
    tool_pb2.TOOL_IMPLEMENTATION_TYPE_BUILTIN: ToolImplementationType.BUILTIN,
    tool_pb2.TOOL_IMPLEMENTATION_TYPE_HTTP: ToolImplementationType.HTTP,
    tool_pb2.TOOL_IMPLEMENTATION_TYPE_BLOCK: ToolImplementationType.BLOCK,
}
IMPLEMENTATION_TYPE_PROTOS = {v: k for k, v in IMPLEMENTATION_TYPES.items()}

BLOCK_TYPES = {
    block_pb2.BLOCK_TYPE_UNSPECIFIED: BlockType.LOGIC,
    block_pb2.BLOCK_TYPE_LOGIC: BlockType.LOGIC,
}
BLOCK_TYPE_PROTOS = {v: k for k, v in BLOCK_TYPES.items() if k != block_pb2.BLOCK_TYPE_UNSPECIFIED}

NODE_TYPES = {
    workflow_pb2.NODE_TYPE_UNSPECIFIED: NodeType.UNSPECIFIED,
    workflow_pb2.NODE_TYPE_BLOCK: NodeType.BLOCK,
    workflow_pb2.NODE_TYPE_TOOL: NodeType.TOOL,
    workflow_pb2.NODE_TYPE_AGENT: NodeType.AGENT,
    workflow_pb2.NODE_TYPE_LLM: NodeType.LLM,
    workflow_pb2.NODE_TYPE_CONDITION: NodeType.CONDITION,
    workflow_pb2.NODE_TYPE_PARALLEL: NodeType.PARALLEL,
    workflow_pb2.NODE_TYPE_JOIN: NodeType.JOIN,
    workflow_pb2.NODE_TYPE_HUMAN_INPUT: NodeType.HUMAN_INPUT,
    workflow_pb2.NODE_TYPE_SUBFLOW: NodeType.SUBFLOW,
}
NODE_TYPE_PROTOS = {v: k for k, v in NODE_TYPES.items()}

WORKFLOW_STATE_PROTOS = {
    WorkflowState.DRAFT: workflow_pb2.WORKFLOW_STATE_DRAFT,
    WorkflowState.PUBLISHED: workflow_pb2.WORKFLOW_STATE_PUBLISHED,
}

RUN_STATUS_PROTOS = {
    RunStatus.OK: block_pb2.RUN_STATUS_OK,
    RunStatus.COMPILE_ERROR: block_pb2.RUN_STATUS_COMPILE_ERROR,
    RunStatus.RUNTIME_ERROR: block_pb2.RUN_STATUS_RUNTIME_ERROR,
    RunStatus.TIMEOUT: block_pb2.RUN_STATUS_TIMEOUT,
    RunStatus.MEMORY_LIMIT: block_pb2.RUN_STATUS_MEMORY_LIMIT,
    RunStatus.OUTPUT_LIMIT: block_pb2.RUN_STATUS_OUTPUT_LIMIT,
    RunStatus.UNAVAILABLE: block_pb2.RUN_STATUS_UNAVAILABLE,
}


def enum_value(table: dict[int, Any], number: int, field: str) -> Any:
    """The domain value of a proto enum number; numbers this server does not know are invalid."""
    try:
        return table[number]
    except KeyError:
        raise InvalidArgument([FieldViolation(field, f"unknown enum value {number}")]) from None


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def timestamp(value: datetime) -> timestamp_pb2.Timestamp:
    """A Timestamp from an aware datetime (integer arithmetic: 3x faster than FromDatetime)."""
    since = value - _EPOCH
    return timestamp_pb2.Timestamp(
        seconds=since.days * 86400 + since.seconds, nanos=since.microseconds * 1000
    )


def struct(value: dict[str, Any] | None) -> struct_pb2.Struct | None:
    if value is None:
        return None
    message = struct_pb2.Struct()
    message.update(value)
    return message


def struct_dict(message: Message, field: str) -> dict[str, Any] | None:
    """A Struct field as a dict, or None when the field is not set."""
    if not message.HasField(field):
        return None
    return json_format.MessageToDict(getattr(message, field))


def agent_fields(message: agent_pb2.Agent) -> AgentFields:
    llm = message.llm
    return AgentFields(
        name=message.name,
        description=message.description,
        agent_type=enum_value(AGENT_TYPES, message.agent_type, "agent.agent_type"),
        llm=LlmConfig(
            provider=llm.provider,
            model=llm.model,
            temperature=llm.temperature if llm.HasField("temperature") else None,
            max_tokens=llm.max_tokens,
            system_prompt=llm.system_prompt,
        ),
        tool_ids=list(message.tool_ids),
        knowledgebase_ids=list(message.knowledgebase_ids),
        labels=dict(message.labels),
    )


def agent(value: Agent) -> agent_pb2.Agent:
    fields = value.fields
    llm = fields.llm
    return agent_pb2.Agent(
        id=str(value.id),
        name=fields.name,
        description=fields.description,
        agent_type=AGENT_TYPE_PROTOS[fields.agent_type],
        llm=agent_pb2.LlmConfig(
            provider=llm.provider,
            model=llm.model,
            temperature=llm.temperature,
            max_tokens=llm.max_tokens,
            system_prompt=llm.system_prompt,
        ),
        tool_ids=fields.tool_ids,
        knowledgebase_ids=fields.knowledgebase_ids,
        labels=fields.labels,
        version=value.version,
        etag=value.etag,
        create_time=timestamp(value.create_time),
        update_time=timestamp(value.update_time),
    )


def agent_version(value: AgentVersion) -> agent_pb2.AgentVersion:
    return agent_pb2.AgentVersion(
        version=value.version, agent=agent(value.agent), create_time=timestamp(value.create_time)
    )


def tool_fields(message: tool_pb2.Tool) -> ToolFields:
    return ToolFields(
        name=message.name,
        description=message.description,
        category=message.category,
        input_schema=struct_dict(message, "input_schema"),
        output_schema=struct_dict(message, "output_schema"),
        implementation_type=enum_value(
            IMPLEMENTATION_TYPES, message.implementation_type, "tool.implementation_type"
        ),
        implementation_ref=message.implementation_ref,
    )


def tool(value: Tool) -> tool_pb2.Tool:
    fields = value.fields
    return tool_pb2.Tool(
        id=str(value.id),
        name=fields.name,
        description=fields.description,
        category=fields.category,
        input_schema=struct(fields.input_schema),
        output_schema=struct(fields.output_schema),
        implementation_type=IMPLEMENTATION_TYPE_PROTOS[fields.implementation_type],
        implementation_ref=fields.implementation_ref,
        is_builtin=value.is_builtin,
        etag=value.etag,
        create_time=timestamp(value.create_time),
        update_time=timestamp(value.update_time),
    )


def json_of(message: Message, field: str) -> Any:
    """A Struct or Value message as plain JSON data; NaN and infinities are invalid."""
    try:
        return json_format.MessageToDict(message)
    except ValueError:  # protobuf refuses to turn NaN or Infinity into JSON
        raise InvalidArgument(
            [FieldViolation(field, "must be JSON: NaN and Infinity are not allowed")]
        ) from None


def json_value(value: Any) -> struct_pb2.Value:
    """A google.protobuf.Value holding JSON data."""
    return json_format.ParseDict(value, struct_pb2.Value())


def _optional_struct(message: Message, field: str, path: str) -> dict[str, Any] | None:
    return json_of(getattr(message, field), path) if message.HasField(field) else None


def block_fields(message: block_pb2.Block) -> BlockFields:
    return BlockFields(
        name=message.name,
        description=message.description,
        block_type=enum_value(BLOCK_TYPES, message.block_type, "block.block_type"),
        input_schema=_optional_struct(message, "input_schema", "block.input_schema"),
        output_schema=_optional_struct(message, "output_schema", "block.output_schema"),
        code=message.code,
        test_cases=[
            _test_case(case, f"block.test_cases[{i}]") for i, case in enumerate(message.test_cases)
        ],
    )


def _test_case(message: block_pb2.TestCase, path: str) -> BlockTestCase:
    expected = message.HasField("expected_output")
    return BlockTestCase(
        name=message.name,
        input=json_of(message.input, f"{path}.input"),
        has_expected_output=expected,
        expected_output=(
            json_of(message.expected_output, f"{path}.expected_output") if expected else None
        ),
    )


def block(value: Block) -> block_pb2.Block:
    fields = value.fields
    return block_pb2.Block(
        id=str(value.id),
        name=fields.name,
        description=fields.description,
        block_type=BLOCK_TYPE_PROTOS[fields.block_type],
        input_schema=struct(fields.input_schema),
        output_schema=struct(fields.output_schema),
        code=fields.code,
        test_cases=[
            block_pb2.TestCase(
                name=case.name,
                input=struct(case.input),
                expected_output=(
                    json_value(case.expected_output) if case.has_expected_output else None
                ),
            )
            for case in fields.test_cases
        ],
        version=value.version,
        etag=value.etag,
        create_time=timestamp(value.create_time),
        update_time=timestamp(value.update_time),
    )


def block_version(value: BlockVersion) -> block_pb2.BlockVersion:
    return block_pb2.BlockVersion(
        version=value.version, block=block(value.block), create_time=timestamp(value.create_time)
    )


def block_test_input(request: block_service_pb2.TestBlockRequest) -> dict[str, Any] | None:
    """TestBlock's ad-hoc input, or None to run the stored test cases."""
    return _optional_struct(request, "input", "input")


def run_limits(message: block_pb2.BlockLimits) -> RunLimits:
    return RunLimits(
        timeout_ms=message.timeout_ms,
        memory_mb=message.memory_mb,
        max_output_bytes=message.max_output_bytes,
    )


def block_test_response(results: list[BlockTestResult]) -> block_service_pb2.TestBlockResponse:
    return block_service_pb2.TestBlockResponse(
        results=[block_test_result(r) for r in results], passed=all(r.passed for r in results)
    )


def block_test_result(value: BlockTestResult) -> block_service_pb2.TestCaseResult:
    run = value.run
    ok = run.status is RunStatus.OK
    return block_service_pb2.TestCaseResult(
        name=value.name,
        status=RUN_STATUS_PROTOS[run.status],
        output=json_value(run.output) if ok else None,
        stdout=run.stdout,
        error=(
            block_pb2.RunError(
                type=run.error.type, message=run.error.message, line=max(run.error.line, 0)
            )
            if run.error is not None
            else None
        ),
        duration_ms=max(run.duration_ms, 0),
        passed=value.passed,
        failures=value.failures,
    )


def workflow_fields(message: workflow_pb2.Workflow) -> WorkflowFields:
    return WorkflowFields(
        name=message.name,
        description=message.description,
        nodes=[
            _workflow_node(node, f"workflow.nodes[{i}]") for i, node in enumerate(message.nodes)
        ],
        edges=[
            WorkflowEdge(
                id=edge.id, source=edge.source, target=edge.target, condition=edge.condition
            )
            for edge in message.edges
        ],
        entry_node_id=message.entry_node_id,
    )


def _workflow_node(message: workflow_pb2.WorkflowNode, path: str) -> WorkflowNode:
    return WorkflowNode(
        id=message.id,
        type=enum_value(NODE_TYPES, message.type, f"{path}.type"),
        ref_id=message.ref_id,
        config=_optional_struct(message, "config", f"{path}.config") or {},
        position_x=message.position_x,
        position_y=message.position_y,
    )


def workflow(value: Workflow) -> workflow_pb2.Workflow:
    fields = value.fields
    return workflow_pb2.Workflow(
        id=str(value.id),
        name=fields.name,
        description=fields.description,
        nodes=[
            workflow_pb2.WorkflowNode(
                id=node.id,
                type=NODE_TYPE_PROTOS[node.type],
                ref_id=node.ref_id,
                config=struct(node.config) if node.config else None,
                position_x=node.position_x,
                position_y=node.position_y,
            )
            for node in fields.nodes
        ],
        edges=[
            workflow_pb2.WorkflowEdge(
                id=edge.id, source=edge.source, target=edge.target, condition=edge.condition
            )
            for edge in fields.edges
        ],
        entry_node_id=fields.entry_node_id,
        version=value.version,
        etag=value.etag,
        state=WORKFLOW_STATE_PROTOS[value.state],
        published_version=value.published_version,
        create_time=timestamp(value.create_time),
        update_time=timestamp(value.update_time),
    )


def workflow_version(value: WorkflowVersion) -> workflow_pb2.WorkflowVersion:
    return workflow_pb2.WorkflowVersion(
        version=value.version,
        workflow=workflow(value.workflow),
        create_time=timestamp(value.create_time),
    )


def field_violations(
    violations: list[FieldViolation],
) -> list[error_details_pb2.BadRequest.FieldViolation]:
    return [
        error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
        for v in violations
    ]


_MISSING = object()


def mask_changes(message: Message, mask: field_mask_pb2.FieldMask, draft: Any) -> dict[str, Any]:
    """Field path → new value, for the paths an update names.

    `draft` is the domain form of `message`. "*" (alone) means every field of the draft. An empty
    mask means the populated fields, and within a populated sub-message (such as `llm`) only its
    populated fields, so `{llm: {model: "m"}}` changes the model and nothing else. Paths the draft
    lacks map to None: the service rejects them by name.
    """
    names = [f.name for f in dataclasses.fields(draft)]
    if "*" in mask.paths:
        if len(mask.paths) > 1:
            raise InvalidArgument([FieldViolation("update_mask", '"*" must be the only path')])
        paths = names
    elif mask.paths:
        paths = list(mask.paths)
    else:
        paths = _populated_paths(message, draft)
    changes = {}
    for path in paths:
        value = draft
        for part in path.split("."):
            value = getattr(value, part, _MISSING) if dataclasses.is_dataclass(value) else _MISSING
        changes[path] = None if value is _MISSING else value
    return changes


def _populated_paths(message: Message, draft: Any) -> list[str]:
    paths = []
    for descriptor, value in message.ListFields():
        nested = getattr(draft, descriptor.name, None)
        if dataclasses.is_dataclass(nested) and isinstance(value, Message):
            paths.extend(f"{descriptor.name}.{d.name}" for d, _ in value.ListFields())
        elif hasattr(draft, descriptor.name):
            paths.append(descriptor.name)
    return paths


# --- executions ---------------------------------------------------------------------------------

EXECUTION_STATUS_PROTOS = {
    name: execution_pb2.ExecutionStatus.Value(f"EXECUTION_STATUS_{name}")
    for name in ("QUEUED", "RUNNING", "WAITING_FOR_INPUT", "SUCCEEDED", "FAILED", "CANCELLED")
}
EXECUTION_STATUS_NAMES = {number: name for name, number in EXECUTION_STATUS_PROTOS.items()}
STEP_STATUS_PROTOS = {
    name: execution_pb2.StepStatus.Value(f"STEP_STATUS_{name}")
    for name in ("RUNNING", "SUCCEEDED", "FAILED", "CANCELLED")
}


def execution_status(number: int) -> str | None:
    """A status filter: None for UNSPECIFIED, INVALID_ARGUMENT for unknown numbers."""
    if number == 0:
        return None
    return enum_value(EXECUTION_STATUS_NAMES, number, "status")


def struct_input(message: Message, field: str) -> Any:
    """A Struct or Value field as Python data (whole numbers as ints); NaN is invalid."""
    try:
        if isinstance(message, struct_pb2.Struct):
            return values.struct_to_python(message)
        return values.to_python(message)
    except values.NotJson:
        raise InvalidArgument(
            [FieldViolation(field, "must be JSON: NaN and Infinity are not allowed")]
        ) from None


def _value(data: Any) -> struct_pb2.Value:
    message = struct_pb2.Value()
    values.from_python(data, message)
    return message


def _status(error: dict[str, Any] | None) -> status_pb2.Status | None:
    if not error:
        return None
    return status_pb2.Status(code=error.get("code", 0), message=error.get("message", ""))


def execution_step(row: dict[str, Any]) -> execution_pb2.ExecutionStep:
    step = execution_pb2.ExecutionStep(
        node_id=row["node_id"],
        attempt=row["attempt"],
        status=STEP_STATUS_PROTOS[row["status"]],
        start_time=timestamp(row["start_time"]),
        duration_ms=row["duration_ms"] or 0,
    )
    if row["input"] is not None:
        step.input.CopyFrom(_value(row["input"]["value"]))
    if row["output"] is not None:
        step.output.CopyFrom(_value(row["output"]["value"]))
    if row["error"]:
        step.error.CopyFrom(_status(row["error"]))
    if row["end_time"] is not None:
        step.end_time.CopyFrom(timestamp(row["end_time"]))
    return step


def execution(row: dict[str, Any], steps: list[dict[str, Any]] = ()) -> execution_pb2.Execution:
    message = execution_pb2.Execution(
        id=str(row["id"]),
        workflow_id=str(row["workflow_id"]),
        workflow_version=row["workflow_version"],
        status=EXECUTION_STATUS_PROTOS[row["status"]],
        input=struct(row["input"]),
        attempt=row["attempt"],
        steps=[execution_step(step) for step in steps],
        last_sequence=row["last_sequence"],
        prompt_tokens=row["prompt_tokens"],
        completion_tokens=row["completion_tokens"],
        cost_usd=row["cost_usd"],
        create_time=timestamp(row["create_time"]),
    )
    if row["output"] is not None:
        message.output.CopyFrom(_value(row["output"]["value"]))
    if row["error"]:
        message.error.CopyFrom(_status(row["error"]))
    if row["pending_input"]:
        message.pending_input.CopyFrom(execution_pb2.PendingInput(**row["pending_input"]))
    for name in ("start_time", "end_time"):
        if row[name] is not None:
            getattr(message, name).CopyFrom(timestamp(row[name]))
    return message


def execution_event(row: dict[str, Any]) -> execution_pb2.ExecutionEvent:
    """A stored event as the API's ExecutionEvent (the kind names the oneof field)."""
    event = execution_pb2.ExecutionEvent(
        execution_id=str(row["execution_id"]),
        sequence=row["sequence"],
        time=timestamp(row["time"]),
    )
    payload = dict(row["payload"])
    kind = row["kind"]
    target = getattr(event, kind)
    target.SetInParent()
    for name, data in payload.items():
        if name == "output":
            target.output.CopyFrom(_value(data))
        elif name == "error":
            target.error.CopyFrom(_status(data))
        else:
            setattr(target, name, data)
    return event


# --- reports (MetricsService) ------------------------------------------------------------------

USAGE_GROUPS = {
    metrics_service_pb2.USAGE_GROUP_BY_PROVIDER: UsageGroup.PROVIDER,
    metrics_service_pb2.USAGE_GROUP_BY_MODEL: UsageGroup.MODEL,
    metrics_service_pb2.USAGE_GROUP_BY_DAY: UsageGroup.DAY,
}


def optional_time(message: Message, field: str) -> datetime | None:
    """A Timestamp field as an aware datetime, or None when unset."""
    if not message.HasField(field):
        return None
    try:
        return getattr(message, field).ToDatetime(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise InvalidArgument([FieldViolation(field, "is not a valid time")]) from None


def usage_groups(numbers: Any) -> list[UsageGroup]:
    """group_by values as domain groups; UNSPECIFIED and unknown numbers are invalid."""
    return [enum_value(USAGE_GROUPS, number, "group_by") for number in numbers]


def _duration(value: timedelta) -> duration_pb2.Duration:
    duration = duration_pb2.Duration()
    duration.FromTimedelta(value)
    return duration


def execution_stats(value: ExecutionStats) -> metrics_service_pb2.GetExecutionStatsResponse:
    response = metrics_service_pb2.GetExecutionStatsResponse(
        start_time=timestamp(value.window.start),
        end_time=timestamp(value.window.end),
        total=value.total,
        success_rate=value.success_rate,
        by_status=[
            metrics_service_pb2.ExecutionStatusCount(
                status=execution_pb2.ExecutionStatus.Value(f"EXECUTION_STATUS_{status}"),
                count=count,
            )
            for status, count in sorted(value.by_status.items())
        ],
    )
    if value.durations is not None:
        response.duration.CopyFrom(
            metrics_service_pb2.DurationPercentiles(
                p50=_duration(value.durations.p50),
                p95=_duration(value.durations.p95),
                p99=_duration(value.durations.p99),
                count=value.durations.count,
            )
        )
    return response


def _usage_row(value: UsageRow) -> metrics_service_pb2.UsageRow:
    return metrics_service_pb2.UsageRow(**dataclasses.asdict(value))


def usage(value: Usage) -> metrics_service_pb2.GetUsageResponse:
    return metrics_service_pb2.GetUsageResponse(
        start_time=timestamp(value.window.start),
        end_time=timestamp(value.window.end),
        rows=[_usage_row(row) for row in value.rows],
        total=_usage_row(value.total),
    )


def system_status(value: SystemStatus) -> metrics_service_pb2.GetSystemStatusResponse:
    response = metrics_service_pb2.GetSystemStatusResponse(
        healthy_sandbox_workers=value.healthy_sandbox_workers,
        total_sandbox_workers=value.total_sandbox_workers,
        queued_executions=value.queued_executions,
        running_executions=value.running_executions,
        server_version=value.server_version,
    )
    if value.oldest_queued_age is not None:
        response.oldest_queued_age.CopyFrom(_duration(value.oldest_queued_age))
    return response
