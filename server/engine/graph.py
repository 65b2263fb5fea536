"""Compiles a published workflow graph into a LangGraph StateGraph.

State is `{"input": <execution input>, "nodes": {<node id>: <output>}}`; every node adds its
output under its id. A node's input is its predecessor's output (the entry node gets the
execution input, a join a map of its predecessors' outputs), unless `config.input` names a
state path ("input", "input.field", "nodes.<id>" or "nodes.<id>.field").

What a node does is the executor's business (sandbox, tools, LLMs, human input): this module
only wires nodes and edges, routes condition nodes with CEL, and asks the executor to run each
node once per LangGraph step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Protocol, TypedDict

import celpy
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph

from server.domain.workflows import cel_program


def merge_outputs(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    """Reducer for parallel branches: each writes its own node's key."""
    return {**left, **right}


class RunState(TypedDict):
    input: Any
    nodes: Annotated[dict[str, Any], merge_outputs]


class NodeExecutor(Protocol):
    """Runs one node for one LangGraph step and returns its output."""

    async def __call__(
        self,
        node: dict[str, Any],
        node_input: Any,
        state: RunState,
        step: int,
        config: RunnableConfig,
    ) -> Any: ...


class RoutingError(Exception):
    """A condition node found no edge to follow, or a condition failed to evaluate."""


def evaluate_condition(expression: str, node_input: Any, state: RunState) -> bool:
    """A CEL condition with `input` (the condition node's input), `nodes` and `workflow_input`."""
    activation = {
        "input": celpy.json_to_cel(node_input),
        "nodes": celpy.json_to_cel(state["nodes"]),
        "workflow_input": celpy.json_to_cel(state["input"]),
    }
    try:
        result = cel_program(expression).evaluate(activation)
    except Exception as error:  # CELEvalError and friends: the data did not fit the expression
        raise RoutingError(f"condition {expression!r} failed: {error}") from None
    if isinstance(result, Exception):
        raise RoutingError(f"condition {expression!r} failed: {result}")
    return bool(result)


def resolve_path(state: RunState, path: str) -> Any:
    """The value at a dotted state path such as "nodes.fetch.body" (None when missing)."""
    parts = path.split(".")
    value: Any = {"input": state["input"], "nodes": state["nodes"]}
    for part in parts:
        if isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return value


def compile_graph(graph: dict[str, Any], run_node: NodeExecutor) -> StateGraph:
    """A StateGraph for a workflow graph (as stored: nodes, edges, entry_node_id)."""
    nodes = {node["id"]: node for node in graph["nodes"]}
    outgoing: dict[str, list[dict[str, Any]]] = {node_id: [] for node_id in nodes}
    incoming: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for edge in graph["edges"]:
        outgoing[edge["source"]].append(edge)
        incoming[edge["target"]].append(edge["source"])
    entry = graph["entry_node_id"]
    builder = StateGraph(RunState)

    def node_input(node_id: str, state: RunState) -> Any:
        mapping = nodes[node_id].get("config", {}).get("input")
        if isinstance(mapping, str):
            return resolve_path(state, mapping)
        sources = incoming[node_id]
        if node_id == entry and not sources:
            return state["input"]
        if nodes[node_id]["type"] == "join":
            return {source: state["nodes"].get(source) for source in sources}
        ran = [source for source in sources if source in state["nodes"]]
        if not ran:
            return state["input"]
        return state["nodes"][ran[-1]]

    def make_node(node_id: str) -> Callable[[RunState, RunnableConfig], Awaitable[dict]]:
        async def node_function(state: RunState, config: RunnableConfig) -> dict:
            step = config["metadata"]["langgraph_step"]
            value = node_input(node_id, state)
            output = await run_node(nodes[node_id], value, state, step, config)
            return {"nodes": {node_id: output}}

        return node_function

    for node_id in nodes:
        builder.add_node(node_id, make_node(node_id))
    builder.add_edge(START, entry)

    for node_id, node in nodes.items():
        edges = outgoing[node_id]
        if not edges:
            builder.add_edge(node_id, END)
        elif node["type"] == "condition":
            builder.add_conditional_edges(node_id, _router(node_id, edges, node_input))
        else:
            for edge in edges:
                if nodes[edge["target"]]["type"] != "join":
                    builder.add_edge(node_id, edge["target"])
    # A join runs once, after all its predecessors: one edge from all of them together.
    for node_id, node in nodes.items():
        if node["type"] == "join" and incoming[node_id]:
            builder.add_edge(list(incoming[node_id]), node_id)
    return builder


def _router(
    node_id: str, edges: list[dict[str, Any]], node_input: Callable[[str, RunState], Any]
) -> Callable[[RunState], list[str]]:
    conditional = [edge for edge in edges if edge.get("condition")]
    default = [edge["target"] for edge in edges if not edge.get("condition")]

    def route(state: RunState) -> list[str]:
        value = state["nodes"].get(node_id)
        taken = [
            edge["target"]
            for edge in conditional
            if evaluate_condition(edge["condition"], value, state)
        ]
        if taken:
            return taken
        if default:
            return default
        raise RoutingError(f"no condition of node {node_id!r} matched and it has no default edge")

    return route


def sinks(graph: dict[str, Any]) -> set[str]:
    """Nodes without outgoing edges: whichever of them ran gives the execution's output."""
    sources = {edge["source"] for edge in graph["edges"]}
    return {node["id"] for node in graph["nodes"]} - sources
