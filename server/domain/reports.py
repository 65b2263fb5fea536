"""Reports computed from the database: execution stats, LLM usage, system status."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from server.domain.errors import FieldViolation
from server.domain.validation import raise_if

DEFAULT_WINDOW = timedelta(hours=24)
MAX_WINDOW = timedelta(days=366)


@dataclass(frozen=True)
class Window:
    """A time window: start inclusive, end exclusive."""

    start: datetime
    end: datetime


def window(start: datetime | None, end: datetime | None, now: datetime) -> Window:
    """The window asked for, with defaults: end now, start DEFAULT_WINDOW before end.

    Raises:
        InvalidArgument: the end is before the start, or the window is longer than MAX_WINDOW.
    """
    end = end or now
    start = start or end - DEFAULT_WINDOW
    violations = []
    if end < start:
        violations.append(FieldViolation("end_time", "must not be before start_time"))
    elif end - start > MAX_WINDOW:
        violations.append(
            FieldViolation("start_time", f"the window may span at most {MAX_WINDOW.days} days")
        )
    raise_if(violations)
    return Window(start, end)


@dataclass(frozen=True)
class Percentiles:
    """p50, p95 and p99 of `count` durations."""

    p50: timedelta
    p95: timedelta
    p99: timedelta
    count: int


@dataclass(frozen=True)
class ExecutionStats:
    """Executions created in a window: counts by their current status, and durations."""

    window: Window
    by_status: dict[str, int]
    durations: Percentiles | None

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def success_rate(self) -> float:
        """SUCCEEDED among the finished ones (0 when none has finished)."""
        finished = sum(self.by_status.get(s, 0) for s in ("SUCCEEDED", "FAILED", "CANCELLED"))
        return self.by_status.get("SUCCEEDED", 0) / finished if finished else 0.0


class UsageGroup(enum.Enum):
    """A dimension usage can be grouped by."""

    PROVIDER = "provider"
    MODEL = "model"
    DAY = "day"


@dataclass(frozen=True)
class UsageRow:
    """Tokens and cost of a group of LLM calls; dimensions not grouped by are empty."""

    provider: str = ""
    model: str = ""
    day: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    calls: int = 0


@dataclass(frozen=True)
class Usage:
    """LLM usage in a window, per group and in total."""

    window: Window
    rows: list[UsageRow] = field(default_factory=list)

    @property
    def total(self) -> UsageRow:
        return UsageRow(
            prompt_tokens=sum(row.prompt_tokens for row in self.rows),
            completion_tokens=sum(row.completion_tokens for row in self.rows),
            cost_usd=sum(row.cost_usd for row in self.rows),
            calls=sum(row.calls for row in self.rows),
        )


@dataclass(frozen=True)
class SystemStatus:
    """Sandbox workers of this server and the shared execution queue."""

    healthy_sandbox_workers: int
    total_sandbox_workers: int
    queued_executions: int
    running_executions: int
    oldest_queued_age: timedelta | None
    server_version: str
