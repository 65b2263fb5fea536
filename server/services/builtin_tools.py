"""The tools that ship with the server, seeded idempotently at start-up."""

from __future__ import annotations

import uuid

from server.domain.models import ToolFields, ToolImplementationType
from server.persistence.database import Database
from server.persistence.repositories import ToolRepository

# Built-in ids are derived from names, so every replica and every start agrees on them.
BUILTIN_NAMESPACE = uuid.UUID("0b9f5c0e-5d43-4b39-9c36-6a0f0c1f7a10")

BUILTIN_TOOLS: list[ToolFields] = [
    ToolFields(
        name="vector_search",
        description="Finds the passages of a knowledge base most similar to a query.",
        category="search",
        input_schema={
            "type": "object",
            "properties": {
                "query": {"type": "string", "minLength": 1},
                "knowledgebase_id": {"type": "string", "format": "uuid"},
                "top_k": {"type": "integer", "minimum": 1, "maximum": 50, "default": 5},
            },
            "required": ["query"],
            "additionalProperties": False,
        },
        output_schema={
            "type": "object",
            "properties": {
                "results": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"text": {"type": "string"}, "score": {"type": "number"}},
                    },
                }
            },
        },
        implementation_type=ToolImplementationType.BUILTIN,
        implementation_ref="vector_search",
    ),
    ToolFields(
        name="http_request",
        description="Makes an HTTP request and returns the status, headers and body.",
        category="web",
        input_schema={
            "type": "object",
            "properties": {
                "method": {
                    "type": "string",
                    "enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"],
                    "default": "GET",
                },
                "url": {"type": "string", "format": "uri"},
                "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                "body": {},
                "timeout_seconds": {"type": "number", "minimum": 0, "maximum": 60},
            },
            "required": ["url"],
            "additionalProperties": False,
        },
        output_schema={
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "headers": {"type": "object"},
                "body": {},
            },
        },
        implementation_type=ToolImplementationType.BUILTIN,
        implementation_ref="http_request",
    ),
    ToolFields(
        name="calculator",
        description="Evaluates an arithmetic expression such as '(2 + 3) * 4 / 5'.",
        category="math",
        input_schema={
            "type": "object",
            "properties": {"expression": {"type": "string", "minLength": 1, "maxLength": 1000}},
            "required": ["expression"],
            "additionalProperties": False,
        },
        output_schema={"type": "object", "properties": {"result": {"type": "number"}}},
        implementation_type=ToolImplementationType.BUILTIN,
        implementation_ref="calculator",
    ),
]


def builtin_tool_id(name: str) -> uuid.UUID:
    """The fixed id of the built-in tool with this name (a UUIDv5 in BUILTIN_NAMESPACE)."""
    return uuid.uuid5(BUILTIN_NAMESPACE, name)


async def seed_builtin_tools(database: Database) -> None:
    """Inserts missing built-in tools and refreshes changed ones; safe on every start."""
    async with database.transaction() as tx:
        tools = ToolRepository(tx)
        for fields in BUILTIN_TOOLS:
            await tools.upsert_builtin(builtin_tool_id(fields.name), fields)
