"""Domain errors. The transport maps each class to a gRPC status in one table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One invalid field: `field` is a request path such as `agent.tool_ids[2]`."""

    field: str
    description: str


class DomainError(Exception):
    """Base of every error a service raises on purpose.

    Attributes:
        reason: UPPER_SNAKE machine-readable reason, sent as google.rpc.ErrorInfo.reason.
        metadata: extra ErrorInfo metadata (never secrets).

    """

    reason = "INTERNAL"

    def __init__(self, message: str, *, reason: str | None = None, **metadata: str) -> None:
        super().__init__(message)
        self.message = message
        if reason:
            self.reason = reason
        self.metadata = metadata


class InvalidArgument(DomainError):
    """The request is invalid; `violations` says which fields and why."""

    reason = "INVALID_ARGUMENT"

    def __init__(self, violations: list[FieldViolation], message: str | None = None) -> None:
        summary = "; ".join(f"{v.field}: {v.description}" for v in violations[:5])
        super().__init__(message or f"invalid request: {summary}")
        self.violations = violations


class NotFound(DomainError):
    """The resource does not exist or is not visible to the caller."""

    def __init__(self, resource_type: str, resource_id: str) -> None:
        super().__init__(
            f"{resource_type} {resource_id!r} not found",
            reason=f"{resource_type.upper()}_NOT_FOUND",
            resource_type=resource_type,
            resource_id=resource_id,
        )


class AlreadyExists(DomainError):
    """A resource with the same unique key exists."""

    reason = "ALREADY_EXISTS"


class EtagMismatch(DomainError):
    """The caller's etag is stale: the resource changed since it was read."""

    reason = "ETAG_MISMATCH"

    def __init__(self, resource_type: str, resource_id: str) -> None:
        super().__init__(
            f"{resource_type} {resource_id!r} was modified since it was read (stale etag); "
            "read it again and retry",
            resource_type=resource_type,
            resource_id=resource_id,
        )


class FailedPrecondition(DomainError):
    """The system is not in a state that allows the operation."""

    reason = "FAILED_PRECONDITION"


class Unauthenticated(DomainError):
    """Missing or invalid credentials."""

    reason = "UNAUTHENTICATED"


class Conflict(DomainError):
    """A concurrent change won a race (deadlock, serialization failure); retrying may succeed."""

    reason = "CONCURRENT_MODIFICATION"


class Unavailable(DomainError):
    """A dependency (the database) cannot be reached right now; retrying later may succeed."""

    reason = "DATABASE_UNAVAILABLE"


class ResourceExhausted(DomainError):
    """Capacity is used up (every slot busy, queue full); retrying later may succeed."""

    reason = "RESOURCE_EXHAUSTED"
