"""Workflow and execution calls for tests: build, publish, start, stream, wait."""

from __future__ import annotations

import asyncio

import grpc
from agentbuilder.v1 import (
    block_pb2,
    block_service_pb2,
    block_service_pb2_grpc,
    execution_pb2,
    execution_service_pb2,
    execution_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from google.protobuf import json_format

Status = execution_pb2.ExecutionStatus
TERMINAL = {"completed", "failed", "cancelled"}


class Api:
    """Alice's stubs on the server that runs executions."""

    def __init__(self, channel: grpc.aio.Channel) -> None:
        self.blocks = block_service_pb2_grpc.BlockServiceStub(channel)
        self.workflows = workflow_service_pb2_grpc.WorkflowServiceStub(channel)
        self.executions = execution_service_pb2_grpc.ExecutionServiceStub(channel)

    async def block(self, code: str, name: str = "b") -> str:
        reply = await self.blocks.CreateBlock(
            block_service_pb2.CreateBlockRequest(block=block_pb2.Block(name=name, code=code))
        )
        return reply.block.id

    async def published(self, nodes: list[dict], edges: list[dict], entry: str) -> str:
        workflow = workflow_pb2.Workflow(name="wf", entry_node_id=entry)
        for node in nodes:
            message = workflow.nodes.add(id=node["id"], type=node["type"])
            message.ref_id = node.get("ref_id", "")
            message.config.update(node.get("config", {}))
        for edge in edges:
            workflow.edges.add(**edge)
        created = await self.workflows.CreateWorkflow(
            workflow_service_pb2.CreateWorkflowRequest(workflow=workflow)
        )
        workflow_id = created.workflow.id
        await self.workflows.PublishWorkflow(
            workflow_service_pb2.PublishWorkflowRequest(workflow_id=workflow_id)
        )
        return workflow_id

    async def start(self, workflow_id: str, input: dict | None = None, **kwargs):
        request = execution_service_pb2.StartExecutionRequest(workflow_id=workflow_id, **kwargs)
        request.input.update(input or {})
        return (await self.executions.StartExecution(request)).execution

    async def events(self, execution_id: str, after: int = 0, within: float = 60) -> list:
        """Every event from `after` to the terminal one (or the next pause)."""
        collected = []
        stream = self.executions.StreamExecution(
            execution_service_pb2.StreamExecutionRequest(
                execution_id=execution_id, after_sequence=after
            )
        )
        async with asyncio.timeout(within):
            async for message in stream:
                collected.append(message.event)
        return collected

    async def until(self, execution_id: str, *statuses: int, within: float = 60):
        async with asyncio.timeout(within):
            while True:
                execution = (
                    await self.executions.GetExecution(
                        execution_service_pb2.GetExecutionRequest(execution_id=execution_id)
                    )
                ).execution
                if execution.status in statuses:
                    return execution
                await asyncio.sleep(0.05)


def kinds(events) -> list[str]:
    return [event.WhichOneof("kind") for event in events]


def value(message) -> object:
    return json_format.MessageToDict(message)


def block_node(node_id: str, block_id: str, **config) -> dict:
    return {
        "id": node_id,
        "type": workflow_pb2.NODE_TYPE_BLOCK,
        "ref_id": block_id,
        "config": config,
    }


def edge(source: str, target: str, condition: str = "") -> dict:
    return {"id": f"{source}-{target}", "source": source, "target": target, "condition": condition}
