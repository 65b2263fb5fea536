"""Workflow executions end to end, next to the same graphs run with plain LangGraph.

    make bench-executions ARGS="--runs 30"

One run creates a fresh database, starts two sandbox workers and the real server (in a child
process, with its runner and sandbox pool), and measures from this process:

- a 10-node linear workflow of no-op passthrough nodes (condition nodes with one default edge) and
  one of 10 trivial blocks: StartExecution -> terminal event, p50/p99 and executions/s, with
  `--concurrency` runs in flight, and the time to the first event;
- the floor: the same passthrough graph compiled with this project's compiler and run in this
  process with plain LangGraph `ainvoke` (in-memory checkpointer, no database, no events);
- 500 concurrent StreamExecution subscribers on one execution: all must receive every event;
  the lag is from an event's commit time to its arrival at the subscriber.

Target: passthrough overhead at most 10x plain LangGraph per execution.
Needs AGENTBUILDER_TEST_DATABASE_URL: a PostgreSQL URL whose role may CREATE DATABASE.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

import grpc
from agentbuilder.v1 import (
    block_pb2,
    block_service_pb2,
    block_service_pb2_grpc,
    execution_service_pb2,
    execution_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from bench_agents import percentile, progress
from bench_sandbox import running_stack
from langgraph.checkpoint.memory import InMemorySaver

from server.engine.graph import compile_graph

NODES = 10
TARGET_OVERHEAD = 10.0


def linear_graph(node_type: str, ref_id: str = "") -> dict:
    """The stored form of a 10-node chain (what compile_graph and the API both take)."""
    nodes = [
        {"id": f"n{i}", "type": node_type, "ref_id": ref_id, "config": {}} for i in range(NODES)
    ]
    edges = [
        {"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}", "condition": ""}
        for i in range(NODES - 1)
    ]
    return {"nodes": nodes, "edges": edges, "entry_node_id": "n0"}


async def plain_langgraph(runs: int) -> dict:
    """The floor: the same passthrough chain with plain LangGraph, in this process."""

    async def passthrough(node, node_input, state, step, config):
        return node_input

    graph = compile_graph(linear_graph("condition"), passthrough).compile(
        checkpointer=InMemorySaver()
    )
    latencies = []
    for _ in range(runs):
        config = {"configurable": {"thread_id": uuid.uuid4().hex}}
        started = time.perf_counter()
        await graph.ainvoke({"input": {"n": 1}, "nodes": {}}, config)
        latencies.append(time.perf_counter() - started)
    latencies.sort()
    return summary("plain LangGraph ainvoke (passthrough)", latencies, sum(latencies), runs)


def summary(name: str, latencies: list[float], seconds: float, runs: int, **extra) -> dict:
    return {
        "scenario": name,
        "runs": runs,
        "per_second": round(runs / seconds, 1) if seconds else None,
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
        **extra,
    }


class Api:
    def __init__(self, channel: grpc.aio.Channel, key: str) -> None:
        self.metadata = (("authorization", f"Bearer {key}"),)
        self.blocks = block_service_pb2_grpc.BlockServiceStub(channel)
        self.workflows = workflow_service_pb2_grpc.WorkflowServiceStub(channel)
        self.executions = execution_service_pb2_grpc.ExecutionServiceStub(channel)

    async def publish(self, graph: dict) -> str:
        workflow = workflow_pb2.Workflow(name="bench", entry_node_id=graph["entry_node_id"])
        types = {
            "condition": workflow_pb2.NODE_TYPE_CONDITION,
            "block": workflow_pb2.NODE_TYPE_BLOCK,
        }
        for node in graph["nodes"]:
            workflow.nodes.add(id=node["id"], type=types[node["type"]], ref_id=node["ref_id"])
        for edge in graph["edges"]:
            workflow.edges.add(id=edge["id"], source=edge["source"], target=edge["target"])
        created = await self.workflows.CreateWorkflow(
            workflow_service_pb2.CreateWorkflowRequest(workflow=workflow), metadata=self.metadata
        )
        await self.workflows.PublishWorkflow(
            workflow_service_pb2.PublishWorkflowRequest(workflow_id=created.workflow.id),
            metadata=self.metadata,
        )
        return created.workflow.id

    async def run_once(self, workflow_id: str) -> tuple[float, float, str]:
        """StartExecution -> terminal event: (total seconds, seconds to first event, kind)."""
        started = time.perf_counter()
        request = execution_service_pb2.StartExecutionRequest(workflow_id=workflow_id)
        request.input.update({"n": 1})
        execution = (
            await self.executions.StartExecution(request, metadata=self.metadata)
        ).execution
        first = None
        kind = ""
        async for message in self.executions.StreamExecution(
            execution_service_pb2.StreamExecutionRequest(execution_id=execution.id),
            metadata=self.metadata,
        ):
            if first is None:
                first = time.perf_counter() - started
            kind = message.event.WhichOneof("kind")
        return time.perf_counter() - started, first or 0.0, kind


async def through_the_stack(api: Api, workflow_id: str, name: str, runs: int, concurrency: int):
    for _ in range(2):
        await api.run_once(workflow_id)  # warm-up
    latencies: list[float] = []
    firsts: list[float] = []
    failures = 0
    queue = list(range(runs))

    async def worker() -> None:
        nonlocal failures
        while queue:
            queue.pop()
            total, first, kind = await api.run_once(workflow_id)
            if kind != "completed":
                failures += 1
            latencies.append(total)
            firsts.append(first)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    firsts.sort()
    return summary(
        f"{name} (c={concurrency})",
        latencies,
        elapsed,
        runs,
        failures=failures,
        first_event_p50_ms=percentile(firsts, 0.50),
    )


async def subscribers(api: Api, workflow_id: str, count: int) -> dict:
    """`count` streams of one execution: do all of them see every event, and how late?"""
    request = execution_service_pb2.StartExecutionRequest(workflow_id=workflow_id)
    request.input.update({"n": 1})
    execution = (await api.executions.StartExecution(request, metadata=api.metadata)).execution
    lags: list[float] = []
    counts: list[int] = []

    async def follow() -> None:
        seen = 0
        async for message in api.executions.StreamExecution(
            execution_service_pb2.StreamExecutionRequest(execution_id=execution.id),
            metadata=api.metadata,
        ):
            seen += 1
            lags.append(time.time() - message.event.time.ToDatetime().timestamp())
        counts.append(seen)

    await asyncio.gather(*(follow() for _ in range(count)))
    lags.sort()
    return {
        "scenario": f"{count} concurrent StreamExecution subscribers",
        "all_received_every_event": len(set(counts)) == 1 and len(counts) == count,
        "events_each": counts[0] if counts else 0,
        "lag_p50_ms": percentile(lags, 0.50),
        "lag_p99_ms": percentile(lags, 0.99),
    }


async def benchmark(args: argparse.Namespace, info: dict) -> list[dict]:
    results = []
    progress(f"measuring plain LangGraph over {args.runs} runs")
    results.append(await plain_langgraph(args.runs * 5))
    options = [("grpc.max_receive_message_length", 16 * 1024 * 1024)]
    async with grpc.aio.insecure_channel(f"127.0.0.1:{info['port']}", options=options) as channel:
        api = Api(channel, info["api_key"])
        passthrough = await api.publish(linear_graph("condition"))
        block = (
            await api.blocks.CreateBlock(
                block_service_pb2.CreateBlockRequest(
                    block=block_pb2.Block(name="noop", code="output = input")
                ),
                metadata=api.metadata,
            )
        ).block
        blocks = await api.publish(linear_graph("block", block.id))
        for concurrency in (1, args.concurrency):
            progress(f"measuring 10 passthrough nodes, {args.runs} runs at c={concurrency}")
            results.append(
                await through_the_stack(
                    api, passthrough, "10 passthrough nodes", args.runs, concurrency
                )
            )
            progress(f"measuring 10 trivial blocks, {args.runs} runs at c={concurrency}")
            results.append(
                await through_the_stack(api, blocks, "10 trivial blocks", args.runs, concurrency)
            )
        progress(f"measuring {args.subscribers} concurrent subscribers of one execution")
        results.append(await subscribers(api, blocks, args.subscribers))
    return results


def report(results: list[dict]) -> None:
    print()
    header = (
        f"{'scenario':42} {'runs':>5} {'per s':>7} {'p50 ms':>8} {'p99 ms':>8} {'1st ev ms':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if "runs" not in r:
            continue
        print(
            f"{r['scenario']:42} {r['runs']:>5} {r['per_second'] or 0:>7} "
            f"{r['p50_ms'] or 0:>8.1f} {r['p99_ms'] or 0:>8.1f} "
            f"{r.get('first_event_p50_ms') or 0:>9.1f}"
        )
    streams = results[-1]
    print()
    print(
        f"{streams['scenario']}: every subscriber got all {streams['events_each']} events: "
        f"{streams['all_received_every_event']}; lag p50 {streams['lag_p50_ms']} ms, "
        f"p99 {streams['lag_p99_ms']} ms"
    )
    floor = results[0]["p50_ms"]
    passthrough = next(r for r in results if r["scenario"] == "10 passthrough nodes (c=1)")
    overhead = passthrough["p50_ms"] / floor
    print(
        f"passthrough overhead per execution: {overhead:.0f}x plain LangGraph "
        f"(target <= {TARGET_OVERHEAD:.0f}x): {'MET' if overhead <= TARGET_OVERHEAD else 'NOT MET'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="executions per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="executions in flight")
    parser.add_argument("--subscribers", type=int, default=500, help="streams of one execution")
    args = parser.parse_args()
    with running_stack("make bench-executions") as (info, _):
        results = asyncio.run(benchmark(args, info))
    report(results)


if __name__ == "__main__":
    main()
