"""Applying partial updates: a map of field paths (as in a FieldMask) to new values."""

from __future__ import annotations

from typing import Any

from server.domain.errors import FieldViolation, InvalidArgument


def apply_changes(
    target: Any, changes: dict[str, Any], updatable: frozenset[str], output_only: frozenset[str]
) -> None:
    """Sets each `path: value` of `changes` on `target`, after checking every path.

    Raises:
        InvalidArgument: a path is unknown or names an output-only field.

    """
    violations = []
    for path in changes:
        if path in output_only:
            violations.append(FieldViolation("update_mask", f"{path!r} is output only"))
        elif path not in updatable:
            violations.append(FieldViolation("update_mask", f"unknown field path {path!r}"))
    if violations:
        raise InvalidArgument(violations)
    for path, value in changes.items():
        *parents, name = path.split(".")
        owner = target
        for parent in parents:
            owner = getattr(owner, parent)
        setattr(owner, name, value)
