"""Aggregate queries for reports: execution stats and LLM usage, computed in PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, text

from server.domain.reports import Percentiles, UsageGroup, UsageRow, Window
from server.persistence.database import Statements
from server.persistence.models import LlmUsageRow

llm_usage = LlmUsageRow.__table__

# One statement, so counts and percentiles come from one snapshot. The owner's
# (owner_id, create_time) index bounds the scan to the window.
_EXECUTION_STATS = """
    WITH chosen AS (
        SELECT status, start_time, end_time FROM executions
        WHERE owner_id = :owner_id AND create_time >= :start AND create_time < :end
        {workflow_filter}
    ), finished AS (
        SELECT EXTRACT(EPOCH FROM end_time - start_time) AS seconds FROM chosen
        WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
          AND start_time IS NOT NULL AND end_time IS NOT NULL
    )
    SELECT
        (SELECT coalesce(jsonb_object_agg(status, n), '{{}}'::jsonb)
         FROM (SELECT status, count(*) AS n FROM chosen GROUP BY status) AS counts) AS by_status,
        (SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY seconds)
         FROM finished) AS percentiles,
        (SELECT count(*) FROM finished) AS finished
"""
_STATS_ALL = text(_EXECUTION_STATS.format(workflow_filter=""))
_STATS_OF_WORKFLOW = text(_EXECUTION_STATS.format(workflow_filter="AND workflow_id = :workflow_id"))


class ReportRepository:
    """Read-only aggregates over one owner's executions and LLM usage."""

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def execution_stats(
        self, owner_id: uuid.UUID, workflow_id: uuid.UUID | None, window: Window
    ) -> tuple[dict[str, int], Percentiles | None]:
        """Counts by status of executions created in the window, and their duration percentiles."""
        params: dict[str, Any] = {"owner_id": owner_id, "start": window.start, "end": window.end}
        statement = _STATS_ALL
        if workflow_id is not None:
            statement, params["workflow_id"] = _STATS_OF_WORKFLOW, workflow_id
        row = await self.db.first(statement, params)
        percentiles = None
        if row["finished"]:
            p50, p95, p99 = (timedelta(seconds=float(value)) for value in row["percentiles"])
            percentiles = Percentiles(p50, p95, p99, row["finished"])
        return dict(row["by_status"]), percentiles

    async def usage(
        self, owner_id: uuid.UUID, window: Window, groups: list[UsageGroup]
    ) -> list[UsageRow]:
        """LLM usage in the window, one row per group (one row in all without groups)."""
        dimensions = {
            UsageGroup.DAY: func.to_char(
                func.timezone("UTC", llm_usage.c.time), "YYYY-MM-DD"
            ).label("day"),
            UsageGroup.PROVIDER: llm_usage.c.provider.label("provider"),
            UsageGroup.MODEL: llm_usage.c.model.label("model"),
        }
        # Ordered by day, then provider, then model, whatever order they were asked in.
        chosen = [dimensions[group] for group in dimensions if group in groups]
        statement = (
            select(
                *chosen,
                func.coalesce(func.sum(llm_usage.c.prompt_tokens), 0).label("prompt_tokens"),
                func.coalesce(func.sum(llm_usage.c.completion_tokens), 0).label(
                    "completion_tokens"
                ),
                func.coalesce(func.sum(llm_usage.c.cost_usd), 0.0).label("cost_usd"),
                func.count().label("calls"),
            )
            .where(
                llm_usage.c.owner_id == owner_id,
                llm_usage.c.time >= window.start,
                llm_usage.c.time < window.end,
            )
            .group_by(*chosen)
            .order_by(*chosen)
        )
        return [
            UsageRow(
                provider=row.get("provider", ""),
                model=row.get("model", ""),
                day=row.get("day", ""),
                prompt_tokens=int(row["prompt_tokens"]),
                completion_tokens=int(row["completion_tokens"]),
                cost_usd=float(row["cost_usd"]),
                calls=int(row["calls"]),
            )
            for row in await self.db.all(statement)
        ]
