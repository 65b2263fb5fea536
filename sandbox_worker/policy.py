"""What code the sandbox accepts: RestrictedPython's policy, a little stricter.

The server compiles with this policy when a block is saved (so a policy or syntax error is
INVALID_ARGUMENT with its line) and the worker compiles with it before every run.
"""

from __future__ import annotations

import ast
import re
import types
from dataclasses import dataclass

from RestrictedPython import compile_restricted_exec
from RestrictedPython.transformer import (
    IOPERATOR_TO_STR,
    RestrictingNodeTransformer,
    copy_locations,
)

MAX_CODE_BYTES = 64 * 1024
FILENAME = "<block>"
_LINE = re.compile(r"^Line (\d+|None): (.*?)(?: at statement: .*)?$", re.DOTALL)
MAX_MESSAGE_CHARS = 300


@dataclass(frozen=True)
class PolicyError(Exception):
    """The code does not compile under the policy; `line` is 1-based, 0 when unknown."""

    line: int
    message: str
    kind: str = "PolicyViolation"  # or "SyntaxError"

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class _Policy(RestrictingNodeTransformer):
    """RestrictedPython's transformer without class definitions.

    Blocks are functions of their input: classes would only add metaclass and attribute-write
    surface that the write guard would then have to police.
    """

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.error(node, "class definitions are not allowed in blocks")

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        """`d[k] += v` becomes `_inplaceitem_(d, k, "+=", v)`: the runtime checks d is writable.

        RestrictedPython refuses augmented item assignment altogether, but counting into a dict
        is too common in blocks to refuse. Container and key are evaluated once, as in Python.
        """
        target = node.target
        if not isinstance(target, ast.Subscript) or isinstance(target.slice, ast.Slice):
            return super().visit_AugAssign(node)
        call = ast.Call(
            func=ast.Name("_inplaceitem_", ast.Load()),
            args=[
                self.visit(target.value),
                self.visit(target.slice),
                ast.Constant(IOPERATOR_TO_STR[type(node.op)]),
                self.visit(node.value),
            ],
            keywords=[],
        )
        statement = ast.Expr(call)
        copy_locations(statement, node)
        ast.fix_missing_locations(statement)
        return statement


def compile_code(code: str) -> types.CodeType:
    """Compiles code under the sandbox policy; raises PolicyError with the first problem."""
    if len(code.encode("utf-8", "surrogatepass")) > MAX_CODE_BYTES:
        raise PolicyError(0, f"code is longer than {MAX_CODE_BYTES} bytes")
    try:
        result = compile_restricted_exec(code, FILENAME, policy=_Policy)
    except SyntaxError as error:  # raised by some compiler stages instead of being collected
        raise PolicyError(error.lineno or 0, f"SyntaxError: {error.msg}", "SyntaxError") from None
    except (RecursionError, MemoryError):
        # Absurd nesting exhausts the parser: refused, never a crash of the compiling process.
        raise PolicyError(0, "code is nested too deeply", "SyntaxError") from None
    except (ValueError, OverflowError) as error:
        raise PolicyError(0, f"SyntaxError: {error}", "SyntaxError") from None
    if result.errors:
        first = result.errors[0]
        match = _LINE.match(first)
        line, message = (
            (int(match[1]) if match[1].isdigit() else 0, match[2]) if match else (0, first)
        )
        message = message[:MAX_MESSAGE_CHARS]
        kind = "SyntaxError" if message.startswith("SyntaxError") else "PolicyViolation"
        raise PolicyError(line, message, kind)
    assert result.code is not None
    return result.code
