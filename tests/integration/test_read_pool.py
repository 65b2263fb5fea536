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
from tests.helpers import disconnect_everyone

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


async def activity(url: str, query: str, *args: object) -> list:
    """Rows of a query on pg_stat_activity, from a connection of its own (not the pool's)."""
    admin = await asyncpg.connect(url)
    try:
        return await admin.fetch(query, *args)
    finally:
        await admin.close()


async def backends(url: str) -> set[int]:
    """The pids of the database's client backends."""
    rows = await activity(
        url,
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() "
        "AND backend_type = 'client backend'",
        make_url(url).database,
    )
    return {row["pid"] for row in rows}


async def sleeping(url: str) -> list[int]:
    """The pids of the backends running pg_sleep right now."""
    rows = await activity(
        url,
        "SELECT pid FROM pg_stat_activity WHERE state = 'active' "
        "AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()",
    )
    return [row["pid"] for row in rows]


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


async def test_an_argument_asyncpg_cannot_encode_keeps_the_connection(pool):
    first = await pid(pool)
    with pytest.raises(asyncpg.DataError, match="invalid input"):  # a bug of ours, not the server
        await pid(pool, "soon")
    assert await pid(pool) == first


async def eventually(check, seconds: float = 10) -> None:
    """Polls the coroutine function `check` until it returns true, or fails after `seconds`."""
    async with asyncio.timeout(seconds):
        while not await check():  # noqa: ASYNC110 - polls PostgreSQL: no event to wait on
            await asyncio.sleep(0.05)


async def sleeping_backend(url: str) -> int:
    """The pid of the one backend running pg_sleep, once it runs."""
    found: list[int] = []

    async def running() -> bool:
        found[:] = await sleeping(url)
        return len(found) == 1

    await eventually(running)
    return found[0]


async def test_a_read_cancelled_mid_statement_is_cancelled_on_the_server_too(pool, database_url):
    slow = asyncio.create_task(pid(pool, 30))
    backend = await sleeping_backend(database_url)
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow

    # PostgreSQL stops the statement: well before the 30 s sleep would have ended on its own.
    async def stopped() -> bool:
        query = "SELECT state FROM pg_stat_activity WHERE pid = $1"
        return [row["state"] for row in await activity(database_url, query, backend)] == ["idle"]

    await eventually(stopped)

    # And the connection is lent again once the cancellation is confirmed.
    async def reused() -> bool:
        return backend in await asyncio.gather(*(pid(pool, 0.05) for _ in range(3)))

    await eventually(reused)


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


async def test_a_waiter_cancelled_as_it_is_handed_a_connection_gives_it_back(database_url):
    pool = ReadPool(database_url, size=1)

    async def queue_up() -> int:
        await asyncio.sleep(0.05)  # after this test's read below has the only connection
        return await pid(pool)

    try:
        waiting = asyncio.create_task(queue_up())
        # This read hands its connection to the waiter as it returns; the waiter is cancelled
        # in the same turn of the loop, before it runs.
        holder = await pid(pool, 0.3)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert await asyncio.wait_for(pid(pool), 10) == holder
    finally:
        await pool.close()


async def test_after_losing_its_connections_mid_read_the_pool_recovers_within_its_size(
    pool, database_url
):
    reads = [asyncio.create_task(pid(pool, 5)) for _ in range(3)]

    async def all_sleeping() -> bool:
        return len(await sleeping(database_url)) == 3

    await eventually(all_sleeping)
    await disconnect_everyone(database_url, database_url)
    for outcome in await asyncio.gather(*reads, return_exceptions=True):
        assert isinstance(outcome, asyncpg.PostgresConnectionError | asyncpg.InterfaceError)
    pids = await asyncio.gather(*(pid(pool, 0.05) for _ in range(12)))
    assert len(set(pids)) <= 3
    assert len(await backends(database_url)) <= 3


async def test_close_closes_idle_connections_now_and_lent_ones_on_return(database_url):
    pool = ReadPool(database_url, size=1)
    slow = asyncio.create_task(pid(pool, 0.5))
    lent = await sleeping_backend(database_url)
    waiting = asyncio.create_task(pid(pool))
    await asyncio.sleep(0.05)
    await pool.close()
    with pytest.raises(asyncpg.InterfaceError, match="closed"):
        await waiting  # a read waiting for a connection fails at once
    assert await slow == lent  # the read in flight finishes

    async def gone() -> bool:
        return lent not in await backends(database_url)

    await eventually(gone)
    with pytest.raises(asyncpg.InterfaceError, match="closed"):
        await pid(pool)
