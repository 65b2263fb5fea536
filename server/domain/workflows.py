"""Workflow rules: every problem of a workflow and its graph, as field violations, in one pass.

`workflow_violations` checks everything that needs no database; `reference_violations` checks,
against the ids the caller can see (looked up by the service), that each ref_id names something.
Save (create, update) and publish apply both; ValidateWorkflow reports them without failing.
"""

from __future__ import annotations

import functools
import math
import re
import threading
import uuid
from collections import defaultdict
from collections.abc import Mapping, Set
from typing import Any

import celpy

from server.domain.errors import FieldViolation
from server.domain.models import NodeType, WorkflowFields, WorkflowNode
from server.domain.validation import MAX_DESCRIPTION, _length, _nul_violations

MAX_NODES = 200
MAX_EDGES = 400
MAX_CONDITION_CHARS = 1000
MAX_TIMEOUT_MS = 3_600_000
MAX_RETRY_ATTEMPTS = 10
MAX_BACKOFF_MS = 60_000
MAX_ITERATIONS = 10_000
GRAPH_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Node types that run something else, and what their ref_id names.
REF_KINDS = {
    NodeType.BLOCK: "block",
    NodeType.TOOL: "tool",
    NodeType.AGENT: "agent",
    NodeType.SUBFLOW: "workflow",
}
RETRY_KEYS = frozenset({"max_attempts", "backoff_ms"})


def workflow_violations(
    fields: WorkflowFields, *, publish: bool = False, prefix: str = "workflow"
) -> list[FieldViolation]:
    """Every rule the workflow breaks, except references to things that do not exist.

    Args:
        fields: the workflow to check.
        publish: also apply the rules for publishing (an empty graph is not publishable).
        prefix: path of the workflow in the request, for the violations' field paths.

    """
    out: list[FieldViolation] = _nul_violations(fields, prefix)
    _length(fields.name, f"{prefix}.name", 1, 200, out)
    if fields.name and fields.name.strip() != fields.name:
        out.append(FieldViolation(f"{prefix}.name", "must not start or end with whitespace"))
    _length(fields.description, f"{prefix}.description", 0, MAX_DESCRIPTION, out)
    if len(fields.nodes) > MAX_NODES:
        out.append(FieldViolation(f"{prefix}.nodes", f"at most {MAX_NODES} nodes"))
    if len(fields.edges) > MAX_EDGES:
        out.append(FieldViolation(f"{prefix}.edges", f"at most {MAX_EDGES} edges"))
    if len(fields.nodes) > MAX_NODES or len(fields.edges) > MAX_EDGES:
        return out  # bound the work an oversized graph can cause
    if publish and not fields.nodes:
        out.append(FieldViolation(f"{prefix}.nodes", "a workflow needs at least one node"))
    _Graph(fields, prefix, out).check(publish)
    return out


def referenced_ids(fields: WorkflowFields) -> dict[NodeType, set[uuid.UUID]]:
    """The well-formed ref_ids of nodes that run a block, tool, agent or workflow, by type."""
    refs: dict[NodeType, set[uuid.UUID]] = defaultdict(set)
    if len(fields.nodes) > MAX_NODES:
        return refs
    for node in fields.nodes:
        parsed = _ref_uuid(node)
        if parsed is not None:
            refs[node.type].add(parsed)
    return refs


def reference_violations(
    fields: WorkflowFields,
    visible: Mapping[NodeType, Set[uuid.UUID]],
    self_id: uuid.UUID | None,
    prefix: str = "workflow",
) -> list[FieldViolation]:
    """ref_ids that name nothing the caller can see, and SUBFLOW nodes naming their workflow.

    Args:
        fields: the workflow to check.
        visible: for each node type, which of its referenced ids exist for the caller.
        self_id: the workflow's own id (None for one not created yet).
        prefix: path of the workflow in the request.

    """
    out = []
    if len(fields.nodes) > MAX_NODES:
        return out
    for index, node in enumerate(fields.nodes):
        parsed = _ref_uuid(node)
        if parsed is None:
            continue  # missing, malformed or forbidden: reported by workflow_violations
        field = f"{prefix}.nodes[{index}].ref_id"
        if node.type is NodeType.SUBFLOW and parsed == self_id:
            out.append(FieldViolation(field, "a workflow cannot be its own subflow"))
        elif parsed not in visible.get(node.type, ()):
            out.append(FieldViolation(field, f"no {REF_KINDS[node.type]} with id {node.ref_id!r}"))
    return out


