"""Runs Alembic migrations programmatically (the same env.py as the `alembic` command).

After our own schema, the LangGraph checkpoint tables: they belong to
langgraph-checkpoint-postgres, whose `setup()` creates and migrates them (it keeps its own
migration table), so they are not copied into our revisions.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[1]


def alembic_config(database_url: str) -> Config:
    """An Alembic config pointing at migrations/ and the given database."""
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    # ConfigParser treats % as interpolation; URLs may contain %-escapes.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logging"] = False
    return config


# pg_advisory_lock key for the checkpoint tables' set-up, so replicas can start together.
CHECKPOINT_SETUP_LOCK = 0x6167_6B70  # "agkp"
# Tables owned by langgraph-checkpoint-postgres, not by our models.
CHECKPOINT_TABLES = frozenset(
    {"checkpoints", "checkpoint_blobs", "checkpoint_writes", "checkpoint_migrations"}
)


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)
    if revision == "head":
        setup_checkpoints(database_url)


def setup_checkpoints(database_url: str) -> None:
    """Creates or migrates LangGraph's checkpoint tables (idempotent, one replica at a time)."""
    import psycopg
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row

    with psycopg.connect(database_url, autocommit=True, row_factory=dict_row) as connection:
        # Poll instead of waiting in pg_advisory_lock: the saver creates indexes CONCURRENTLY,
        # which waits for every open transaction, a blocked lock request included (deadlock).
        while not connection.execute(
            "SELECT pg_try_advisory_lock(%s) AS locked", (CHECKPOINT_SETUP_LOCK,)
        ).fetchone()["locked"]:
            time.sleep(0.1)
        try:
            PostgresSaver(connection).setup()
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (CHECKPOINT_SETUP_LOCK,))


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


async def upgrade_async(database_url: str, revision: str = "head") -> None:
    """Upgrade from async code: env.py runs its own event loop, so it needs a thread."""
    await asyncio.to_thread(upgrade, database_url, revision)
