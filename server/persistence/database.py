"""The engine, and the one way repositories run statements: in a transaction, or as a read.

Repositories use SQLAlchemy Core statements; the ORM classes only define the tables. Failures of
the database itself become domain errors here (Unavailable, Conflict), so the transport's one
error table maps them like any other.

Hot reads (a Get by id, a page of a List, an API key lookup) are declared as `CompiledRead`s:
compiled once, and run outside a transaction straight on asyncpg connections (ReadPool).
SQLAlchemy's connection checkout, greenlet hops and result layer cost more CPU than the query
itself there (measured: ~410 µs against ~170 µs per GetAgent read). Inside a transaction they
run on the transaction's connection like any statement.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import asyncpg
import structlog
from sqlalchemy import exc
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
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


_DIALECT = asyncpg_dialect()


class CompiledRead:
    """A SELECT compiled once into asyncpg's SQL, for reads that skip SQLAlchemy's layers.

    Declare it once, at import (`_GET = CompiledRead(select(...).where(...))`), and pass it to
    Statements.first/all/scalar like any statement.
    """

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled = statement.compile(dialect=_DIALECT)
        self.sql = self._compiled.string
        self._names = list(self._compiled.positiontup or ())
        processors = {
            name: bind.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
            for name, bind in self._compiled.binds.items()
        }
        self._processors = {name: f for name, f in processors.items() if f is not None}

    def arguments(self, params: Mapping[str, Any] | None) -> list[Any]:
        """The positional arguments for `params` (plus the statement's own literal values)."""
        values = self._compiled.construct_params(dict(params or {}))
        arguments = []
        for name in self._names:
            value = values[name]
            if name in self._processors:
                value = self._processors[name](value)
            arguments.append(value)
        return arguments


async def _set_json_codecs(connection: asyncpg.Connection) -> None:
    """JSON and JSONB as Python values, as SQLAlchemy's asyncpg dialect decodes them."""
    for name in ("json", "jsonb"):
        await connection.set_type_codec(
            name, encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
        )


# Errors that mean the connection, not the statement, failed.
_CONNECTION_ERRORS = (
    OSError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    # The server shutting down or restarting (57P01-57P03) under the connection.
    asyncpg.OperatorInterventionError,
    # The protocol state of a connection the server closed while it sat idle in the pool.
    asyncpg.InternalClientError,
)


def _connection_lost(error: BaseException) -> bool:
    # asyncpg reports an argument it cannot encode as an InterfaceError that is also a
    # ValueError: our bug, not a lost connection.
    return isinstance(error, _CONNECTION_ERRORS) and not isinstance(error, ValueError)


class ReadPool:
    """Up to `size` asyncpg connections for CompiledReads: opened on demand, lent for one statement.

    Not asyncpg's own Pool: its acquire and release machinery (a queue, timeouts, a task per
    release for asyncio.shield, a reset) costs about as much CPU as a `SELECT 1` itself
    (measured: ~125 µs against ~68 µs per read). A read needs none of it.

    A connection whose statement failed on the server is kept. After a lost connection every
    connection is replaced, since a restart or failover takes them all. A read cancelled
    mid-statement is cancelled on the server too (asyncpg sends the request); its connection
    comes back once the server has confirmed, and is dropped if it does not within
    CANCEL_SETTLE_SECONDS.
    """

    CANCEL_SETTLE_SECONDS = 10.0

    def __init__(self, url: str, size: int) -> None:
        self._url = url
        self._size = size
        self._idle: list[asyncpg.Connection] = []  # LIFO: the warmest connection first
        self._waiters: collections.deque[asyncio.Future] = collections.deque()
        # Replacing every connection starts a new generation; older ones close when they return.
        self._generation = 0
        self._born: dict[asyncpg.Connection, int] = {}
        self._owned = 0  # this generation's idle, lent and opening connections, at most `size`
        self._settling: set[asyncio.Task] = set()
        self._closed = False

    async def run(self, method: str, read: CompiledRead, params: Mapping[str, Any] | None) -> Any:
        """`fetch`, `fetchrow` or `fetchval` of `read` on a pooled connection."""
        arguments = read.arguments(params)
        connection = await self._borrow()
        try:
            result = await getattr(connection, method)(read.sql, *arguments)
        except asyncio.CancelledError:
            self._settle(connection)
            raise
        except BaseException as error:
            if _connection_lost(error):
                current = self._born.get(connection) == self._generation
                self._drop(connection)
                if current:  # the first failure of this generation replaces it, once
                    self._replace_all()
            elif isinstance(error, asyncpg.PostgresError | ValueError):
                self._give_back(connection)  # the statement failed; the connection is fine
            else:
                self._drop(connection)
            raise
        self._give_back(connection)
        return result

    async def _borrow(self) -> asyncpg.Connection:
        while True:
            if self._closed:
                raise asyncpg.InterfaceError("the read pool is closed")
            while self._idle:
                connection = self._idle.pop()
                if not connection.is_closed():  # the server may have closed it while idle
                    return connection
                self._drop(connection)
            if self._owned < self._size:
                return await self._open()
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                connection = await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():  # handed over as we were cancelled
                    if (handed := waiter.result()) is not None:
                        self._give_back(handed)
                    else:
                        self._wake(None)
                raise
            if connection is not None:  # None: a slot came free, so try again
                return connection

    async def _open(self) -> asyncpg.Connection:
        generation = self._generation
        self._owned += 1
        try:
            connection = await asyncpg.connect(self._url)
            try:
                await _set_json_codecs(connection)
            except BaseException:
                connection.terminate()
                raise
        except BaseException:
            if generation == self._generation:
                self._owned -= 1
                self._wake(None)
            raise
        if generation != self._generation and self._owned < self._size:
            generation = self._generation  # everything was replaced meanwhile: this one is new
            self._owned += 1
        # Else it serves this one read and closes when it returns, like the rest of its generation.
        self._born[connection] = generation
        return connection

    def _give_back(self, connection: asyncpg.Connection) -> None:
        if self._born[connection] != self._generation:
            del self._born[connection]
            connection.terminate()
        elif not self._wake(connection):
            self._idle.append(connection)

    def _settle(self, connection: asyncpg.Connection) -> None:
        """Gives a connection back once its cancelled statement is confirmed cancelled."""

        async def settle() -> None:
            try:
                # asyncpg runs a statement only after the pending cancellation is confirmed.
                async with asyncio.timeout(self.CANCEL_SETTLE_SECONDS):
                    await connection.execute("SELECT 1")
            except BaseException:
                self._drop(connection)
                raise
            self._give_back(connection)

        task = asyncio.get_running_loop().create_task(settle())
        self._settling.add(task)
        task.add_done_callback(self._settled)

    def _settled(self, task: asyncio.Task) -> None:
        self._settling.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("a cancelled read's connection was dropped", error=str(task.exception()))

    def _wake(self, connection: asyncpg.Connection | None) -> bool:
        """Hands `connection` (None: a free slot) to the first waiter still waiting, if any."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(connection)
                return True
        return False

    def _drop(self, connection: asyncpg.Connection) -> None:
        connection.terminate()
        if self._born.pop(connection) == self._generation:
            self._owned -= 1
            self._wake(None)

    def _replace_all(self) -> None:
        """Starts a new generation: idle connections close now, lent ones when they return."""
        self._generation += 1
        self._owned = 0
        idle, self._idle = self._idle, []
        for connection in idle:
            del self._born[connection]
            connection.terminate()
        while self._wake(None):
            pass

    async def close(self) -> None:
        """Closes the idle connections, and lent ones when they return; later reads fail."""
        self._closed = True
        self._generation += 1
        self._owned = 0
        while self._wake(None):  # waiters see the pool closed
            pass
        for task in self._settling:
            task.cancel()
        await asyncio.gather(*self._settling, return_exceptions=True)
        idle, self._idle = self._idle, []
        for connection in idle:
            del self._born[connection]
        outcomes = await asyncio.gather(
            *(connection.close(timeout=5) for connection in idle), return_exceptions=True
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                log.warning("closing a read connection failed", error=str(outcome))


class Statements:
    """Runs Core statements on one connection; rows come back as mappings (`row["name"]`).

    A reader's connection is only checked out when a statement needs it: its CompiledReads go to
    the read pool instead.
    """

    def __init__(
        self,
        connection: AsyncConnection | Callable[[], Awaitable[AsyncConnection]],
        read_pool: ReadPool | None = None,
    ) -> None:
        if isinstance(connection, AsyncConnection):
            self._connection: AsyncConnection | None = connection
            self._connect = None
        else:
            self._connection, self._connect = None, connection
        self._read_pool = read_pool
        self._after_commit: list[Callable[[], None]] = []

    async def _sqlalchemy(self) -> AsyncConnection:
        if self._connection is None:
            self._connection = await self._connect()
        return self._connection

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
        return await (await self._sqlalchemy()).execute(statement, params)

    def _on_read_pool(self, statement: Executable | CompiledRead) -> bool:
        return isinstance(statement, CompiledRead) and self._read_pool is not None

    async def all(
        self, statement: Executable | CompiledRead, params: Mapping[str, Any] | None = None
    ) -> list:
        """Every row of the result, as mappings."""
        if self._on_read_pool(statement):
            return [dict(row) for row in await self._read_pool.run("fetch", statement, params)]
        result = await (await self._sqlalchemy()).execute(_core(statement), params)
        return [row._mapping for row in result]

    async def first(
        self, statement: Executable | CompiledRead, params: Mapping[str, Any] | None = None
    ) -> Any:
        """The first row as a mapping, or None when there is none."""
        if self._on_read_pool(statement):
            row = await self._read_pool.run("fetchrow", statement, params)
            return None if row is None else dict(row)
        row = (await (await self._sqlalchemy()).execute(_core(statement), params)).first()
        return None if row is None else row._mapping

    async def scalar(
        self, statement: Executable | CompiledRead, params: Mapping[str, Any] | None = None
    ) -> Any:
        """The first column of the first row, or None when there is no row."""
        if self._on_read_pool(statement):
            return await self._read_pool.run("fetchval", statement, params)
        return await (await self._sqlalchemy()).scalar(_core(statement), params)


def _core(statement: Executable | CompiledRead) -> Executable:
    """The SQLAlchemy statement (a CompiledRead's own, inside transactions)."""
    return statement.statement if isinstance(statement, CompiledRead) else statement


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
    except _CONNECTION_ERRORS as error:
        if not _connection_lost(error):
            raise
        raise Unavailable("the database is unreachable; retry shortly") from error


class Database:
    """Hands out statement runners: one transaction per mutation, autocommit for reads.

    With a `read_pool`, readers run CompiledReads on it; without, on SQLAlchemy like the rest.
    """

    def __init__(self, engine: AsyncEngine, read_pool: ReadPool | None = None) -> None:
        self.engine = engine
        self.read_pool = read_pool
        # Reads skip BEGIN/COMMIT round trips; each statement still sees one consistent snapshot.
        self._read_engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    @classmethod
    def open(cls, url: str, settings: Settings) -> Database:
        """The database at `url` with the settings' pools (connections open on first use)."""
        return cls(create_engine(url, settings), ReadPool(url, settings.db_read_pool_size))

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Statements]:
        """A transaction that commits on success and rolls back on error."""
        async with _database_errors(), self.engine.begin() as connection:
            statements = Statements(connection)
            yield statements
        statements.committed()

    @contextlib.asynccontextmanager
    async def reader(self) -> AsyncIterator[Statements]:
        """Single-statement reads (and atomic single statements) outside a transaction.

        The SQLAlchemy connection is checked out only if a statement needs it.
        """
        async with _database_errors(), contextlib.AsyncExitStack() as stack:

            async def connect() -> AsyncConnection:
                return await stack.enter_async_context(self._read_engine.connect())

            statements = Statements(connect, self.read_pool)
            yield statements
        statements.committed()

    async def dispose(self) -> None:
        """Closes the engine's pooled connections and the read pool; call once on shutdown."""
        await self.engine.dispose()
        if self.read_pool is not None:
            await self.read_pool.close()
