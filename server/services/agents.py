"""Agent use cases. Each mutation is one transaction with its audit event."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from server.domain.errors import EtagMismatch, FieldViolation
from server.domain.models import Agent, AgentFields, AgentVersion, NodeType, Page, Principal
from server.domain.pagination import (
    decode_time_id,
    decode_token,
    page_of,
    query_fingerprint,
    time_id_position,
)
from server.domain.validation import (
    agent_violations,
    canonicalize_agent,
    page_size,
    raise_if,
    require_uuid,
)
from server.observability.metrics import RESOURCES_CREATED
from server.persistence.database import Database, Statements
from server.persistence.repositories import AgentRepository, AuditLog, ToolRepository
from server.services.changes import apply_changes
from server.services.idempotency import create_once
from server.services.workflow_usage import refuse_if_used

UPDATABLE = frozenset(
    {
        "name",
        "description",
        "agent_type",
        "llm",
        "llm.provider",
        "llm.model",
        "llm.temperature",
        "llm.max_tokens",
        "llm.system_prompt",
        "tool_ids",
        "knowledgebase_ids",
        "labels",
    }
)
OUTPUT_ONLY = frozenset({"id", "version", "etag", "create_time", "update_time"})


class AgentService:
    """Creates, reads, updates, deletes and lists the caller's agents and their versions."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def create(self, principal: Principal, fields: AgentFields, request_id: str) -> Agent:
        """Creates an agent at version 1, once per request_id."""
        raise_if(agent_violations(fields))
        canonicalize_agent(fields)
        async with self.database.transaction() as tx:
            agents = AgentRepository(tx)

            async def create(agent_id: uuid.UUID) -> Agent:
                await _check_tools(tx, principal, fields)
                agent = await agents.add(principal.id, agent_id, fields)
                await AuditLog(tx).record(principal.id, "agent.create", "agent", agent.id)
                tx.after_commit(RESOURCES_CREATED.labels("agent").inc)
                return agent

            return await create_once(
                tx,
                principal,
                "CreateAgent",
                request_id,
                fields,
                create,
                lambda agent_id: agents.get(principal.id, agent_id),
            )

    async def get(self, principal: Principal, agent_id: str) -> Agent:
        """One of the caller's agents; NotFound for unknown and other principals' agents."""
        key = require_uuid(agent_id, "agent_id")
        async with self.database.reader() as reader:
            return await AgentRepository(reader).get(principal.id, key)

    async def list(self, principal: Principal, size: int, token: str) -> Page[Agent]:
        """One page of the caller's agents, ordered by (create_time, id)."""
        limit = page_size(size)
        fingerprint = query_fingerprint("ListAgents", principal.id)
        after = decode_time_id(token, fingerprint)
        async with self.database.reader() as reader:
            agents = await AgentRepository(reader).list(principal.id, after, limit + 1)
        return page_of(agents, limit, time_id_position, fingerprint)

    async def update(
        self, principal: Principal, agent_id: str, etag: str, changes: dict[str, Any]
    ) -> Agent:
        """Applies `changes` (field path → value) and writes the next version."""
        key = require_uuid(agent_id, "agent.id")
        async with self.database.transaction() as tx:
            agents = AgentRepository(tx)
            agent = await agents.get(principal.id, key, lock=True)
            if etag and etag != agent.etag:
                raise EtagMismatch("agent", agent_id)
            fields = copy.deepcopy(agent.fields)
            apply_changes(fields, changes, UPDATABLE, OUTPUT_ONLY)
            raise_if(agent_violations(fields))
            canonicalize_agent(fields)
            if fields == agent.fields:  # nothing changes: no new version, no audit event
                return agent
            await _check_tools(tx, principal, fields)
            agent.fields = fields
            agent = await agents.save(principal.id, agent)
            await AuditLog(tx).record(
                principal.id,
                "agent.update",
                "agent",
                agent.id,
                {"version": agent.version, "paths": sorted(changes)},
            )
            return agent

    async def delete(self, principal: Principal, agent_id: str, etag: str) -> None:
        """Deletes one of the caller's agents and its versions; an empty `etag` skips the check."""
        key = require_uuid(agent_id, "agent_id")
        async with self.database.transaction() as tx:
            agents = AgentRepository(tx)
            agent = await agents.get(principal.id, key, lock=True)
            if etag and etag != agent.etag:
                raise EtagMismatch("agent", agent_id)
            await refuse_if_used(tx, principal, NodeType.AGENT, key, "agent")
            await agents.delete(principal.id, key)
            await AuditLog(tx).record(
                principal.id, "agent.delete", "agent", key, {"version": agent.version}
            )

    async def list_versions(
        self, principal: Principal, agent_id: str, size: int, token: str
    ) -> Page[AgentVersion]:
        """One page of an agent's versions, newest first."""
        key = require_uuid(agent_id, "agent_id")
        limit = page_size(size)
        fingerprint = query_fingerprint("ListAgentVersions", principal.id, key)
        after = decode_token(token, fingerprint)
        before = after[0] if after else None
        if before is not None and (not isinstance(before, int) or not 0 < before < 2**31):
            raise_if([FieldViolation("page_token", "malformed page token")])
        async with self.database.reader() as reader:
            agents = AgentRepository(reader)
            await agents.get(principal.id, key)  # NOT_FOUND for unknown and foreign agents
            versions = await agents.list_versions(principal.id, key, before, limit + 1)
        return page_of(versions, limit, lambda v: [v.version], fingerprint)


async def _check_tools(tx: Statements, principal: Principal, fields: AgentFields) -> None:
    """Checks that every tool id names a built-in tool or one of the caller's."""
    if not fields.tool_ids:
        return
    ids = [uuid.UUID(t) for t in fields.tool_ids]
    visible = await ToolRepository(tx).lock_visible_ids(principal.id, ids)
    raise_if(
        [
            FieldViolation(f"agent.tool_ids[{i}]", f"no tool with id {str(t)!r}")
            for i, t in enumerate(ids)
            if t not in visible
        ]
    )
