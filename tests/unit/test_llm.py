"""The LLM layer: OpenAI-compatible streaming against a fake server, the scripted provider,
the agent loop and the built-in tools. No database, no internet: everything is on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
import time

import httpx
import pytest

from server.engine.llm import (
    DEFAULT_PRICES,
    ChatMessage,
    LlmError,
    OpenAICompatibleProvider,
    Prices,
    ScriptedProvider,
    ToolCall,
    ToolSpec,
    Usage,
    estimate_tokens,
    provider_for,
)
from server.engine.tools import (
    AgentTool,
    ToolError,
    block_tool,
    calculate,
    calculator_tool,
    execute_tool,
    http_request_tool,
    parse_allowed_hosts,
    run_agent,
)
from server.settings import Settings
from tests.fake_openai import (
    DONE,
    FakeServer,
    Handler,
    chunk,
    event,
    send_sse,
    sse_handler,
    status_handler,
    usage_chunk,
)

API_KEY = "sk-test-secret-0123456789"
USER = [ChatMessage(role="user", content="Say hello")]

# --- a fake OpenAI-compatible server (tests/fake_openai.py) -------------------------------


@pytest.fixture
async def fake():
    server = FakeServer()
    await server.start()
    yield server
    await server.close()


def provider(fake: FakeServer, **kwargs) -> OpenAICompatibleProvider:
    return OpenAICompatibleProvider(fake.base_url, API_KEY, **kwargs)


class Tokens:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.first = asyncio.Event()

    async def __call__(self, token: str) -> None:
        self.items.append(token)
        self.first.set()


# --- OpenAICompatibleProvider --------------------------------------------------------------


async def test_streams_tokens_in_order_and_parses_usage(fake):
    whole = chunk({"content": " world"})
    fake.handler = sse_handler(
        [
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Hel"}),
            0.01,
            chunk({"content": "lo"}),
            whole[:17],  # an event split across two chunks
            0.01,
            whole[17:],
            chunk({}, finish="stop"),
            usage_chunk(11, 3),
            DONE,
        ]
    )
    tokens = Tokens()
    completion = await provider(fake).complete(
        model="gpt-test",
        messages=USER,
        tools=[],
        temperature=0.2,
        max_tokens=50,
        on_token=tokens,
    )
    assert tokens.items == ["Hel", "lo", " world"]
    assert completion.message.role == "assistant"
    assert completion.message.content == "Hello world"
    assert completion.message.tool_calls == []
    assert completion.usage == Usage(prompt_tokens=11, completion_tokens=3)
    assert completion.finish_reason == "stop"
    assert completion.model == "fake-model"

    (request,) = fake.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    body = request.json
    assert body["model"] == "gpt-test"
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["temperature"] == 0.2
    assert body["max_tokens"] == 50
    assert body["messages"] == [{"role": "user", "content": "Say hello"}]
    assert "tools" not in body


async def test_tool_call_deltas_split_across_chunks_are_reassembled(fake):
    fake.handler = sse_handler(
        [
            chunk(
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "call_a",
                            "type": "function",
                            "function": {"name": "calculator", "arguments": ""},
                        }
                    ],
                }
            ),
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"expre'}}]}),
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": 1,
                            "id": "call_b",
                            "type": "function",
                            "function": {"name": "http_request", "arguments": '{"url": '},
                        }
                    ]
                }
            ),
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": 'ssion": "2*'}}]}),
            chunk({"tool_calls": [{"index": 1, "function": {"arguments": '"http://x/"}'}}]}),
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": '21"}'}}]}),
            chunk({}, finish="tool_calls"),
            usage_chunk(20, 9),
            DONE,
        ]
    )
    tokens = Tokens()
    spec = ToolSpec("calculator", "math", {"type": "object"})
    completion = await provider(fake).complete(
        model="m", messages=USER, tools=[spec], temperature=None, max_tokens=None, on_token=tokens
    )
    assert tokens.items == []
    assert completion.finish_reason == "tool_calls"
    assert completion.message.content is None
    assert completion.message.tool_calls == [
        ToolCall(id="call_a", name="calculator", arguments={"expression": "2*21"}),
        ToolCall(id="call_b", name="http_request", arguments={"url": "http://x/"}),
    ]
    body = fake.requests[0].json
    assert body["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "calculator",
                "description": "math",
                "parameters": {"type": "object"},
            },
        }
    ]
    assert "temperature" not in body and "max_tokens" not in body


async def test_invalid_tool_arguments_are_kept_raw(fake):
    fake.handler = sse_handler(
        [
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "c",
                            "function": {"name": "calculator", "arguments": "{oops"},
                        }
                    ]
                },
                finish="tool_calls",
            ),
            DONE,
        ]
    )
    completion = await provider(fake).complete(model="m", messages=USER)
    (call,) = completion.message.tool_calls
    assert call.arguments == {} and call.invalid_arguments == "{oops"
    assert call.arguments_json() == "{oops"


async def test_usage_is_estimated_when_the_server_sends_none(fake):
    fake.handler = sse_handler([chunk({"content": "abcd efgh"}), chunk({}, finish="stop"), DONE])
    completion = await provider(fake).complete(model="m", messages=USER)
    assert completion.usage.completion_tokens == estimate_tokens("abcd efgh") == 3
    assert completion.usage.prompt_tokens == estimate_tokens("Say hello") == 3


async def test_history_with_tool_calls_goes_out_in_openai_form(fake):
    fake.handler = sse_handler([chunk({"content": "ok"}, finish="stop"), DONE])
    history = [
        ChatMessage(role="system", content="be brief"),
        ChatMessage(role="user", content="2*21?"),
        ChatMessage(
            role="assistant",
            content=None,
            tool_calls=[ToolCall(id="c1", name="calculator", arguments={"expression": "2*21"})],
        ),
        ChatMessage(role="tool", content='{"result": 42}', tool_call_id="c1", name="calculator"),
    ]
    await provider(fake).complete(model="m", messages=history)
    assert fake.requests[0].json["messages"] == [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "2*21?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "calculator", "arguments": '{"expression": "2*21"}'},
                }
            ],
        },
        {"role": "tool", "content": '{"result": 42}', "tool_call_id": "c1", "name": "calculator"},
    ]


@pytest.mark.parametrize(
    ("status", "kind", "retryable"),
    [
        (401, "auth", False),
        (403, "auth", False),
        (400, "bad_request", False),
        (404, "bad_request", False),
        (429, "rate_limited", True),
        (500, "server", True),
        (503, "server", True),
    ],
)
async def test_http_errors_map_to_kinds_and_never_show_the_key(fake, status, kind, retryable):
    fake.handler = status_handler(
        status, {"error": {"message": f"Incorrect API key provided: {API_KEY}", "type": "x"}}
    )
    with pytest.raises(LlmError) as caught:
        await provider(fake).complete(model="m", messages=USER)
    error = caught.value
    assert (error.kind, error.retryable) == (kind, retryable)
    assert str(status) in error.message
    assert "Incorrect API key provided" in error.message
    for text in (str(error), error.message, repr(error.args)):
        assert API_KEY not in text
    assert fake.requests[0].headers["authorization"] == f"Bearer {API_KEY}"


async def test_no_authorization_header_without_a_key(fake):
    fake.handler = sse_handler([chunk({"content": "hi"}, finish="stop"), DONE])
    await OpenAICompatibleProvider(fake.base_url, None).complete(model="m", messages=USER)
    assert "authorization" not in fake.requests[0].headers


@pytest.mark.parametrize(
    "pieces",
    [
        [chunk({"content": "a"}), b"data: {not json\n\n", DONE],
        [chunk({"content": "a"}), b"<html>proxy error</html>\n\n"],
        [b'data: ["a list"]\n\n', DONE],
        [b'data: {"choices": "nope"}\n\n', DONE],
    ],
    ids=["bad-json", "not-sse", "not-an-object", "bad-shape"],
)
async def test_malformed_stream_is_a_protocol_error(fake, pieces):
    fake.handler = sse_handler(pieces)
    with pytest.raises(LlmError) as caught:
        await provider(fake).complete(model="m", messages=USER)
    assert caught.value.kind == "protocol"
    assert not caught.value.retryable


async def test_stream_cut_short_is_a_retryable_protocol_error(fake):
    fake.handler = sse_handler([chunk({"content": "half"})])
    with pytest.raises(LlmError) as caught:
        await provider(fake).complete(model="m", messages=USER)
    assert (caught.value.kind, caught.value.retryable) == ("protocol", True)


async def test_error_event_inside_the_stream(fake):
    fake.handler = sse_handler(
        [event({"error": {"message": "overloaded", "type": "server_error"}})]
    )
    with pytest.raises(LlmError) as caught:
        await provider(fake).complete(model="m", messages=USER)
    assert (caught.value.kind, caught.value.retryable) == ("server", True)
    assert "overloaded" in caught.value.message


async def test_a_non_streamed_json_answer_is_accepted(fake):
    fake.handler = status_handler(
        200,
        {
            "model": "fake-model",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "whole"},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 4, "completion_tokens": 1},
        },
    )
    tokens = Tokens()
    completion = await provider(fake).complete(model="m", messages=USER, on_token=tokens)
    assert completion.message.content == "whole" and tokens.items == ["whole"]
    assert completion.usage == Usage(4, 1)


async def test_connection_refused_is_retryable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = OpenAICompatibleProvider(f"http://127.0.0.1:{port}/v1", API_KEY, timeout_s=2)
    with pytest.raises(LlmError) as caught:
        await dead.complete(model="m", messages=USER)
    assert (caught.value.kind, caught.value.retryable) == ("connection", True)
    assert API_KEY not in str(caught.value)


async def test_a_silent_server_times_out(fake):
    fake.handler = sse_handler([chunk({"content": "a"}), 3.0, DONE])
    started = time.monotonic()
    with pytest.raises(LlmError) as caught:
        await provider(fake, timeout_s=0.3).complete(model="m", messages=USER)
    assert (caught.value.kind, caught.value.retryable) == ("timeout", True)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("shared_client", [False, True], ids=["own-client", "shared-client"])
async def test_cancellation_closes_the_stream_promptly(fake, shared_client):
    closed_after: list[float] = []

    async def handle(request, reader, writer):
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        first = chunk({"content": "first"})
        writer.write(f"{len(first):x}\r\n".encode() + first + b"\r\n")
        await writer.drain()
        sent = time.monotonic()
        # The client never sends more; read() returns only when it closes the connection.
        await asyncio.wait_for(reader.read(), 10)
        closed_after.append(time.monotonic() - sent)
        fake.eof.set()

    fake.handler = handle
    tokens = Tokens()
    async with httpx.AsyncClient() as client:
        llm = provider(fake, client=client if shared_client else None)
        task = asyncio.create_task(llm.complete(model="m", messages=USER, on_token=tokens))
        await asyncio.wait_for(tokens.first.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.wait_for(fake.eof.wait(), 2)
    assert tokens.items == ["first"]
    assert closed_after[0] < 2


async def test_an_on_token_failure_propagates(fake):
    fake.handler = sse_handler([chunk({"content": "a"}), chunk({}, finish="stop"), DONE])

    async def boom(token: str) -> None:
        raise RuntimeError("sink closed")

    with pytest.raises(RuntimeError, match="sink closed"):
        await provider(fake).complete(model="m", messages=USER, on_token=boom)


# --- ScriptedProvider ----------------------------------------------------------------------


async def test_scripted_default_echoes_the_last_user_message():
    messages = [
        ChatMessage(role="user", content="first"),
        ChatMessage(role="assistant", content="x"),
        ChatMessage(role="user", content="  echo   me please "),
    ]
    for scripted in (ScriptedProvider(), ScriptedProvider(None), ScriptedProvider({"echo": True})):
        tokens = Tokens()
        completion = await scripted.complete(model="echo", messages=messages, on_token=tokens)
        assert completion.message.content == "  echo   me please "
        assert tokens.items == ["  echo", "   me", " please "]
        assert "".join(tokens.items) == completion.message.content
        assert completion.usage == Usage(prompt_tokens=5, completion_tokens=3)
        assert completion.finish_reason == "stop"
        assert completion.model == "echo"


async def test_scripted_is_deterministic_and_walks_replies_by_turn():
    script = {
        "replies": [
            {
                "content": "let me compute",
                "tool_calls": [{"name": "calculator", "arguments": {"expression": "1+1"}}],
            },
            "it is two",
        ],
        "then": "error",
    }
    first = ScriptedProvider(script)
    second = ScriptedProvider(json.dumps(script))
    results = []
    for scripted in (first, first, second):
        tokens = Tokens()
        completion = await scripted.complete(model="s", messages=USER, on_token=tokens)
        results.append((completion, tokens.items))
    assert results[0] == results[1] == results[2]
    completion, tokens = results[0]
    assert tokens == ["let", " me", " compute"]
    assert completion.finish_reason == "tool_calls"
    assert completion.message.tool_calls == [
        ToolCall(id="call_0_0", name="calculator", arguments={"expression": "1+1"})
    ]
    # words: 3 of content + the tool name + 2 of the JSON arguments
    assert completion.usage == Usage(prompt_tokens=2, completion_tokens=6)

    turn_two = [
        *USER,
        completion.message,
        ChatMessage(role="tool", content="2", tool_call_id="call_0_0"),
    ]
    answer = await first.complete(model="s", messages=turn_two)
    assert answer.message.content == "it is two" and answer.message.tool_calls == []

    turn_three = [*turn_two, answer.message, ChatMessage(role="user", content="again")]
    with pytest.raises(LlmError) as caught:
        await first.complete(model="s", messages=turn_three)
    assert caught.value.kind == "script_exhausted" and not caught.value.retryable


async def test_scripted_then_last_echo_error_and_limits():
    two_turns = [
        *USER,
        ChatMessage(role="assistant", content="a"),
        ChatMessage(role="user", content="b c"),
    ]
    last = ScriptedProvider({"replies": ["only"], "then": "last"})
    assert (await last.complete(model="s", messages=two_turns)).message.content == "only"
    echo = ScriptedProvider({"replies": ["only"]})
    assert (await echo.complete(model="s", messages=two_turns)).message.content == "b c"

    failing = ScriptedProvider(
        {
            "replies": [
                {"error": {"kind": "rate_limited", "message": "slow down", "retryable": True}}
            ]
        }
    )
    with pytest.raises(LlmError) as caught:
        await failing.complete(model="s", messages=USER)
    assert (caught.value.kind, caught.value.message, caught.value.retryable) == (
        "rate_limited",
        "slow down",
        True,
    )

    long = ScriptedProvider({"replies": ["one two three four five"]})
    cut = await long.complete(model="s", messages=USER, max_tokens=2)
    assert (cut.message.content, cut.finish_reason, cut.usage.completion_tokens) == (
        "one two",
        "length",
        2,
    )


@pytest.mark.parametrize(
    "script",
    [
        {"replies": "not a list"},
        {"replies": [42]},
        {"replies": [{"tool_calls": [{"arguments": {}}]}]},
        {"replies": [{"contents": "typo"}]},
        {"then": "forever"},
        {"then": "last"},
        {"surprise": 1},
        {"token_delay_ms": -1},
        ["a list"],
        "{not json",
    ],
)
def test_bad_scripts_are_config_errors(script):
    with pytest.raises(LlmError) as caught:
        ScriptedProvider(script)
    assert caught.value.kind == "config"


async def test_scripted_token_delay_streams_and_can_be_cancelled():
    scripted = ScriptedProvider({"replies": ["a b c d e f g h"], "token_delay_ms": 200})
    tokens = Tokens()
    task = asyncio.create_task(scripted.complete(model="s", messages=USER, on_token=tokens))
    await asyncio.wait_for(tokens.first.wait(), 2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert tokens.items == ["a"]


# --- provider_for and prices ---------------------------------------------------------------


def test_provider_for_picks_by_name():
    settings = Settings(llm_base_url="http://llm.internal/v1", llm_api_key=API_KEY)
    scripted = provider_for({"provider": "scripted", "script": {"replies": ["hi"]}}, settings)
    assert isinstance(scripted, ScriptedProvider) and scripted.replies == [{"content": "hi"}]

    for name in ("openai", "openai_compatible", "OpenAI"):
        http = provider_for({"provider": name, "model": "gpt-4o"}, settings)
        assert isinstance(http, OpenAICompatibleProvider)
        assert http.base_url == "http://llm.internal/v1"
        assert http._api_key == API_KEY
        assert API_KEY not in repr(http)

    # A config's own base_url never receives the server's key.
    elsewhere = provider_for({"provider": "openai", "base_url": "http://other:11434/v1"}, settings)
    assert elsewhere.base_url == "http://other:11434/v1" and elsewhere._api_key is None

    with pytest.raises(LlmError) as caught:
        provider_for({"provider": "anthropic"}, settings)
    assert caught.value.kind == "config"
    with pytest.raises(LlmError):
        provider_for({}, settings)


def test_settings_defaults():
    fields = Settings.model_fields
    assert fields["llm_base_url"].default == "https://api.openai.com/v1"
    assert fields["llm_api_key"].default is None
    assert fields["llm_allowed_hosts"].default == ""
    assert all(
        fields[name].description for name in ("llm_base_url", "llm_api_key", "llm_allowed_hosts")
    )
    assert parse_allowed_hosts(" a.example , B.example.,, ") == {"a.example", "b.example"}
    assert parse_allowed_hosts("") == set()


def test_prices():
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=500_000)
    assert DEFAULT_PRICES.cost("openai", "gpt-4o-mini", usage) == pytest.approx(0.15 + 0.30)
    assert DEFAULT_PRICES.cost("scripted", "echo", usage) == 0.0
    assert DEFAULT_PRICES.cost("openai", "no-such-model", usage) == 0.0
    assert DEFAULT_PRICES.cost("openai_compatible", "llama3", usage) == 0.0
    table = Prices({("vllm", "llama"): (1, 2)})
    assert table[("vllm", "llama")] == (1.0, 2.0) and len(table) == 1
    assert table.cost("vllm", "llama", Usage(2_000_000, 1_000_000)) == pytest.approx(4.0)


# --- the agent loop ------------------------------------------------------------------------


def calc_call(expression: str) -> dict:
    return {"tool_calls": [{"name": "calculator", "arguments": {"expression": expression}}]}


async def test_run_agent_calls_the_calculator_twice_then_answers():
    scripted = ScriptedProvider(
        {
            "replies": [calc_call("6 * 7"), calc_call("42 / 4"), "The answer is 10.5"],
            "then": "error",
        }
    )
    tokens = Tokens()
    result = await run_agent(
        scripted,
        model="scripted-model",
        system_prompt="You are a calculator.",
        messages=[ChatMessage(role="user", content="What is 6*7/4?")],
        tools=[calculator_tool()],
        temperature=0.0,
        max_tokens=None,
        on_token=tokens,
    )
    assert result.final.content == "The answer is 10.5"
    assert tokens.items == ["The", " answer", " is", " 10.5"]
    assert [step["type"] for step in result.steps] == ["model", "tool", "model", "tool", "model"]
    assert result.steps[1]["result"] == {"result": 42}
    assert result.steps[3]["result"] == {"result": 10.5}
    assert result.steps[1]["arguments"] == {"expression": "6 * 7"}
    assert all(step["ok"] for step in result.steps if step["type"] == "tool")
    json.dumps(result.steps)  # JSON-compatible
    model_steps = [step for step in result.steps if step["type"] == "model"]
    assert result.usage.prompt_tokens == sum(s["usage"]["prompt_tokens"] for s in model_steps)
    assert result.usage.completion_tokens == sum(
        s["usage"]["completion_tokens"] for s in model_steps
    )
    roles = [m.role for m in result.messages]
    assert roles == ["system", "user", "assistant", "tool", "assistant", "tool", "assistant"]
    tool_message = result.messages[3]
    assert tool_message.tool_call_id == result.messages[2].tool_calls[0].id
    assert json.loads(tool_message.content) == {"result": 42}


async def test_run_agent_gives_up_after_max_steps():
    scripted = ScriptedProvider({"replies": [calc_call("1+1")], "then": "last"})
    with pytest.raises(LlmError) as caught:
        await run_agent(
            scripted,
            model="m",
            system_prompt="",
            messages=USER,
            tools=[calculator_tool()],
            temperature=None,
            max_tokens=None,
            on_token=None,
            max_steps=3,
        )
    error = caught.value
    assert error.kind == "max_steps" and not error.retryable
    assert len(error.steps) == 6
    assert error.usage.completion_tokens > 0


async def test_tool_failures_become_results_the_model_sees():
    async def broken(arguments):
        raise RuntimeError("disk on fire")

    async def picky(arguments):
        raise ToolError("no such record")

    seen: list[list[ChatMessage]] = []

    class Recording(ScriptedProvider):
        async def complete(self, **kwargs):
            seen.append(kwargs["messages"])
            return await super().complete(**kwargs)

    scripted = Recording(
        {
            "replies": [
                {
                    "tool_calls": [
                        {"name": "nope", "arguments": {}},
                        {"name": "calculator", "arguments": {"expression": 5}},
                        {"name": "calculator", "arguments": {"expression": "1/0"}},
                        {"name": "broken", "arguments": {}},
                        {"name": "lookup", "arguments": {"id": "7"}},
                    ]
                },
                "sorry",
            ]
        }
    )
    tools = [
        calculator_tool(),
        block_tool("broken", "always fails", None, broken),
        block_tool(
            "lookup",
            "finds a record",
            {"type": "object", "properties": {"id": {"type": "string"}}},
            picky,
        ),
    ]
    result = await run_agent(
        scripted,
        model="m",
        system_prompt=None,
        messages=USER,
        tools=tools,
        temperature=None,
        max_tokens=None,
        on_token=None,
    )
    assert result.final.content == "sorry"
    errors = [json.loads(m.content)["error"] for m in seen[1] if m.role == "tool"]
    assert errors[0].startswith("unknown tool 'nope'")
    assert "invalid arguments" in errors[1] and "expression" in errors[1]
    assert errors[2] == "division by zero"
    assert errors[3] == "RuntimeError: disk on fire"
    assert errors[4] == "no such record"
    assert [step["ok"] for step in result.steps if step["type"] == "tool"] == [False] * 5


async def test_run_agent_over_http_sends_tool_results_back(fake):
    async def handle(request, reader, writer):
        if len(fake.requests) == 1:
            await send_sse(
                writer,
                [
                    chunk(
                        {
                            "tool_calls": [
                                {
                                    "index": 0,
                                    "id": "call_1",
                                    "function": {
                                        "name": "calculator",
                                        "arguments": '{"expression": "2**10"}',
                                    },
                                }
                            ]
                        }
                    ),
                    chunk({}, finish="tool_calls"),
                    usage_chunk(30, 10),
                    DONE,
                ],
            )
        else:
            await send_sse(
                writer,
                [chunk({"content": "1024"}), chunk({}, finish="stop"), usage_chunk(50, 1), DONE],
            )

    fake.handler = handle
    result = await run_agent(
        provider(fake),
        model="gpt-test",
        system_prompt="sys",
        messages=USER,
        tools=[calculator_tool()],
        temperature=None,
        max_tokens=None,
        on_token=None,
    )
    assert result.final.content == "1024"
    assert result.usage == Usage(80, 11)
    second = fake.requests[1].json
    assert (
        second["messages"][-2]["tool_calls"][0]["function"]["arguments"]
        == '{"expression": "2**10"}'
    )
    assert second["messages"][-1] == {
        "role": "tool",
        "content": '{"result": 1024}',
        "tool_call_id": "call_1",
        "name": "calculator",
    }
    assert second["tools"][0]["function"]["name"] == "calculator"


# --- calculator ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("(2 + 3) * 4 / 5", 4.0),
        ("2**10", 1024),
        ("-3**2", -9),
        ("7 // 2 % 3", 0),
        ("sqrt(16) + abs(-2)", 6.0),
        ("round(2.567, 2)", 2.57),
        ("log(e) + cos(0) - sin(0)", 2.0),
        ("exp(0) * 1e3", 1000.0),
        ("2**-1", 0.5),
        ("2**4000 // 2**3999", 2),
    ],
)
def test_calculator_arithmetic(expression, expected):
    assert calculate(expression) == pytest.approx(expected)


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os')",
        "__import__('os').system('true')",
        "(1).__class__",
        "().__class__.__bases__[0].__subclasses__()",
        "open('/etc/passwd')",
        "9**9**9",
        "2**100000000",
        "10**4000 * 10**4000",
        "10.0**400",
        "1e308 * 10",
        "round(5, -10**8)",
        "1/0",
        "sqrt(-1)",
        "'a' * 10",
        "[1] * 10**9",
        "lambda: 1",
        "x",
        "2^3",
        "True + 1",
        "(-8) ** 0.5",
        "-" * 990 + "1",
        "(" * 300 + "1" + ")" * 300,
        "1" * 1001,
        "1 +" * 400 + "1",
        "",
    ],
)
async def test_calculator_refuses_safely(expression):
    started = time.monotonic()
    outcome = await asyncio.wait_for(execute_tool(calculator_tool(), {"expression": expression}), 5)
    assert not outcome.ok and outcome.error
    assert time.monotonic() - started < 2
    assert json.loads(outcome.content())["error"] == outcome.error


def test_calculator_errors_are_helpful():
    with pytest.raises(ToolError, match=r"use \*\* for powers"):
        calculate("2^3")
    with pytest.raises(ToolError, match="longer than 1000"):
        calculate("1" * 1001)
    with pytest.raises(ToolError, match="too large"):
        calculate("9**9**9")


# --- http_request --------------------------------------------------------------------------


def http_handler(site: FakeServer) -> Handler:
    async def handle(request, reader, writer):
        status, headers, body = 200, {"Content-Type": "text/plain; charset=utf-8"}, b"hello"
        if request.path == "/big":
            body = b"x" * 200_000
        elif request.path == "/redirect-out":
            status, headers, body = 302, {"Location": f"http://localhost:{site.port}/hello"}, b""
        elif request.path == "/redirect-in":
            status, headers, body = 302, {"Location": "/hello"}, b""
        elif request.path == "/redirect-ftp":
            status, headers, body = 302, {"Location": "ftp://127.0.0.1/x"}, b""
        elif request.path == "/echo":
            body = json.dumps(
                {
                    "method": request.method,
                    "body": request.body.decode(),
                    "h": request.headers.get("x-test"),
                }
            ).encode()
        elif request.path == "/slow":
            await asyncio.wait_for(reader.read(), 10)
            return
        head = f"HTTP/1.1 {status} X\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()

    return handle


@pytest.fixture
async def site():
    server = FakeServer()
    await server.start()
    server.handler = http_handler(server)
    yield server
    await server.close()


async def fetch(tool: AgentTool, **arguments):
    return await asyncio.wait_for(execute_tool(tool, arguments), 10)


async def test_http_request_reaches_an_allowed_host(site):
    tool = http_request_tool({"127.0.0.1"})
    outcome = await fetch(tool, url=f"http://127.0.0.1:{site.port}/hello")
    assert outcome.ok, outcome.error
    assert outcome.value["status"] == 200
    assert outcome.value["body"] == "hello"
    assert outcome.value["truncated"] is False
    assert outcome.value["headers"]["content-type"].startswith("text/plain")

    posted = await fetch(
        tool,
        method="POST",
        url=f"http://127.0.0.1:{site.port}/echo",
        body={"a": 1},
        headers={"X-Test": "yes", "Host": "evil.example"},
    )
    assert json.loads(posted.value["body"]) == {"method": "POST", "body": '{"a":1}', "h": "yes"}
    assert site.requests[-1].headers["host"] == f"127.0.0.1:{site.port}"


async def test_http_request_refuses_other_hosts_and_schemes(site):
    tool = http_request_tool({"127.0.0.1"})
    refused = [
        f"http://localhost:{site.port}/hello",  # same server, name not in the list
        f"http://127.0.0.2:{site.port}/hello",  # IP literal not in the list
        f"http://[::1]:{site.port}/hello",
        f"http://2130706433:{site.port}/hello",  # 127.0.0.1 as a number
        f"http://127.0.0.1.evil.example:{site.port}/",
        "file:///etc/passwd",
        f"ftp://127.0.0.1:{site.port}/x",
        "gopher://127.0.0.1/",
        "not a url",
    ]
    for url in refused:
        outcome = await fetch(tool, url=url)
        assert not outcome.ok, url
    assert site.requests == []

    only_localhost = http_request_tool(["localhost"])
    assert not (await fetch(only_localhost, url=f"http://127.0.0.1:{site.port}/hello")).ok
    nothing = http_request_tool(parse_allowed_hosts(""))
    outcome = await fetch(nothing, url=f"http://127.0.0.1:{site.port}/hello")
    assert not outcome.ok and "allow-list is empty" in outcome.error
    assert site.requests == []


async def test_http_request_redirects_are_checked_per_hop(site):
    tool = http_request_tool({"127.0.0.1"})
    outside = await fetch(tool, url=f"http://127.0.0.1:{site.port}/redirect-out")
    assert not outside.ok and "refused a redirect to 'localhost'" in outside.error
    assert [r.path for r in site.requests] == ["/redirect-out"]

    ftp = await fetch(tool, url=f"http://127.0.0.1:{site.port}/redirect-ftp")
    assert not ftp.ok and "refused a redirect" in ftp.error

    inside = await fetch(tool, url=f"http://127.0.0.1:{site.port}/redirect-in")
    assert inside.ok and inside.value["body"] == "hello" and inside.value["status"] == 200


async def test_http_request_caps_the_body_and_the_time(site):
    tool = http_request_tool({"127.0.0.1"})
    big = await fetch(tool, url=f"http://127.0.0.1:{site.port}/big")
    assert big.ok and big.value["truncated"] is True
    assert len(big.value["body"]) == 64 * 1024

    started = time.monotonic()
    slow = await fetch(tool, url=f"http://127.0.0.1:{site.port}/slow", timeout_seconds=0.3)
    assert not slow.ok and "timed out" in slow.error
    assert time.monotonic() - started < 2


async def test_http_request_with_a_shared_client_still_checks_redirects(site):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        tool = http_request_tool({"127.0.0.1"}, client)
        outcome = await fetch(tool, url=f"http://127.0.0.1:{site.port}/redirect-out")
        assert not outcome.ok and "refused a redirect" in outcome.error
        assert (await fetch(tool, url=f"http://127.0.0.1:{site.port}/hello")).value[
            "body"
        ] == "hello"
