"""Repositories: Core statements on a Statements runner; never commit; raise domain errors.

The ORM classes in models.py define the tables (Alembic compares against them); queries use
SQLAlchemy Core on those tables, built once at import where they are hot, so each is compiled
once and prepared once per connection. Rows come back as mappings (`row["name"]`).
"""

from __future__ import annotations

import contextlib
import copy
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError

from server.domain.errors import AlreadyExists, NotFound
from server.domain.models import (
    Agent,
    AgentFields,
    AgentType,
    AgentVersion,
    Block,
    BlockFields,
    BlockTestCase,
    BlockType,
    BlockVersion,
    LlmConfig,
    NodeType,
    Principal,
    Tool,
    ToolFields,
    ToolImplementationType,
    Workflow,
    WorkflowEdge,
    WorkflowFields,
    WorkflowNode,
    WorkflowVersion,
)
from server.persistence.database import CompiledRead, Statements
from server.persistence.models import (
    AgentRow,
    AgentToolRow,
    AgentVersionRow,
    ApiKeyRow,
    AuditEventRow,
    BlockRow,
    BlockVersionRow,
    IdempotencyKeyRow,
    PrincipalRow,
    ToolRow,
    WorkflowRow,
    WorkflowVersionRow,
)

principals = PrincipalRow.__table__
api_keys = ApiKeyRow.__table__
agents = AgentRow.__table__
agent_tools = AgentToolRow.__table__
agent_versions = AgentVersionRow.__table__
tools = ToolRow.__table__
blocks = BlockRow.__table__
block_versions = BlockVersionRow.__table__
idempotency_keys = IdempotencyKeyRow.__table__
audit_events = AuditEventRow.__table__
workflows = WorkflowRow.__table__
workflow_versions = WorkflowVersionRow.__table__
TOOL_NAME_CONSTRAINT = "uq_tools_owner_id_name"


class PrincipalRepository:
    """Reads and writes principals and their API keys."""

    _BY_KEY_DIGEST = CompiledRead(
        select(principals.c.id, principals.c.name)
        .join(api_keys, api_keys.c.principal_id == principals.c.id)
        .where(api_keys.c.key_digest == bindparam("digest"), api_keys.c.revoke_time.is_(None))
    )

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def add(self, name: str) -> Principal:
        """Inserts a principal with a fresh id."""
        principal = Principal(id=uuid.uuid4(), name=name)
        await self.db.execute(insert(principals).values(id=principal.id, name=name))
        return principal

    async def add_api_key(
        self, principal_id: uuid.UUID, name: str, digest: bytes, prefix: str
    ) -> None:
        """Stores an API key by its digest; `prefix` is the key's first characters, for listings."""
        await self.db.execute(
            insert(api_keys).values(
                id=uuid.uuid4(),
                principal_id=principal_id,
                name=name,
                key_digest=digest,
                key_prefix=prefix,
            )
        )

    async def find_by_key_digest(self, digest: bytes) -> Principal | None:
        """The principal owning an unrevoked key with this digest, if any."""
        row = await self.db.first(self._BY_KEY_DIGEST, {"digest": digest})
        return Principal(id=row["id"], name=row["name"]) if row else None


_AGENT_TOOL_IDS = (
    select(func.array_agg(aggregate_order_by(agent_tools.c.tool_id, agent_tools.c.position)))
    .where(agent_tools.c.agent_id == agents.c.id)
    .scalar_subquery()
    .label("tool_ids")
)
_AGENT_COLUMNS = (
    agents.c.id,
    agents.c.name,
    agents.c.description,
    agents.c.agent_type,
    agents.c.llm,
    agents.c.knowledgebase_ids,
    agents.c.labels,
    agents.c.version,
    agents.c.create_time,
    agents.c.update_time,
    _AGENT_TOOL_IDS,
)
_OWNED_AGENTS = select(*_AGENT_COLUMNS).where(agents.c.owner_id == bindparam("owner_id"))


def _agent(row: Mapping[str, Any]) -> Agent:
    return Agent(
        id=row["id"],
        fields=AgentFields(
            name=row["name"],
            description=row["description"],
            agent_type=AgentType(row["agent_type"]),
            llm=LlmConfig(**row["llm"]),
            tool_ids=[str(t) for t in row["tool_ids"] or ()],
            knowledgebase_ids=list(row["knowledgebase_ids"]),
            labels=dict(row["labels"]),
        ),
        version=row["version"],
        create_time=row["create_time"],
        update_time=row["update_time"],
    )


def _agent_columns(fields: AgentFields) -> dict[str, Any]:
    return {
        "name": fields.name,
        "description": fields.description,
        "agent_type": str(fields.agent_type),
        "llm": asdict(fields.llm),
        "knowledgebase_ids": list(fields.knowledgebase_ids),
        "labels": dict(fields.labels),
    }


