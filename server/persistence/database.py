"""The engine, and the one way repositories run statements: in a transaction, or as a read.

Repositories use SQLAlchemy Core statements; the ORM classes only define the tables. Failures of
the database itself become domain errors here (Unavailable, Conflict), so the transport's one
error table maps them like any other.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import asyncpg
import structlog
from sqlalchemy import exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool
from sqlalchemy.sql import Executable

from server.domain.errors import Conflict, Unavailable
from server.settings import Settings

log = structlog.get_logger("agentbuilder.database")

# SQLSTATEs worth a retry by the caller: serialization failure, deadlock.
RETRYABLE_SQLSTATES = {"40001", "40P01"}


def create_engine(url: str, settings: Settings | None = None) -> AsyncEngine:
    """An engine for a libpq-style URL; without settings, one connection per use (migrations).

    asyncpg parses the URL itself, so everything libpq users write works: sslmode, sslrootcert,
    connect_timeout, several hosts, a socket directory in `host`.
    """
    pool: dict[str, Any] = {"poolclass": NullPool}
    if settings is not None:
        pool = {
            "pool_size": settings.db_pool_size,
            "max_overflow": settings.db_max_overflow,
            # Optionally test each connection on checkout (one extra round trip); see
            # Settings.db_pre_ping.
            "pool_pre_ping": settings.db_pre_ping,
            # Recycle connections hourly so server-side memory of long sessions is returned.
            "pool_recycle": 3600,
        }
    return create_async_engine(
        "postgresql+asyncpg://",
        async_creator=lambda: asyncpg.connect(url),
        # Error messages and logs must never carry user data (prompts, schemas).
        hide_parameters=True,
        **pool,
    )


class Statements:
    """Runs Core statements on one connection; rows come back as mappings (`row["name"]`)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection
        self._after_commit: list[Callable[[], None]] = []

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Calls `callback` once the work is committed (never if it rolls back): for metrics."""
        self._after_commit.append(callback)

    def committed(self) -> None:
        """Runs the after-commit callbacks; the Database calls it.

        The work is done by then: a failing callback is logged, never raised to the caller.
        """
        for callback in self._after_commit:
            try:
                callback()
            except Exception:  # noqa: BLE001 - metrics must not fail committed work
                log.exception("after-commit callback failed")

    async def execute(self, statement: Executable, params: Any = None) -> Any:
        """Runs any statement; returns SQLAlchemy's result."""
        return await self.connection.execute(statement, params)

    async def all(self, statement: Executable, params: Mapping[str, Any] | None = None) -> list:
        """Every row of the result, as mappings."""
        return [row._mapping for row in await self.connection.execute(statement, params)]

    async def first(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
        """The first row as a mapping, or None when there is none."""
        row = (await self.connection.execute(statement, params)).first()
        return None if row is None else row._mapping

    async def scalar(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row, or None when there is no row."""
        return await self.connection.scalar(statement, params)


@contextlib.asynccontextmanager
async def _database_errors() -> AsyncIterator[None]:
    """Turns a lost database or a lost serialization race into a retryable domain error."""
    try:
        yield
    except exc.DBAPIError as error:
        if error.connection_invalidated or isinstance(error.orig, OSError):
            raise Unavailable("the database is unreachable; retry shortly") from error
        if getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES:
            raise Conflict("a concurrent change got in the way; retry the request") from error
        raise
    except (OSError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError) as error:
        raise Unavailable("the database is unreachable; retry shortly") from error


class Database:
    """Hands out statement runners: one transaction per mutation, autocommit for reads."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # Reads skip BEGIN/COMMIT round trips; each statement still sees one consistent snapshot.
        self._read_engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Statements]:
        """A transaction that commits on success and rolls back on error."""
        async with _database_errors(), self.engine.begin() as connection:
            statements = Statements(connection)
            yield statements
        statements.committed()

    @contextlib.asynccontextmanager
    async def reader(self) -> AsyncIterator[Statements]:
        """A connection for single-statement reads outside an explicit transaction."""
        async with _database_errors(), self._read_engine.connect() as connection:
            statements = Statements(connection)
            yield statements
        statements.committed()

    async def dispose(self) -> None:
        """Closes the engine's pooled connections; call once on shutdown."""
        await self.engine.dispose()
