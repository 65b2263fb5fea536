"""Logic block use cases. Each mutation is one transaction with its audit event.

Testing a block runs its code through a sandbox runner (a pool of sandbox workers) injected at
construction; without one, TestBlock is UNAVAILABLE and everything else still works.
"""

from __future__ import annotations

import asyncio
import copy
import json
import uuid
from typing import Any, Protocol

from server.domain.errors import EtagMismatch, FieldViolation, InvalidArgument, Unavailable
from server.domain.models import (
    Block,
    BlockFields,
    BlockTestCase,
    BlockTestResult,
    BlockVersion,
    NodeType,
    Page,
    Principal,
)
from server.domain.pagination import (
    decode_time_id,
    decode_token,
    page_of,
    query_fingerprint,
    time_id_position,
)
from server.domain.validation import (
    block_violations,
    instance_violations,
    page_size,
    raise_if,
    require_uuid,
    schema_errors,
)
from server.observability.metrics import RESOURCES_CREATED
from server.persistence.database import Database
from server.persistence.repositories import AuditLog, BlockRepository
from server.sandbox.results import RunLimits, RunResult, RunStatus
from server.services.changes import apply_changes
from server.services.idempotency import create_once
from server.services.workflow_usage import refuse_if_used

UPDATABLE = frozenset(
    {
        "name",
        "description",
        "block_type",
        "input_schema",
        "output_schema",
        "code",
        "test_cases",
    }
)
OUTPUT_ONLY = frozenset({"id", "version", "etag", "create_time", "update_time"})
AD_HOC = "ad-hoc"
# Runs of one TestBlock call in flight at once: a block with 100 cases must not take every
# sandbox slot from everyone else.
TEST_CONCURRENCY = 4
# Upper bounds on what a caller may ask for (the workers' default maximums, see
# sandbox_worker/settings.py); 0 takes the sandbox default.
MAX_TIMEOUT_MS = 60_000
MAX_MEMORY_MB = 1024
MAX_OUTPUT_BYTES = 3 * 1024 * 1024
# How much of a value a failure message quotes.
MAX_QUOTED_CHARS = 200


class SandboxRunner(Protocol):
    """Runs code once in a sandbox (server/sandbox/pool.py implements it over sandbox workers)."""

    async def execute(
        self,
        *,
        code: str,
        input: dict[str, Any],
        context: dict[str, Any],
        limits: RunLimits,
        execution_id: str,
    ) -> RunResult:
        """Runs `code` on `input`; misbehaving code is a status in the result, never raised."""
        ...