def _snapshot(agent: Agent) -> dict[str, Any]:
    data = asdict(agent.fields)
    data["create_time"] = agent.create_time.isoformat()
    return data


def _from_snapshot(agent_id: uuid.UUID, row: Mapping[str, Any]) -> Agent:
    data = dict(row["snapshot"])
    create_time = datetime.fromisoformat(data.pop("create_time"))
    data["llm"] = LlmConfig(**data["llm"])
    data["agent_type"] = AgentType(data["agent_type"])
    return Agent(
        id=agent_id,
        fields=AgentFields(**data),
        version=row["version"],
        create_time=create_time,
        update_time=row["create_time"],
    )


class AgentRepository:
    """Reads and writes agents, their tool links and version snapshots."""

    _GET = _OWNED_AGENTS.where(agents.c.id == bindparam("agent_id"))
    # FOR NO KEY UPDATE: excludes other writers without blocking foreign-key checks.
    _GET_LOCKED = _GET.with_for_update(of=agents, key_share=True)
    _LIST_FIRST = _OWNED_AGENTS.order_by(agents.c.create_time, agents.c.id).limit(
        bindparam("limit")
    )
    _LIST_AFTER = _LIST_FIRST.where(
        tuple_(agents.c.create_time, agents.c.id)
        > tuple_(bindparam("after_time"), bindparam("after_id"))
    )
    # The hot reads, compiled once for the read pool (see CompiledRead).
    _GET_READ = CompiledRead(_GET)
    _LIST_FIRST_READ = CompiledRead(_LIST_FIRST)
    _LIST_AFTER_READ = CompiledRead(_LIST_AFTER)

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def get(self, owner_id: uuid.UUID, agent_id: uuid.UUID, *, lock: bool = False) -> Agent:
        """The owner's agent; `lock` holds a row lock until the transaction ends."""
        statement = self._GET_LOCKED if lock else self._GET_READ
        row = await self.db.first(statement, {"owner_id": owner_id, "agent_id": agent_id})
        if row is None:
            raise NotFound("agent", str(agent_id))
        return _agent(row)

    async def list(
        self, owner_id: uuid.UUID, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Agent]:
        """Up to `limit` agents ordered by (create_time, id), after the given key."""
        params: dict[str, Any] = {"owner_id": owner_id, "limit": limit}
        statement = self._LIST_FIRST_READ
        if after is not None:
            statement = self._LIST_AFTER_READ
            params["after_time"], params["after_id"] = after
        return [_agent(row) for row in await self.db.all(statement, params)]

    async def add(self, owner_id: uuid.UUID, agent_id: uuid.UUID, fields: AgentFields) -> Agent:
        """Inserts an agent at version 1 with its tool links and its first snapshot."""
        result = await self.db.execute(
            insert(agents)
            .values(id=agent_id, owner_id=owner_id, version=1, **_agent_columns(fields))
            .returning(agents.c.create_time, agents.c.update_time)
        )
        create_time, update_time = result.one()
        agent = Agent(agent_id, fields, 1, create_time, update_time)
        await self._set_tools(agent_id, fields.tool_ids)
        await self._snapshot(agent)
        return agent

    async def save(self, owner_id: uuid.UUID, agent: Agent) -> Agent:
        """Writes new fields as the next version (the caller holds the row lock)."""
        result = await self.db.execute(
            update(agents)
            .where(agents.c.id == agent.id, agents.c.owner_id == owner_id)
            .values(
                version=agents.c.version + 1,
                update_time=func.now(),
                **_agent_columns(agent.fields),
            )
            .returning(agents.c.version, agents.c.update_time)
        )
        agent.version, agent.update_time = result.one()
        await self.db.execute(delete(agent_tools).where(agent_tools.c.agent_id == agent.id))
        await self._set_tools(agent.id, agent.fields.tool_ids)
        await self._snapshot(agent)
        return agent

    async def delete(self, owner_id: uuid.UUID, agent_id: uuid.UUID) -> None:
        """Deletes the owner's agent with its tool links and versions; a no-op if there is none."""
        await self.db.execute(
            delete(agents).where(agents.c.id == agent_id, agents.c.owner_id == owner_id)
        )

    async def list_versions(
        self, owner_id: uuid.UUID, agent_id: uuid.UUID, before_version: int | None, limit: int
    ) -> list[AgentVersion]:
        """Up to `limit` versions of the owner's agent, newest first, before the given one."""
        owned = select(agents.c.id).where(agents.c.id == agent_id, agents.c.owner_id == owner_id)
        statement = (
            select(
                agent_versions.c.version, agent_versions.c.snapshot, agent_versions.c.create_time
            )
            .where(agent_versions.c.agent_id.in_(owned))
            .order_by(agent_versions.c.version.desc())
            .limit(limit)
        )
        if before_version is not None:
            statement = statement.where(agent_versions.c.version < before_version)
        return [
            AgentVersion(
                version=row["version"],
                agent=_from_snapshot(agent_id, row),
                create_time=row["create_time"],
            )
            for row in await self.db.all(statement)
        ]

    async def _set_tools(self, agent_id: uuid.UUID, tool_ids: list[str]) -> None:
        if tool_ids:
            await self.db.execute(
                insert(agent_tools),
                [
                    {"agent_id": agent_id, "tool_id": uuid.UUID(t), "position": i}
                    for i, t in enumerate(tool_ids)
                ],
            )

    async def _snapshot(self, agent: Agent) -> None:
        await self.db.execute(
            insert(agent_versions).values(
                agent_id=agent.id, version=agent.version, snapshot=_snapshot(agent)
            )
        )


