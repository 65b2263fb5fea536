"""google.protobuf.Value/Struct <-> plain Python (JSON) values, fast and strict.

json_format goes through JSON text and costs tens of microseconds per value; these walk the
messages directly. Numbers that are whole and exact come back as ints (JSON has one number type;
protobuf carries doubles), and NaN or Infinity, which JSON cannot carry, are refused.
"""

from __future__ import annotations

import math
from typing import Any

from google.protobuf import struct_pb2

MAX_SAFE_INTEGER = 2**53


class NotJson(ValueError):
    """A value JSON cannot carry (NaN, Infinity, a non-JSON type)."""


def _number(value: float) -> int | float:
    if not math.isfinite(value):
        raise NotJson("NaN and Infinity are not JSON numbers")
    if value.is_integer() and abs(value) <= MAX_SAFE_INTEGER:
        return int(value)
    return value


def to_python(value: struct_pb2.Value) -> Any:
    """The Python value of a google.protobuf.Value."""
    kind = value.WhichOneof("kind")
    if kind == "struct_value":
        return struct_to_python(value.struct_value)
    if kind == "list_value":
        return [to_python(item) for item in value.list_value.values]
    if kind == "number_value":
        return _number(value.number_value)
    if kind == "string_value":
        return value.string_value
    if kind == "bool_value":
        return value.bool_value
    return None  # null_value, or unset


def struct_to_python(struct: struct_pb2.Struct) -> dict[str, Any]:
    """The dict of a google.protobuf.Struct."""
    return {key: to_python(item) for key, item in struct.fields.items()}


def from_python(data: Any, target: struct_pb2.Value) -> None:
    """Fills target with a JSON-compatible Python value (as json.loads returns them)."""
    kind = type(data)
    if data is None:
        target.null_value = struct_pb2.NULL_VALUE
    elif kind is bool:
        target.bool_value = data
    elif kind is int or kind is float:
        if not math.isfinite(data):
            raise NotJson("NaN and Infinity are not JSON numbers")
        target.number_value = data
    elif kind is str:
        target.string_value = data
    elif kind is list:
        values = target.list_value
        values.SetInParent()
        for item in data:
            from_python(item, values.values.add())
    elif kind is dict:
        fields = target.struct_value
        fields.SetInParent()
        for key, item in data.items():
            from_python(item, fields.fields[key])
    else:
        raise NotJson(f"{kind.__name__} is not a JSON value")
