"""request_id idempotency for creates: one request_id, one resource, even under racing retries."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from server.domain.errors import FieldViolation, InvalidArgument
from server.domain.models import Principal
from server.domain.validation import require_uuid
from server.persistence.database import Statements
from server.persistence.repositories import IdempotencyRepository

T = TypeVar("T")


def request_digest(request: object) -> bytes:
    """A digest of a create's input that is the same in every process (sorted keys)."""
    data = dataclasses.asdict(request) if dataclasses.is_dataclass(request) else request
    canonical = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).digest()


async def create_once(
    tx: Statements,
    principal: Principal,
    method: str,
    request_id: str,
    request: Any,
    create: Callable[[uuid.UUID], Awaitable[T]],
    load: Callable[[uuid.UUID], Awaitable[T]],
) -> T:
    """Creates a resource with a fresh id, or returns the one an earlier same request created.

    Args:
        tx: the open transaction the create runs in.
        principal: the caller; request ids are scoped to it and to `method`.
        method: name of the create operation.
        request_id: the caller's UUID, or empty for no idempotency.
        request: the create's input; a reused request_id must come with an equal one.
        create: makes the resource with the given id.
        load: reads the resource an earlier request created.

    """
    new_id = uuid.uuid4()
    if not request_id:
        return await create(new_id)
    key = require_uuid(request_id, "request_id")
    digest = request_digest(request)
    earlier = await IdempotencyRepository(tx).claim(principal.id, method, key, digest, new_id)
    if earlier is None:
        return await create(new_id)
    if earlier["request_digest"] != digest:
        raise InvalidArgument(
            [FieldViolation("request_id", "already used for a different request")]
        )
    return await load(earlier["resource_id"])
