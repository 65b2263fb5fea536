"""A fake OpenAI-compatible chat server on loopback, for tests (no internet here)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

# --- a fake OpenAI-compatible server -------------------------------------------------------


class Request:
    def __init__(self, method: str, path: str, headers: dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    @property
    def json(self) -> dict:
        return json.loads(self.body)


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    line = await reader.readline()
    if not line:
        return None
    method, path, _ = line.decode().split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        header = (await reader.readline()).decode()
        if header in ("\r\n", "\n", ""):
            break
        name, _, value = header.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Request(method, path, headers, body)


Handler = Callable[[Request, asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class FakeServer:
    """Plain HTTP/1.1 on 127.0.0.1:0; `handler` answers each request, `requests` records them."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.handler: Handler | None = None
        self.eof = asyncio.Event()
        self.server: asyncio.Server | None = None
        self.tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)

    @property
    def port(self) -> int:
        return self.server.sockets[0].getsockname()[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.tasks.add(asyncio.current_task())
        try:
            request = await read_request(reader)
            if request is None:
                return
            self.requests.append(request)
            await self.handler(request, reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # the client went away, or the test is over
        finally:
            writer.close()
            self.tasks.discard(asyncio.current_task())

    async def close(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.server.close()
        await self.server.wait_closed()


def event(payload: dict) -> bytes:
    return f"data: {json.dumps(payload)}\n\n".encode()


def chunk(delta: dict, finish: str | None = None, model: str = "fake-model") -> bytes:
    return event(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion.chunk",
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
    )


def usage_chunk(prompt: int, completion: int) -> bytes:
    return event(
        {
            "id": "chatcmpl-1",
            "model": "fake-model",
            "choices": [],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        }
    )


DONE = b"data: [DONE]\n\n"


async def send_sse(
    writer: asyncio.StreamWriter, pieces: list[bytes | float | asyncio.Event]
) -> None:
    """A chunked text/event-stream; a float in pieces is a pause in seconds, an Event a pause
    until it is set."""
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    for piece in pieces:
        if isinstance(piece, float):
            await asyncio.sleep(piece)
            continue
        if isinstance(piece, asyncio.Event):
            await piece.wait()
            continue
        writer.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        await writer.drain()
    writer.write(b"0\r\n\r\n")
    await writer.drain()


def sse_handler(pieces: list[bytes | float | asyncio.Event]) -> Handler:
    async def handle(request, reader, writer):
        await send_sse(writer, pieces)

    return handle


def status_handler(status: int, body: dict | str) -> Handler:
    async def handle(request, reader, writer):
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        writer.write(
            f"HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
            + data
        )
        await writer.drain()

    return handle
