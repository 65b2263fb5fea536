"""Agent tools and the agent loop: call the model, run the tools it asks for, repeat.

A tool is an `AgentTool`: the spec the model sees and an async callable taking the arguments.
Tools fail by raising (`ToolError` for expected failures, whose message is shown as is); the
loop turns every failure, including invalid arguments and unknown tools, into a tool-result
message `{"error": "..."}` the model can react to. Cancellation is never swallowed.

Built-ins: `calculator_tool` (arithmetic through a whitelisted `ast` walk, never `eval`),
`http_request_tool` (exact-host allow-list, redirects checked hop by hop, bounded time and
body) and `block_tool` (wraps a callable; the runner's calls the sandbox pool).
"""

from __future__ import annotations

import ast
import asyncio
import json
import math
import operator
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import jsonschema

from server.engine.llm import ChatMessage, LlmError, LlmProvider, OnToken, ToolSpec, Usage
from server.services.builtin_tools import BUILTIN_TOOLS

TOOL_RESULT_LIMIT = 64 * 1024  # characters of one tool result shown to the model


@dataclass(slots=True)
class AgentTool:
    """A tool an agent may call: its spec and the coroutine that runs it."""

    spec: ToolSpec
    run: Callable[[dict[str, Any]], Awaitable[Any]]


class ToolError(Exception):
    """An expected tool failure; its message is what the model sees."""


@dataclass(slots=True)
class ToolOutcome:
    """What one tool call produced: a value, or an error message."""

    ok: bool
    value: Any = None
    error: str | None = None

    def content(self) -> str:
        """The tool-result message text: the value (JSON unless a string) or {"error": ...}."""
        if self.ok:
            text = self.value if isinstance(self.value, str) else _json(self.value)
        else:
            text = _json({"error": self.error})
        if len(text) > TOOL_RESULT_LIMIT:
            text = text[:TOOL_RESULT_LIMIT] + "…[truncated]"
        return text


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _jsonable(value: Any) -> Any:
    return json.loads(_json(value))


def _argument_errors(schema: dict[str, Any], arguments: dict[str, Any]) -> list[str]:
    try:
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
    except jsonschema.SchemaError as error:
        return [f"the tool's input schema is invalid: {error.message}"]
    errors = sorted(validator_class(schema).iter_errors(arguments), key=lambda e: list(e.path))
    return [
        f"{'/'.join(str(p) for p in error.path) or '(arguments)'}: {error.message}"
        for error in errors[:5]
    ]


async def execute_tool(tool: AgentTool, arguments: dict[str, Any]) -> ToolOutcome:
    """Runs a tool on arguments checked against its schema; failures become an outcome."""
    problems = _argument_errors(tool.spec.parameters or {}, arguments)
    if problems:
        return ToolOutcome(ok=False, error="invalid arguments: " + "; ".join(problems))
    try:
        return ToolOutcome(ok=True, value=await tool.run(arguments))
    except ToolError as error:
        return ToolOutcome(ok=False, error=str(error))
    except Exception as error:  # a tool's bug is the model's problem to hear about, not ours
        return ToolOutcome(ok=False, error=f"{type(error).__name__}: {error}"[:1000])


# --- the agent loop ------------------------------------------------------------------------


@dataclass(slots=True)
class AgentResult:
    """The final assistant message, the usage summed over every model turn, and the steps.

    steps: one dict per model turn ({"type": "model", "step", "message", "finish_reason",
    "model", "usage"}) and per tool call ({"type": "tool", "step", "tool_call_id", "name",
    "arguments", "ok", "result" or "error", "duration_ms"}), all JSON-compatible. messages is
    the whole conversation, system prompt first.
    """

    final: ChatMessage
    usage: Usage
    steps: list[dict[str, Any]]
    messages: list[ChatMessage] = field(default_factory=list)


