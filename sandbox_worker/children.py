"""The worker's side of the zygote: pre-forked children, jobs in, results out.

One `ChildPool` owns one zygote process. It keeps a few isolated children forked ahead of demand
(so a run does not wait for fork), hands each child exactly one job, and turns what comes back
(result bytes, exit status, deadline) into an `Outcome`. Results are read as untrusted bytes:
after user code ran, nothing the child says can be taken on trust.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
from collections import deque
from dataclasses import dataclass
from typing import Any

import structlog

from sandbox_worker import metrics
from sandbox_worker.zygote import HEADER, MAX_PACKET

log = structlog.get_logger("agentbuilder.sandbox")


# What the zygote's interpreter needs to start the same way the worker did; no secrets.
_PASSED_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "PYTHONPATH", "PYTHONHASHSEED")


def _zygote_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in _PASSED_ENVIRONMENT if name in os.environ}


class ZygoteUnavailable(Exception):
    """The zygote is not running (it died or the pool is closed)."""


@dataclass
class Child:
    """A forked, isolated child waiting for its one job."""

    pid: int
    job_fd: int
    result_fd: int
    exited: asyncio.Future[dict[str, Any]]

    def close_job(self) -> None:
        """Closes the job pipe (the child then sees EOF); safe to call twice."""
        if self.job_fd >= 0:
            os.close(self.job_fd)
            self.job_fd = -1  # descriptor numbers are reused: never close one twice

    def close_fds(self) -> None:
        self.close_job()
        if self.result_fd >= 0:
            os.close(self.result_fd)
            self.result_fd = -1


class ChildPool:
    """Owns the zygote and a small stock of pre-forked children."""

    def __init__(self, config: dict[str, Any], prefork: int) -> None:
        self.config = config
        self.prefork = prefork
        self.process: asyncio.subprocess.Process | None = None
        self.control: socket.socket | None = None
        self.ready_children: deque[Child] = deque()
        self.child_waiters: deque[asyncio.Future[Child]] = deque()
        self.pending_forks = 0
        self.exits: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.layers: dict[str, bool] = {}
        self.warnings: list[str] = []
        self._ready: asyncio.Future[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- lifecycle

    async def start(self) -> None:
        """Starts the zygote; returns once it reported which isolation layers it applies."""
        self._loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # A fresh interpreter (fork + exec), so the zygote shares nothing with this process.
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "sandbox_worker.zygote",
            str(theirs.fileno()),
            json.dumps(self.config),
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            # Nothing of the worker's environment (database URLs, keys) reaches the zygote, so
            # none of it is in any child's memory either.
            env=_zygote_environment(),
        )
        theirs.close()
        ours.setblocking(False)
        self.control = ours
        self._ready = self._loop.create_future()
        self._loop.add_reader(ours.fileno(), self._on_control)
        await self._ready
        for warning in self.warnings:
            log.warning("sandbox isolation degraded", reason=warning)
        self._top_up()

    async def close(self) -> None:
        """Stops the zygote; it kills any child still running."""
        if self.control is not None and self._loop is not None:
            self._loop.remove_reader(self.control.fileno())
            self.control.close()
            self.control = None
        while self.ready_children:
            self.ready_children.popleft().close_fds()
        if self.process is not None:
            try:
                await asyncio.wait_for(self.process.wait(), 5)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        self._fail_everything(ZygoteUnavailable("the sandbox is shutting down"))

    @property
    def alive(self) -> bool:
        return (
            self.control is not None
            and self.process is not None
            and self.process.returncode is None
        )

    # --- messages from the zygote

    def _send(self, message: dict[str, Any]) -> None:
        if self.control is None:
            raise ZygoteUnavailable("the sandbox zygote is not running")
        try:
            self.control.send(json.dumps(message).encode())
        except OSError as error:
            raise ZygoteUnavailable(f"the sandbox zygote is gone: {error}") from error

    def _on_control(self) -> None:
        assert self.control is not None
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self.control, MAX_PACKET, 2)
            except BlockingIOError:
                return
            except OSError:
                data, fds = b"", []
            if not data:
                self._on_zygote_lost()
                return
            self._dispatch(json.loads(data), fds)

    def _dispatch(self, message: dict[str, Any], fds: list[int]) -> None:
        op = message["op"]
        if op == "ready":
            self.layers = message["layers"]
            self.warnings = message["warnings"]
            if self._ready and not self._ready.done():
                self._ready.set_result(None)
        elif op == "forked":
            assert self._loop is not None
            self.pending_forks -= 1
            pid = message["pid"]
            exited = self.exits.setdefault(pid, self._loop.create_future())
            # Runs answered from a complete result never read their exit: don't warn about it.
            exited.add_done_callback(lambda future: future.cancelled() or future.exception())
            for fd in fds:
                os.set_blocking(fd, False)
            child = Child(pid, fds[0], fds[1], exited)
            while self.child_waiters:
                waiter = self.child_waiters.popleft()
                if not waiter.done():
                    waiter.set_result(child)
                    return
            self.ready_children.append(child)
            metrics.CHILDREN_READY.set(len(self.ready_children))
        elif op == "exited":
            assert self._loop is not None
            exited = self.exits.pop(message["pid"], None)
            if exited is None:
                return
            if not exited.done():
                exited.set_result(message)

    def _on_zygote_lost(self) -> None:
        log.error("sandbox zygote exited")
        if self.control is not None and self._loop is not None:
            self._loop.remove_reader(self.control.fileno())
            self.control.close()
            self.control = None
        if self._ready and not self._ready.done():
            self._ready.set_exception(ZygoteUnavailable("the sandbox zygote failed to start"))
        self._fail_everything(ZygoteUnavailable("the sandbox zygote exited"))

    def _fail_everything(self, error: Exception) -> None:
        for exited in self.exits.values():
            if not exited.done():
                exited.set_exception(error)
        self.exits.clear()
        while self.child_waiters:
            waiter = self.child_waiters.popleft()
            if not waiter.done():
                waiter.set_exception(error)
        while self.ready_children:
            self.ready_children.popleft().close_fds()

    # --- children

    def _top_up(self) -> None:
        """Forks until ready + requested children cover the stock and everyone waiting."""
        wanted = self.prefork + len(self.child_waiters)
        while len(self.ready_children) + self.pending_forks < wanted:
            self._send({"op": "fork"})
            self.pending_forks += 1

    async def take_child(self) -> Child:
        """A fresh child for one job (forked now if the stock is empty)."""
        assert self._loop is not None
        if self.ready_children:
            # The replacement is forked when this run ends (see run): forking now would compete
            # for the CPU with the run that is about to start.
            child = self.ready_children.popleft()
            metrics.CHILDREN_READY.set(len(self.ready_children))
            return child
        waiter: asyncio.Future[Child] = self._loop.create_future()
        self.child_waiters.append(waiter)
        self._top_up()
        return await waiter

    async def run(self, child: Child, job: bytes, timeout_ms: int, max_result: int) -> bytes | None:
        """Gives the child its job and reads its result: the bytes, or None if over max_result.

        The deadline is armed before the job is written; the zygote kills the child when it
        passes. A child whose result is too large is killed, and so is the child of a caller
        that is cancelled. EOF on the result pipe means the child is exiting or dead; whether a
        result is complete is for the caller to judge (see `exit_status`).
        """
        try:
            self._send({"op": "start", "pid": child.pid, "timeout_ms": timeout_ms})
            await self._write_all(child.job_fd, job)
            child.close_job()
            result = await self._read_result(child.result_fd, max_result)
            if result is None:
                self._send({"op": "kill", "pid": child.pid})
            return result
        except BaseException:
            with contextlib.suppress(ZygoteUnavailable):
                self._send({"op": "kill", "pid": child.pid})
            raise
        finally:
            child.close_fds()
            with contextlib.suppress(ZygoteUnavailable):
                self._top_up()

    async def exit_status(self, child: Child) -> tuple[int, bool]:
        """How the child ended: (returncode, killed at its deadline)."""
        message = await child.exited
        return message["returncode"], message["timed_out"]

    async def _write_all(self, fd: int, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(fd, view) :]
            except BlockingIOError:
                await self._wait_fd(fd, writable=True)
            except BrokenPipeError:
                return  # the child died before reading its job; its exit status tells why

    async def _read_result(self, fd: int, limit: int) -> bytes | None:
        """Reads a length-prefixed result; stops at its end (or at EOF if the child died)."""
        data = bytearray()
        expected: int | None = None
        while expected is None or len(data) < expected:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                await self._wait_fd(fd, writable=False)
                continue
            if not chunk:
                return b""  # died before finishing its result: the exit status tells why
            data += chunk
            if expected is None and len(data) >= HEADER.size:
                expected = HEADER.size + HEADER.unpack_from(data)[0]
                if expected > limit:
                    return None
        return bytes(data[HEADER.size : expected])

    async def _wait_fd(self, fd: int, writable: bool) -> None:
        assert self._loop is not None
        ready = self._loop.create_future()
        add, remove = (
            (self._loop.add_writer, self._loop.remove_writer)
            if writable
            else (self._loop.add_reader, self._loop.remove_reader)
        )
        add(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            remove(fd)
