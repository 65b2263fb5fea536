"""Repositories: take a session, flush, never commit; raise domain errors for missing rows."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from server.domain.errors import AlreadyExists, NotFound
from server.domain.models import (
    Agent,
    AgentFields,
    AgentType,
    AgentVersion,
    LlmConfig,
    Principal,
    Tool,
    ToolFields,
    ToolImplementationType,
)
from server.persistence.models import (
    AgentRow,
    AgentToolRow,
    AgentVersionRow,
    ApiKeyRow,
    AuditEventRow,
    IdempotencyKeyRow,
    PrincipalRow,
    ToolRow,
)


class PrincipalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, name: str) -> Principal:
        row = PrincipalRow(id=uuid.uuid4(), name=name)
        self.session.add(row)
        await self.session.flush()
        return Principal(id=row.id, name=row.name)

    async def add_api_key(
        self, principal_id: uuid.UUID, name: str, digest: bytes, prefix: str
    ) -> None:
        self.session.add(
            ApiKeyRow(
                id=uuid.uuid4(),
                principal_id=principal_id,
                name=name,
                key_digest=digest,
                key_prefix=prefix,
            )
        )
        await self.session.flush()

    async def find_by_key_digest(self, digest: bytes) -> Principal | None:
        """The principal owning an unrevoked key with this digest, if any."""
        result = await self.session.execute(
            select(PrincipalRow.id, PrincipalRow.name)
            .join(ApiKeyRow, ApiKeyRow.principal_id == PrincipalRow.id)
            .where(ApiKeyRow.key_digest == digest, ApiKeyRow.revoke_time.is_(None))
        )
        row = result.first()
        return Principal(id=row.id, name=row.name) if row else None


def _agent_tool_ids() -> Any:
    return (
        select(func.array_agg(aggregate_order_by(AgentToolRow.tool_id, AgentToolRow.position)))
        .where(AgentToolRow.agent_id == AgentRow.id)
        .scalar_subquery()
    )


def _agent_fields(row: AgentRow, tool_ids: list[uuid.UUID] | None) -> AgentFields:
    return AgentFields(
        name=row.name,
        description=row.description,
        agent_type=AgentType(row.agent_type),
        llm=LlmConfig(**row.llm),
        tool_ids=[str(t) for t in tool_ids or ()],
        knowledgebase_ids=list(row.knowledgebase_ids),
        labels=dict(row.labels),
    )


def _agent(row: AgentRow, tool_ids: list[uuid.UUID] | None) -> Agent:
    return Agent(
        id=row.id,
        fields=_agent_fields(row, tool_ids),
        version=row.version,
        create_time=row.create_time,
        update_time=row.update_time,
    )


def _snapshot(agent: Agent) -> dict[str, Any]:
    data = asdict(agent.fields)
    data["create_time"] = agent.create_time.isoformat()
    return data


def _from_snapshot(agent_id: uuid.UUID, row: AgentVersionRow) -> Agent:
    data = dict(row.snapshot)
    create_time = datetime.fromisoformat(data.pop("create_time"))
    data["llm"] = LlmConfig(**data["llm"])
    data["agent_type"] = AgentType(data["agent_type"])
    return Agent(
        id=agent_id,
        fields=AgentFields(**data),
        version=row.version,
        create_time=create_time,
        update_time=row.create_time,
    )


class AgentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _select(self, owner_id: uuid.UUID) -> Select:
        return select(AgentRow, _agent_tool_ids()).where(AgentRow.owner_id == owner_id)

    async def get(self, owner_id: uuid.UUID, agent_id: uuid.UUID, *, lock: bool = False) -> Agent:
        """The owner's agent; `lock` holds a row lock until the transaction ends."""
        query = self._select(owner_id).where(AgentRow.id == agent_id)
        if lock:
            query = query.with_for_update(of=AgentRow)
        row = (await self.session.execute(query)).first()
        if row is None:
            raise NotFound("agent", str(agent_id))
        return _agent(row[0], row[1])

    async def list(
        self, owner_id: uuid.UUID, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Agent]:
        """Up to `limit` agents ordered by (create_time, id), after the given key."""
        query = self._select(owner_id).order_by(AgentRow.create_time, AgentRow.id).limit(limit)
        if after is not None:
            query = query.where(tuple_(AgentRow.create_time, AgentRow.id) > tuple_(*after))
        rows = (await self.session.execute(query)).all()
        return [_agent(row[0], row[1]) for row in rows]

    async def add(self, owner_id: uuid.UUID, agent_id: uuid.UUID, fields: AgentFields) -> Agent:
        row = AgentRow(id=agent_id, owner_id=owner_id, version=1, **self._columns(fields))
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row, ["create_time", "update_time"])
        await self._set_tools(agent_id, fields.tool_ids)
        agent = _agent(row, [uuid.UUID(t) for t in fields.tool_ids])
        await self._snapshot(agent)
        return agent

    async def save(self, owner_id: uuid.UUID, agent: Agent) -> Agent:
        """Writes new fields as the next version (the caller holds the row lock)."""
        result = await self.session.execute(
            update(AgentRow)
            .where(AgentRow.id == agent.id, AgentRow.owner_id == owner_id)
            .values(
                version=AgentRow.version + 1, update_time=func.now(), **self._columns(agent.fields)
            )
            .returning(AgentRow.version, AgentRow.update_time)
        )
        agent.version, agent.update_time = result.one()
        await self.session.execute(delete(AgentToolRow).where(AgentToolRow.agent_id == agent.id))
        await self._set_tools(agent.id, agent.fields.tool_ids)
        await self._snapshot(agent)
        return agent

    async def delete(self, agent_id: uuid.UUID) -> None:
        await self.session.execute(delete(AgentRow).where(AgentRow.id == agent_id))

    async def list_versions(
        self, agent_id: uuid.UUID, before_version: int | None, limit: int
    ) -> list[AgentVersion]:
        query = (
            select(AgentVersionRow)
            .where(AgentVersionRow.agent_id == agent_id)
            .order_by(AgentVersionRow.version.desc())
            .limit(limit)
        )
        if before_version is not None:
            query = query.where(AgentVersionRow.version < before_version)
        rows = (await self.session.scalars(query)).all()
        return [
            AgentVersion(
                version=row.version,
                agent=_from_snapshot(agent_id, row),
                create_time=row.create_time,
            )
            for row in rows
        ]

    @staticmethod
    def _columns(fields: AgentFields) -> dict[str, Any]:
        return {
            "name": fields.name,
            "description": fields.description,
            "agent_type": str(fields.agent_type or AgentType.CONVERSATIONAL),
            "llm": asdict(fields.llm),
            "knowledgebase_ids": list(fields.knowledgebase_ids),
            "labels": dict(fields.labels),
        }

    async def _set_tools(self, agent_id: uuid.UUID, tool_ids: list[str]) -> None:
        if tool_ids:
            await self.session.execute(
                insert(AgentToolRow),
                [
                    {"agent_id": agent_id, "tool_id": uuid.UUID(t), "position": i}
                    for i, t in enumerate(tool_ids)
                ],
            )

    async def _snapshot(self, agent: Agent) -> None:
        await self.session.execute(
            insert(AgentVersionRow).values(
                agent_id=agent.id, version=agent.version, snapshot=_snapshot(agent)
            )
        )