async def run_agent(
    provider: LlmProvider,
    *,
    model: str,
    system_prompt: str | None,
    messages: Sequence[ChatMessage],
    tools: Sequence[AgentTool],
    temperature: float | None = None,
    max_tokens: int | None = None,
    on_token: OnToken | None = None,
    max_steps: int = 8,
) -> AgentResult:
    """Calls the model until it answers without tool calls, running the tools it asks for.

    Tool calls of one turn run one after another, in order. More than max_steps model turns
    raise LlmError kind "max_steps"; any LlmError raised here carries the usage and steps so
    far (its `usage` and `steps`), so cost is never lost.
    """
    if max_steps < 1:
        raise ValueError("max_steps must be at least 1")
    by_name = {tool.spec.name: tool for tool in tools}
    specs = [tool.spec for tool in tools]
    conversation: list[ChatMessage] = []
    if system_prompt:
        conversation.append(ChatMessage(role="system", content=system_prompt))
    conversation += list(messages)
    usage = Usage()
    steps: list[dict[str, Any]] = []
    try:
        for step in range(max_steps):
            completion = await provider.complete(
                model=model,
                messages=list(conversation),
                tools=specs,
                temperature=temperature,
                max_tokens=max_tokens,
                on_token=on_token,
            )
            usage = usage + completion.usage
            message = completion.message
            conversation.append(message)
            steps.append(
                {
                    "type": "model",
                    "step": step,
                    "message": _jsonable(message.to_dict()),
                    "finish_reason": completion.finish_reason,
                    "model": completion.model,
                    "usage": {
                        "prompt_tokens": completion.usage.prompt_tokens,
                        "completion_tokens": completion.usage.completion_tokens,
                    },
                }
            )
            if not message.tool_calls:
                return AgentResult(final=message, usage=usage, steps=steps, messages=conversation)
            for call in message.tool_calls:
                started = time.monotonic()
                tool = by_name.get(call.name)
                if call.invalid_arguments is not None:
                    outcome = ToolOutcome(ok=False, error="the arguments are not a JSON object")
                elif tool is None:
                    known = ", ".join(sorted(by_name)) or "none"
                    outcome = ToolOutcome(
                        ok=False, error=f"unknown tool {call.name!r}; available: {known}"
                    )
                else:
                    outcome = await execute_tool(tool, call.arguments)
                record: dict[str, Any] = {
                    "type": "tool",
                    "step": step,
                    "tool_call_id": call.id,
                    "name": call.name,
                    "arguments": _jsonable(call.arguments),
                    "ok": outcome.ok,
                    "duration_ms": int((time.monotonic() - started) * 1000),
                }
                if outcome.ok:
                    record["result"] = _jsonable(outcome.value)
                else:
                    record["error"] = outcome.error
                steps.append(record)
                conversation.append(
                    ChatMessage(
                        role="tool",
                        content=outcome.content(),
                        tool_call_id=call.id,
                        name=call.name,
                    )
                )
        raise LlmError("max_steps", f"the agent still called tools after {max_steps} model turns")
    except LlmError as error:
        error.usage = usage
        error.steps = steps
        raise


# --- calculator ----------------------------------------------------------------------------

CALCULATOR_MAX_CHARS = 1000
CALCULATOR_MAX_INT_BITS = 4096  # about 1233 decimal digits
CALCULATOR_MAX_DEPTH = 100

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
# name → (function, fewest arguments, most arguments)
_FUNCTIONS: dict[str, tuple[Callable[..., Any], int, int]] = {
    "sqrt": (math.sqrt, 1, 1),
    "sin": (math.sin, 1, 1),
    "cos": (math.cos, 1, 1),
    "tan": (math.tan, 1, 1),
    "log": (math.log, 1, 2),
    "log10": (math.log10, 1, 1),
    "exp": (math.exp, 1, 1),
    "abs": (abs, 1, 1),
    "round": (round, 1, 2),
    "floor": (math.floor, 1, 1),
    "ceil": (math.ceil, 1, 1),
}
_CONSTANTS = {"pi": math.pi, "e": math.e}


