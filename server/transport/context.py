"""Per-request values set by interceptors and read by servicers."""

from __future__ import annotations

from contextvars import ContextVar

from server.domain.models import Principal

_principal: ContextVar[Principal] = ContextVar("principal")


def set_principal(principal: Principal) -> None:
    _principal.set(principal)


def current_principal() -> Principal:
    """The authenticated caller; the auth interceptor guarantees it is set."""
    return _principal.get()
