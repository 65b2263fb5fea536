"""Quickstart: a logic block, a two-node workflow using it, one run streamed to its end.

    AGENTBUILDER_TARGET=localhost:50051 python clients/python/examples/quickstart.py [--sync]

The API key comes from AGENTBUILDER_API_KEY, else from .agentbuilder/api-key (`make run`
writes it there). Prints one `event <sequence> <kind> [node]` line per event and then
`output <json>`; exits non-zero when a call or the run fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from pathlib import Path

import grpc
from agentbuilder.client import AgentBuilderClient, SyncAgentBuilderClient, error_details
from agentbuilder.v1 import (
    block_pb2,
    block_service_pb2,
    execution_pb2,
    execution_service_pb2,
    workflow_pb2,
    workflow_service_pb2,
)
from google.protobuf import json_format, struct_pb2

TERMINAL = {"completed", "failed", "cancelled"}


def settings() -> tuple[str, str]:
    """The target and the API key: from the environment, else the key `make run` saved."""
    target = os.environ.get("AGENTBUILDER_TARGET", "localhost:50051")
    key = os.environ.get("AGENTBUILDER_API_KEY", "")
    if not key:
        for directory in [Path.cwd(), *Path.cwd().parents]:
            if (directory / ".agentbuilder/api-key").is_file():
                key = (directory / ".agentbuilder/api-key").read_text()
                break
        else:
            sys.exit("error: no API key: set AGENTBUILDER_API_KEY or run `make run` first")
    return target, key.strip()


def plain(value):
    """JSON-ready data with integral numbers as integers (protobuf numbers are doubles)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def block_request() -> block_service_pb2.CreateBlockRequest:
    return block_service_pb2.CreateBlockRequest(
        block=block_pb2.Block(
            name="doubler",
            block_type=block_pb2.BLOCK_TYPE_LOGIC,
            code='output = {"value": input["value"] * 2}',
        ),
        # The same request_id on a retry returns this block instead of making a second one.
        request_id=str(uuid.uuid4()),
    )


def workflow_request(block_id: str) -> workflow_service_pb2.CreateWorkflowRequest:
    nodes = [
        workflow_pb2.WorkflowNode(id=node, type=workflow_pb2.NODE_TYPE_BLOCK, ref_id=block_id)
        for node in ("first", "second")
    ]
    return workflow_service_pb2.CreateWorkflowRequest(
        workflow=workflow_pb2.Workflow(
            name="double twice",
            entry_node_id="first",
            nodes=nodes,
            edges=[
                workflow_pb2.WorkflowEdge(id="first-to-second", source="first", target="second")
            ],
        ),
        request_id=str(uuid.uuid4()),
    )


def start_request(workflow_id: str) -> execution_service_pb2.StartExecutionRequest:
    execution_input = struct_pb2.Struct()
    execution_input.update({"value": 5})
    return execution_service_pb2.StartExecutionRequest(
        workflow_id=workflow_id, input=execution_input, request_id=str(uuid.uuid4())
    )


def show(event: execution_pb2.ExecutionEvent) -> str:
    """Prints the event's line; returns its kind."""
    kind = event.WhichOneof("kind")
    node = getattr(getattr(event, kind), "node_id", "")
    print(f"event {event.sequence} {kind}{' ' + node if node else ''}", flush=True)
    return kind


def finish(event: execution_pb2.ExecutionEvent) -> int:
    kind = event.WhichOneof("kind")
    if kind != "completed":
        error = getattr(event, kind).error if kind == "failed" else None
        reason = f"{error.message} (code {error.code})" if error is not None else kind
        print(f"error: the run ended {kind}: {reason}", file=sys.stderr)
        return 1
    output = plain(json_format.MessageToDict(event.completed.output))
    print("output " + json.dumps(output, separators=(",", ":")))
    return 0


async def run_async(target: str, key: str) -> int:
    async with AgentBuilderClient(target, key) as client:
        block = (await client.blocks.CreateBlock(block_request())).block
        workflow = (await client.workflows.CreateWorkflow(workflow_request(block.id))).workflow
        await client.workflows.PublishWorkflow(
            workflow_service_pb2.PublishWorkflowRequest(workflow_id=workflow.id)
        )
        execution = (await client.executions.StartExecution(start_request(workflow.id))).execution
        stream = client.executions.StreamExecution(
            execution_service_pb2.StreamExecutionRequest(execution_id=execution.id)
        )
        async for response in stream:
            if show(response.event) in TERMINAL:
                stream.cancel()
                return finish(response.event)
    raise RuntimeError("the stream ended before a terminal event")


def run_sync(target: str, key: str) -> int:
    with SyncAgentBuilderClient(target, key) as client:
        block = client.blocks.CreateBlock(block_request()).block
        workflow = client.workflows.CreateWorkflow(workflow_request(block.id)).workflow
        client.workflows.PublishWorkflow(
            workflow_service_pb2.PublishWorkflowRequest(workflow_id=workflow.id)
        )
        execution = client.executions.StartExecution(start_request(workflow.id)).execution
        stream = client.executions.StreamExecution(
            execution_service_pb2.StreamExecutionRequest(execution_id=execution.id)
        )
        for response in stream:
            if show(response.event) in TERMINAL:
                stream.cancel()
                return finish(response.event)
    raise RuntimeError("the stream ended before a terminal event")


def main() -> int:
    target, key = settings()
    try:
        if "--sync" in sys.argv[1:]:
            return run_sync(target, key)
        return asyncio.run(run_async(target, key))
    except grpc.RpcError as error:
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        details = error_details(error)
        if info := details.get("ErrorInfo"):
            print(f"  ErrorInfo reason={info.reason} domain={info.domain}", file=sys.stderr)
        if bad := details.get("BadRequest"):
            for violation in bad.field_violations:
                print(
                    f"  BadRequest field={violation.field} description={violation.description}",
                    file=sys.stderr,
                )
        return 1


if __name__ == "__main__":
    sys.exit(main())