def canonicalize_workflow(fields: WorkflowFields) -> None:
    """Rewrites ref_ids in their canonical form (call after validation): one spelling per id."""
    for node in fields.nodes:
        parsed = _ref_uuid(node)
        if parsed is not None:
            node.ref_id = str(parsed)


def _ref_uuid(node: WorkflowNode) -> uuid.UUID | None:
    if node.type not in REF_KINDS or not node.ref_id:
        return None
    try:
        return uuid.UUID(node.ref_id)
    except ValueError:
        return None


_cel_lock = threading.Lock()


@functools.cache
def _cel() -> celpy.Environment:
    return celpy.Environment()


@functools.lru_cache(maxsize=1024)
def cel_program(expression: str) -> Any:
    """A compiled, runnable CEL program (the expression must be valid: see cel_error)."""
    with _cel_lock:
        environment = _cel()
        return environment.program(environment.compile(expression))


@functools.lru_cache(maxsize=4096)
def cel_error(expression: str) -> str | None:
    """Why `expression` is not a valid CEL expression; None when it compiles."""
    # The parser is shared and keeps per-call state: one compile at a time.
    with _cel_lock:
        try:
            _cel().compile(expression)
        except celpy.CELParseError as error:
            if error.line is not None:
                return (
                    f"not a valid CEL expression: syntax error at line {error.line}, "
                    f"column {error.column}"
                )
            return "not a valid CEL expression: syntax error"
        except RecursionError:
            return "not a valid CEL expression: nested too deeply"
        except Exception:  # any other parser failure also means the text is not CEL
            return "not a valid CEL expression"
    return None


