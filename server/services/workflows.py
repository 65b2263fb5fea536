"""Workflow use cases. Each mutation is one transaction with its audit event.

Drafts are validated on every save and again on publish (things they reference may have been
deleted since); the rules live in server/domain/workflows.py. The rules that need no database
run in a worker thread: compiling a few hundred CEL conditions must not stall the event loop.
"""

from __future__ import annotations

import asyncio
import copy
import uuid
from typing import Any

from server.domain.errors import (
    DomainError,
    EtagMismatch,
    FieldViolation,
    NotFound,
)
from server.domain.models import (
    NodeType,
    Page,
    Principal,
    Workflow,
    WorkflowFields,
    WorkflowVersion,
)
from server.domain.pagination import (
    decode_time_id,
    decode_token,
    page_of,
    query_fingerprint,
    time_id_position,
)
from server.domain.validation import page_size, raise_if, require_uuid
from server.domain.workflows import (
    canonicalize_workflow,
    reference_violations,
    referenced_ids,
    workflow_violations,
)
from server.observability.metrics import RESOURCES_CREATED
from server.persistence.database import Database, Statements
from server.persistence.repositories import AuditLog, WorkflowRepository
from server.services.changes import apply_changes
from server.services.idempotency import create_once
from server.services.workflow_usage import refuse_if_used

UPDATABLE = frozenset({"name", "description", "nodes", "edges", "entry_node_id"})
OUTPUT_ONLY = frozenset(
    {"id", "version", "etag", "state", "published_version", "create_time", "update_time"}
)


class WorkflowVersionNotFound(NotFound):
    """The workflow exists, but no version with this number was published."""

    def __init__(self, workflow_id: str, version: int) -> None:
        DomainError.__init__(
            self,
            f"workflow {workflow_id!r} has no published version {version}",
            reason="WORKFLOW_VERSION_NOT_FOUND",
            resource_type="workflow_version",
            resource_id=f"{workflow_id}/versions/{version}",
        )