_TOOL_COLUMNS = (
    tools.c.id,
    tools.c.owner_id,
    tools.c.name,
    tools.c.description,
    tools.c.category,
    tools.c.input_schema,
    tools.c.output_schema,
    tools.c.implementation_type,
    tools.c.implementation_ref,
    tools.c.revision,
    tools.c.create_time,
    tools.c.update_time,
)


def _visible_to(owner_id: Any) -> Any:
    """Built-in tools (no owner) and the owner's own."""
    return or_(tools.c.owner_id == owner_id, tools.c.owner_id.is_(None))


def _tool(row: Mapping[str, Any]) -> Tool:
    return Tool(
        id=row["id"],
        fields=ToolFields(
            name=row["name"],
            description=row["description"],
            category=row["category"],
            input_schema=row["input_schema"],
            output_schema=row["output_schema"],
            implementation_type=ToolImplementationType(row["implementation_type"]),
            implementation_ref=row["implementation_ref"],
        ),
        is_builtin=row["owner_id"] is None,
        revision=row["revision"],
        create_time=row["create_time"],
        update_time=row["update_time"],
    )


def _tool_columns(fields: ToolFields) -> dict[str, Any]:
    return {
        "name": fields.name,
        "description": fields.description,
        "category": fields.category,
        "input_schema": fields.input_schema,
        "output_schema": fields.output_schema,
        "implementation_type": str(fields.implementation_type),
        "implementation_ref": fields.implementation_ref,
    }


