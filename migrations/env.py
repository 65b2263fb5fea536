"""Alembic environment: async engine on asyncpg, metadata from server.persistence.models."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from server.migrate import CHECKPOINT_TABLES
from server.persistence.database import create_engine
from server.persistence.models import Base
from server.settings import Settings

config = context.config
if config.config_file_name and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name)

target_metadata = Base.metadata

# Every replica migrates at start-up; this lock makes them take turns (the later ones then find
# nothing left to do). Any fixed 64-bit number unique to this purpose will do.
MIGRATION_LOCK = 0x61676E7462756C64


def database_url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    configured = Settings().database_url
    if configured is None:
        raise SystemExit("set AGENTBUILDER_DATABASE_URL or use `agentbuilder migrate`")
    return configured.get_secret_value()


def _ours(name, type_, parent_names) -> bool:
    """Autogenerate leaves alone the tables langgraph-checkpoint-postgres owns."""
    return not (type_ == "table" and name in CHECKPOINT_TABLES)


def run_migrations_offline() -> None:
    context.configure(
        url="postgresql://",
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_name=_ours,
    )
    with context.begin_transaction():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


async def run_async_migrations() -> None:
    engine = create_engine(database_url())
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_async_migrations())
