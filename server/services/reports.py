"""Report use cases: execution stats, LLM usage and system status (MetricsService)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from server import __version__
from server.domain.errors import FieldViolation
from server.domain.models import Principal
from server.domain.reports import (
    ExecutionStats,
    SystemStatus,
    Usage,
    UsageGroup,
    window,
)
from server.domain.validation import raise_if, require_uuid
from server.persistence.database import Database
from server.persistence.executions import ExecutionRepository
from server.persistence.reports import ReportRepository


class SandboxWorkers(Protocol):
    """What the status report needs of the sandbox pool."""

    @property
    def healthy_count(self) -> int:
        """Workers reporting SERVING."""
        ...

    @property
    def workers(self) -> list:
        """Every configured worker."""
        ...


class ReportService:
    """Answers aggregate questions from the database; stats and usage are the caller's own."""

    def __init__(self, database: Database, sandbox: SandboxWorkers | None = None) -> None:
        self.database = database
        self.sandbox = sandbox

    async def execution_stats(
        self,
        principal: Principal,
        workflow_id: str,
        start: datetime | None,
        end: datetime | None,
    ) -> ExecutionStats:
        """Counts by status, success rate and duration percentiles of executions in a window.

        Raises:
            InvalidArgument: a bad window or a malformed workflow_id.
        """
        workflow = require_uuid(workflow_id, "workflow_id") if workflow_id else None
        span = window(start, end, datetime.now(UTC))
        async with self.database.reader() as reader:
            by_status, durations = await ReportRepository(reader).execution_stats(
                principal.id, workflow, span
            )
        return ExecutionStats(span, by_status, durations)

    async def usage(
        self,
        principal: Principal,
        start: datetime | None,
        end: datetime | None,
        groups: list[UsageGroup],
    ) -> Usage:
        """Tokens and cost of the caller's LLM calls in a window, grouped as asked.

        Raises:
            InvalidArgument: a bad window or a group listed twice.
        """
        if len(set(groups)) != len(groups):
            raise_if([FieldViolation("group_by", "lists a dimension more than once")])
        span = window(start, end, datetime.now(UTC))
        async with self.database.reader() as reader:
            rows = await ReportRepository(reader).usage(principal.id, span, groups)
        return Usage(span, rows)

    async def system_status(self) -> SystemStatus:
        """This server's sandbox workers and the execution queue every replica shares."""
        async with self.database.reader() as reader:
            queue = await ExecutionRepository(reader).queue_summary()
        oldest = queue["oldest_queued"]
        return SystemStatus(
            healthy_sandbox_workers=self.sandbox.healthy_count if self.sandbox else 0,
            total_sandbox_workers=len(self.sandbox.workers) if self.sandbox else 0,
            queued_executions=queue["queued"],
            running_executions=queue["running"],
            oldest_queued_age=max(queue["now"] - oldest, timedelta(0)) if oldest else None,
            server_version=__version__,
        )