def _violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint a statement broke, as PostgreSQL reports it."""
    return getattr(error.orig.__cause__, "constraint_name", None)


@contextlib.asynccontextmanager
async def _unique_tool_name(name: str) -> AsyncIterator[None]:
    """Turns a lost race for a tool name into AlreadyExists (the transaction is abandoned)."""
    try:
        yield
    except IntegrityError as error:
        if _violated_constraint(error) == TOOL_NAME_CONSTRAINT:
            raise AlreadyExists(
                f"a tool named {name!r} already exists", reason="TOOL_NAME_TAKEN"
            ) from error
        raise


class ToolRepository:
    """Reads and writes tools: built-in ones, visible to all, and each owner's own."""

    _GET = select(*_TOOL_COLUMNS).where(
        tools.c.id == bindparam("tool_id"), _visible_to(bindparam("owner_id"))
    )
    # FOR NO KEY UPDATE for changes: agents may still take FOR KEY SHARE to reference the tool.
    _GET_FOR_CHANGE = _GET.with_for_update(key_share=True)
    # FOR UPDATE for deletes: waits for, and then excludes, agents adopting the tool.
    _GET_FOR_DELETE = _GET.with_for_update()
    _GET_READ = CompiledRead(_GET)

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def get_visible(
        self, owner_id: uuid.UUID, tool_id: uuid.UUID, *, lock: str | None = None
    ) -> Tool:
        """A built-in tool or one of the owner's; `lock` ("change" or "delete") holds its row."""
        statement = {
            None: self._GET_READ,
            "change": self._GET_FOR_CHANGE,
            "delete": self._GET_FOR_DELETE,
        }[lock]
        row = await self.db.first(statement, {"owner_id": owner_id, "tool_id": tool_id})
        if row is None:
            raise NotFound("tool", str(tool_id))
        return _tool(row)

    async def list_visible(
        self,
        owner_id: uuid.UUID,
        category: str,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> list[Tool]:
        """Up to `limit` visible tools ordered by (create_time, id), after the given key.

        An empty `category` matches every category.
        """
        statement = (
            select(*_TOOL_COLUMNS)
            .where(_visible_to(owner_id))
            .order_by(tools.c.create_time, tools.c.id)
            .limit(limit)
        )
        if category:
            statement = statement.where(tools.c.category == category)
        if after is not None:
            statement = statement.where(tuple_(tools.c.create_time, tools.c.id) > tuple_(*after))
        return [_tool(row) for row in await self.db.all(statement)]

    async def lock_visible_ids(self, owner_id: uuid.UUID, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        """Which of `ids` name tools the owner may use, held (FOR KEY SHARE) until commit.

        The lock keeps a concurrent delete from removing a tool an agent is about to reference.
        """
        if not ids:
            return set()
        statement = (
            select(tools.c.id)
            .where(tools.c.id.in_(ids), _visible_to(owner_id))
            .with_for_update(read=True, key_share=True)
        )
        return {row["id"] for row in await self.db.all(statement)}

    async def name_taken(self, owner_id: uuid.UUID, name: str, except_id: uuid.UUID | None) -> bool:
        """Whether a built-in tool or another of the owner's tools has this name."""
        statement = select(tools.c.id).where(tools.c.name == name, _visible_to(owner_id))
        if except_id is not None:
            statement = statement.where(tools.c.id != except_id)
        return (await self.db.scalar(statement.limit(1))) is not None

    async def add(self, owner_id: uuid.UUID, tool_id: uuid.UUID, fields: ToolFields) -> Tool:
        """Inserts the owner's tool at revision 1.

        Raises:
            AlreadyExists: a concurrent transaction took the name first.

        """
        statement = (
            insert(tools)
            .values(id=tool_id, owner_id=owner_id, revision=1, **_tool_columns(fields))
            .returning(*_TOOL_COLUMNS)
        )
        async with _unique_tool_name(fields.name):
            row = (await self.db.execute(statement)).one()._mapping
        return _tool(row)

    async def save(self, owner_id: uuid.UUID, tool: Tool) -> Tool:
        """Writes new fields as the next revision (the caller holds the row lock).

        Raises:
            AlreadyExists: a concurrent transaction took the new name first.

        """
        statement = (
            update(tools)
            .where(tools.c.id == tool.id, tools.c.owner_id == owner_id)
            .values(
                revision=tools.c.revision + 1,
                update_time=func.now(),
                **_tool_columns(tool.fields),
            )
            .returning(tools.c.revision, tools.c.update_time)
        )
        async with _unique_tool_name(tool.fields.name):
            tool.revision, tool.update_time = (await self.db.execute(statement)).one()
        return tool

    async def delete(self, owner_id: uuid.UUID, tool_id: uuid.UUID) -> None:
        """Deletes the owner's tool; the database refuses (RESTRICT) while an agent lists it."""
        await self.db.execute(
            delete(tools).where(tools.c.id == tool_id, tools.c.owner_id == owner_id)
        )

    async def agents_using(self, tool_id: uuid.UUID) -> int:
        """How many agents list the tool, whoever owns them."""
        return await self.db.scalar(
            select(func.count()).select_from(agent_tools).where(agent_tools.c.tool_id == tool_id)
        )

    async def upsert_builtin(self, tool_id: uuid.UUID, fields: ToolFields) -> None:
        """Inserts or refreshes a built-in tool; its revision moves only when it changed."""
        columns = _tool_columns(fields)
        statement = pg_insert(tools).values(id=tool_id, owner_id=None, revision=1, **columns)
        changed = or_(*[tools.c[k].is_distinct_from(statement.excluded[k]) for k in columns])
        await self.db.execute(
            statement.on_conflict_do_update(
                index_elements=[tools.c.id],
                set_={**columns, "revision": tools.c.revision + 1, "update_time": func.now()},
                where=and_(tools.c.owner_id.is_(None), changed),
            )
        )


_BLOCK_COLUMNS = (
    blocks.c.id,
    blocks.c.name,
    blocks.c.description,
    blocks.c.block_type,
    blocks.c.input_schema,
    blocks.c.output_schema,
    blocks.c.code,
    blocks.c.test_cases,
    blocks.c.version,
    blocks.c.create_time,
    blocks.c.update_time,
)
_OWNED_BLOCKS = select(*_BLOCK_COLUMNS).where(blocks.c.owner_id == bindparam("owner_id"))


def _test_cases_json(cases: list[BlockTestCase]) -> list[dict[str, Any]]:
    """Test cases as stored: expected_output is absent, not null, when the case has none."""
    stored = []
    for case in cases:
        item: dict[str, Any] = {"name": case.name, "input": case.input}
        if case.has_expected_output:
            item["expected_output"] = case.expected_output
        stored.append(item)
    return stored


def _test_cases(stored: list[dict[str, Any]]) -> list[BlockTestCase]:
    return [
        BlockTestCase(
            name=item["name"],
            input=item["input"],
            has_expected_output="expected_output" in item,
            expected_output=item.get("expected_output"),
        )
        for item in stored
    ]


def _block_fields(data: Mapping[str, Any]) -> BlockFields:
    """Block fields from a row or a snapshot (both hold the stored column forms)."""
    return BlockFields(
        name=data["name"],
        description=data["description"],
        block_type=BlockType(data["block_type"]),
        input_schema=data["input_schema"],
        output_schema=data["output_schema"],
        code=data["code"],
        test_cases=_test_cases(data["test_cases"]),
    )


def _block_columns(fields: BlockFields) -> dict[str, Any]:
    return {
        "name": fields.name,
        "description": fields.description,
        "block_type": str(fields.block_type),
        "input_schema": fields.input_schema,
        "output_schema": fields.output_schema,
        "code": fields.code,
        "test_cases": _test_cases_json(fields.test_cases),
    }


def _block(row: Mapping[str, Any]) -> Block:
    return Block(
        id=row["id"],
        fields=_block_fields(row),
        version=row["version"],
        create_time=row["create_time"],
        update_time=row["update_time"],
    )


class BlockRepository:
    """Reads and writes logic blocks and their version snapshots."""

    _GET = _OWNED_BLOCKS.where(blocks.c.id == bindparam("block_id"))
    # FOR NO KEY UPDATE: excludes other writers without blocking foreign-key checks.
    _GET_LOCKED = _GET.with_for_update(key_share=True)
    _LIST_FIRST = _OWNED_BLOCKS.order_by(blocks.c.create_time, blocks.c.id).limit(
        bindparam("limit")
    )
    _LIST_AFTER = _LIST_FIRST.where(
        tuple_(blocks.c.create_time, blocks.c.id)
        > tuple_(bindparam("after_time"), bindparam("after_id"))
    )
    _GET_READ = CompiledRead(_GET)
    _LIST_FIRST_READ = CompiledRead(_LIST_FIRST)
    _LIST_AFTER_READ = CompiledRead(_LIST_AFTER)

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def get(self, owner_id: uuid.UUID, block_id: uuid.UUID, *, lock: bool = False) -> Block:
        """The owner's block; `lock` holds a row lock until the transaction ends.

        Raises:
            NotFound: no such block, or another owner's.

        """
        statement = self._GET_LOCKED if lock else self._GET_READ
        row = await self.db.first(statement, {"owner_id": owner_id, "block_id": block_id})
        if row is None:
            raise NotFound("block", str(block_id))
        return _block(row)

    async def list(
        self, owner_id: uuid.UUID, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Block]:
        """Up to `limit` blocks ordered by (create_time, id), after the given key."""
        params: dict[str, Any] = {"owner_id": owner_id, "limit": limit}
        statement = self._LIST_FIRST_READ
        if after is not None:
            statement = self._LIST_AFTER_READ
            params["after_time"], params["after_id"] = after
        return [_block(row) for row in await self.db.all(statement, params)]

    async def add(self, owner_id: uuid.UUID, block_id: uuid.UUID, fields: BlockFields) -> Block:
        """Inserts a block at version 1 with its first snapshot."""
        result = await self.db.execute(
            insert(blocks)
            .values(id=block_id, owner_id=owner_id, version=1, **_block_columns(fields))
            .returning(blocks.c.create_time, blocks.c.update_time)
        )
        create_time, update_time = result.one()
        block = Block(block_id, fields, 1, create_time, update_time)
        await self._snapshot(block)
        return block

    async def save(self, owner_id: uuid.UUID, block: Block) -> Block:
        """Writes new fields as the next version (the caller holds the row lock)."""
        result = await self.db.execute(
            update(blocks)
            .where(blocks.c.id == block.id, blocks.c.owner_id == owner_id)
            .values(
                version=blocks.c.version + 1,
                update_time=func.now(),
                **_block_columns(block.fields),
            )
            .returning(blocks.c.version, blocks.c.update_time)
        )
        block.version, block.update_time = result.one()
        await self._snapshot(block)
        return block

    async def delete(self, owner_id: uuid.UUID, block_id: uuid.UUID) -> None:
        """Deletes the owner's block with its versions; a no-op if there is none."""
        await self.db.execute(
            delete(blocks).where(blocks.c.id == block_id, blocks.c.owner_id == owner_id)
        )

    async def list_versions(
        self, owner_id: uuid.UUID, block_id: uuid.UUID, before_version: int | None, limit: int
    ) -> list[BlockVersion]:
        """Up to `limit` versions of the owner's block, newest first, before the given one."""
        owned = select(blocks.c.id).where(blocks.c.id == block_id, blocks.c.owner_id == owner_id)
        statement = (
            select(
                block_versions.c.version, block_versions.c.snapshot, block_versions.c.create_time
            )
            .where(block_versions.c.block_id.in_(owned))
            .order_by(block_versions.c.version.desc())
            .limit(limit)
        )
        if before_version is not None:
            statement = statement.where(block_versions.c.version < before_version)
        versions = []
        for row in await self.db.all(statement):
            snapshot = row["snapshot"]
            block = Block(
                id=block_id,
                fields=_block_fields(snapshot),
                version=row["version"],
                create_time=datetime.fromisoformat(snapshot["create_time"]),
                update_time=row["create_time"],
            )
            versions.append(
                BlockVersion(version=row["version"], block=block, create_time=row["create_time"])
            )
        return versions

    async def _snapshot(self, block: Block) -> None:
        snapshot = _block_columns(block.fields)
        snapshot["create_time"] = block.create_time.isoformat()
        await self.db.execute(
            insert(block_versions).values(
                block_id=block.id, version=block.version, snapshot=snapshot
            )
        )


_WORKFLOW_COLUMNS = (
    workflows.c.id,
    workflows.c.name,
    workflows.c.description,
    workflows.c.graph,
    workflows.c.version,
    workflows.c.published_version,
    workflows.c.create_time,
    workflows.c.update_time,
)
_OWNED_WORKFLOWS = select(*_WORKFLOW_COLUMNS).where(workflows.c.owner_id == bindparam("owner_id"))
_WORKFLOW_VERSION_COLUMNS = (
    workflow_versions.c.workflow_id,
    workflow_versions.c.version,
    workflow_versions.c.draft_version,
    workflow_versions.c.name,
    workflow_versions.c.description,
    workflow_versions.c.graph,
    workflow_versions.c.create_time,
    workflows.c.create_time.label("workflow_create_time"),
)
_OWNED_WORKFLOW_VERSIONS = (
    select(*_WORKFLOW_VERSION_COLUMNS)
    .join(workflows, workflows.c.id == workflow_versions.c.workflow_id)
    .where(
        workflows.c.owner_id == bindparam("owner_id"),
        workflow_versions.c.workflow_id == bindparam("workflow_id"),
    )
)


def stored_graph(fields: WorkflowFields) -> dict[str, Any]:
    """A workflow graph as stored (and as executions keep a copy of it)."""
    return _graph_json(fields)


def _graph_json(fields: WorkflowFields) -> dict[str, Any]:
    """The graph as stored: nodes, edges and the entry node id."""
    return {
        "nodes": [
            {
                "id": node.id,
                "type": str(node.type),
                "ref_id": node.ref_id,
                "config": node.config,
                "position_x": node.position_x,
                "position_y": node.position_y,
            }
            for node in fields.nodes
        ],
        "edges": [asdict(edge) for edge in fields.edges],
        "entry_node_id": fields.entry_node_id,
    }


def _workflow_fields(data: Mapping[str, Any]) -> WorkflowFields:
    """Workflow fields from a workflows or a workflow_versions row (same column forms)."""
    graph = data["graph"]
    return WorkflowFields(
        name=data["name"],
        description=data["description"],
        nodes=[
            WorkflowNode(
                id=node["id"],
                type=NodeType(node["type"]),
                ref_id=node["ref_id"],
                config=node["config"],
                position_x=node["position_x"],
                position_y=node["position_y"],
            )
            for node in graph["nodes"]
        ],
        edges=[WorkflowEdge(**edge) for edge in graph["edges"]],
        entry_node_id=graph["entry_node_id"],
    )


def _workflow(row: Mapping[str, Any]) -> Workflow:
    return Workflow(
        id=row["id"],
        fields=_workflow_fields(row),
        version=row["version"],
        published_version=row["published_version"],
        create_time=row["create_time"],
        update_time=row["update_time"],
    )


def _workflow_version(row: Mapping[str, Any]) -> WorkflowVersion:
    """A published version; its workflow is the draft as published, updated when published."""
    workflow = Workflow(
        id=row["workflow_id"],
        fields=_workflow_fields(row),
        version=row["draft_version"],
        published_version=row["version"],
        create_time=row["workflow_create_time"],
        update_time=row["create_time"],
    )
    return WorkflowVersion(
        version=row["version"], workflow=workflow, create_time=row["create_time"]
    )


class WorkflowRepository:
    """Reads and writes workflow drafts and their published versions."""

    _GET = _OWNED_WORKFLOWS.where(workflows.c.id == bindparam("workflow_id"))
    # FOR NO KEY UPDATE for changes: other workflows may still take FOR KEY SHARE to use this one
    # as a subflow.
    _GET_FOR_CHANGE = _GET.with_for_update(key_share=True)
    # FOR UPDATE for deletes: waits for, and then excludes, workflows adopting it as a subflow.
    _GET_FOR_DELETE = _GET.with_for_update()
    _LIST_FIRST = _OWNED_WORKFLOWS.order_by(workflows.c.create_time, workflows.c.id).limit(
        bindparam("limit")
    )
    _LIST_AFTER = _LIST_FIRST.where(
        tuple_(workflows.c.create_time, workflows.c.id)
        > tuple_(bindparam("after_time"), bindparam("after_id"))
    )
    _GET_VERSION = _OWNED_WORKFLOW_VERSIONS.where(
        workflow_versions.c.version == bindparam("version")
    )
    _GET_READ = CompiledRead(_GET)
    _LIST_FIRST_READ = CompiledRead(_LIST_FIRST)
    _LIST_AFTER_READ = CompiledRead(_LIST_AFTER)

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def get(
        self, owner_id: uuid.UUID, workflow_id: uuid.UUID, *, lock: str | None = None
    ) -> Workflow:
        """The owner's workflow; `lock` ("change" or "delete") holds its row until commit.

        Raises:
            NotFound: no such workflow, or another owner's.

        """
        statement = {
            None: self._GET_READ,
            "change": self._GET_FOR_CHANGE,
            "delete": self._GET_FOR_DELETE,
        }[lock]
        row = await self.db.first(statement, {"owner_id": owner_id, "workflow_id": workflow_id})
        if row is None:
            raise NotFound("workflow", str(workflow_id))
        return _workflow(row)

    async def list(
        self, owner_id: uuid.UUID, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Workflow]:
        """Up to `limit` workflows ordered by (create_time, id), after the given key."""
        params: dict[str, Any] = {"owner_id": owner_id, "limit": limit}
        statement = self._LIST_FIRST_READ
        if after is not None:
            statement = self._LIST_AFTER_READ
            params["after_time"], params["after_id"] = after
        return [_workflow(row) for row in await self.db.all(statement, params)]

    async def add(
        self, owner_id: uuid.UUID, workflow_id: uuid.UUID, fields: WorkflowFields
    ) -> Workflow:
        """Inserts a draft at version 1, never published."""
        result = await self.db.execute(
            insert(workflows)
            .values(
                id=workflow_id,
                owner_id=owner_id,
                name=fields.name,
                description=fields.description,
                graph=_graph_json(fields),
                version=1,
                published_version=0,
            )
            .returning(workflows.c.create_time, workflows.c.update_time)
        )
        create_time, update_time = result.one()
        return Workflow(workflow_id, fields, 1, 0, create_time, update_time)

    async def save(self, owner_id: uuid.UUID, workflow: Workflow) -> Workflow:
        """Writes new fields as the next draft version (the caller holds the row lock)."""
        fields = workflow.fields
        result = await self.db.execute(
            update(workflows)
            .where(workflows.c.id == workflow.id, workflows.c.owner_id == owner_id)
            .values(
                name=fields.name,
                description=fields.description,
                graph=_graph_json(fields),
                version=workflows.c.version + 1,
                update_time=func.now(),
            )
            .returning(workflows.c.version, workflows.c.update_time)
        )
        workflow.version, workflow.update_time = result.one()
        return workflow

    async def delete(self, owner_id: uuid.UUID, workflow_id: uuid.UUID) -> None:
        """Deletes the owner's workflow with its versions; a no-op if there is none."""
        await self.db.execute(
            delete(workflows).where(workflows.c.id == workflow_id, workflows.c.owner_id == owner_id)
        )

    async def publish(self, owner_id: uuid.UUID, workflow: Workflow) -> WorkflowVersion:
        """Freezes the draft as the next published version (the caller holds the row lock)."""
        number = workflow.published_version + 1
        fields = workflow.fields
        create_time = await self.db.scalar(
            insert(workflow_versions)
            .values(
                workflow_id=workflow.id,
                version=number,
                draft_version=workflow.version,
                name=fields.name,
                description=fields.description,
                graph=_graph_json(fields),
            )
            .returning(workflow_versions.c.create_time)
        )
        workflow.published_version, workflow.update_time = (
            await self.db.execute(
                update(workflows)
                .where(workflows.c.id == workflow.id, workflows.c.owner_id == owner_id)
                .values(published_version=number, update_time=func.now())
                .returning(workflows.c.published_version, workflows.c.update_time)
            )
        ).one()
        snapshot = Workflow(
            workflow.id,
            copy.deepcopy(fields),
            workflow.version,
            number,
            workflow.create_time,
            create_time,
        )
        return WorkflowVersion(version=number, workflow=snapshot, create_time=create_time)

    async def get_version(
        self, owner_id: uuid.UUID, workflow_id: uuid.UUID, version: int
    ) -> WorkflowVersion | None:
        """One published version of the owner's workflow, or None if there is no such one."""
        row = await self.db.first(
            self._GET_VERSION,
            {"owner_id": owner_id, "workflow_id": workflow_id, "version": version},
        )
        return None if row is None else _workflow_version(row)

    async def list_versions(
        self, owner_id: uuid.UUID, workflow_id: uuid.UUID, before_version: int | None, limit: int
    ) -> list[WorkflowVersion]:
        """Up to `limit` published versions, newest first, before the given one."""
        statement = _OWNED_WORKFLOW_VERSIONS.order_by(workflow_versions.c.version.desc()).limit(
            limit
        )
        if before_version is not None:
            statement = statement.where(workflow_versions.c.version < before_version)
        rows = await self.db.all(statement, {"owner_id": owner_id, "workflow_id": workflow_id})
        return [_workflow_version(row) for row in rows]

    async def visible_refs(
        self, owner_id: uuid.UUID, refs: Mapping[NodeType, set[uuid.UUID]], *, lock: bool
    ) -> dict[NodeType, set[uuid.UUID]]:
        """Which referenced ids name something the owner may use, by node type.

        Blocks, agents and workflows must be the owner's; tools may also be built in. With
        `lock`, workflows found are held (FOR KEY SHARE) until commit, so a concurrent delete
        cannot remove a workflow that is being adopted as a subflow.
        """
        tables = {
            NodeType.BLOCK: (blocks.c.id, blocks.c.owner_id == owner_id),
            NodeType.AGENT: (agents.c.id, agents.c.owner_id == owner_id),
            NodeType.TOOL: (tools.c.id, _visible_to(owner_id)),
            NodeType.SUBFLOW: (workflows.c.id, workflows.c.owner_id == owner_id),
        }
        visible: dict[NodeType, set[uuid.UUID]] = {}
        for node_type, ids in refs.items():
            if not ids or node_type not in tables:
                continue
            column, owned = tables[node_type]
            statement = select(column).where(column.in_(sorted(ids)), owned)
            if lock and node_type is NodeType.SUBFLOW:
                statement = statement.with_for_update(read=True, key_share=True)
            visible[node_type] = {row[0] for row in (await self.db.execute(statement)).all()}
        return visible

    async def subflow_users(
        self, owner_id: uuid.UUID, workflow_id: uuid.UUID, limit: int
    ) -> list[uuid.UUID]:
        """Up to `limit` other workflows of the owner's naming this one in a SUBFLOW node.

        Drafts and published versions both count: a published version must stay runnable.
        """
        return await self.users_of(owner_id, NodeType.SUBFLOW, workflow_id, limit)

    async def users_of(
        self, owner_id: uuid.UUID, node_type: NodeType, ref_id: uuid.UUID, limit: int
    ) -> list[uuid.UUID]:
        """Up to `limit` of the owner's workflows with a node of this type naming ref_id.

        Drafts and published versions both count: a published version must stay runnable.
        A workflow never counts as a user of itself.
        """
        pattern = {"nodes": [{"type": str(node_type), "ref_id": str(ref_id)}]}
        drafts = select(workflows.c.id.label("id")).where(
            workflows.c.owner_id == owner_id,
            workflows.c.id != ref_id,
            workflows.c.graph.contains(pattern),
        )
        published = (
            select(workflow_versions.c.workflow_id.label("id"))
            .join(workflows, workflows.c.id == workflow_versions.c.workflow_id)
            .where(
                workflows.c.owner_id == owner_id,
                workflow_versions.c.workflow_id != ref_id,
                workflow_versions.c.graph.contains(pattern),
            )
        )
        users = union(drafts, published).subquery()
        statement = select(users.c.id).order_by(users.c.id).limit(limit)
        return [row[0] for row in (await self.db.execute(statement)).all()]


class IdempotencyRepository:
    """Records which resource each create with a request_id produced."""

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def claim(
        self,
        principal_id: uuid.UUID,
        method: str,
        request_id: uuid.UUID,
        digest: bytes,
        resource_id: uuid.UUID,
    ) -> Mapping[str, Any] | None:
        """Claims a request_id for a new resource.

        Returns None when the claim is new; otherwise the earlier claim's row (request_digest,
        resource_id). A concurrent claim of the same key blocks here until its transaction ends
        (PostgreSQL's unique-index wait), so racing retries resolve to one resource.
        """
        claimed = await self.db.scalar(
            pg_insert(idempotency_keys)
            .values(
                principal_id=principal_id,
                method=method,
                request_id=request_id,
                request_digest=digest,
                resource_id=resource_id,
            )
            .on_conflict_do_nothing()
            .returning(idempotency_keys.c.resource_id)
        )
        if claimed is not None:
            return None
        return await self.db.first(
            select(idempotency_keys.c.request_digest, idempotency_keys.c.resource_id).where(
                idempotency_keys.c.principal_id == principal_id,
                idempotency_keys.c.method == method,
                idempotency_keys.c.request_id == request_id,
            )
        )


class AuditLog:
    """Appends audit events, in the transaction of the mutation they record."""

    def __init__(self, db: Statements) -> None:
        self.db = db

    async def record(
        self,
        principal_id: uuid.UUID | None,
        action: str,
        resource_type: str,
        resource_id: uuid.UUID,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Appends one event: who did `action` to which resource, with optional JSON `details`."""
        await self.db.execute(
            insert(audit_events).values(
                principal_id=principal_id,
                action=action,
                resource_type=resource_type,
                resource_id=str(resource_id),
                details=details or {},
            )
        )