def _checked(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ToolError("the result is not a real number")
    if isinstance(value, int) and value.bit_length() > CALCULATOR_MAX_INT_BITS:
        raise ToolError("the result is too large")
    return value


def _power(base: int | float, exponent: int | float) -> int | float:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0:
        if abs(base) > 1 and (abs(base).bit_length() - 1) * exponent > CALCULATOR_MAX_INT_BITS:
            raise ToolError("the result is too large (exponent too big)")
    return base**exponent


def _evaluate(node: ast.AST, depth: int) -> int | float:
    if depth > CALCULATOR_MAX_DEPTH:
        raise ToolError("the expression is nested too deeply")
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ToolError(f"only numbers are allowed, not {node.value!r}"[:200])
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = _evaluate(node.operand, depth + 1)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, depth + 1)
        right = _evaluate(node.right, depth + 1)
        if isinstance(node.op, ast.Pow):
            return _checked(_power(left, right))
        function = _BINARY.get(type(node.op))
        if function is None:
            hint = " (use ** for powers)" if isinstance(node.op, ast.BitXor) else ""
            raise ToolError(f"operator {type(node.op).__name__} is not allowed{hint}")
        return _checked(function(left, right))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            allowed = ", ".join(sorted(_FUNCTIONS))
            raise ToolError(f"only these functions may be called: {allowed}")
        function, fewest, most = _FUNCTIONS[node.func.id]
        if node.keywords or not fewest <= len(node.args) <= most:
            raise ToolError(f"{node.func.id} takes {fewest}-{most} positional arguments")
        arguments = [_evaluate(argument, depth + 1) for argument in node.args]
        if node.func.id == "round" and len(arguments) == 2:
            digits = arguments[1]
            if not isinstance(digits, int) or abs(digits) > 100:
                raise ToolError("round's second argument must be an integer from -100 to 100")
        return _checked(function(*arguments))
    if isinstance(node, ast.Name):
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        raise ToolError(f"unknown name {node.id!r}"[:200])
    raise ToolError(f"{type(node).__name__} is not allowed in an expression")


def calculate(expression: str) -> int | float:
    """Evaluates an arithmetic expression safely (no eval); raises ToolError.

    Numbers, + - * / // % **, unary - and +, parentheses, pi, e and sqrt, sin, cos, tan, log,
    log10, exp, abs, round, floor, ceil. Integers are capped at 4096 bits, powers checked
    before they are computed, the input at 1000 characters and the nesting at 100 levels.
    """
    if not isinstance(expression, str) or not expression.strip():
        raise ToolError("expression must be a non-empty string")
    if len(expression) > CALCULATOR_MAX_CHARS:
        raise ToolError(f"the expression is longer than {CALCULATOR_MAX_CHARS} characters")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise ToolError("not a valid arithmetic expression") from None
    try:
        value = _evaluate(tree.body, 0)
    except ZeroDivisionError:
        raise ToolError("division by zero") from None
    except OverflowError:
        raise ToolError("the result is too large") from None
    except (ValueError, TypeError) as error:
        raise ToolError(f"math error: {error}"[:200]) from None
    except RecursionError:
        raise ToolError("the expression is nested too deeply") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ToolError("the result is not finite")
    return value


def _builtin_spec(name: str) -> ToolSpec:
    fields = next(tool for tool in BUILTIN_TOOLS if tool.name == name)
    return ToolSpec(
        name=fields.name, description=fields.description, parameters=fields.input_schema or {}
    )


def calculator_tool() -> AgentTool:
    """The built-in calculator: {"expression": "..."} → {"result": number}."""

    async def run(arguments: dict[str, Any]) -> dict[str, Any]:
        return {"result": calculate(arguments.get("expression"))}

    return AgentTool(spec=_builtin_spec("calculator"), run=run)


# --- http_request --------------------------------------------------------------------------

HTTP_BODY_LIMIT = 64 * 1024  # bytes of a response body kept (decoded as text)
HTTP_DEFAULT_TIMEOUT_S = 10.0
HTTP_MAX_TIMEOUT_S = 60.0
HTTP_MAX_REDIRECTS = 5
_HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}
_DROPPED_HEADERS = {"host", "content-length", "transfer-encoding", "connection"}


def parse_allowed_hosts(value: str | Iterable[str]) -> set[str]:
    """The allow-list from settings.llm_allowed_hosts ("a.example, b.example") or a list."""
    items = value.split(",") if isinstance(value, str) else value
    return {_normal_host(item) for item in items if item.strip()}


def _normal_host(host: str) -> str:
    return host.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")


def _allowed_url(url: httpx.URL, hosts: set[str]) -> httpx.URL:
    if url.scheme not in ("http", "https"):
        raise ToolError(f"scheme {url.scheme!r} is not allowed; use http or https"[:200])
    host = _normal_host(url.host)
    raw_host = _normal_host(url.raw_host.decode("ascii", errors="replace"))
    if not host:
        raise ToolError("the URL has no host")
    if not hosts:
        raise ToolError("no hosts are allowed (the server's allow-list is empty)")
    if host not in hosts and raw_host not in hosts:
        raise ToolError(f"host {host!r} is not in the allow-list"[:300])
    return url


