"""Finding, starting and creating databases.

The app's database is AGENTBUILDER_DATABASE_URL, else one in an embedded PostgreSQL (pgserver).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from server.settings import Settings

DATABASE_NAME = "agentbuilder"
log = logging.getLogger("agentbuilder.db")


def _forget_dead_handles(pgdata: Path) -> None:
    """Drops pids of exited processes from pgserver's handle list.

    pgserver stops the database when its last registered process exits, but a process killed
    with SIGKILL never unregisters, and the database would then outlive every later run.
    """
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    alive = []
    for pid in json.loads(handles.read_text() or "[]"):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        except PermissionError:
            pass
        alive.append(pid)
    handles.write_text(json.dumps(alive))


@contextlib.contextmanager
def embedded_postgres(pgdata: Path) -> Iterator[str]:
    """Starts (or joins) the embedded PostgreSQL in `pgdata`; yields its admin URL.

    The server stops when the last process using it leaves this context.
    """
    pgdata.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(pgdata)
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset; pgserver then uses /tmp, which is fine.
        warnings.simplefilter("ignore", UserWarning)
        import pgserver  # imported here: it is only needed without a database URL

        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


def database_url(server_url: str, name: str) -> str:
    """The URL of database `name` on the server that `server_url` points at."""
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


async def _on_server(admin_url: str, sql: str, *args: object) -> object:
    """Runs one statement on the server at `admin_url`; returns its first value."""
    connection = await asyncpg.connect(admin_url)
    try:
        return await connection.fetchval(sql, *args)
    finally:
        await connection.close()


async def ensure_database(admin_url: str, name: str = DATABASE_NAME) -> str:
    """Creates database `name` on the server at `admin_url` if missing; returns its URL."""
    exists = await _on_server(admin_url, "SELECT 1 FROM pg_database WHERE datname = $1", name)
    return database_url(admin_url, name) if exists else await create_database(admin_url, name)


async def create_database(admin_url: str, name: str) -> str:
    """Creates an empty database (tests, benchmarks); returns its URL."""
    await _on_server(admin_url, f'CREATE DATABASE "{name}"')
    return database_url(admin_url, name)


async def drop_database(admin_url: str, name: str, attempts: int = 10) -> None:
    """Drops a database, disconnecting anyone still using it.

    A background worker (autovacuum) in the database may refuse to be ended for a moment; the
    drop is then tried again shortly.
    """
    for attempt in range(attempts):
        try:
            await _on_server(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (asyncpg.InsufficientPrivilegeError, asyncpg.ObjectInUseError):
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(0.5)


@contextlib.contextmanager
def database_server(settings: Settings) -> Iterator[tuple[str, bool]]:
    """Yields (URL, embedded?) for the configured database, starting the embedded one if needed.

    With an embedded server the URL is its admin URL; call ensure_database() for the app's.
    """
    if settings.database_url is not None:
        yield settings.database_url.get_secret_value(), False
        return
    with embedded_postgres(settings.embedded_pgdata) as url:
        yield url, True
