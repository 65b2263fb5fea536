"""A gRPC-Web client over plain HTTP/1.1 (httpx), as a browser library speaks it to Envoy.

Messages are framed as flag byte + 4-byte big-endian length + payload; the last frame (flag
0x80) carries the trailers as HTTP header lines.
"""

from __future__ import annotations

import base64
import struct
import urllib.parse
from dataclasses import dataclass, field

import httpx
from google.protobuf.message import Message
from google.rpc import status_pb2

TRAILERS = 0x80


@dataclass
class GrpcWebReply:
    """What a gRPC-Web call returned: HTTP status, messages and trailers."""

    http_status: int
    headers: httpx.Headers
    messages: list = field(default_factory=list)
    trailers: dict[str, str] = field(default_factory=dict)

    @property
    def code(self) -> int:
        return int(self.trailers.get("grpc-status", "2"))

    @property
    def message(self) -> str:
        return urllib.parse.unquote(self.trailers.get("grpc-message", ""))

    @property
    def status(self) -> status_pb2.Status | None:
        """The google.rpc.Status with details, when the server sent one."""
        encoded = self.trailers.get("grpc-status-details-bin")
        if not encoded:
            return None
        return status_pb2.Status.FromString(base64.b64decode(encoded + "=" * (-len(encoded) % 4)))


def frame(message: Message) -> bytes:
    payload = message.SerializeToString()
    return struct.pack(">BI", 0, len(payload)) + payload


def _frames(buffer: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    frames, position = [], 0
    while len(buffer) - position >= 5:
        flag, length = struct.unpack(">BI", buffer[position : position + 5])
        if len(buffer) - position - 5 < length:
            break
        frames.append((flag, buffer[position + 5 : position + 5 + length]))
        position += 5 + length
    return frames, buffer[position:]


def _trailers(payload: bytes) -> dict[str, str]:
    lines = payload.decode("latin-1").split("\r\n")
    pairs = (line.partition(":") for line in lines if line)
    return {name.strip().lower(): value.strip() for name, _, value in pairs}


async def call(
    client: httpx.AsyncClient,
    method: str,
    request: Message,
    response_type: type[Message],
    headers: dict[str, str] | None = None,
) -> GrpcWebReply:
    """POSTs one gRPC-Web call (binary mode) and reads every message and the trailers."""
    wire = {
        "content-type": "application/grpc-web+proto",
        "accept": "application/grpc-web+proto",
        "x-grpc-web": "1",
        **(headers or {}),
    }
    async with client.stream("POST", method, content=frame(request), headers=wire) as response:
        reply = GrpcWebReply(response.status_code, response.headers)
        for name in ("grpc-status", "grpc-message", "grpc-status-details-bin"):
            if name in response.headers:  # trailers-only: an error before any message
                reply.trailers[name] = response.headers[name]
        buffer = b""
        async for chunk in response.aiter_bytes():
            frames, buffer = _frames(buffer + chunk)
            for flag, payload in frames:
                if flag & TRAILERS:
                    reply.trailers.update(_trailers(payload))
                else:
                    reply.messages.append(response_type.FromString(payload))
    return reply
