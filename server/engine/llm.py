"""LLM providers behind one interface, used by the runner's LLM and agent nodes.

- `OpenAICompatibleProvider` streams `POST {base_url}/chat/completions` (OpenAI, vLLM, Ollama,
  LM Studio, ...) and reassembles content and tool-call deltas from the server-sent events.
- `ScriptedProvider` is deterministic and offline, for demos and tests (format below).
- `provider_for` picks one from an agent's or node's LLM config; `Prices` turns usage into cost.

Every failure is an `LlmError` with a `kind` and whether retrying may help; cancelling the
calling task closes the HTTP stream at once.

Scripted provider format (JSON, all keys optional)::

    {"echo": true}                  answer every call with the last user message (the default,
                                    also when the script is missing or empty)
    {"replies": [REPLY, ...],       replies[i] answers a call whose messages already hold i
                                    assistant messages, so an agent loop walks the list turn by
                                    turn and a retried or resumed call gets the same answer
     "then": "echo",                past the end of the list: "echo" (default), "last" (repeat
                                    the last reply) or "error" (LlmError kind "script_exhausted")
     "token_delay_ms": 0}           pause between streamed tokens (to demo streaming and cancel)

    REPLY is "text" (content only), or an object with any of
      "content": "text",
      "tool_calls": [{"name": "calculator", "arguments": {"expression": "1+1"}, "id": "c1"}],
      "finish_reason": "stop"       (default "tool_calls" when there are tool calls, else "stop")
    or {"echo": true} (this turn echoes), or
      {"error": {"kind": "server", "message": "boom", "retryable": true}} (the call fails).

Content is streamed in whitespace-separated pieces (each piece keeps the whitespace before it,
so the pieces join back to the content); tool-call ids default to "call_<turn>_<position>".
Usage counts whitespace-separated words: prompt = every message's content plus its tool calls'
names and JSON arguments, completion = the same for the reply. `max_tokens` cuts the content
to that many words with finish_reason "length".
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

OnToken = Callable[[str], Awaitable[None]]

ERROR_BODY_LIMIT = 4096  # bytes of an error response read for its message
JSON_BODY_LIMIT = 4 * 1024 * 1024  # a non-streamed answer (server ignored stream: true)
MESSAGE_LIMIT = 500  # characters of a server's error message kept


@dataclass(slots=True)
class ToolCall:
    """A tool call requested by the model.

    `invalid_arguments` keeps the raw text when the model's arguments were not a JSON object
    (then `arguments` is empty); the agent loop reports that back to the model.
    """

    id: str
    name: str
    arguments: dict[str, Any]
    invalid_arguments: str | None = None

    def arguments_json(self) -> str:
        """The arguments as sent on the wire."""
        if self.invalid_arguments is not None:
            return self.invalid_arguments
        return json.dumps(self.arguments, ensure_ascii=False)


@dataclass(slots=True)
class ChatMessage:
    """One chat message: system, user, assistant (maybe with tool calls) or tool (a result)."""

    role: str
    content: str | None
    tool_calls: list[ToolCall] = field(default_factory=list)
    tool_call_id: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible form (for step records and events)."""
        out: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.tool_calls:
            out["tool_calls"] = [
                {"id": call.id, "name": call.name, "arguments": call.arguments}
                for call in self.tool_calls
            ]
        if self.tool_call_id is not None:
            out["tool_call_id"] = self.tool_call_id
        if self.name is not None:
            out["name"] = self.name
        return out


@dataclass(slots=True)
class ToolSpec:
    """A tool as the model sees it: name, description, JSON Schema of its arguments."""

    name: str
    description: str
    parameters: dict[str, Any]


