"""Tool use cases. Built-in tools are visible to all and read-only."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from server.domain.errors import AlreadyExists, EtagMismatch, FailedPrecondition
from server.domain.models import NodeType, Page, Principal, Tool, ToolFields
from server.domain.pagination import decode_time_id, page_of, query_fingerprint, time_id_position
from server.domain.validation import page_size, raise_if, require_uuid, tool_violations
from server.observability.metrics import RESOURCES_CREATED
from server.persistence.database import Database
from server.persistence.repositories import AuditLog, ToolRepository
from server.services.changes import apply_changes
from server.services.idempotency import create_once
from server.services.workflow_usage import refuse_if_used

UPDATABLE = frozenset(
    {
        "name",
        "description",
        "category",
        "input_schema",
        "output_schema",
        "implementation_type",
        "implementation_ref",
    }
)
OUTPUT_ONLY = frozenset({"id", "is_builtin", "etag", "create_time", "update_time"})


class ToolService:
    """Creates, reads, lists, updates and deletes tools; built-in tools are read-only."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def create(self, principal: Principal, fields: ToolFields, request_id: str) -> Tool:
        """Creates a tool owned by the caller, once per request_id."""
        raise_if(tool_violations(fields))
        async with self.database.transaction() as tx:
            tools = ToolRepository(tx)

            async def create(tool_id: uuid.UUID) -> Tool:
                await _check_name_free(tools, principal, fields.name, None)
                tool = await tools.add(principal.id, tool_id, fields)
                await AuditLog(tx).record(principal.id, "tool.create", "tool", tool.id)
                tx.after_commit(RESOURCES_CREATED.labels("tool").inc)
                return tool

            return await create_once(
                tx,
                principal,
                "CreateTool",
                request_id,
                fields,
                create,
                lambda tool_id: tools.get_visible(principal.id, tool_id),
            )

    async def get(self, principal: Principal, tool_id: str) -> Tool:
        """A built-in tool or one of the caller's; NotFound for any other."""
        key = require_uuid(tool_id, "tool_id")
        async with self.database.reader() as reader:
            return await ToolRepository(reader).get_visible(principal.id, key)

    async def list(self, principal: Principal, size: int, token: str, category: str) -> Page[Tool]:
        """One page of built-in and own tools, ordered by (create_time, id)."""
        limit = page_size(size)
        fingerprint = query_fingerprint("ListTools", principal.id, category)
        after = decode_time_id(token, fingerprint)
        async with self.database.reader() as reader:
            tools = await ToolRepository(reader).list_visible(
                principal.id, category, after, limit + 1
            )
        return page_of(tools, limit, time_id_position, fingerprint)

    async def update(
        self, principal: Principal, tool_id: str, etag: str, changes: dict[str, Any]
    ) -> Tool:
        """Applies `changes` (field path → value) to one of the caller's tools."""
        key = require_uuid(tool_id, "tool.id")
        async with self.database.transaction() as tx:
            tools = ToolRepository(tx)
            tool = await _modifiable(tools, principal, key, etag, "change")
            fields = copy.deepcopy(tool.fields)
            apply_changes(fields, changes, UPDATABLE, OUTPUT_ONLY)
            raise_if(tool_violations(fields))
            if fields == tool.fields:  # nothing changes: no new revision, no audit event
                return tool
            if fields.name != tool.fields.name:
                await _check_name_free(tools, principal, fields.name, tool.id)
            tool.fields = fields
            tool = await tools.save(principal.id, tool)
            await AuditLog(tx).record(
                principal.id, "tool.update", "tool", tool.id, {"paths": sorted(changes)}
            )
            return tool

    async def delete(self, principal: Principal, tool_id: str, etag: str) -> None:
        """Deletes one of the caller's tools; an empty `etag` skips the check.

        The tool is locked FOR UPDATE first, so no agent can adopt it between the usage count
        and the delete.

        Raises:
            NotFound: the tool is neither built in nor the caller's.
            FailedPrecondition: the tool is built in, or an agent or a workflow still uses it.
            EtagMismatch: `etag` is set and stale.

        """
        key = require_uuid(tool_id, "tool_id")
        async with self.database.transaction() as tx:
            tools = ToolRepository(tx)
            await _modifiable(tools, principal, key, etag, "delete")
            users = await tools.agents_using(key)
            if users:
                raise FailedPrecondition(
                    f"tool {tool_id!r} is used by {users} agent(s); remove it from them first",
                    reason="TOOL_IN_USE",
                    agent_count=str(users),
                )
            await refuse_if_used(tx, principal, NodeType.TOOL, key, "tool")
            await tools.delete(principal.id, key)
            await AuditLog(tx).record(principal.id, "tool.delete", "tool", key)


async def _modifiable(
    tools: ToolRepository, principal: Principal, tool_id: uuid.UUID, etag: str, lock: str
) -> Tool:
    """Locks the caller's own tool for a change, refusing built-ins and stale etags."""
    # Built-ins are refused before locking: no caller may hold locks on shared rows.
    if (await tools.get_visible(principal.id, tool_id)).is_builtin:
        raise FailedPrecondition(
            f"tool {str(tool_id)!r} is built in and cannot be modified or deleted",
            reason="BUILTIN_TOOL_READ_ONLY",
        )
    tool = await tools.get_visible(principal.id, tool_id, lock=lock)
    if etag and etag != tool.etag:
        raise EtagMismatch("tool", str(tool_id))
    return tool


async def _check_name_free(
    tools: ToolRepository, principal: Principal, name: str, except_id: uuid.UUID | None
) -> None:
    if await tools.name_taken(principal.id, name, except_id):
        raise AlreadyExists(f"a tool named {name!r} already exists", reason="TOOL_NAME_TAKEN")
