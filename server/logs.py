"""Structured logging: one JSON object per line on stderr, with the request context merged in."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import Any

import structlog

from server.observability.tracing import current_trace_ids

# The fields of the RPC being handled (rpc, request_id, principal_id), merged into every line it
# logs. One variable holding a dict, set once per call: cheaper than a variable per field.
_call_context: ContextVar[dict[str, Any]] = ContextVar("call_context", default={})  # noqa: B039


def bind_call_context(**fields: Any) -> None:
    """Starts the current call's log context with `fields` (the call's task only)."""
    _call_context.set(fields)


def add_call_context(**fields: Any) -> None:
    """Adds `fields` to the current call's log context."""
    _call_context.set({**_call_context.get(), **fields})


def _merge_call_context(logger: object, method: str, event: dict) -> dict:
    for key, value in _call_context.get().items():
        event.setdefault(key, value)
    return event


def _add_trace_ids(logger: object, method: str, event: dict) -> dict:
    """Puts the current trace and span id on the line, so logs and traces join up."""
    event.update(current_trace_ids())
    return event


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """Routes structlog and stdlib logging through one renderer on stderr."""
    renderer = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    shared = [
        _merge_call_context,
        structlog.processors.add_log_level,
        _add_trace_ids,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
            foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # pgserver narrates every pg_ctl call at INFO; its warnings and errors still come through.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
