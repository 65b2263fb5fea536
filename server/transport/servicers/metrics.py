"""MetricsService: decode, call the service, encode. The proto comments are the API docs."""

from __future__ import annotations

from agentbuilder.v1 import metrics_service_pb2 as pb
from agentbuilder.v1 import metrics_service_pb2_grpc

from server.services.reports import ReportService
from server.transport import mappers
from server.transport.context import current_principal


class MetricsServicer(metrics_service_pb2_grpc.MetricsServiceServicer):
    def __init__(self, reports: ReportService) -> None:
        self.reports = reports

    async def GetExecutionStats(self, request: pb.GetExecutionStatsRequest, context):
        """Counts, success rate and duration percentiles of the caller's executions."""
        stats = await self.reports.execution_stats(
            current_principal(),
            request.workflow_id,
            mappers.optional_time(request, "start_time"),
            mappers.optional_time(request, "end_time"),
        )
        return mappers.execution_stats(stats)

    async def GetUsage(self, request: pb.GetUsageRequest, context):
        """Tokens and cost of the caller's LLM calls, grouped as asked."""
        usage = await self.reports.usage(
            current_principal(),
            mappers.optional_time(request, "start_time"),
            mappers.optional_time(request, "end_time"),
            mappers.usage_groups(request.group_by),
        )
        return mappers.usage(usage)

    async def GetSystemStatus(self, request: pb.GetSystemStatusRequest, context):
        """Sandbox workers and the execution queue."""
        return mappers.system_status(await self.reports.system_status())