def _parse_url(value: Any, hosts: set[str]) -> httpx.URL:
    if not isinstance(value, str) or not value:
        raise ToolError("url must be a non-empty string")
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise ToolError("url is not a valid URL") from None
    return _allowed_url(url, hosts)


async def _read_body(response: httpx.Response, limit: int) -> tuple[str, bool]:
    body = bytearray()
    truncated = False
    async for piece in response.aiter_bytes():
        body += piece
        if len(body) > limit:
            truncated = True
            del body[limit:]
            break
    encoding = response.charset_encoding or "utf-8"
    try:
        return bytes(body).decode(encoding, errors="replace"), truncated
    except LookupError:
        return bytes(body).decode("utf-8", errors="replace"), truncated


def http_request_tool(
    allowed_hosts: set[str] | Iterable[str], client: httpx.AsyncClient | None = None
) -> AgentTool:
    """The built-in http_request tool, limited to exactly these hosts.

    Any scheme but http(s), any other host (IP literals included) and any redirect to a
    host outside the list is refused; redirects within it are followed (at most 5), each hop
    checked. The whole exchange is bounded by timeout_seconds (default 10, at most 60) and the
    body is cut at 64 KiB: {"status", "headers", "body" (text), "truncated"}. Without a client
    each call uses its own (no environment proxies, no cookies kept).
    """
    hosts = parse_allowed_hosts(allowed_hosts)

    async def run(arguments: dict[str, Any]) -> dict[str, Any]:
        method = str(arguments.get("method") or "GET").upper()
        if method not in _HTTP_METHODS:
            raise ToolError(f"method must be one of {', '.join(sorted(_HTTP_METHODS))}")
        url = _parse_url(arguments.get("url"), hosts)
        timeout = float(arguments.get("timeout_seconds") or HTTP_DEFAULT_TIMEOUT_S)
        timeout = min(max(timeout, 0.001), HTTP_MAX_TIMEOUT_S)
        headers = {
            str(name): str(value)
            for name, value in (arguments.get("headers") or {}).items()
            if str(name).lower() not in _DROPPED_HEADERS
        }
        body = arguments.get("body")
        content: dict[str, Any] = {}
        if isinstance(body, str | bytes):
            content["content"] = body
        elif body is not None:
            content["json"] = body
        try:
            async with asyncio.timeout(timeout):
                if client is not None:
                    return await _exchange(client, method, url, headers, content, hosts, timeout)
                async with httpx.AsyncClient(trust_env=False, follow_redirects=False) as own:
                    return await _exchange(own, method, url, headers, content, hosts, timeout)
        except (TimeoutError, httpx.TimeoutException):
            raise ToolError(f"the request timed out after {timeout:g} s") from None
        except httpx.HTTPError as error:
            raise ToolError(f"the request failed: {type(error).__name__}: {error}"[:300]) from None

    return AgentTool(spec=_builtin_spec("http_request"), run=run)


async def _exchange(
    client: httpx.AsyncClient,
    method: str,
    url: httpx.URL,
    headers: dict[str, str],
    content: dict[str, Any],
    hosts: set[str],
    seconds: float,
) -> dict[str, Any]:
    request = client.build_request(method, url, headers=headers, timeout=seconds, **content)
    for _ in range(HTTP_MAX_REDIRECTS + 1):
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.next_request is not None:
                target = response.next_request.url
                try:
                    _allowed_url(target, hosts)
                except ToolError as refused:
                    raise ToolError(f"refused a redirect to {target.host!r}: {refused}") from None
                request = response.next_request
                continue
            text, truncated = await _read_body(response, HTTP_BODY_LIMIT)
            return {
                "status": response.status_code,
                "headers": dict(response.headers.items()),
                "body": text,
                "truncated": truncated,
            }
        finally:
            await response.aclose()
    raise ToolError(f"more than {HTTP_MAX_REDIRECTS} redirects")


# --- blocks --------------------------------------------------------------------------------


def block_tool(
    name: str,
    description: str,
    input_schema: dict[str, Any] | None,
    run_block: Callable[[dict[str, Any]], Awaitable[Any]],
) -> AgentTool:
    """A tool that runs a logic block (run_block calls the sandbox; raise ToolError to fail).

    A missing input schema accepts any object.
    """
    schema = input_schema or {"type": "object"}
    return AgentTool(
        spec=ToolSpec(name=name, description=description, parameters=schema), run=run_block
    )
