"""ExecutionService end to end: real server with a runner, real PostgreSQL, real sandbox workers."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import psutil
import pytest
from agentbuilder.v1 import (
    agent_pb2,
    agent_service_pb2,
    block_pb2,
    block_service_pb2,
    execution_pb2,
    execution_service_pb2,
    tool_service_pb2,
    workflow_pb2,
    workflow_service_pb2,
)
from google.protobuf import field_mask_pb2, struct_pb2

from server.persistence.executions import ExecutionRepository
from tests.fake_openai import DONE, chunk, send_sse, sse_handler, usage_chunk
from tests.helpers import rpc_error
from tests.workflow_api import Status, block_node, edge, kinds, value


async def test_linear_workflow_streams_every_event_and_succeeds(api):
    double = await api.block("output = {'n': input['n'] * 2}")
    inc = await api.block("print('adding one')\noutput = {'n': input['n'] + 1}")
    workflow_id = await api.published(
        [block_node("double", double), block_node("inc", inc)], [edge("double", "inc")], "double"
    )
    started = await api.start(workflow_id, {"n": 20})
    assert started.status == Status.EXECUTION_STATUS_QUEUED and started.workflow_version == 1
    events = await api.events(started.id)
    assert kinds(events) == [
        "started",
        "step_started",
        "step_completed",
        "step_started",
        "step_log",
        "step_completed",
        "completed",
    ]
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert value(events[-1].completed.output) == {"n": 41}
    assert events[4].step_log.text == "adding one\n"
    done = await api.until(started.id, Status.EXECUTION_STATUS_SUCCEEDED)
    assert value(done.output) == {"n": 41}
    assert [(s.node_id, s.status) for s in done.steps] == [
        ("double", execution_pb2.STEP_STATUS_SUCCEEDED),
        ("inc", execution_pb2.STEP_STATUS_SUCCEEDED),
    ]
    assert done.last_sequence == len(events)


async def test_condition_routes_with_cel(api):
    small = await api.block("output = 'small'")
    large = await api.block("output = 'large'")
    workflow_id = await api.published(
        [
            {"id": "check", "type": workflow_pb2.NODE_TYPE_CONDITION},
            block_node("small", small),
            block_node("large", large),
        ],
        [edge("check", "large", "input.n > 10"), edge("check", "small")],
        "check",
    )
    for n, expected in ((50, "large"), (3, "small")):
        started = await api.start(workflow_id, {"n": n})
        events = await api.events(started.id)
        assert value(events[-1].completed.output) == expected


async def test_parallel_branches_join(api):
    left = await api.block("output = input['n'] + 1")
    right = await api.block("output = input['n'] * 10")
    total = await api.block("output = input['left'] + input['right']")
    workflow_id = await api.published(
        [
            {"id": "fan", "type": workflow_pb2.NODE_TYPE_PARALLEL},
            block_node("left", left),
            block_node("right", right),
            {"id": "join", "type": workflow_pb2.NODE_TYPE_JOIN},
            block_node("total", total),
        ],
        [
            edge("fan", "left"),
            edge("fan", "right"),
            edge("left", "join"),
            edge("right", "join"),
            edge("join", "total"),
        ],
        "fan",
    )
    started = await api.start(workflow_id, {"n": 4})
    events = await api.events(started.id)
    assert value(events[-1].completed.output) == 45


async def test_human_input_pauses_and_resumes(api):
    greet = await api.block("output = 'hello ' + input['value']")
    workflow_id = await api.published(
        [
            {
                "id": "ask",
                "type": workflow_pb2.NODE_TYPE_HUMAN_INPUT,
                "config": {"prompt": "Your name?"},
            },
            block_node("greet", greet),
        ],
        [edge("ask", "greet")],
        "ask",
    )
    started = await api.start(workflow_id)
    waiting = await api.until(started.id, Status.EXECUTION_STATUS_WAITING_FOR_INPUT)
    assert waiting.pending_input.prompt == "Your name?"
    with rpc_error(grpc.StatusCode.FAILED_PRECONDITION):
        await api.executions.ResumeExecution(
            execution_service_pb2.ResumeExecutionRequest(
                execution_id=started.id, interrupt_id="wrong", value=struct_pb2.Value()
            )
        )
    answer = struct_pb2.Value(string_value="Ada")
    await api.executions.ResumeExecution(
        execution_service_pb2.ResumeExecutionRequest(
            execution_id=started.id,
            interrupt_id=waiting.pending_input.interrupt_id,
            value=answer,
        )
    )
    events = await api.events(started.id)
    assert "waiting_for_input" in kinds(events) and "resumed" in kinds(events)
    assert value(events[-1].completed.output) == "hello Ada"
    # Answered once: answering again is refused.
    with rpc_error(grpc.StatusCode.FAILED_PRECONDITION):
        await api.executions.ResumeExecution(
            execution_service_pb2.ResumeExecutionRequest(
                execution_id=started.id,
                interrupt_id=waiting.pending_input.interrupt_id,
                value=answer,
            )
        )


def spinning_children(workers) -> list[psutil.Process]:
    """Sandbox children (descendants of the workers) burning CPU right now."""
    found = []
    for worker in workers:
        for process in psutil.Process(worker.process.pid).children(recursive=True):
            try:
                if process.cpu_times().user > 0.5:  # idle pre-forked children use ~0.02 s
                    found.append(process)
            except psutil.NoSuchProcess:
                pass
    return found


async def test_cancel_kills_a_running_block(api, sandbox_workers):
    spin = await api.block("while True:\n    pass")
    workflow_id = await api.published([block_node("spin", spin)], [], "spin")
    started = await api.start(workflow_id)
    await api.until(started.id, Status.EXECUTION_STATUS_RUNNING)
    async with asyncio.timeout(30):  # the block is spinning in its sandbox child
        while not (spinning := await asyncio.to_thread(spinning_children, sandbox_workers)):  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    await api.executions.CancelExecution(
        execution_service_pb2.CancelExecutionRequest(execution_id=started.id, reason="enough")
    )
    events = await api.events(started.id, within=20)
    assert kinds(events)[-1] == "cancelled" and events[-1].cancelled.reason == "enough"
    done = await api.until(started.id, Status.EXECUTION_STATUS_CANCELLED)
    assert done.error.code == grpc.StatusCode.CANCELLED.value[0]
    # The child really died (killed by its zygote), it did not just stop being waited for.
    gone, alive = await asyncio.to_thread(psutil.wait_procs, spinning, 10)
    assert alive == []
    # Idempotent.
    again = await api.executions.CancelExecution(
        execution_service_pb2.CancelExecutionRequest(execution_id=started.id)
    )
    assert again.execution.status == Status.EXECUTION_STATUS_CANCELLED


async def test_failed_step_fails_the_execution_and_retry_continues(api):
    flaky = await api.block("output = 10 // input['d']")
    workflow_id = await api.published([block_node("divide", flaky)], [], "divide")
    started = await api.start(workflow_id, {"d": 0})
    events = await api.events(started.id)
    assert kinds(events)[-1] == "failed"
    assert "ZeroDivisionError" in events[-1].failed.error.message
    failed = await api.until(started.id, Status.EXECUTION_STATUS_FAILED)
    retried = await api.executions.RetryExecution(
        execution_service_pb2.RetryExecutionRequest(execution_id=failed.id)
    )
    assert retried.execution.attempt == 2
    again = await api.events(started.id, after=len(events))
    assert kinds(again)[0] == "started" and again[0].started.attempt == 2


async def test_node_retry_policy(api):
    always_fails = await api.block("x = 1 / 0")
    workflow_id = await api.published(
        [block_node("fail", always_fails, retry={"max_attempts": 3, "backoff_ms": 10})], [], "fail"
    )
    started = await api.start(workflow_id)
    events = await api.events(started.id)
    failures = [e.step_failed for e in events if e.WhichOneof("kind") == "step_failed"]
    assert [f.will_retry for f in failures] == [True, True, False]
    starts = [e.step_started.attempt for e in events if e.WhichOneof("kind") == "step_started"]
    assert starts == [1, 2, 3]


async def test_stream_resumes_from_a_sequence_and_two_streams_agree(api):
    double = await api.block("output = input['n'] * 2")
    workflow_id = await api.published(
        [block_node("a", double), block_node("b", double)], [edge("a", "b")], "a"
    )
    started = await api.start(workflow_id, {"n": 1})
    first, second = await asyncio.gather(api.events(started.id), api.events(started.id))
    assert [e.SerializeToString() for e in first] == [e.SerializeToString() for e in second]
    tail = await api.events(started.id, after=3)
    assert [e.sequence for e in tail] == [e.sequence for e in first[3:]]


async def test_idempotent_start_and_errors(api, bob):
    block = await api.block("output = 1")
    workflow_id = await api.published([block_node("one", block)], [], "one")
    request_id = str(uuid.uuid4())
    a = await api.start(workflow_id, request_id=request_id)
    b = await api.start(workflow_id, request_id=request_id)
    assert a.id == b.id
    with rpc_error(grpc.StatusCode.NOT_FOUND):
        await api.start(str(uuid.uuid4()))
    with rpc_error(grpc.StatusCode.NOT_FOUND):
        await api.start(workflow_id, version=7)
    draft = await api.workflows.CreateWorkflow(
        workflow_service_pb2.CreateWorkflowRequest(workflow=workflow_pb2.Workflow(name="d"))
    )
    with rpc_error(grpc.StatusCode.FAILED_PRECONDITION):
        await api.start(draft.workflow.id)
    # Another principal sees nothing.
    with rpc_error(grpc.StatusCode.NOT_FOUND):
        await bob.channel.unary_unary(
            "/agentbuilder.v1.ExecutionService/GetExecution",
            request_serializer=execution_service_pb2.GetExecutionRequest.SerializeToString,
            response_deserializer=execution_service_pb2.GetExecutionResponse.FromString,
        )(execution_service_pb2.GetExecutionRequest(execution_id=a.id))
    listed = await api.executions.ListExecutions(
        execution_service_pb2.ListExecutionsRequest(workflow_id=workflow_id)
    )
    assert [e.id for e in listed.executions] == [a.id]


# --- LLM, agent and tool nodes -----------------------------------------------------------------


async def test_llm_node_streams_tokens_from_an_openai_compatible_server(api, fake_openai):
    fake_openai.handler = sse_handler(
        [
            chunk({"role": "assistant", "content": "Hel"}),
            chunk({"content": "lo, "}),
            chunk({"content": "Ada"}, finish="stop"),
            usage_chunk(12, 3),
            DONE,
        ]
    )
    workflow_id = await api.published(
        [
            {
                "id": "chat",
                "type": workflow_pb2.NODE_TYPE_LLM,
                "config": {
                    "provider": "openai",
                    "base_url": fake_openai.base_url,
                    "model": "gpt-4o-mini",
                    "prompt": "Greet this person:",
                },
            }
        ],
        [],
        "chat",
    )
    started = await api.start(workflow_id, {"name": "Ada"})
    events = await api.events(started.id)
    tokens = [e.llm_token.text for e in events if e.WhichOneof("kind") == "llm_token"]
    assert tokens == ["Hel", "lo, ", "Ada"]
    assert value(events[-1].completed.output) == "Hello, Ada"
    sent = fake_openai.requests[0].json
    assert sent["model"] == "gpt-4o-mini" and sent["stream"] is True
    assert "Greet this person:" in sent["messages"][-1]["content"]
    done = await api.until(started.id, Status.EXECUTION_STATUS_SUCCEEDED)
    assert (done.prompt_tokens, done.completion_tokens) == (12, 3)
    # Priced from the llm_prices table: $0.15 and $0.60 per million tokens.
    assert done.cost_usd == pytest.approx((12 * 0.15 + 3 * 0.60) / 1_000_000)


async def test_agent_node_uses_its_tools(api, alice):
    calculator = next(
        tool
        for tool in (await alice.tools.ListTools(tool_service_pb2.ListToolsRequest())).tools
        if tool.name == "calculator"
    )
    agent = (
        await alice.agents.CreateAgent(
            agent_service_pb2.CreateAgentRequest(
                agent=agent_pb2.Agent(
                    name="math",
                    llm=agent_pb2.LlmConfig(provider="scripted", model="scripted"),
                    tool_ids=[calculator.id],
                )
            )
        )
    ).agent
    script = {
        "replies": [
            {"tool_calls": [{"name": "calculator", "arguments": {"expression": "6 * 7"}}]},
            "The answer is 42",
        ]
    }
    workflow_id = await api.published(
        [
            {
                "id": "solve",
                "type": workflow_pb2.NODE_TYPE_AGENT,
                "ref_id": agent.id,
                "config": {"script": script},
            }
        ],
        [],
        "solve",
    )
    started = await api.start(workflow_id, {"question": "6 times 7?"})
    events = await api.events(started.id)
    assert value(events[-1].completed.output) == "The answer is 42"


async def test_tool_node_runs_a_builtin_tool(api, alice):
    calculator = next(
        tool
        for tool in (await alice.tools.ListTools(tool_service_pb2.ListToolsRequest())).tools
        if tool.name == "calculator"
    )
    workflow_id = await api.published(
        [{"id": "calc", "type": workflow_pb2.NODE_TYPE_TOOL, "ref_id": calculator.id}], [], "calc"
    )
    started = await api.start(workflow_id, {"expression": "2 ** 10"})
    events = await api.events(started.id)
    assert value(events[-1].completed.output) == {"result": 1024}


async def test_node_timeout_fails_the_step(api):
    slow = await api.block("import time\ntime.sleep(5)\noutput = 1")
    workflow_id = await api.published([block_node("slow", slow, timeout_ms=500)], [], "slow")
    started = await api.start(workflow_id)
    events = await api.events(started.id, within=30)
    failed = [e.step_failed for e in events if e.WhichOneof("kind") == "step_failed"]
    assert failed and failed[0].error.code == grpc.StatusCode.DEADLINE_EXCEEDED.value[0]
    assert kinds(events)[-1] == "failed"


async def test_50_concurrent_executions_all_succeed(api):
    square = await api.block("output = input['n'] * input['n']")
    workflow_id = await api.published([block_node("sq", square)], [], "sq")
    started = await asyncio.gather(*(api.start(workflow_id, {"n": n}) for n in range(50)))
    results = await asyncio.gather(*(api.events(e.id, within=120) for e in started))
    assert [value(events[-1].completed.output) for events in results] == [n * n for n in range(50)]


async def test_retry_continues_from_the_checkpoint_without_rerunning_finished_steps(api):
    first = await api.block("output = {'n': input['n'] + 1}", name="first")
    second = await api.block("x = 1 / 0", name="second")
    workflow_id = await api.published(
        [block_node("first", first), block_node("second", second)],
        [edge("first", "second")],
        "first",
    )
    started = await api.start(workflow_id, {"n": 1})
    events = await api.events(started.id)
    assert kinds(events)[-1] == "failed"
    # Fix the block (nodes run the block's current code), then retry.
    fixed = block_pb2.Block(id=second, code="output = input['n'] * 3")
    await api.blocks.UpdateBlock(
        block_service_pb2.UpdateBlockRequest(
            block=fixed, update_mask=field_mask_pb2.FieldMask(paths=["code"])
        )
    )
    await api.executions.RetryExecution(
        execution_service_pb2.RetryExecutionRequest(execution_id=started.id)
    )
    everything = await api.events(started.id)
    assert value(everything[-1].completed.output) == 6
    ran_first = [
        e
        for e in everything
        if e.WhichOneof("kind") == "step_started" and e.step_started.node_id == "first"
    ]
    assert len(ran_first) == 1  # not run again by the retry
    restarted = [e.started for e in everything if e.WhichOneof("kind") == "started"]
    assert [r.attempt for r in restarted] == [1, 2] and restarted[1].resumed_from_checkpoint


async def test_subflow_runs_the_published_child_workflow(api):
    double = await api.block("output = {'n': input['n'] * 2}")
    child = await api.published([block_node("double", double)], [], "double")
    inc = await api.block("output = input['n'] + 1")
    parent = await api.published(
        [
            {"id": "sub", "type": workflow_pb2.NODE_TYPE_SUBFLOW, "ref_id": child},
            block_node("inc", inc),
        ],
        [edge("sub", "inc")],
        "sub",
    )
    started = await api.start(parent, {"n": 20})
    events = await api.events(started.id)
    assert value(events[-1].completed.output) == 41
    completed = [
        e.step_completed.node_id for e in events if e.WhichOneof("kind") == "step_completed"
    ]
    assert completed == ["sub/double", "sub", "inc"]


async def test_what_a_published_workflow_uses_cannot_be_deleted(api, alice):
    block = await api.block("output = 1")
    workflow_id = await api.published([block_node("one", block)], [], "one")
    with rpc_error(grpc.StatusCode.FAILED_PRECONDITION) as failure:
        await api.blocks.DeleteBlock(block_service_pb2.DeleteBlockRequest(block_id=block))
    assert failure.reason == "BLOCK_IN_USE"
    assert workflow_id in failure.error.details()
    # Once the workflow is gone, the block can go.
    await api.workflows.DeleteWorkflow(
        workflow_service_pb2.DeleteWorkflowRequest(workflow_id=workflow_id)
    )
    await api.blocks.DeleteBlock(block_service_pb2.DeleteBlockRequest(block_id=block))


async def test_cancel_closes_a_streaming_llm_call(api, fake_openai):
    async def slow(request, reader, writer):
        pieces = [chunk({"role": "assistant", "content": "thinking"})]
        pieces += [0.2, chunk({"content": "."})] * 300  # a minute of tokens, unless cancelled
        await send_sse(writer, [*pieces, DONE])

    fake_openai.handler = slow
    workflow_id = await api.published(
        [
            {
                "id": "chat",
                "type": workflow_pb2.NODE_TYPE_LLM,
                "config": {"provider": "openai", "base_url": fake_openai.base_url, "model": "m"},
            }
        ],
        [],
        "chat",
    )
    started = await api.start(workflow_id, {"q": "go"})
    async with asyncio.timeout(30):  # tokens are flowing
        async for message in api.executions.StreamExecution(
            execution_service_pb2.StreamExecutionRequest(execution_id=started.id)
        ):
            if message.event.WhichOneof("kind") == "llm_token":
                break
    await api.executions.CancelExecution(
        execution_service_pb2.CancelExecutionRequest(execution_id=started.id, reason="stop")
    )
    events = await api.events(started.id, within=20)
    assert kinds(events)[-1] == "cancelled"
    # The HTTP stream was closed: the fake server's handler ended long before its minute.
    async with asyncio.timeout(10):
        while fake_openai.tasks:  # noqa: ASYNC110 - the fake server has no event for this
            await asyncio.sleep(0.05)


async def test_a_runner_that_lost_its_lease_writes_nothing_more(api, database, fake_openai):
    """Its lease taken over mid-step, a runner can neither record the step nor end the run."""
    answer = asyncio.Event()
    fake_openai.handler = sse_handler(
        [
            chunk({"role": "assistant", "content": "thinking"}),
            answer,
            chunk({"content": " done"}),
            chunk({}, "stop"),
            DONE,
        ]
    )
    chat = {"provider": "openai", "base_url": fake_openai.base_url, "model": "m"}
    workflow_id = await api.published(
        [{"id": "chat", "type": workflow_pb2.NODE_TYPE_LLM, "config": chat}], [], "chat"
    )
    execution_id = uuid.UUID((await api.start(workflow_id, {"q": "go"})).id)

    async def logged() -> list[dict]:
        async with database.reader() as reader:
            return await ExecutionRepository(reader).events_after(execution_id, 0)

    async with asyncio.timeout(30):
        while not fake_openai.requests:  # noqa: ASYNC110 - until the runner is mid-step
            await asyncio.sleep(0.05)
    # Another runner claims it, as if this one had stalled past its lease.
    async with database.transaction() as tx:
        await ExecutionRepository(tx).set(
            execution_id,
            lease_owner="another-runner",
            lease_expires_at=datetime.now(UTC) + timedelta(hours=1),
        )
    answer.set()
    # The last tokens still stream (token events are not fenced); the step's end comes next.
    async with asyncio.timeout(30):
        while "done" not in str([event["payload"] for event in await logged()]):  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    async with database.reader() as reader:
        current = await ExecutionRepository(reader).get(None, execution_id)
        (step,) = await ExecutionRepository(reader).steps_of(execution_id)
    assert (current["status"], current["lease_owner"]) == ("RUNNING", "another-runner")
    assert step["status"] == "RUNNING"  # not recorded as ended by the runner that lost it
    kinds_logged = [event["kind"] for event in await logged()]
    assert "step_completed" not in kinds_logged and "completed" not in kinds_logged
    async with database.transaction() as tx:  # the other runner ends it
        await ExecutionRepository(tx).release(
            execution_id, None, status="CANCELLED", held_by="another-runner"
        )
