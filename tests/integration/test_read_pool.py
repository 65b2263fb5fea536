"""The read pool on a real PostgreSQL: its size bound, reuse, and what it does after failures.

Backend pids tell connections apart: each read reports the pid of the backend that ran it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy import Float, bindparam, func, literal_column, select
from sqlalchemy.engine import make_url

from server.persistence.database import CompiledRead, ReadPool

# The backend's pid, after sleeping `seconds`.
PID_AFTER = CompiledRead(
    select(func.pg_backend_pid(), func.pg_sleep(bindparam("seconds", type_=Float)))
)
# Fails on the server (division by zero) for divisor 0.
DIVIDE = CompiledRead(select(literal_column("1") / bindparam("divisor")))


@pytest.fixture
async def database_url(fresh_database) -> str:
    return await asyncio.to_thread(fresh_database)


@pytest.fixture
async def pool(database_url) -> AsyncIterator[ReadPool]:
    pool = ReadPool(database_url, size=3)
    yield pool
    await pool.close()


async def pid(pool: ReadPool, seconds: float = 0) -> int:
    return await pool.run("fetchval", PID_AFTER, {"seconds": seconds})


async def backends(url: str) -> set[int]:
    """The pids of the database's client backends, seen from a separate connection."""
    admin = await asyncpg.connect(url)
    try:
        rows = await admin.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'",
            make_url(url).database,
        )
    finally:
        await admin.close()
    return {row["pid"] for row in rows}


async def test_concurrent_reads_share_at_most_size_connections(pool):
    pids = await asyncio.gather(*(pid(pool, 0.05) for _ in range(12)))
    assert len(set(pids)) == 3


async def test_sequential_reads_reuse_one_connection(pool):
    assert len({await pid(pool) for _ in range(5)}) == 1


async def test_a_statement_error_keeps_the_connection(pool):
    first = await pid(pool)
    with pytest.raises(asyncpg.DivisionByZeroError):
        await pool.run("fetchval", DIVIDE, {"divisor": 0})
    assert await pool.run("fetchval", DIVIDE, {"divisor": 1}) == 1
    assert await pid(pool) == first


async def test_a_read_cancelled_mid_statement_is_cancelled_on_the_server_too(pool, database_url):
    slow = asyncio.create_task(pid(pool, 30))
    await asyncio.sleep(0.3)
    (backend,) = await backends(database_url)
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow
    # The next read reuses the connection once the cancellation is acknowledged: well before
    # the 30 s sleep would have ended on its own.
    assert await asyncio.wait_for(pid(pool), 10) == backend


async def test_a_cancelled_waiter_does_not_lose_a_slot(database_url):
    pool = ReadPool(database_url, size=1)
    try:
        busy = asyncio.create_task(pid(pool, 0.3))
        await asyncio.sleep(0.05)
        waiting = asyncio.create_task(pid(pool))
        await asyncio.sleep(0.05)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        holder = await busy
        # The one connection is still lent out in turn, to every later read.
        assert (
            await asyncio.wait_for(asyncio.gather(*(pid(pool) for _ in range(4))), 10)
            == [holder] * 4
        )
    finally:
        await pool.close()


async def test_reads_wait_in_order_for_a_full_pool(database_url):
    pool = ReadPool(database_url, size=1)
    finished: list[int] = []

    async def read(number: int) -> None:
        await pid(pool, 0.02)
        finished.append(number)

    try:
        await asyncio.gather(*(read(number) for number in range(6)))
        assert finished == list(range(6))
    finally:
        await pool.close()


async def test_close_closes_idle_connections_now_and_lent_ones_on_return(pool, database_url):
    slow = asyncio.create_task(pid(pool, 0.5))
    await asyncio.sleep(0.1)
    idle = await pid(pool)  # a second connection, idle once this read is done
    await pool.close()
    lent = await slow
    assert lent != idle
    for _ in range(50):
        if not await backends(database_url) & {idle, lent}:
            break
        await asyncio.sleep(0.1)
    assert not await backends(database_url) & {idle, lent}
    assert await pid(pool) not in {idle, lent}  # usable again: it opens a new connection
