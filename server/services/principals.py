"""Principals and their API keys. Keys are random, shown once, and stored as SHA-256 digests."""

from __future__ import annotations

import hashlib
import secrets

from cachetools import TTLCache

from server.domain.errors import Unauthenticated
from server.domain.models import Principal
from server.persistence.database import Database
from server.persistence.repositories import AuditLog, PrincipalRepository

KEY_PREFIX = "ab_"


def key_digest(key: str) -> bytes:
    """SHA-256 suffices: keys carry 256 random bits, so there is nothing to brute-force."""
    return hashlib.sha256(key.encode()).digest()


class PrincipalService:
    """Creates principals with API keys and authenticates callers by key."""

    def __init__(self, database: Database, cache_seconds: float = 30.0) -> None:
        self.database = database
        # Verified keys are trusted for a short while so each RPC does not cost a lookup.
        self._verified: TTLCache[bytes, Principal] | None = (
            TTLCache(maxsize=10_000, ttl=cache_seconds) if cache_seconds > 0 else None
        )
        # Unknown keys too, so a client retrying a bad key cannot hammer the database. Safe: keys
        # are random, so no key is ever presented before it exists.
        self._rejected: TTLCache[bytes, bool] | None = (
            TTLCache(maxsize=10_000, ttl=cache_seconds) if cache_seconds > 0 else None
        )

    async def create(self, name: str) -> tuple[Principal, str]:
        """Creates a principal with one API key; returns the key, which is never stored."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        async with self.database.transaction() as tx:
            principals = PrincipalRepository(tx)
            principal = await principals.add(name)
            await principals.add_api_key(principal.id, name, key_digest(key), key[:10])
            await AuditLog(tx).record(
                principal.id, "principal.create", "principal", principal.id, {"name": name}
            )
        return principal, key

    async def authenticate(self, key: str) -> Principal:
        """The principal an API key belongs to.

        Raises:
            Unauthenticated: the key is unknown or revoked.

        """
        digest = key_digest(key)
        if self._verified is not None:
            if principal := self._verified.get(digest):
                return principal
            if digest in self._rejected:
                raise Unauthenticated("invalid API key", reason="API_KEY_INVALID")
        async with self.database.reader() as reader:
            principal = await PrincipalRepository(reader).find_by_key_digest(digest)
        if self._verified is not None:
            if principal is None:
                self._rejected[digest] = True
            else:
                self._verified[digest] = principal
        if principal is None:
            raise Unauthenticated("invalid API key", reason="API_KEY_INVALID")
        return principal