def _tool(row: ToolRow) -> Tool:
    return Tool(
        id=row.id,
        fields=ToolFields(
            name=row.name,
            description=row.description,
            category=row.category,
            input_schema=row.input_schema,
            output_schema=row.output_schema,
            implementation_type=ToolImplementationType(row.implementation_type),
            implementation_ref=row.implementation_ref,
        ),
        is_builtin=row.owner_id is None,
        revision=row.revision,
        create_time=row.create_time,
        update_time=row.update_time,
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


def _visible_to(owner_id: uuid.UUID) -> Any:
    return or_(ToolRow.owner_id == owner_id, ToolRow.owner_id.is_(None))


class ToolRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_visible(
        self, owner_id: uuid.UUID, tool_id: uuid.UUID, *, lock: bool = False
    ) -> Tool:
        """A built-in tool or one of the owner's; `lock` holds a row lock."""
        query = select(ToolRow).where(ToolRow.id == tool_id, _visible_to(owner_id))
        if lock:
            query = query.with_for_update()
        row = await self.session.scalar(query)
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
        query = (
            select(ToolRow)
            .where(_visible_to(owner_id))
            .order_by(ToolRow.create_time, ToolRow.id)
            .limit(limit)
        )
        if category:
            query = query.where(ToolRow.category == category)
        if after is not None:
            query = query.where(tuple_(ToolRow.create_time, ToolRow.id) > tuple_(*after))
        return [_tool(row) for row in (await self.session.scalars(query)).all()]

    async def visible_ids(self, owner_id: uuid.UUID, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        """Which of `ids` name tools the owner may use."""
        if not ids:
            return set()
        result = await self.session.scalars(
            select(ToolRow.id).where(ToolRow.id.in_(ids), _visible_to(owner_id))
        )
        return set(result.all())

    async def name_taken(self, owner_id: uuid.UUID, name: str, except_id: uuid.UUID | None) -> bool:
        """Whether a built-in tool or another of the owner's tools has this name."""
        query = select(ToolRow.id).where(ToolRow.name == name, _visible_to(owner_id))
        if except_id is not None:
            query = query.where(ToolRow.id != except_id)
        return (await self.session.scalar(query.limit(1))) is not None

    async def add(self, owner_id: uuid.UUID, tool_id: uuid.UUID, fields: ToolFields) -> Tool:
        row = ToolRow(id=tool_id, owner_id=owner_id, revision=1, **_tool_columns(fields))
        self.session.add(row)
        await self._flush_unique_name(fields.name)
        await self.session.refresh(row, ["create_time", "update_time"])
        return _tool(row)

    async def save(self, tool: Tool) -> Tool:
        result = await self.session.execute(
            update(ToolRow)
            .where(ToolRow.id == tool.id)
            .values(
                revision=ToolRow.revision + 1, update_time=func.now(), **_tool_columns(tool.fields)
            )
            .returning(ToolRow.revision, ToolRow.update_time)
        )
        tool.revision, tool.update_time = result.one()
        return tool

    async def delete(self, tool_id: uuid.UUID) -> None:
        await self.session.execute(delete(ToolRow).where(ToolRow.id == tool_id))

    async def agents_using(self, tool_id: uuid.UUID) -> int:
        return await self.session.scalar(
            select(func.count()).select_from(AgentToolRow).where(AgentToolRow.tool_id == tool_id)
        )

    async def upsert_builtin(self, tool_id: uuid.UUID, fields: ToolFields) -> None:
        """Inserts or refreshes a built-in tool; its revision moves only when it changed."""
        columns = _tool_columns(fields)
        statement = pg_insert(ToolRow).values(id=tool_id, owner_id=None, revision=1, **columns)
        changed = or_(
            *[getattr(ToolRow, k).is_distinct_from(statement.excluded[k]) for k in columns]
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[ToolRow.id],
                set_={**columns, "revision": ToolRow.revision + 1, "update_time": func.now()},
                where=and_(ToolRow.owner_id.is_(None), changed),
            )
        )

    async def _flush_unique_name(self, name: str) -> None:
        try:
            await self.session.flush()
        except IntegrityError as error:
            if "uq_tools_owner_id" in str(error.orig):
                raise AlreadyExists(
                    f"a tool named {name!r} already exists", reason="TOOL_NAME_TAKEN"
                ) from error
            raise


class IdempotencyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(
        self,
        principal_id: uuid.UUID,
        method: str,
        request_id: uuid.UUID,
        digest: bytes,
        resource_id: uuid.UUID,
    ) -> IdempotencyKeyRow | None:
        """Claims a request_id for a new resource.

        Returns None when the claim is new; otherwise the earlier claim. A concurrent claim of
        the same key blocks here until its transaction ends (PostgreSQL's unique-index wait).
        """
        claimed = await self.session.scalar(
            pg_insert(IdempotencyKeyRow)
            .values(
                principal_id=principal_id,
                method=method,
                request_id=request_id,
                request_digest=digest,
                resource_id=resource_id,
            )
            .on_conflict_do_nothing()
            .returning(IdempotencyKeyRow.resource_id)
        )
        if claimed is not None:
            return None
        return await self.session.scalar(
            select(IdempotencyKeyRow).where(
                IdempotencyKeyRow.principal_id == principal_id,
                IdempotencyKeyRow.method == method,
                IdempotencyKeyRow.request_id == request_id,
            )
        )


class AuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        principal_id: uuid.UUID | None,
        action: str,
        resource_type: str,
        resource_id: uuid.UUID,
        details: dict[str, Any] | None = None,
    ) -> None:
        await self.session.execute(
            insert(AuditEventRow).values(
                principal_id=principal_id,
                action=action,
                resource_type=resource_type,
                resource_id=str(resource_id),
                details=details or {},
            )
        )