class WorkflowService:
    """Creates, reads, updates, deletes, validates and publishes the caller's workflows."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def create(
        self, principal: Principal, fields: WorkflowFields, request_id: str
    ) -> Workflow:
        """Creates a draft at version 1, once per request_id.

        Raises:
            InvalidArgument: every rule the workflow breaks, references included.

        """
        local = await _local_violations(fields)
        async with self.database.transaction() as tx:
            workflows = WorkflowRepository(tx)

            async def create(workflow_id: uuid.UUID) -> Workflow:
                raise_if(local + await _reference_violations(tx, principal, fields, None))
                canonicalize_workflow(fields)
                workflow = await workflows.add(principal.id, workflow_id, fields)
                await AuditLog(tx).record(principal.id, "workflow.create", "workflow", workflow.id)
                tx.after_commit(RESOURCES_CREATED.labels("workflow").inc)
                return workflow

            return await create_once(
                tx,
                principal,
                "CreateWorkflow",
                request_id,
                fields,
                create,
                lambda workflow_id: workflows.get(principal.id, workflow_id),
            )

    async def get(self, principal: Principal, workflow_id: str) -> Workflow:
        """One of the caller's workflows; NotFound for unknown and other principals' ones."""
        key = require_uuid(workflow_id, "workflow_id")
        async with self.database.reader() as reader:
            return await WorkflowRepository(reader).get(principal.id, key)

    async def list(self, principal: Principal, size: int, token: str) -> Page[Workflow]:
        """One page of the caller's workflows, ordered by (create_time, id)."""
        limit = page_size(size)
        fingerprint = query_fingerprint("ListWorkflows", principal.id)
        after = decode_time_id(token, fingerprint)
        async with self.database.reader() as reader:
            workflows = await WorkflowRepository(reader).list(principal.id, after, limit + 1)
        return page_of(workflows, limit, time_id_position, fingerprint)

    async def update(
        self, principal: Principal, workflow_id: str, etag: str, changes: dict[str, Any]
    ) -> Workflow:
        """Applies `changes` (field path → value) and writes the next draft version.

        Raises:
            NotFound: no such workflow of the caller's.
            EtagMismatch: `etag` is set and stale.
            InvalidArgument: a path is unknown or output only, or the result breaks a rule.

        """
        key = require_uuid(workflow_id, "workflow.id")
        async with self.database.transaction() as tx:
            workflows = WorkflowRepository(tx)
            workflow = await workflows.get(principal.id, key, lock="change")
            if etag and etag != workflow.etag:
                raise EtagMismatch("workflow", workflow_id)
            fields = copy.deepcopy(workflow.fields)
            apply_changes(fields, changes, UPDATABLE, OUTPUT_ONLY)
            raise_if(
                await _local_violations(fields)
                + await _reference_violations(tx, principal, fields, key)
            )
            canonicalize_workflow(fields)
            if fields == workflow.fields:  # nothing changes: no new version, no audit event
                return workflow
            workflow.fields = fields
            workflow = await workflows.save(principal.id, workflow)
            await AuditLog(tx).record(
                principal.id,
                "workflow.update",
                "workflow",
                workflow.id,
                {"version": workflow.version, "paths": sorted(changes)},
            )
            return workflow

    async def delete(self, principal: Principal, workflow_id: str, etag: str) -> None:
        """Deletes one of the caller's workflows and its versions; empty `etag` skips the check.

        Raises:
            NotFound: no such workflow of the caller's.
            EtagMismatch: `etag` is set and stale.
            FailedPrecondition: another of the caller's workflows uses it as a subflow.

        """
        key = require_uuid(workflow_id, "workflow_id")
        async with self.database.transaction() as tx:
            workflows = WorkflowRepository(tx)
            workflow = await workflows.get(principal.id, key, lock="delete")
            if etag and etag != workflow.etag:
                raise EtagMismatch("workflow", workflow_id)
            await refuse_if_used(tx, principal, NodeType.SUBFLOW, key, "workflow")
            await workflows.delete(principal.id, key)
            await AuditLog(tx).record(
                principal.id,
                "workflow.delete",
                "workflow",
                key,
                {"version": workflow.version, "published_version": workflow.published_version},
            )

    async def validate(
        self,
        principal: Principal,
        fields: WorkflowFields | None,
        workflow_id: str,
        self_id: str,
    ) -> list[FieldViolation]:
        """Every rule a workflow breaks, as publishing applies them; stores nothing.

        Args:
            principal: the caller; references must name things it can see.
            fields: the workflow to check, or None to check the draft named by `workflow_id`.
            workflow_id: the stored workflow to check when `fields` is None.
            self_id: with `fields`, the id of the workflow they are meant for ("" if none).

        Raises:
            InvalidArgument: neither a workflow nor an id is given, or an id is malformed.
            NotFound: `workflow_id` names no workflow of the caller's.

        """
        if fields is None:
            if not workflow_id:
                raise_if([FieldViolation("workflow", "give a workflow or a workflow_id")])
            key = require_uuid(workflow_id, "workflow_id")
            async with self.database.reader() as reader:
                fields = (await WorkflowRepository(reader).get(principal.id, key)).fields
        else:
            key = require_uuid(self_id, "workflow.id") if self_id else None
        local = await _local_violations(fields, publish=True)
        async with self.database.reader() as reader:
            return local + await _reference_violations(reader, principal, fields, key, lock=False)

    async def publish(
        self, principal: Principal, workflow_id: str, etag: str
    ) -> tuple[Workflow, WorkflowVersion]:
        """Freezes the current draft as the next published version.

        A draft unchanged since the latest publish is not published again: that version is
        returned, and nothing is written.

        Raises:
            NotFound: no such workflow of the caller's.
            EtagMismatch: `etag` is set and stale.
            InvalidArgument: every rule the draft breaks (an empty draft included).

        """
        key = require_uuid(workflow_id, "workflow_id")
        async with self.database.transaction() as tx:
            workflows = WorkflowRepository(tx)
            workflow = await workflows.get(principal.id, key, lock="change")
            if etag and etag != workflow.etag:
                raise EtagMismatch("workflow", workflow_id)
            if workflow.published_version:
                latest = await workflows.get_version(principal.id, key, workflow.published_version)
                if latest is not None and latest.workflow.version == workflow.version:
                    return workflow, latest  # the draft is what was published last
            raise_if(
                await _local_violations(workflow.fields, publish=True)
                + await _reference_violations(tx, principal, workflow.fields, key)
            )
            version = await workflows.publish(principal.id, workflow)
            await AuditLog(tx).record(
                principal.id,
                "workflow.publish",
                "workflow",
                key,
                {"published_version": version.version, "version": workflow.version},
            )
            return workflow, version

    async def list_versions(
        self, principal: Principal, workflow_id: str, size: int, token: str
    ) -> Page[WorkflowVersion]:
        """One page of a workflow's published versions, newest first."""
        key = require_uuid(workflow_id, "workflow_id")
        limit = page_size(size)
        fingerprint = query_fingerprint("ListWorkflowVersions", principal.id, key)
        after = decode_token(token, fingerprint)
        before = after[0] if after else None
        if before is not None and (not isinstance(before, int) or not 0 < before < 2**31):
            raise_if([FieldViolation("page_token", "malformed page token")])
        async with self.database.reader() as reader:
            workflows = WorkflowRepository(reader)
            await workflows.get(principal.id, key)  # NOT_FOUND for unknown and foreign ones
            versions = await workflows.list_versions(principal.id, key, before, limit + 1)
        return page_of(versions, limit, lambda v: [v.version], fingerprint)

    async def get_version(
        self, principal: Principal, workflow_id: str, version: int
    ) -> WorkflowVersion:
        """One published version of one of the caller's workflows.

        Raises:
            InvalidArgument: the id is malformed or the version is below 1.
            NotFound: no such workflow of the caller's, or no such published version.

        """
        key = require_uuid(workflow_id, "workflow_id")
        if version < 1:
            raise_if([FieldViolation("version", "must be 1 or more")])
        async with self.database.reader() as reader:
            workflows = WorkflowRepository(reader)
            await workflows.get(principal.id, key)  # NOT_FOUND for unknown and foreign ones
            found = None
            if version < 2**31:
                found = await workflows.get_version(principal.id, key, version)
        if found is None:
            raise WorkflowVersionNotFound(workflow_id, version)
        return found


async def _local_violations(
    fields: WorkflowFields, *, publish: bool = False
) -> list[FieldViolation]:
    """The rules that need no database, checked in a worker thread (CEL parsing is CPU work)."""
    return await asyncio.to_thread(workflow_violations, fields, publish=publish)


async def _reference_violations(
    db: Statements,
    principal: Principal,
    fields: WorkflowFields,
    self_id: uuid.UUID | None,
    *,
    lock: bool = True,
) -> list[FieldViolation]:
    """ref_ids naming nothing the caller can see.

    In a transaction (`lock`), the workflows named as subflows stay locked until it ends.
    """
    refs = referenced_ids(fields)
    visible = await WorkflowRepository(db).visible_refs(principal.id, refs, lock=lock)
    return reference_violations(fields, visible, self_id)
