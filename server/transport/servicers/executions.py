"""ExecutionService: decode, call the service, encode. The proto comments are the API docs."""

from __future__ import annotations

from collections.abc import AsyncIterator

from agentbuilder.v1 import execution_service_pb2 as pb
from agentbuilder.v1 import execution_service_pb2_grpc

from server.services.executions import ExecutionService
from server.transport import mappers
from server.transport.context import current_principal

_ENCODED = "_encoded_response"


class ExecutionServicer(execution_service_pb2_grpc.ExecutionServiceServicer):
    def __init__(self, executions: ExecutionService) -> None:
        self.executions = executions

    async def StartExecution(self, request: pb.StartExecutionRequest, context):
        """Queues a run of a published workflow version."""
        row = await self.executions.start(
            current_principal(),
            request.workflow_id,
            request.version,
            mappers.struct_input(request.input, "input"),
            request.request_id,
        )
        return pb.StartExecutionResponse(execution=mappers.execution(row))

    async def GetExecution(self, request: pb.GetExecutionRequest, context):
        """Returns one execution with its steps."""
        row, steps = await self.executions.get(current_principal(), request.execution_id)
        return pb.GetExecutionResponse(execution=mappers.execution(row, steps))

    async def ListExecutions(self, request: pb.ListExecutionsRequest, context):
        """Lists the caller's executions, newest first."""
        rows, next_token = await self.executions.list(
            current_principal(),
            request.workflow_id,
            mappers.execution_status(request.status),
            request.page_size,
            request.page_token,
        )
        return pb.ListExecutionsResponse(
            executions=[mappers.execution(row) for row in rows], next_page_token=next_token
        )

    async def StreamExecution(
        self, request: pb.StreamExecutionRequest, context
    ) -> AsyncIterator[pb.StreamExecutionResponse]:
        """Stored events, then live ones, up to the terminal event."""
        events = self.executions.stream(
            current_principal(), request.execution_id, request.after_sequence
        )
        async for event in events:
            # Streams at the same position share the same event rows (one read serves them
            # all): encode each event once, not once per stream.
            response = event.get(_ENCODED)
            if response is None:
                response = event[_ENCODED] = pb.StreamExecutionResponse(
                    event=mappers.execution_event(event)
                )
            yield response

    async def CancelExecution(self, request: pb.CancelExecutionRequest, context):
        """Cancels an execution."""
        row = await self.executions.cancel(
            current_principal(), request.execution_id, request.reason
        )
        return pb.CancelExecutionResponse(execution=mappers.execution(row))

    async def ResumeExecution(self, request: pb.ResumeExecutionRequest, context):
        """Answers a pending human-input question."""
        row = await self.executions.resume(
            current_principal(),
            request.execution_id,
            request.interrupt_id,
            mappers.struct_input(request.value, "value"),
        )
        return pb.ResumeExecutionResponse(execution=mappers.execution(row))

    async def RetryExecution(self, request: pb.RetryExecutionRequest, context):
        """Queues a failed execution's next attempt."""
        row = await self.executions.retry(current_principal(), request.execution_id)
        return pb.RetryExecutionResponse(execution=mappers.execution(row))
