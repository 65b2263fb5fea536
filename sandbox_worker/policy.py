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
        is too common in blocks to refuse. Container and key are evaluated once and the item is
        read before the right hand side, as in Python.
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
                # A thunk: the item is read before the right hand side runs, as in Python.
                ast.Lambda(
                    args=ast.arguments(
                        posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]
                    ),
                    body=self.visit(node.value),
                ),
            ],
            keywords=[],
        )
        statement = ast.Expr(call)
        copy_locations(statement, node)
        ast.fix_missing_locations(statement)
        return statement


# CPython folds `"ab" + "cd"` into one constant at compile time, with no size limit for `+`, so
# 64 KiB of `(A+A)+(A+A)...` compiles to gigabytes. Anything that would fold beyond this is
# refused before compiling. (Repetition folds only up to 4096 items, as in CPython.)
MAX_FOLDED_CONSTANT = 100_000
_REPEAT_FOLD_LIMIT = 4096


def _check_folded_constants(tree: ast.AST) -> None:
    """Refuses constant expressions that would fold into something huge at compile time."""
    sizes: dict[int, int] = {}  # id(node) -> length of the str/bytes/tuple constant it folds to
    numbers: dict[int, int] = {}  # id(node) -> value of an int constant
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:  # post-order without recursion: chains like a+a+a+... are deep
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in ast.iter_child_nodes(node))
            continue
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (str, bytes)):
                sizes[id(node)] = len(node.value)
            elif type(node.value) is int:
                numbers[id(node)] = node.value
        elif isinstance(node, ast.Tuple) and all(
            id(e) in sizes or id(e) in numbers for e in node.elts
        ):
            sizes[id(node)] = len(node.elts)
        elif isinstance(node, ast.BinOp):
            left, right = id(node.left), id(node.right)
            size = None
            if isinstance(node.op, ast.Add) and left in sizes and right in sizes:
                size = sizes[left] + sizes[right]
            elif isinstance(node.op, ast.Mult):
                if left in sizes and right in numbers:
                    size = sizes[left] * max(0, numbers[right])
                elif right in sizes and left in numbers:
                    size = sizes[right] * max(0, numbers[left])
                if size is not None and size > _REPEAT_FOLD_LIMIT:
                    size = None  # not folded: built at run time, under the run's limits
            if size is not None:
                if size > MAX_FOLDED_CONSTANT:
                    raise PolicyError(
                        getattr(node, "lineno", 0),
                        f"constant expression is too large: it would fold into {size} items "
                        f"at compile time (at most {MAX_FOLDED_CONSTANT})",
                    )
                sizes[id(node)] = size


def compile_code(code: str) -> types.CodeType:
    """Compiles code under the sandbox policy; raises PolicyError with the first problem."""
    if len(code.encode("utf-8", "surrogatepass")) > MAX_CODE_BYTES:
        raise PolicyError(0, f"code is longer than {MAX_CODE_BYTES} bytes")
    try:
        tree = ast.parse(code, FILENAME)
    except SyntaxError as error:
        raise PolicyError(error.lineno or 0, f"SyntaxError: {error.msg}", "SyntaxError") from None
    except (RecursionError, MemoryError):
        raise PolicyError(0, "code is nested too deeply", "SyntaxError") from None
    except (ValueError, OverflowError) as error:
        raise PolicyError(0, f"SyntaxError: {error}", "SyntaxError") from None
    _check_folded_constants(tree)
    try:
        result = compile_restricted_exec(tree, FILENAME, policy=_Policy)
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
