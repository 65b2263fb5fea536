"""Domain types: what services take and return. Neither protos nor ORM rows."""

from __future__ import annotations

import enum
import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from server.sandbox.results import RunResult

T = TypeVar("T")


class AgentType(enum.StrEnum):
    CONVERSATIONAL = "conversational"
    REACT = "react"
    PLAN_AND_EXECUTE = "plan_and_execute"
    ROUTER = "router"


class BlockType(enum.StrEnum):
    LOGIC = "logic"


class NodeType(enum.StrEnum):
    """What a workflow node does; UNSPECIFIED is only ever input, never stored."""

    UNSPECIFIED = "unspecified"
    BLOCK = "block"
    TOOL = "tool"
    AGENT = "agent"
    LLM = "llm"
    CONDITION = "condition"
    PARALLEL = "parallel"
    JOIN = "join"
    HUMAN_INPUT = "human_input"
    SUBFLOW = "subflow"


class WorkflowState(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class ToolImplementationType(enum.StrEnum):
    UNSPECIFIED = "unspecified"
    BUILTIN = "builtin"
    HTTP = "http"
    BLOCK = "block"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the owner of the resources it creates."""

    id: uuid.UUID
    name: str


@dataclass(slots=True)
class LlmConfig:
    provider: str = ""
    model: str = ""
    temperature: float | None = None
    max_tokens: int = 0
    system_prompt: str = ""


@dataclass(slots=True)
class AgentFields:
    """The user-settable fields of an agent (create input, update target)."""

    name: str = ""
    description: str = ""
    agent_type: AgentType = AgentType.CONVERSATIONAL
    llm: LlmConfig = field(default_factory=LlmConfig)
    tool_ids: list[str] = field(default_factory=list)
    knowledgebase_ids: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Agent:
    id: uuid.UUID
    fields: AgentFields
    version: int
    create_time: datetime
    update_time: datetime

    @property
    def etag(self) -> str:
        return make_etag(self.id, self.version)


@dataclass(slots=True)
class AgentVersion:
    version: int
    agent: Agent
    create_time: datetime


@dataclass(slots=True)
class ToolFields:
    """The user-settable fields of a tool."""

    name: str = ""
    description: str = ""
    category: str = ""
    input_schema: dict[str, Any] | None = None
    output_schema: dict[str, Any] | None = None
    implementation_type: ToolImplementationType = ToolImplementationType.UNSPECIFIED
    implementation_ref: str = ""


@dataclass(slots=True)
class Tool:
    id: uuid.UUID
    fields: ToolFields
    is_builtin: bool
    revision: int
    create_time: datetime
    update_time: datetime

    @property
    def etag(self) -> str:
        return make_etag(self.id, self.revision)


@dataclass(slots=True)
class BlockTestCase:
    """An example input of a block and, optionally, the output it should produce."""

    name: str = ""
    input: dict[str, Any] = field(default_factory=dict)
    # Whether expected_output is set at all: an expected output of None means "must be null".
    has_expected_output: bool = False
    expected_output: Any = None


@dataclass(slots=True)
class BlockFields:
    """The user-settable fields of a block (create input, update target)."""

    name: str = ""
    description: str = ""
    block_type: BlockType = BlockType.LOGIC
    input_schema: dict[str, Any] | None = None
    output_schema: dict[str, Any] | None = None
    code: str = ""
    test_cases: list[BlockTestCase] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    id: uuid.UUID
    fields: BlockFields
    version: int
    create_time: datetime
    update_time: datetime

    @property
    def etag(self) -> str:
        return make_etag(self.id, self.version)


@dataclass(slots=True)
class BlockVersion:
    version: int
    block: Block
    create_time: datetime


@dataclass(slots=True)
class BlockTestResult:
    """How one test case of a block ran and whether it passed (and if not, why)."""

    name: str
    run: RunResult
    passed: bool
    failures: list[str]


@dataclass(slots=True)
class WorkflowNode:
    """One step of a workflow graph."""

    id: str = ""
    type: NodeType = NodeType.UNSPECIFIED
    # UUID of the block, tool, agent or workflow the node runs; empty for the other types.
    ref_id: str = ""
    config: dict[str, Any] = field(default_factory=dict)
    position_x: float = 0.0
    position_y: float = 0.0


@dataclass(slots=True)
class WorkflowEdge:
    """A connection between two nodes; `condition` is a CEL expression or empty."""

    id: str = ""
    source: str = ""
    target: str = ""
    condition: str = ""


@dataclass(slots=True)
class WorkflowFields:
    """The user-settable fields of a workflow (create input, update target)."""

    name: str = ""
    description: str = ""
    nodes: list[WorkflowNode] = field(default_factory=list)
    edges: list[WorkflowEdge] = field(default_factory=list)
    entry_node_id: str = ""


@dataclass(slots=True)
class Workflow:
    """A workflow's draft: `version` is the draft revision, `published_version` 0 if none."""

    id: uuid.UUID
    fields: WorkflowFields
    version: int
    published_version: int
    create_time: datetime
    update_time: datetime

    @property
    def state(self) -> WorkflowState:
        return WorkflowState.PUBLISHED if self.published_version else WorkflowState.DRAFT

    @property
    def etag(self) -> str:
        # Publishing changes the resource but not the draft revision: both go into the etag.
        return make_etag(self.id, f"{self.version}.{self.published_version}")


@dataclass(slots=True)
class WorkflowVersion:
    """One published, immutable version; `workflow` is the draft as it was published."""

    version: int
    workflow: Workflow
    create_time: datetime


@dataclass(slots=True)
class Page(Generic[T]):
    items: list[T]
    next_page_token: str


def make_etag(resource_id: uuid.UUID, revision: int | str) -> str:
    """An opaque token that changes with every revision of a resource."""
    return hashlib.blake2b(f"{resource_id}:{revision}".encode(), digest_size=9).hexdigest()
