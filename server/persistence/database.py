"""The engine and the two ways repositories run statements: in a transaction, or as a read.

Statements are SQLAlchemy Core. Inside a transaction they run through SQLAlchemy's connection.
Single-statement reads, the hot path of every Get and List, run the statement's compiled SQL
straight on the pooled asyncpg connection: SQLAlchemy's per-execution machinery (greenlet hop,
events, result wrapping) costs as much CPU as the query itself, and these reads need none of it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

import asyncpg
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.sql import Executable

from server.settings import Settings

_DIALECT = PGDialect_asyncpg()


def async_url(url: str) -> str:
    """Turns a libpq-style postgresql:// URL into the asyncpg dialect's.

    asyncpg spells libpq's `sslmode` query parameter `ssl`; everything else passes through.
    """
    parsed = make_url(url)
    query = dict(parsed.query)
    if "sslmode" in query:
        query["ssl"] = query.pop("sslmode")
    return parsed.set(drivername="postgresql+asyncpg", query=query).render_as_string(
        hide_password=False
    )


def create_engine(url: str, settings: Settings) -> AsyncEngine:
    """Creates the one engine a process uses."""
    return create_async_engine(
        async_url(url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # Optionally test each connection on checkout (one extra round trip) so a database restart
        # costs no failed request; see Settings.db_pre_ping.
        pool_pre_ping=settings.db_pre_ping,
        # Recycle connections hourly so server-side memory from long sessions is returned.
        pool_recycle=3600,
    )


@functools.lru_cache(maxsize=512)
def _compiled(statement: Executable) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """SQL with $n placeholders, parameter names in order, and values bound in the statement.

    Keyed by statement object: the prebuilt statements of the repositories compile once.
    """
    compiled = statement.compile(dialect=_DIALECT)
    return compiled.string, tuple(compiled.positiontup or ()), dict(compiled.params)


class Transaction:
    """Statements inside one database transaction (SQLAlchemy's connection)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def execute(self, statement: Executable, params: Any = None) -> Any:
        """Runs any statement; returns SQLAlchemy's result."""
        return await self.connection.execute(statement, params)

    async def all(self, statement: Executable, params: Mapping[str, Any] | None = None) -> list:
        return [row._mapping for row in await self.connection.execute(statement, params)]

    async def first(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
        row = (await self.connection.execute(statement, params)).first()
        return None if row is None else row._mapping

    async def scalar(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
        return await self.connection.scalar(statement, params)

    def savepoint(self) -> Any:
        """A savepoint (async context manager): an error inside rolls back to it, no further."""
        return self.connection.begin_nested()


class Reader:
    """Single-statement reads on a pooled connection, outside any transaction."""

    def __init__(self, driver: asyncpg.Connection) -> None:
        self.driver = driver

    def _arguments(self, statement: Executable, params: Mapping[str, Any] | None) -> Sequence:
        sql, names, bound = _compiled(statement)
        values = {**bound, **(params or {})}
        return sql, [values[name] for name in names]

    async def all(self, statement: Executable, params: Mapping[str, Any] | None = None) -> list:
        sql, arguments = self._arguments(statement, params)
        return await self.driver.fetch(sql, *arguments)

    async def first(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
        sql, arguments = self._arguments(statement, params)
        return await self.driver.fetchrow(sql, *arguments)

    async def scalar(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
        sql, arguments = self._arguments(statement, params)
        return await self.driver.fetchval(sql, *arguments)


class Database:
    """Hands out transactions for mutations and readers for single-statement reads."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """A transaction that commits on success and rolls back on error."""
        async with self.engine.begin() as connection:
            yield Transaction(connection)

    @contextlib.asynccontextmanager
    async def reader(self) -> AsyncIterator[Reader]:
        """A pooled connection for reads; no BEGIN/COMMIT round trips are made.

        A connection that turns out dead (say after a database restart) is dropped from the pool,
        so the next read gets a fresh one.
        """
        async with self.engine.connect() as connection:
            raw = await connection.get_raw_connection()
            try:
                yield Reader(raw.driver_connection)
            except (asyncpg.InterfaceError, asyncpg.ConnectionDoesNotExistError, OSError):
                await connection.invalidate()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()
