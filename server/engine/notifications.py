"""PostgreSQL LISTEN on one connection per server, fanned out to streams and the runner.

Notifications only say "look again" (their payloads are ids): the database stays the source of
truth. After a lost connection every subscriber is woken once, so nothing committed meanwhile is
missed; subscribers also re-read on a timer as a last resort.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator

import asyncpg
import structlog

from server.persistence.executions import CONTROL_CHANNEL, EVENTS_CHANNEL, QUEUE_CHANNEL

log = structlog.get_logger("agentbuilder.notifications")

RECONNECT_SECONDS = 1.0


class Notifications:
    """The server's one LISTEN connection and who wants to hear about what."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.subscribers: dict[uuid.UUID, set[asyncio.Event]] = defaultdict(set)
        self.on_queue: Callable[[], None] = lambda: None
        self.on_cancel: Callable[[uuid.UUID], None] = lambda execution_id: None
        self._connection: asyncpg.Connection | None = None
        self._keeper: asyncio.Task | None = None
        self._lost = asyncio.Event()
        self.connected = asyncio.Event()

    async def start(self) -> None:
        self._keeper = asyncio.create_task(self._keep_listening())
        await asyncio.wait_for(self.connected.wait(), 30)

    async def close(self) -> None:
        if self._keeper:
            self._keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeper
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close()

    @contextlib.contextmanager
    def subscribe(self, execution_id: uuid.UUID) -> Iterator[asyncio.Event]:
        """An event set whenever the execution may have new events (subscribe, then read)."""
        wake = asyncio.Event()
        self.subscribers[execution_id].add(wake)
        try:
            yield wake
        finally:
            self.subscribers[execution_id].discard(wake)
            if not self.subscribers[execution_id]:
                del self.subscribers[execution_id]

    def _wake(self, execution_id: uuid.UUID) -> None:
        for wake in self.subscribers.get(execution_id, ()):
            wake.set()

    def _wake_everyone(self) -> None:
        for wakes in self.subscribers.values():
            for wake in wakes:
                wake.set()
        self.on_queue()

    def _dispatch(self, connection: object, pid: int, channel: str, payload: str) -> None:
        try:
            if channel == EVENTS_CHANNEL:
                self._wake(uuid.UUID(payload))
            elif channel == QUEUE_CHANNEL:
                self.on_queue()
            elif channel == CONTROL_CHANNEL and payload.startswith("cancel:"):
                self.on_cancel(uuid.UUID(payload.removeprefix("cancel:")))
        except ValueError:
            log.warning("malformed notification", channel=channel)

    async def _keep_listening(self) -> None:
        while True:
            try:
                connection = await asyncpg.connect(self.database_url)
                self._lost.clear()
                connection.add_termination_listener(lambda _: self._lost.set())
                for channel in (EVENTS_CHANNEL, QUEUE_CHANNEL, CONTROL_CHANNEL):
                    await connection.add_listener(channel, self._dispatch)
                self._connection = connection
                self.connected.set()
                self._wake_everyone()  # whatever happened while we were not listening
                await self._lost.wait()
                log.warning("notification connection lost; reconnecting")
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.warning("cannot listen for notifications", error=str(error))
            self.connected.clear()
            await asyncio.sleep(RECONNECT_SECONDS)
