"""What one sandbox run returns, in domain terms (no protobuf)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class RunStatus(enum.Enum):
    """How a sandbox run ended; UNAVAILABLE when no worker could report on it."""

    OK = "OK"
    COMPILE_ERROR = "COMPILE_ERROR"
    RUNTIME_ERROR = "RUNTIME_ERROR"
    TIMEOUT = "TIMEOUT"
    MEMORY_LIMIT = "MEMORY_LIMIT"
    OUTPUT_LIMIT = "OUTPUT_LIMIT"
    UNAVAILABLE = "UNAVAILABLE"


@dataclass(frozen=True)
class RunLimits:
    """Per-run limits; 0 takes the worker's default."""

    timeout_ms: int = 0
    memory_mb: int = 0
    max_output_bytes: int = 0


@dataclass(frozen=True)
class RunError:
    """Why a run failed: exception type (or sandbox reason), message, 1-based line (0 unknown)."""

    type: str
    message: str
    line: int = 0


@dataclass(frozen=True)
class RunResult:
    """One run: status, JSON-compatible output (OK only), captured stdout, error, duration."""

    status: RunStatus
    output: Any = None
    stdout: str = ""
    error: RunError | None = None
    duration_ms: int = 0
