"""Engine, sessions and the two ways services use them: transactions and reads."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from server.settings import Settings


def async_url(url: str) -> str:
    """Turns any postgresql:// URL into the asyncpg dialect's."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


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
    """Hands out sessions: one transaction per mutation, autocommit for single-statement reads."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # Objects stay readable after commit: async code must never trigger implicit reloads.
        self._transactions = async_sessionmaker(engine, expire_on_commit=False)
        # Reads skip BEGIN/COMMIT round trips; each statement still sees one consistent snapshot.
        self._reads = async_sessionmaker(
            engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
        )

    def transaction(self) -> AbstractAsyncContextManager[AsyncSession]:
        """A session in a transaction that commits on success and rolls back on error."""
        return self._transactions.begin()

    def reader(self) -> AbstractAsyncContextManager[AsyncSession]:
        """A session for reads outside an explicit transaction."""
        return self._reads()

    async def dispose(self) -> None:
        await self.engine.dispose()
