"""The engine and the two ways services use it: transactions and reads."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from server.settings import Settings


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


class Database:
    """Hands out connections: one transaction per mutation, autocommit for reads.

    Repositories use SQLAlchemy Core on these connections; the ORM classes only define tables.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # Reads skip BEGIN/COMMIT round trips; each statement still sees one consistent snapshot.
        self._read_engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    def transaction(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A connection in a transaction that commits on success and rolls back on error."""
        return self.engine.begin()

    def reader(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A connection for reads outside an explicit transaction."""
        return self._read_engine.connect()

    async def dispose(self) -> None:
        await self.engine.dispose()