@dataclass(slots=True)
class Usage:
    """Tokens spent by one call (or, summed, by several)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )


@dataclass(slots=True)
class Completion:
    """One model turn: the assistant message, its usage, why it stopped, the model that ran."""

    message: ChatMessage
    usage: Usage
    finish_reason: str
    model: str


class LlmError(Exception):
    """An LLM call (or agent loop) failed.

    kind: "auth", "bad_request", "rate_limited", "server", "timeout", "connection",
    "protocol" (a response we cannot read), "config" (bad provider config), "max_steps",
    "script_exhausted" (scripted provider). `retryable` says whether the same call may succeed
    later. Messages never contain the API key. The agent loop attaches what it spent before
    failing as `usage` and `steps`.
    """

    def __init__(self, kind: str, message: str, retryable: bool = False) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.retryable = retryable
        self.usage: Usage | None = None
        self.steps: list[dict[str, Any]] = []


class LlmProvider(Protocol):
    """Anything that completes a chat: one model turn, streamed through on_token."""

    async def complete(
        self,
        *,
        model: str,
        messages: list[ChatMessage],
        tools: Sequence[ToolSpec] = (),
        temperature: float | None = None,
        max_tokens: int | None = None,
        on_token: OnToken | None = None,
    ) -> Completion:
        """Runs one model turn; on_token receives each content delta as it arrives."""
        ...


# --- OpenAI-compatible HTTP ---------------------------------------------------------------


def estimate_tokens(text: str) -> int:
    """Token estimate when a server reports no usage: one per four characters, rounded up.

    (OpenAI's rule of thumb for English; good enough for cost estimates, not for limits.)
    """
    return math.ceil(len(text) / 4)


def _message_text(message: ChatMessage) -> str:
    parts = [message.content or ""]
    for call in message.tool_calls:
        parts += [call.name, call.arguments_json()]
    return " ".join(part for part in parts if part)


def _wire_message(message: ChatMessage) -> dict[str, Any]:
    out: dict[str, Any] = {"role": message.role, "content": message.content}
    if message.tool_calls:
        out["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments_json()},
            }
            for call in message.tool_calls
        ]
    if message.tool_call_id is not None:
        out["tool_call_id"] = message.tool_call_id
    if message.name is not None:
        out["name"] = message.name
    return out


def _wire_tool(spec: ToolSpec) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": spec.name,
            "description": spec.description,
            "parameters": spec.parameters or {"type": "object", "properties": {}},
        },
    }


def _parse_arguments(raw: str) -> tuple[dict[str, Any], str | None]:
    """Arguments text to a dict; (empty, raw) when it is not a JSON object."""
    if not raw.strip():
        return {}, None
    try:
        value = json.loads(raw)
    except ValueError:
        return {}, raw
    if not isinstance(value, dict):
        return {}, raw
    return value, None


class _Stream:
    """Accumulates the chunks of one streamed completion."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.content: list[str] = []
        self.calls: dict[int, dict[str, Any]] = {}
        self.usage: Usage | None = None
        self.finish_reason: str | None = None

    def feed(self, chunk: Any) -> str:
        """Takes one chunk; returns its content delta ("" if none). Raises LlmError."""
        try:
            return self._feed(chunk)
        except LlmError:
            raise
        except (AttributeError, TypeError, ValueError, KeyError) as error:
            raise LlmError("protocol", f"unexpected chunk shape ({error})") from None

    def _feed(self, chunk: Any) -> str:
        if not isinstance(chunk, dict):
            raise LlmError("protocol", "a stream chunk is not a JSON object")
        if chunk.get("error"):
            raise _stream_error(chunk["error"])
        if isinstance(chunk.get("model"), str) and chunk["model"]:
            self.model = chunk["model"]
        if chunk.get("usage"):
            usage = chunk["usage"]
            self.usage = Usage(
                int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
            )
        delta_text = ""
        for choice in chunk.get("choices") or []:
            if choice.get("index", 0) != 0:
                continue  # n > 1 is never requested
            delta = choice.get("delta") or choice.get("message") or {}
            content = delta.get("content")
            if isinstance(content, str) and content:
                self.content.append(content)
                delta_text += content
            for position, part in enumerate(delta.get("tool_calls") or []):
                index = int(part.get("index", position))
                call = self.calls.setdefault(index, {"id": "", "name": "", "arguments": []})
                if part.get("id"):
                    call["id"] = part["id"]
                function = part.get("function") or {}
                if function.get("name"):
                    call["name"] = function["name"]
                arguments = function.get("arguments")
                if isinstance(arguments, str):
                    call["arguments"].append(arguments)
                elif isinstance(arguments, dict):  # some servers send an object
                    call["arguments"].append(json.dumps(arguments))
            if choice.get("finish_reason"):
                self.finish_reason = str(choice["finish_reason"])
        return delta_text

    def completion(self, prompt: list[ChatMessage], tools: Sequence[ToolSpec]) -> Completion:
        calls = []
        for index in sorted(self.calls):
            part = self.calls[index]
            arguments, invalid = _parse_arguments("".join(part["arguments"]))
            calls.append(
                ToolCall(
                    id=part["id"] or f"call_{index}",
                    name=part["name"],
                    arguments=arguments,
                    invalid_arguments=invalid,
                )
            )
        text = "".join(self.content)
        message = ChatMessage(
            role="assistant", content=text if self.content or not calls else None, tool_calls=calls
        )
        usage = self.usage
        if usage is None:
            prompt_text = " ".join(_message_text(m) for m in prompt)
            if tools:
                prompt_text += json.dumps([_wire_tool(t) for t in tools])
            usage = Usage(estimate_tokens(prompt_text), estimate_tokens(_message_text(message)))
        finish = self.finish_reason or ("tool_calls" if calls else "stop")
        return Completion(message=message, usage=usage, finish_reason=finish, model=self.model)


def _stream_error(error: Any) -> LlmError:
    """An error object sent inside a 200 stream."""
    if isinstance(error, dict):
        message = str(error.get("message") or error)
        kind = "bad_request" if error.get("type") == "invalid_request_error" else "server"
    else:
        message, kind = str(error), "server"
    return LlmError(
        kind, f"the server reported an error: {message[:MESSAGE_LIMIT]}", kind == "server"
    )


async def _sse_data(lines: AsyncIterator[str]) -> AsyncIterator[str]:
    """Yields the data of each server-sent event (multi-line data joined with newlines)."""
    data: list[str] = []
    async for line in lines:
        if line == "":
            if data:
                yield "\n".join(data)
                data = []
            continue
        if line.startswith(":"):
            continue  # comment / keep-alive
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            data.append(value)
        elif name not in ("event", "id", "retry"):
            raise LlmError("protocol", f"not a server-sent event line: {line[:80]!r}")
    if data:
        yield "\n".join(data)


async def _read_capped(response: httpx.Response, limit: int) -> bytes:
    body = bytearray()
    async for piece in response.aiter_bytes():
        body += piece
        if len(body) >= limit:
            break
    return bytes(body[:limit])


class OpenAICompatibleProvider:
    """Streams chat completions from an OpenAI-compatible HTTP API.

    timeout_s bounds connecting and every read, i.e. the longest silence within a stream.
    Without a `client`, each call opens (and closes) its own; a given client is used as is
    and never closed here.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str | None,
        timeout_s: float = 60,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key or None
        self._timeout = httpx.Timeout(timeout_s)
        self._client = client

    def __repr__(self) -> str:
        return f"OpenAICompatibleProvider(base_url={self.base_url!r})"

    def _scrub(self, text: str) -> str:
        if self._api_key:
            text = text.replace(self._api_key, "[redacted]")
        return text

    async def complete(
        self,
        *,
        model: str,
        messages: list[ChatMessage],
        tools: Sequence[ToolSpec] = (),
        temperature: float | None = None,
        max_tokens: int | None = None,
        on_token: OnToken | None = None,
    ) -> Completion:
        """Runs one streamed chat completion (max_tokens None or 0: the server's default)."""
        body: dict[str, Any] = {
            "model": model,
            "messages": [_wire_message(m) for m in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if tools:
            body["tools"] = [_wire_tool(t) for t in tools]
        if temperature is not None:
            body["temperature"] = temperature
        if max_tokens:
            body["max_tokens"] = max_tokens
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        try:
            if self._client is not None:
                return await self._call(self._client, body, headers, messages, tools, on_token)
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                return await self._call(client, body, headers, messages, tools, on_token)
        except httpx.TimeoutException as error:
            raise LlmError(
                "timeout", f"no answer from {self.base_url} in time ({type(error).__name__})", True
            ) from None
        except httpx.UnsupportedProtocol:
            raise LlmError("config", f"base_url {self.base_url!r} is not http(s)") from None
        except httpx.TransportError as error:
            detail = self._scrub(str(error))[:MESSAGE_LIMIT] or type(error).__name__
            raise LlmError("connection", f"{self.base_url}: {detail}", True) from None
        except httpx.InvalidURL:
            raise LlmError("config", f"base_url {self.base_url!r} is not a valid URL") from None
        except httpx.HTTPError as error:  # anything else httpx raises (e.g. decoding)
            detail = self._scrub(str(error))[:MESSAGE_LIMIT]
            raise LlmError("protocol", f"{type(error).__name__}: {detail}") from None

    async def _call(
        self,
        client: httpx.AsyncClient,
        body: dict[str, Any],
        headers: dict[str, str],
        messages: list[ChatMessage],
        tools: Sequence[ToolSpec],
        on_token: OnToken | None,
    ) -> Completion:
        url = f"{self.base_url}/chat/completions"
        async with client.stream(
            "POST", url, json=body, headers=headers, timeout=self._timeout
        ) as response:
            if response.status_code >= 300:
                raise self._http_error(
                    response.status_code, await _read_capped(response, ERROR_BODY_LIMIT)
                )
            stream = _Stream(body["model"])
            content_type = response.headers.get("content-type", "")
            if "event-stream" not in content_type and "json" in content_type:
                # The server ignored stream: true and answered with one JSON completion.
                raw = await _read_capped(response, JSON_BODY_LIMIT)
                try:
                    delta = stream.feed(json.loads(raw))
                except ValueError:
                    raise LlmError("protocol", "the response is not valid JSON") from None
                if delta and on_token is not None:
                    await on_token(delta)
                return stream.completion(messages, tools)
            done = False
            async with contextlib.aclosing(_sse_data(response.aiter_lines())) as events:
                async for data in events:
                    if data.strip() == "[DONE]":
                        done = True
                        break
                    try:
                        chunk = json.loads(data)
                    except ValueError:
                        raise LlmError(
                            "protocol", f"a stream event is not JSON: {self._scrub(data)[:80]!r}"
                        ) from None
                    delta = stream.feed(chunk)
                    if delta and on_token is not None:
                        await on_token(delta)
            if not done and stream.finish_reason is None:
                raise LlmError("protocol", "the stream ended before the completion did", True)
            return stream.completion(messages, tools)

    def _http_error(self, status: int, raw: bytes) -> LlmError:
        text = raw.decode("utf-8", errors="replace")
        detail = text.strip()
        try:
            parsed = json.loads(text)
            if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
                detail = str(parsed["error"].get("message") or detail)
            elif isinstance(parsed, dict) and isinstance(parsed.get("error"), str):
                detail = parsed["error"]
        except ValueError:
            pass
        detail = self._scrub(detail)[:MESSAGE_LIMIT]
        message = f"HTTP {status} from {self.base_url}" + (f": {detail}" if detail else "")
        if status in (401, 403):
            return LlmError("auth", message, False)
        if status == 429:
            return LlmError("rate_limited", message, True)
        if status == 408:
            return LlmError("timeout", message, True)
        if status >= 500:
            return LlmError("server", message, True)
        if status < 400:
            return LlmError("protocol", f"unexpected redirect: {message}", False)
        return LlmError("bad_request", message, False)


# --- scripted ------------------------------------------------------------------------------


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _pieces(text: str) -> Iterator[str]:
    """Whitespace-separated pieces that join back to text (each keeps its leading space)."""
    pieces = re.findall(r"\s*\S+", text)
    tail = text[sum(len(p) for p in pieces) :]
    if tail:
        if pieces:
            pieces[-1] += tail
        else:
            pieces = [tail]
    yield from pieces


def _last_user_content(messages: Sequence[ChatMessage]) -> str:
    for message in reversed(messages):
        if message.role == "user":
            return message.content or ""
    return ""


class ScriptedProvider:
    """Deterministic offline provider; see the module docstring for the script format."""

    def __init__(self, script: Mapping[str, Any] | str | None = None) -> None:
        if isinstance(script, str):  # a script stored as JSON text
            try:
                script = json.loads(script) if script.strip() else None
            except ValueError:
                raise LlmError("config", "the script is not valid JSON") from None
        if script is not None and not isinstance(script, Mapping):
            raise LlmError("config", "the script must be an object")
        script = dict(script or {})
        unknown = set(script) - {"echo", "replies", "then", "token_delay_ms"}
        if unknown:
            raise LlmError("config", f"unknown script keys: {', '.join(sorted(unknown))}")
        replies = script.get("replies") or []
        if not isinstance(replies, list):
            raise LlmError("config", "script.replies must be a list")
        self.replies = [_check_reply(reply, i) for i, reply in enumerate(replies)]
        self.then = script.get("then", "echo")
        if self.then not in ("echo", "last", "error"):
            raise LlmError("config", 'script.then must be "echo", "last" or "error"')
        if not self.replies and self.then == "last":
            raise LlmError("config", 'script.then "last" needs at least one reply')
        delay = script.get("token_delay_ms", 0)
        if not isinstance(delay, int | float) or isinstance(delay, bool) or delay < 0:
            raise LlmError("config", "script.token_delay_ms must be a non-negative number")
        self.token_delay = float(delay) / 1000

    def _reply(self, turn: int) -> dict[str, Any]:
        if turn < len(self.replies):
            return self.replies[turn]
        if self.then == "last":
            return self.replies[-1]
        if self.then == "error":
            raise LlmError(
                "script_exhausted", f"the script has {len(self.replies)} replies; turn {turn + 1}"
            )
        return {"echo": True}

    async def complete(
        self,
        *,
        model: str,
        messages: list[ChatMessage],
        tools: Sequence[ToolSpec] = (),
        temperature: float | None = None,
        max_tokens: int | None = None,
        on_token: OnToken | None = None,
    ) -> Completion:
        """Answers from the script; the same messages always get the same completion."""
        turn = sum(1 for m in messages if m.role == "assistant")
        reply = self._reply(turn)
        if "error" in reply:
            error = reply["error"]
            raise LlmError(
                str(error.get("kind", "server")),
                str(error.get("message", "scripted error")),
                bool(error.get("retryable", False)),
            )
        content = _last_user_content(messages) if reply.get("echo") else reply.get("content")
        finish = reply.get("finish_reason")
        calls = [
            ToolCall(
                id=str(call.get("id") or f"call_{turn}_{position}"),
                name=call["name"],
                arguments=dict(call.get("arguments") or {}),
            )
            for position, call in enumerate(reply.get("tool_calls") or [])
        ]
        pieces = list(_pieces(content)) if content else []
        if max_tokens and len(pieces) > max_tokens:
            pieces = pieces[:max_tokens]
            content = "".join(pieces)
            finish = "length"
        for index, piece in enumerate(pieces):
            if self.token_delay and index:
                await asyncio.sleep(self.token_delay)
            else:
                await asyncio.sleep(0)  # a cancellation point per token, like a real stream
            if on_token is not None:
                await on_token(piece)
        message = ChatMessage(
            role="assistant",
            content=content if content or not calls else None,
            tool_calls=calls,
        )
        if message.content is None and not calls:
            message.content = ""
        usage = Usage(
            sum(_words(_message_text(m)) for m in messages), _words(_message_text(message))
        )
        return Completion(
            message=message,
            usage=usage,
            finish_reason=finish or ("tool_calls" if calls else "stop"),
            model=model,
        )


def _check_reply(reply: Any, index: int) -> dict[str, Any]:
    where = f"script.replies[{index}]"
    if isinstance(reply, str):
        return {"content": reply}
    if not isinstance(reply, dict):
        raise LlmError("config", f"{where} must be a string or an object")
    unknown = set(reply) - {"content", "tool_calls", "finish_reason", "echo", "error"}
    if unknown:
        raise LlmError("config", f"{where} has unknown keys: {', '.join(sorted(unknown))}")
    if "error" in reply and not isinstance(reply["error"], dict):
        raise LlmError("config", f"{where}.error must be an object")
    if reply.get("content") is not None and not isinstance(reply["content"], str):
        raise LlmError("config", f"{where}.content must be a string")
    calls = reply.get("tool_calls") or []
    if not isinstance(calls, list):
        raise LlmError("config", f"{where}.tool_calls must be a list")
    for position, call in enumerate(calls):
        if not isinstance(call, dict) or not isinstance(call.get("name"), str):
            raise LlmError("config", f"{where}.tool_calls[{position}] needs a name")
        if not isinstance(call.get("arguments") or {}, dict):
            raise LlmError("config", f"{where}.tool_calls[{position}].arguments must be an object")
    return reply


# --- choosing a provider -------------------------------------------------------------------

PROVIDER_NAMES = ("scripted", "openai", "openai_compatible")


def provider_for(
    config: Mapping[str, Any], settings: Any, *, client: httpx.AsyncClient | None = None
) -> LlmProvider:
    """The provider an LLM config names ("provider": scripted, openai or openai_compatible).

    scripted uses config["script"]. The HTTP providers use config["base_url"] or
    settings.llm_base_url; settings.llm_api_key is sent only to settings.llm_base_url, so a
    config cannot send the server's key elsewhere. config["timeout_s"] overrides the timeout.
    Raises LlmError kind "config" for an unknown provider or a bad script.
    """
    name = str(config.get("provider") or "").strip().lower()
    if name == "scripted":
        return ScriptedProvider(config.get("script"))
    if name in ("openai", "openai_compatible"):
        default_url = str(getattr(settings, "llm_base_url", "") or "")
        base_url = str(config.get("base_url") or default_url)
        if not base_url:
            raise LlmError("config", "no base_url for the LLM provider")
        key = getattr(settings, "llm_api_key", None)
        secret = key.get_secret_value() if hasattr(key, "get_secret_value") else key
        if base_url.rstrip("/") != default_url.rstrip("/"):
            secret = None
        timeout = config.get("timeout_s") or 60
        return OpenAICompatibleProvider(base_url, secret or None, float(timeout), client)
    raise LlmError(
        "config", f"unknown LLM provider {name!r}; expected one of: {', '.join(PROVIDER_NAMES)}"
    )


# --- prices --------------------------------------------------------------------------------


class Prices(Mapping[tuple[str, str], tuple[float, float]]):
    """(provider, model) → (USD per 1M input tokens, USD per 1M output tokens).

    A model of "*" prices every model of its provider not listed itself.
    """

    def __init__(self, table: Mapping[tuple[str, str], tuple[float, float]]) -> None:
        self._table = {(p.lower(), m): (float(i), float(o)) for (p, m), (i, o) in table.items()}

    def __getitem__(self, key: tuple[str, str]) -> tuple[float, float]:
        return self._table[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def price(self, provider: str, model: str) -> tuple[float, float] | None:
        """The (input, output) price per 1M tokens, or None for an unknown model."""
        provider = provider.strip().lower()
        return self._table.get((provider, model)) or self._table.get((provider, "*"))

    def cost(self, provider: str, model: str, usage: Usage) -> float:
        """USD for this usage; 0.0 for an unknown model."""
        price = self.price(provider, model)
        if price is None:
            return 0.0
        return (usage.prompt_tokens * price[0] + usage.completion_tokens * price[1]) / 1_000_000


# OpenAI list prices (USD per 1M tokens) when written. Executions price usage with the
# llm_prices table instead (seeded with these by migration 0005); this is for library use.
DEFAULT_PRICES = Prices(
    {
        ("openai", "gpt-4o"): (2.50, 10.00),
        ("openai", "gpt-4o-mini"): (0.15, 0.60),
        ("openai", "gpt-4.1"): (2.00, 8.00),
        ("openai", "gpt-4.1-mini"): (0.40, 1.60),
        ("openai", "gpt-4.1-nano"): (0.10, 0.40),
        ("openai", "o3-mini"): (1.10, 4.40),
        ("scripted", "*"): (0.0, 0.0),
    }
)
