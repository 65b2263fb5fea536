"""Resources that workflows use cannot be deleted from under them."""

from __future__ import annotations

import uuid

from server.domain.errors import FailedPrecondition
from server.domain.models import NodeType, Principal
from server.persistence.database import Statements
from server.persistence.repositories import WorkflowRepository

# How many using workflows an *_IN_USE error names.
MAX_NAMED_USERS = 5


async def refuse_if_used(
    tx: Statements, principal: Principal, node_type: NodeType, ref_id: uuid.UUID, what: str
) -> None:
    """Refuses (FAILED_PRECONDITION) if a workflow of the caller's uses ref_id.

    Uses: a node of `node_type` naming ref_id, in a draft or a published version (published
    versions must stay runnable).
    """
    users = await WorkflowRepository(tx).users_of(principal.id, node_type, ref_id, MAX_NAMED_USERS)
    if users:
        named = ", ".join(repr(str(user)) for user in users)
        raise FailedPrecondition(
            f"{what} {str(ref_id)!r} is used by workflows ({named}), in their drafts or "
            f"published versions; remove those {node_type.name} nodes (or delete those "
            "workflows) first",
            reason=f"{what.upper()}_IN_USE",
            used_by=",".join(str(user) for user in users),
        )
