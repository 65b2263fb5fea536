"""ORM models. Alembic owns the schema; these must match the migrations (a test checks)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base: NAMING_CONVENTION constraint names, timestamptz, UUID and JSONB columns."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: DateTime(timezone=True),
        uuid.UUID: UUID(as_uuid=True),
        dict[str, Any]: JSONB,
    }


def _now() -> Any:
    return mapped_column(server_default=func.now())


class PrincipalRow(Base):
    """A caller identity that owns resources."""

    __tablename__ = "principals"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    create_time: Mapped[datetime] = _now()


class ApiKeyRow(Base):
    """An API key; only its SHA-256 digest is stored."""

    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    principal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principals.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    key_digest: Mapped[bytes] = mapped_column(LargeBinary, unique=True)
    # The key's first characters, to tell keys apart in listings without revealing them.
    key_prefix: Mapped[str] = mapped_column(String(16))
    create_time: Mapped[datetime] = _now()
    revoke_time: Mapped[datetime | None]


class AgentRow(Base):
    """An agent's current fields; its tools are in agent_tools, its history in agent_versions."""

    __tablename__ = "agents"
    __table_args__ = (Index("ix_agents_owner_id_create_time_id", "owner_id", "create_time", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("principals.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    agent_type: Mapped[str] = mapped_column(String(32))
    llm: Mapped[dict[str, Any]]
    knowledgebase_ids: Mapped[list[str]] = mapped_column(JSONB)
    labels: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer)
    create_time: Mapped[datetime] = _now()
    update_time: Mapped[datetime] = _now()


class AgentVersionRow(Base):
    """An immutable snapshot of an agent's fields at one version."""

    __tablename__ = "agent_versions"

    agent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot: Mapped[dict[str, Any]]
    create_time: Mapped[datetime] = _now()


class ToolRow(Base):
    """A tool an agent may call: built in (no owner) or owned by one principal."""

    __tablename__ = "tools"
    __table_args__ = (
        # One name per owner; built-in tools (owner NULL) share one namespace too.
        UniqueConstraint("owner_id", "name", postgresql_nulls_not_distinct=True),
        Index("ix_tools_owner_id_create_time_id", "owner_id", "create_time", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # NULL for built-in tools, which every principal sees.
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("principals.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(64))
    input_schema: Mapped[dict[str, Any]]
    output_schema: Mapped[dict[str, Any] | None]
    implementation_type: Mapped[str] = mapped_column(String(32))
    implementation_ref: Mapped[str] = mapped_column(String(2000))
    revision: Mapped[int] = mapped_column(Integer)
    create_time: Mapped[datetime] = _now()
    update_time: Mapped[datetime] = _now()


class AgentToolRow(Base):
    """Which tools an agent may call, in the order the user listed them."""

    __tablename__ = "agent_tools"

    agent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    # RESTRICT: a tool in use cannot disappear from under an agent.
    tool_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tools.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class BlockRow(Base):
    """A logic block's current fields; its history is in block_versions."""

    __tablename__ = "blocks"
    __table_args__ = (Index("ix_blocks_owner_id_create_time_id", "owner_id", "create_time", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("principals.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    block_type: Mapped[str] = mapped_column(String(32))
    input_schema: Mapped[dict[str, Any] | None]
    output_schema: Mapped[dict[str, Any] | None]
    code: Mapped[str] = mapped_column(Text)
    # [{"name", "input", "expected_output"?}]: an absent expected_output is not a null one.
    test_cases: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    version: Mapped[int] = mapped_column(Integer)
    create_time: Mapped[datetime] = _now()
    update_time: Mapped[datetime] = _now()


class BlockVersionRow(Base):
    """An immutable snapshot of a block's fields at one version."""

    __tablename__ = "block_versions"

    block_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("blocks.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot: Mapped[dict[str, Any]]
    create_time: Mapped[datetime] = _now()


class WorkflowRow(Base):
    """A workflow's current draft; its published versions are in workflow_versions."""

    __tablename__ = "workflows"
    __table_args__ = (
        Index("ix_workflows_owner_id_create_time_id", "owner_id", "create_time", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("principals.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    # {"nodes": [{"id", "type", "ref_id", "config", "position_x", "position_y"}],
    #  "edges": [{"id", "source", "target", "condition"}], "entry_node_id"}
    graph: Mapped[dict[str, Any]]
    # The draft revision: 1 on create, +1 per update that changes something.
    version: Mapped[int] = mapped_column(Integer)
    # The latest published version's number; 0 until the first publish.
    published_version: Mapped[int] = mapped_column(Integer)
    create_time: Mapped[datetime] = _now()
    update_time: Mapped[datetime] = _now()


class WorkflowVersionRow(Base):
    """An immutable published version: the draft as it was when published."""

    __tablename__ = "workflow_versions"

    workflow_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workflows.id", ondelete="CASCADE"), primary_key=True
    )
    # 1, 2, 3... per workflow; the primary key makes (workflow_id, version) unique.
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The draft revision that was published.
    draft_version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    graph: Mapped[dict[str, Any]]
    create_time: Mapped[datetime] = _now()


class IdempotencyKeyRow(Base):
    """Remembers which resource a create with a request_id produced."""

    __tablename__ = "idempotency_keys"

    principal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("principals.id", ondelete="CASCADE"), primary_key=True
    )
    method: Mapped[str] = mapped_column(String(100), primary_key=True)
    request_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # Digest of the request, to refuse reusing a request_id for a different request.
    request_digest: Mapped[bytes] = mapped_column(LargeBinary)
    resource_id: Mapped[uuid.UUID]
    create_time: Mapped[datetime] = _now()


class AuditEventRow(Base):
    """One mutation, written in the same transaction as the mutation itself."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_resource", "resource_type", "resource_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    time: Mapped[datetime] = mapped_column(server_default=func.now())
    principal_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("principals.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(100))
    resource_type: Mapped[str] = mapped_column(String(50))
    resource_id: Mapped[str] = mapped_column(String(100))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class ExecutionRow(Base):
    """One run of a published workflow version: its state machine, lease and totals.

    The row is also the run's queue entry: runners claim QUEUED rows (and RUNNING rows whose
    lease expired) with FOR UPDATE SKIP LOCKED and keep the lease alive with heartbeats.
    """

    __tablename__ = "executions"
    __table_args__ = (
        Index("ix_executions_owner_id_create_time_id", "owner_id", "create_time", "id"),
        Index("ix_executions_status_lease_expires_at", "status", "lease_expires_at"),
        Index("ix_executions_workflow_id", "workflow_id"),
        CheckConstraint(
            "status IN ('QUEUED', 'RUNNING', 'WAITING_FOR_INPUT', 'SUCCEEDED', 'FAILED', "
            "'CANCELLED')",
            name="status",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("principals.id", ondelete="CASCADE"))
    # No foreign key: an execution's history outlives its workflow.
    workflow_id: Mapped[uuid.UUID]
    workflow_version: Mapped[int] = mapped_column(Integer)
    # The version's graph, copied at start: the run needs nothing else to continue.
    graph: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(32))
    input: Mapped[dict[str, Any]]
    # {"value": <output>} once SUCCEEDED (a JSON document may be any JSON value).
    output: Mapped[dict[str, Any] | None]
    # {"code": <google.rpc.Code>, "message": ...} once FAILED or CANCELLED.
    error: Mapped[dict[str, Any] | None]
    attempt: Mapped[int] = mapped_column(Integer)
    # {"node_id", "interrupt_id", "prompt"} while WAITING_FOR_INPUT.
    pending_input: Mapped[dict[str, Any] | None]
    # {"interrupt_id", "value"}: an answer waiting for a runner to continue with it.
    resume: Mapped[dict[str, Any] | None]
    cancel_requested: Mapped[bool] = mapped_column(Boolean, server_default="false")
    cancel_reason: Mapped[str] = mapped_column(Text, server_default="")
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_expires_at: Mapped[datetime | None]
    last_sequence: Mapped[int] = mapped_column(BigInteger, server_default="0")
    prompt_tokens: Mapped[int] = mapped_column(BigInteger, server_default="0")
    completion_tokens: Mapped[int] = mapped_column(BigInteger, server_default="0")
    cost_usd: Mapped[float] = mapped_column(Double, server_default="0")
    create_time: Mapped[datetime] = _now()
    update_time: Mapped[datetime] = _now()
    start_time: Mapped[datetime | None]
    end_time: Mapped[datetime | None]


class ExecutionEventRow(Base):
    """The execution's event log: numbered 1, 2, 3... per execution, written with the change."""

    __tablename__ = "execution_events"

    execution_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("executions.id", ondelete="CASCADE"), primary_key=True
    )
    sequence: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    time: Mapped[datetime] = _now()
    # The ExecutionEvent oneof field name: started, step_started, ..., cancelled.
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]]


class ExecutionStepRow(Base):
    """One run of one node; (node_id, step) is LangGraph's superstep, so replays find it."""

    __tablename__ = "execution_steps"

    execution_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("executions.id", ondelete="CASCADE"), primary_key=True
    )
    node_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    step: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32))
    # {"value": ...} documents, as for executions.output.
    input: Mapped[dict[str, Any] | None]
    output: Mapped[dict[str, Any] | None]
    error: Mapped[dict[str, Any] | None]
    start_time: Mapped[datetime] = _now()
    end_time: Mapped[datetime | None]
    duration_ms: Mapped[int | None] = mapped_column(BigInteger)


class LlmPriceRow(Base):
    """Price of a model in USD per million tokens; model "*" prices a provider's other models."""

    __tablename__ = "llm_prices"

    provider: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(200), primary_key=True)
    input_usd_per_million: Mapped[float] = mapped_column(Double)
    output_usd_per_million: Mapped[float] = mapped_column(Double)
    update_time: Mapped[datetime] = _now()


class LlmUsageRow(Base):
    """One LLM call's token usage and cost, for usage reports (GetUsage)."""

    __tablename__ = "llm_usage"
    __table_args__ = (Index("ix_llm_usage_owner_id_time", "owner_id", "time"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("principals.id", ondelete="CASCADE"))
    execution_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("executions.id", ondelete="CASCADE"))
    # No foreign key: usage history outlives its workflow.
    workflow_id: Mapped[uuid.UUID]
    node_id: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(200))
    prompt_tokens: Mapped[int] = mapped_column(BigInteger)
    completion_tokens: Mapped[int] = mapped_column(BigInteger)
    cost_usd: Mapped[float] = mapped_column(Double)
    time: Mapped[datetime] = _now()