class BlockService:
    """Creates, reads, updates, deletes, lists and tests the caller's blocks and versions."""

    def __init__(self, database: Database, sandbox: SandboxRunner | None = None) -> None:
        self.database = database
        self.sandbox = sandbox

    async def create(self, principal: Principal, fields: BlockFields, request_id: str) -> Block:
        """Creates a block at version 1, once per request_id.

        Raises:
            InvalidArgument: a field is invalid, including code that does not compile under the
                sandbox policy and test cases that do not match the schemas.

        """
        raise_if(block_violations(fields))
        async with self.database.transaction() as tx:
            blocks = BlockRepository(tx)

            async def create(block_id: uuid.UUID) -> Block:
                block = await blocks.add(principal.id, block_id, fields)
                await AuditLog(tx).record(principal.id, "block.create", "block", block.id)
                tx.after_commit(RESOURCES_CREATED.labels("block").inc)
                return block

            return await create_once(
                tx,
                principal,
                "CreateBlock",
                request_id,
                fields,
                create,
                lambda block_id: blocks.get(principal.id, block_id),
            )

    async def get(self, principal: Principal, block_id: str) -> Block:
        """One of the caller's blocks; NotFound for unknown and other principals' blocks."""
        key = require_uuid(block_id, "block_id")
        async with self.database.reader() as reader:
            return await BlockRepository(reader).get(principal.id, key)

    async def list(self, principal: Principal, size: int, token: str) -> Page[Block]:
        """One page of the caller's blocks, ordered by (create_time, id)."""
        limit = page_size(size)
        fingerprint = query_fingerprint("ListBlocks", principal.id)
        after = decode_time_id(token, fingerprint)
        async with self.database.reader() as reader:
            blocks = await BlockRepository(reader).list(principal.id, after, limit + 1)
        return page_of(blocks, limit, time_id_position, fingerprint)

    async def update(
        self, principal: Principal, block_id: str, etag: str, changes: dict[str, Any]
    ) -> Block:
        """Applies `changes` (field path → value) and writes the next version.

        Raises:
            NotFound: no such block of the caller's.
            EtagMismatch: `etag` is set and stale.
            InvalidArgument: a path is unknown or output only, or the result is invalid.

        """
        key = require_uuid(block_id, "block.id")
        async with self.database.transaction() as tx:
            blocks = BlockRepository(tx)
            block = await blocks.get(principal.id, key, lock=True)
            if etag and etag != block.etag:
                raise EtagMismatch("block", block_id)
            fields = copy.deepcopy(block.fields)
            apply_changes(fields, changes, UPDATABLE, OUTPUT_ONLY)
            raise_if(block_violations(fields))
            if fields == block.fields:  # nothing changes: no new version, no audit event
                return block
            block.fields = fields
            block = await blocks.save(principal.id, block)
            await AuditLog(tx).record(
                principal.id,
                "block.update",
                "block",
                block.id,
                {"version": block.version, "paths": sorted(changes)},
            )
            return block

    async def delete(self, principal: Principal, block_id: str, etag: str) -> None:
        """Deletes one of the caller's blocks and its versions; an empty `etag` skips the check."""
        key = require_uuid(block_id, "block_id")
        async with self.database.transaction() as tx:
            blocks = BlockRepository(tx)
            block = await blocks.get(principal.id, key, lock=True)
            if etag and etag != block.etag:
                raise EtagMismatch("block", block_id)
            await refuse_if_used(tx, principal, NodeType.BLOCK, key, "block")
            await blocks.delete(principal.id, key)
            await AuditLog(tx).record(
                principal.id, "block.delete", "block", key, {"version": block.version}
            )

    async def list_versions(
        self, principal: Principal, block_id: str, size: int, token: str
    ) -> Page[BlockVersion]:
        """One page of a block's versions, newest first."""
        key = require_uuid(block_id, "block_id")
        limit = page_size(size)
        fingerprint = query_fingerprint("ListBlockVersions", principal.id, key)
        after = decode_token(token, fingerprint)
        before = after[0] if after else None
        if before is not None and (not isinstance(before, int) or not 0 < before < 2**31):
            raise_if([FieldViolation("page_token", "malformed page token")])
        async with self.database.reader() as reader:
            blocks = BlockRepository(reader)
            await blocks.get(principal.id, key)  # NOT_FOUND for unknown and foreign blocks
            versions = await blocks.list_versions(principal.id, key, before, limit + 1)
        return page_of(versions, limit, lambda v: [v.version], fingerprint)

    async def test(
        self,
        principal: Principal,
        block_id: str,
        input: dict[str, Any] | None,
        limits: RunLimits,
    ) -> list[BlockTestResult]:
        """Runs the block's code on its test cases, or only on `input` when it is not None.

        Runs go through the sandbox a few at a time; results come back in the cases' order.
        Nothing is stored: a test is not a mutation.

        Raises:
            NotFound: no such block of the caller's.
            InvalidArgument: `input` does not match the input_schema, a limit is too high, or
                there is nothing to run.
            Unavailable: no sandbox runner is configured.

        """
        key = require_uuid(block_id, "block_id")
        raise_if(limit_violations(limits))
        async with self.database.reader() as reader:
            block = await BlockRepository(reader).get(principal.id, key)
        fields = block.fields
        if input is not None:
            if fields.input_schema is not None:
                raise_if(instance_violations(fields.input_schema, input, "input", "input_schema"))
            cases = [BlockTestCase(name=AD_HOC, input=input)]
        elif fields.test_cases:
            cases = fields.test_cases
        else:
            raise InvalidArgument(
                [FieldViolation("input", "the block has no test cases: give an input to run")]
            )
        sandbox = self.sandbox
        if sandbox is None:
            raise Unavailable(
                "no sandbox workers are configured; blocks cannot be run",
                reason="SANDBOX_UNAVAILABLE",
            )
        slots = asyncio.Semaphore(TEST_CONCURRENCY)
        call_id = uuid.uuid4().hex[:12]

        async def run(index: int, case: BlockTestCase) -> BlockTestResult:
            async with slots:
                result = await sandbox.execute(
                    code=fields.code,
                    input=case.input,
                    context={"block_id": str(block.id), "test_case": case.name},
                    limits=limits,
                    execution_id=f"block-test-{call_id}-{index}",
                )
            failures = case_failures(fields, case, result)
            return BlockTestResult(case.name, result, not failures, failures)

        try:
            async with asyncio.TaskGroup() as group:  # a failing runner cancels the other runs
                tasks = [group.create_task(run(i, case)) for i, case in enumerate(cases)]
        except ExceptionGroup as failed:
            raise failed.exceptions[0] from None  # the error table maps single errors
        return [task.result() for task in tasks]


def limit_violations(limits: RunLimits) -> list[FieldViolation]:
    """Limits above what a caller may ask for."""
    out = []
    for name, high in (
        ("timeout_ms", MAX_TIMEOUT_MS),
        ("memory_mb", MAX_MEMORY_MB),
        ("max_output_bytes", MAX_OUTPUT_BYTES),
    ):
        value = getattr(limits, name)
        if not 0 <= value <= high:
            out.append(FieldViolation(f"limits.{name}", f"must be between 0 and {high}"))
    return out


def case_failures(fields: BlockFields, case: BlockTestCase, result: RunResult) -> list[str]:
    """Why a run of a test case did not pass; empty when it passed."""
    if result.status is not RunStatus.OK:
        reason = f"run ended with {result.status.value}"
        if result.error is not None:
            where = f" at line {result.error.line}" if result.error.line else ""
            reason += f": {result.error.type}{where}: {result.error.message}"
        return [reason]
    failures = []
    if case.has_expected_output and not json_equal(result.output, case.expected_output):
        failures.append(
            f"output differs from expected_output: expected {_quoted(case.expected_output)}, "
            f"got {_quoted(result.output)}"
        )
    if fields.output_schema is not None:
        failures.extend(
            f"output violates output_schema: {error}"
            for error in schema_errors(fields.output_schema, result.output)
        )
    return failures


def json_equal(left: Any, right: Any) -> bool:
    """Equality as JSON sees it: 1 equals 1.0, but true is not 1 and "1" is not 1."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(json_equal(left[k], right[k]) for k in left)
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return len(left) == len(right) and all(map(json_equal, left, right))
    return left is None and right is None


def _quoted(value: Any) -> str:
    """Compact JSON of a value for a message, integral numbers without ".0" (as JSON has them)."""
    text = json.dumps(_plain_numbers(value), ensure_ascii=False, sort_keys=True, default=str)
    if len(text) > MAX_QUOTED_CHARS:
        text = text[:MAX_QUOTED_CHARS] + "…"
    return text


def _plain_numbers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_numbers(v) for v in value]
    return value
