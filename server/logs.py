"""Structured logging: one JSON object per line on stderr, with the request context merged in."""

from __future__ import annotations

import logging
import sys

import structlog

from server.observability.tracing import current_trace_ids


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
        structlog.contextvars.merge_contextvars,
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