def _integer(value: Any) -> int | None:
    """A JSON number that is an integer (Struct numbers arrive as floats), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None  # also NaN and the infinities
    return int(value)


def _bounded_integer(
    config: Mapping[str, Any], key: str, low: int, high: int, where: str, out: list[FieldViolation]
) -> int | None:
    """config[key] when it is an integer in [low, high]; a violation when it is anything else."""
    if key not in config:
        return None
    number = _integer(config[key])
    if number is None or not low <= number <= high:
        out.append(FieldViolation(f"{where}.{key}", f"must be an integer from {low} to {high}"))
        return None
    return number


def _id_violation(value: str, kind: str, seen: dict[str, int], index: int) -> str | None:
    if not value:
        return "is required"
    if not GRAPH_ID.fullmatch(value):
        return "must be 1 to 64 characters of [A-Za-z0-9_-]"
    if value in seen:
        return f"duplicate {kind} id {value!r} (also {kind}s[{seen[value]}])"
    seen[value] = index
    return None


class _Graph:
    """One pass over a workflow's nodes and edges, appending violations to `out`."""

    def __init__(self, fields: WorkflowFields, prefix: str, out: list[FieldViolation]) -> None:
        self.fields = fields
        self.prefix = prefix
        self.out = out
        # Node id → index of the node holding it (the first, for duplicates).
        self.index: dict[str, int] = {}
        # Edge id → index of the edge holding it (the first, for duplicates).
        self.edge_index: dict[str, int] = {}
        # Edges whose both ends are nodes: (source, target).
        self.links: list[tuple[str, str]] = []
        # Nodes whose config.max_iterations bounds the cycles through them.
        self.bounded: set[str] = set()

    def _add(self, field: str, description: str) -> None:
        self.out.append(FieldViolation(f"{self.prefix}.{field}", description))

    def check(self, publish: bool) -> None:
        for index, node in enumerate(self.fields.nodes):
            self._node(index, node)
        for index, edge in enumerate(self.fields.edges):
            self._edge(index, edge.id, edge.source, edge.target, edge.condition)
        self._default_branches()
        entry = self._entry(publish)
        self._degrees()
        if entry is not None:
            self._reachability(entry)
        self._cycles()

    def _node(self, index: int, node: WorkflowNode) -> None:
        where = f"nodes[{index}]"
        problem = _id_violation(node.id, "node", self.index, index)
        if problem:
            self._add(f"{where}.id", problem)
        kind = node.type.name
        if node.type is NodeType.UNSPECIFIED:
            self._add(f"{where}.type", "is required")
        elif node.type in REF_KINDS:
            if not node.ref_id:
                self._add(f"{where}.ref_id", f"is required for {kind} nodes")
            elif _ref_uuid(node) is None:
                self._add(f"{where}.ref_id", f"must be a UUID, got {node.ref_id!r}")
        elif node.ref_id:
            self._add(f"{where}.ref_id", f"must be empty for {kind} nodes")
        for axis in ("position_x", "position_y"):
            if not math.isfinite(getattr(node, axis)):
                self._add(f"{where}.{axis}", "must be a finite number")
        self._config(where, node, bounds_cycles=self.index.get(node.id) == index)

    def _config(self, where: str, node: WorkflowNode, bounds_cycles: bool) -> None:
        config = node.config
        where = f"{self.prefix}.{where}.config"
        _bounded_integer(config, "timeout_ms", 1, MAX_TIMEOUT_MS, where, self.out)
        if _bounded_integer(config, "max_iterations", 1, MAX_ITERATIONS, where, self.out):
            if bounds_cycles:
                self.bounded.add(node.id)
        if "retry" in config:
            retry = config["retry"]
            if not isinstance(retry, dict):
                self.out.append(FieldViolation(f"{where}.retry", "must be an object"))
            else:
                if "max_attempts" not in retry:
                    self.out.append(
                        FieldViolation(f"{where}.retry.max_attempts", "is required in a retry")
                    )
                _bounded_integer(
                    retry, "max_attempts", 1, MAX_RETRY_ATTEMPTS, f"{where}.retry", self.out
                )
                _bounded_integer(retry, "backoff_ms", 0, MAX_BACKOFF_MS, f"{where}.retry", self.out)
                for key in sorted(set(retry) - RETRY_KEYS):
                    self.out.append(
                        FieldViolation(
                            f"{where}.retry.{key}",
                            "unknown key: a retry has max_attempts and backoff_ms",
                        )
                    )
        if node.type is NodeType.HUMAN_INPUT and "prompt" in config:
            if not isinstance(config["prompt"], str):
                self.out.append(FieldViolation(f"{where}.prompt", "must be a string"))

    def _edge(self, index: int, edge_id: str, source: str, target: str, condition: str) -> None:
        where = f"edges[{index}]"
        problem = _id_violation(edge_id, "edge", self.edge_index, index)
        if problem:
            self._add(f"{where}.id", problem)
        ends_known = True
        for end, value in (("source", source), ("target", target)):
            if not value:
                self._add(f"{where}.{end}", "is required")
                ends_known = False
            elif value not in self.index:
                self._add(f"{where}.{end}", f"no node with id {value!r}")
                ends_known = False
        if ends_known:
            self.links.append((source, target))
        if not condition:
            return
        source_type = self._type_of(source)
        if source_type is not None and source_type is not NodeType.CONDITION:
            self._add(
                f"{where}.condition",
                f"only edges leaving a CONDITION node may have a condition; "
                f"{source!r} is a node of type {source_type.name}",
            )
        elif len(condition) > MAX_CONDITION_CHARS:
            self._add(f"{where}.condition", f"must be at most {MAX_CONDITION_CHARS} characters")
        else:
            problem = cel_error(condition)
            if problem:
                self._add(f"{where}.condition", problem)

    def _type_of(self, node_id: str) -> NodeType | None:
        index = self.index.get(node_id)
        return None if index is None else self.fields.nodes[index].type

    def _default_branches(self) -> None:
        """A CONDITION node's edges need conditions, but for one default branch."""
        defaults: dict[str, int] = defaultdict(int)
        for index, edge in enumerate(self.fields.edges):
            if edge.condition or self._type_of(edge.source) is not NodeType.CONDITION:
                continue
            defaults[edge.source] += 1
            if defaults[edge.source] > 1:
                self._add(
                    f"edges[{index}].condition",
                    f"is required: only one edge leaving CONDITION node {edge.source!r} may "
                    "have no condition (the default branch)",
                )

    def _entry(self, publish: bool) -> str | None:
        entry = self.fields.entry_node_id
        if not entry:
            if self.fields.nodes or publish:
                self._add("entry_node_id", "is required")
            return None
        if entry not in self.index:
            self._add("entry_node_id", f"no node with id {entry!r}")
            return None
        return entry

    def _degrees(self) -> None:
        incoming: dict[str, int] = defaultdict(int)
        outgoing: dict[str, int] = defaultdict(int)
        for source, target in self.links:
            outgoing[source] += 1
            incoming[target] += 1
        for node_id, index in self.index.items():
            node = self.fields.nodes[index]
            if node.type is NodeType.JOIN and incoming[node_id] < 2:
                self._add(
                    f"nodes[{index}]",
                    f"a JOIN node needs at least 2 incoming edges, {node_id!r} has "
                    f"{incoming[node_id]}",
                )
            if node.type is NodeType.PARALLEL and outgoing[node_id] < 2:
                self._add(
                    f"nodes[{index}]",
                    f"a PARALLEL node needs at least 2 outgoing edges, {node_id!r} has "
                    f"{outgoing[node_id]}",
                )

    def _reachability(self, entry: str) -> None:
        successors: dict[str, list[str]] = defaultdict(list)
        for source, target in self.links:
            successors[source].append(target)
        reached = {entry}
        frontier = [entry]
        while frontier:
            for target in successors[frontier.pop()]:
                if target not in reached:
                    reached.add(target)
                    frontier.append(target)
        for node_id, index in self.index.items():
            if node_id not in reached:
                self._add(
                    f"nodes[{index}]", f"node {node_id!r} is not reachable from the entry node"
                )

    def _cycles(self) -> None:
        """Every cycle must pass through a node with an iteration bound.

        Such a cycle exists exactly when the graph left after removing the bounded nodes has
        one; each of its strongly connected components with a cycle is reported once.
        """
        successors: dict[str, list[str]] = defaultdict(list)
        for source, target in self.links:
            if source not in self.bounded and target not in self.bounded:
                successors[source].append(target)
        cycles = [
            component
            for component in _strongly_connected(list(self.index), successors)
            # a single node is a cycle only with an edge to itself
            if len(component) > 1 or component[0] in successors[component[0]]
        ]
        first = self.index.__getitem__
        for start, component in sorted(
            ((min(c, key=first), c) for c in cycles), key=lambda pair: first(pair[0])
        ):
            path = _cycle_through(start, set(component), successors)
            self._add(
                f"nodes[{self.index[start]}]",
                f"cycle {' -> '.join(repr(n) for n in path)} has no iteration bound: set "
                "config.max_iterations on one of its nodes",
            )


def _strongly_connected(nodes: list[str], successors: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iterative (no recursion limit to hit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = successors.get(node, [])
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _cycle_through(start: str, members: set[str], successors: Mapping[str, list[str]]) -> list[str]:
    """A shortest cycle from `start` back to itself inside one strongly connected component."""
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in successors.get(node, []):
                if target not in members:
                    continue
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [*reversed(path), start]
                if target not in parents:
                    parents[target] = node
                    following.append(target)
        frontier = following
    return [start, start]  # unreachable for a real component
