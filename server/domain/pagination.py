"""Opaque keyset page tokens, bound to the query that produced them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from server.domain.errors import FieldViolation, InvalidArgument
from server.domain.models import Page

T = TypeVar("T")


def query_fingerprint(*parts: object) -> str:
    """A short digest of the parameters a token must be used with."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


def encode_token(key: list[Any], fingerprint: str) -> str:
    """Encodes the last row's sort key and the query fingerprint."""
    raw = json.dumps({"k": key, "q": fingerprint}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, fingerprint: str, field: str = "page_token") -> list[Any] | None:
    """Returns the sort key in `token`, or None for the first page.

    Raises:
        InvalidArgument: the token is malformed or belongs to a different query.

    """
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        key, token_fingerprint = data["k"], data["q"]
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise InvalidArgument([FieldViolation(field, "malformed page token")]) from error
    if token_fingerprint != fingerprint or not isinstance(key, list):
        raise InvalidArgument([FieldViolation(field, "page token belongs to a different query")])
    return key


def decode_time_id(token: str, fingerprint: str) -> tuple[datetime, uuid.UUID] | None:
    """Decodes a (create_time, id) keyset position; None for the first page."""
    key = decode_token(token, fingerprint)
    if key is None:
        return None
    try:
        position = datetime.fromisoformat(key[0]), uuid.UUID(key[1])
    except (ValueError, IndexError, TypeError) as error:
        raise InvalidArgument([FieldViolation("page_token", "malformed page token")]) from error
    if position[0].tzinfo is None or not 1970 <= position[0].year <= 9000:
        raise InvalidArgument([FieldViolation("page_token", "malformed page token")])
    return position


def time_id_position(item: Any) -> list[Any]:
    """The (create_time, id) keyset position of a resource, as stored in page tokens."""
    return time_id_key(item.create_time, item.id)


def time_id_key(create_time: datetime, item_id: uuid.UUID) -> list[Any]:
    """A (create_time, id) keyset position as stored in page tokens (see decode_time_id)."""
    return [create_time.isoformat(), str(item_id)]


def page_of(
    items: list[T], limit: int, position: Callable[[T], list[Any]], fingerprint: str
) -> Page[T]:
    """Cuts rows fetched with `limit + 1` into a page, with a token when more rows follow."""
    if len(items) <= limit:
        return Page(items, "")
    items = items[:limit]
    return Page(items, encode_token(position(items[-1]), fingerprint))
