"""Hostile logic-block code against the sandbox worker.

Every case must end in exactly the expected status (and exception type where that is stable),
leak nothing (no file contents, no interpreter internals, no worker paths or secrets) and
leave the worker healthy: `sandbox.assert_healthy()` runs after every hostile case.

Cases marked "strict:" are where the expected status is the strictest reasonable one a
security reviewer would demand rather than something the spec pins down word for word.
"""

from __future__ import annotations

import asyncio
import json
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
from agentbuilder.sandbox.v1 import sandbox_pb2

OK = sandbox_pb2.EXECUTE_STATUS_OK
COMPILE = sandbox_pb2.EXECUTE_STATUS_COMPILE_ERROR
RUNTIME = sandbox_pb2.EXECUTE_STATUS_RUNTIME_ERROR
TIMEOUT = sandbox_pb2.EXECUTE_STATUS_TIMEOUT
MEMORY = sandbox_pb2.EXECUTE_STATUS_MEMORY_LIMIT
OUTPUT = sandbox_pb2.EXECUTE_STATUS_OUTPUT_LIMIT

POLICY = "PolicyViolation"
SYNTAX = "SyntaxError"

CPU_MS = 1000  # wall-clock limit for CPU bombs
SMALL_MB = 32  # memory limit for memory bombs
STDOUT_CAP = 70_000  # 64 KiB cap plus room for the truncation marker

# Strings that must never appear in anything a run returns: file contents, interpreter
# internals, the worker's installation paths, the server's database credentials.
LEAK_MARKERS = (
    "root:x:0:0",
    "root:*:0:0",
    "nobody:x:65534",
    "daemon:x:1:1",
    "postgresql://",
    "postgres:",
    "site-packages",
    "/usr/lib/python",
    "/usr/local/lib/python",
    ".venv/",
    "sandbox_worker/",
    "<frame at",
    "<code object",
    "<module 'os'",
    "<module 'sys'",
    "<module 'posix'",
    "<module 'builtins'",
    "<module 'importlib",
    "_frozen_importlib",
    "Traceback (most recent call last)",
)

_UNSET = object()


@dataclass(frozen=True)
class Case:
    code: str
    status: int | tuple[int, ...]
    error_type: str | None = None
    output: Any = _UNSET  # expected output for OK cases
    line: int | None = None  # expected error.line
    timeout_ms: int = 0
    memory_mb: int = 0
    max_output_bytes: int = 0
    input: dict | None = None
    forbid: tuple[str, ...] = ()  # extra strings that must not leak
    check: Callable[[Any], None] | None = None  # extra assertions on the response


def case(case_id: str, code: str, status, error_type: str | None = None, **options):
    source = textwrap.dedent(code).strip("\n") + "\n"
    return pytest.param(Case(source, status, error_type, **options), id=case_id)


def cpu(case_id: str, code: str, **options):
    """A CPU bomb: killed at a short wall-clock deadline."""
    return case(case_id, code, TIMEOUT, timeout_ms=CPU_MS, **options)


def mem(case_id: str, code: str, **options):
    """A memory bomb under a small memory limit."""
    return case(case_id, code, MEMORY, memory_mb=SMALL_MB, **options)


def status_name(status: int) -> str:
    return sandbox_pb2.ExecuteStatus.Name(status)


def output_of(sandbox, response) -> Any:
    return sandbox.output(response) if response.HasField("output") else None


def describe(sandbox, response) -> str:
    try:
        output = repr(output_of(sandbox, response))[:300]
    except Exception as error:  # noqa: BLE001 - only for the failure message
        output = f"<unreadable: {error}>"
    return (
        f"status={status_name(response.status)} error.type={response.error.type!r} "
        f"error.message={response.error.message[:400]!r} line={response.error.line} "
        f"stdout={response.stdout[:300]!r} output={output}"
    )


def returned_text(sandbox, response) -> str:
    parts = [response.stdout, response.error.type, response.error.message]
    if response.HasField("output"):
        try:
            parts.append(json.dumps(output_of(sandbox, response)))
        except Exception:  # noqa: BLE001 - an unreadable output is checked elsewhere
            parts.append(str(response.output))
    return "\n".join(parts)


def assert_no_leak(sandbox, response, extra: tuple[str, ...] = ()) -> None:
    text = returned_text(sandbox, response)
    for marker in (*LEAK_MARKERS, *extra):
        assert marker not in text, f"leaked {marker!r}: {describe(sandbox, response)}"


def stdout_capped(response) -> None:
    stdout = response.stdout
    assert len(stdout) <= STDOUT_CAP, f"stdout not capped: {len(stdout)} chars"
    assert len(stdout) >= 32 * 1024, f"stdout cut far below the cap: {len(stdout)} chars"
    tail = stdout[-200:]
    # The cut must be marked: the tail is not just the program's own characters.
    assert set(tail) - set("xyz\n"), f"no truncation marker at the end: {tail!r}"


def stdout_bytes_capped(response) -> None:
    size = len(response.stdout.encode("utf-8"))
    assert size <= STDOUT_CAP, f"stdout is {size} bytes"


def stdout_is(expected: str) -> Callable[[Any], None]:
    def check(response) -> None:
        assert response.stdout == expected, response.stdout[:300]

    return check


def message_bounded(response) -> None:
    # strict: a 10 MB exception message must be cut, not shipped (or break the RPC).
    assert len(response.error.message) <= 64 * 1024, len(response.error.message)


async def run_case(sandbox, c: Case) -> None:
    started = time.monotonic()
    response = await sandbox.run(
        c.code,
        c.input,
        timeout_ms=c.timeout_ms,
        memory_mb=c.memory_mb,
        max_output_bytes=c.max_output_bytes,
    )
    elapsed = time.monotonic() - started
    assert response is not None, "the worker's response could not even be decoded by the client"
    expected = c.status if isinstance(c.status, tuple) else (c.status,)
    assert response.status in expected, (
        f"expected {[status_name(s) for s in expected]}, got {describe(sandbox, response)}"
    )
    if c.error_type is not None:
        assert response.error.type == c.error_type, describe(sandbox, response)
    if c.line is not None:
        assert response.error.line == c.line, describe(sandbox, response)
    if response.status == OK:
        if c.output is not _UNSET:
            assert output_of(sandbox, response) == c.output, describe(sandbox, response)
    else:
        assert response.error.type, f"failed run without error.type: {describe(sandbox, response)}"
    if response.status == COMPILE:
        assert response.stdout == "", "a refused program must not run at all"
    if response.status == TIMEOUT:
        limit = (c.timeout_ms or 5000) / 1000
        assert elapsed < limit + 5, f"deadline not enforced: {elapsed:.1f}s for a {limit}s limit"
    assert_no_leak(sandbox, response, c.forbid)
    if c.check is not None:
        c.check(response)
    if response.status != OK:
        assert not response.HasField("output"), "output is set only for OK"
    await sandbox.assert_healthy()


# --------------------------------------------------------------------------------------------
# Imports
# --------------------------------------------------------------------------------------------

FORBIDDEN_MODULES = [
    "os",
    "sys",
    "subprocess",
    "socket",
    "ctypes",
    "importlib",
    "posix",
    "io",
    "pickle",
    "marshal",
    "gc",
    "inspect",
    "threading",
    "signal",
    "multiprocessing",
    "asyncio",
    "types",
    "operator",  # attrgetter would be a getattr
    "string",  # string.Formatter would bypass the format guard
    "pathlib",
    "shutil",
    "tempfile",
    "codecs",
    "linecache",
    "ssl",
    "select",
    "mmap",
    "resource",
    "fcntl",
    "pty",
    "pwd",
    "site",
    "sysconfig",
    "runpy",
    "code",
    "pdb",
    "traceback",
    "weakref",
    "copyreg",
    "copy",
    "decimal",
    "fractions",
    "zipimport",
    "this",
    "antigravity",
    "encodings",
    "sqlite3",
    "grpc",
    "RestrictedPython",
    "sandbox_worker",
    "agentbuilder",
    "server",
]

IMPORTS = [
    *[
        case(
            f"import-{name}",
            f"import {name}\noutput = str({name})\n",
            RUNTIME,
            "ImportError",
            forbid=(f"<module '{name}'",),
        )
        for name in FORBIDDEN_MODULES
    ],
    case("from-os-import-system", "from os import system\nsystem('id')", RUNTIME, "ImportError"),
    case(
        "from-subprocess-import",
        "from subprocess import check_output\noutput = check_output(['cat', '/etc/passwd'])",
        RUNTIME,
        "ImportError",
    ),
    case(
        "from-builtins-import-open",
        "from builtins import open\noutput = open('/etc/passwd').read()",
        RUNTIME,
        "ImportError",
    ),
    case("import-builtins", "import builtins\noutput = builtins.open", COMPILE, POLICY),
    case("import-underscore-io", "import _io", COMPILE, POLICY),
    case("import-underscore-thread", "import _thread", COMPILE, POLICY),
    case("import-underscore-posixsubprocess", "import _posixsubprocess", COMPILE, POLICY),
    case("import-main", "import __main__", COMPILE, POLICY),
    case("from-os-import-underscore-exit", "from os import _exit", COMPILE, POLICY),
    case("import-as-underscore", "import json as _json", COMPILE, POLICY),
    case("dunder-import-call", "os = __import__('os')", COMPILE, POLICY),
    case("dunder-import-via-builtins", "__builtins__['__import__']('os')", COMPILE, POLICY),
    case(
        "dunder-import-fullwidth-lowline",
        # NFKC turns U+FF3F into "_": the parser sees __import__
        "os = \uff3f\uff3fimport\uff3f\uff3f('os')",
        COMPILE,
    ),
    case("import-os-as-json", "import os as json\noutput = json.getcwd()", RUNTIME, "ImportError"),
    case("import-math-then-os", "import math, os\noutput = os.getcwd()", RUNTIME, "ImportError"),
    case("import-star", "from os import *", COMPILE, POLICY),
    case("import-star-allowed-module", "from math import *", COMPILE, POLICY),
    case("relative-import-dot", "from . import json", RUNTIME, "ImportError"),
    case("relative-import-dotdot", "from .. import os", RUNTIME, "ImportError"),
    case("relative-import-module", "from .json import loads", RUNTIME, "ImportError"),
    case("submodule-os-path", "import os.path", RUNTIME, "ImportError"),
    case("submodule-json-decoder", "import json.decoder", RUNTIME, "ImportError"),
    case("submodule-from-json-import-decoder", "from json import decoder", RUNTIME, "ImportError"),
    case(
        "submodule-from-json-decoder-import",
        "from json.decoder import scanstring",
        RUNTIME,
        "ImportError",
    ),
    case("submodule-collections-abc", "import collections.abc", RUNTIME, "ImportError"),
    case(
        "submodule-from-collections-import-abc",
        "from collections import abc",
        RUNTIME,
        "ImportError",
    ),
    case(
        "submodule-from-re-import-sre-compile", "from re import sre_compile", RUNTIME, "ImportError"
    ),
    case("submodule-from-re-import-underscore", "from re import _compiler", COMPILE, POLICY),
    case("submodule-xml-etree", "import xml.etree.ElementTree", RUNTIME, "ImportError"),
    case("submodule-urllib-request", "import urllib.request", RUNTIME, "ImportError"),
    case("submodule-http-client", "import http.client", RUNTIME, "ImportError"),
    case("submodule-google-protobuf", "import google.protobuf", RUNTIME, "ImportError"),
    case("from-datetime-import-sys", "from datetime import sys", RUNTIME, "ImportError"),
    case("from-statistics-import-sys", "from statistics import sys", RUNTIME, "ImportError"),
    case("from-json-import-load", "from json import load", RUNTIME, "ImportError"),
    case("import-attribute-as-module", "import math.pi", RUNTIME, "ImportError"),
    # Modules reachable as attributes of allowed modules: the wrappers expose none of them.
    *[
        case(
            f"attr-{expr}",
            f"import {expr.split('.')[0]}\noutput = str({expr})\n",
            RUNTIME,
            "AttributeError",
        )
        for expr in [
            "json.decoder",
            "json.encoder",
            "json.scanner",
            "json.codecs",
            "json.load",
            "json.dump",
            "re.sre_compile",
            "re.sre_parse",
            "re.copyreg",
            "re.functools",
            "re.enum",
            "datetime.sys",
            "datetime.datetime_CAPI",
            "statistics.sys",
            "statistics.random",
            "statistics.math",
            "random.os",
            "random.SystemRandom",
            "collections.abc",
            "collections.sys",
            "functools.sys",
            "functools.GenericAlias",
        ]
    ],
    case("attr-re-underscore-compiler", "import re\noutput = str(re._compiler)", COMPILE, POLICY),
    case("attr-random-underscore-os", "import random\noutput = str(random._os)", COMPILE, POLICY),
    case(
        "attr-random-underscore-inst", "import random\noutput = str(random._inst)", COMPILE, POLICY
    ),
    case("attr-json-dunder-dict", "import json\noutput = str(json.__dict__)", COMPILE, POLICY),
    case("attr-math-dunder-loader", "import math\noutput = str(math.__loader__)", COMPILE, POLICY),
    case(
        "attr-module-via-function-globals",
        "import json\noutput = str(json.loads.__globals__['sys'])",
        COMPILE,
        POLICY,
    ),
    case(
        "attr-submodule-via-format",
        "import json\noutput = '{0.decoder}'.format(json)",
        RUNTIME,
        forbid=("<module",),
    ),
    case(
        "attr-sys-via-format",
        "import datetime\noutput = '{0.sys.modules}'.format(datetime)",
        RUNTIME,
        forbid=("<module",),
    ),
]


@pytest.mark.parametrize("c", IMPORTS)
async def test_imports(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Builtins
# --------------------------------------------------------------------------------------------

PASSWD = ("root:",)

BUILTINS = [
    case("open", "output = open('/etc/passwd').read()", RUNTIME, "NameError", forbid=PASSWD),
    case(
        "open-with",
        "with open('/etc/passwd') as f:\n    output = f.read()",
        RUNTIME,
        "NameError",
        forbid=PASSWD,
    ),
    case("open-write", "open('/tmp/pwned', 'w').write('x')", RUNTIME, "NameError"),
    case("eval-call", "output = eval('1 + 1')", COMPILE, POLICY),
    case("exec-call", "exec('output = 1')", COMPILE, POLICY),
    case("eval-as-value", "e = eval\noutput = e('1 + 1')", RUNTIME, "NameError"),
    case("exec-as-value", "x = exec\nx('output = 1')", RUNTIME, "NameError"),
    case("compile", "output = compile('1', 'x', 'eval')", RUNTIME, "NameError"),
    case("getattr", "output = str(getattr(1, '__class__'))", RUNTIME, "NameError"),
    case("setattr", "import math\nsetattr(math, 'pi', 3)", RUNTIME, "NameError"),
    case("delattr", "import math\ndelattr(math, 'pi')", RUNTIME, "NameError"),
    case("hasattr", "output = hasattr(1, 'real')", RUNTIME, "NameError"),
    case("type-one-arg", "output = str(type(1))", RUNTIME, "NameError"),
    case("type-three-args", "T = type('T', (), {})", RUNTIME, "NameError"),
    case("vars", "output = str(vars())", RUNTIME, "NameError"),
    case("globals", "output = str(globals())", RUNTIME, "NameError"),
    case("locals", "output = str(locals())", RUNTIME, "NameError"),
    case("dir", "output = dir()", RUNTIME, "NameError"),
    case("id", "output = id(input)", RUNTIME, "NameError"),
    case("format-builtin", "output = format(1, 'd')", RUNTIME, "NameError"),
    case("dunder-builtins-name", "output = str(__builtins__)", COMPILE, POLICY),
    case("dunder-builtins-subscript", "output = __builtins__['open']", COMPILE, POLICY),
    case("dunder-name", "output = __name__", COMPILE, POLICY),
    case("dunder-file", "output = __file__", COMPILE, POLICY),
    case("dunder-loader", "output = str(__loader__)", COMPILE, POLICY),
    case("dunder-build-class", "output = str(__build_class__)", COMPILE, POLICY),
    case("input-call", "output = input()", RUNTIME, "TypeError"),
    case("breakpoint", "breakpoint()", COMPILE, POLICY),
    case("help", "help()", RUNTIME, "NameError"),
    case("exit", "exit()", RUNTIME, "NameError"),
    case("quit", "quit(0)", RUNTIME, "NameError"),
    case("copyright", "output = str(copyright)", RUNTIME, "NameError"),
    case("object", "output = str(object)", RUNTIME, "NameError"),
    case("object-subclasses", "output = str(object.__subclasses__())", COMPILE, POLICY),
    case("memoryview", "output = memoryview(b'abc')", RUNTIME, "NameError"),
    case("bytearray", "output = bytearray(10)", RUNTIME, "NameError"),
    case("super", "output = super()", RUNTIME, "NameError"),
    case("classmethod", "output = classmethod(len)", RUNTIME, "NameError"),
    case("staticmethod", "output = staticmethod(len)", RUNTIME, "NameError"),
    case("property", "output = property(len)", RUNTIME, "NameError"),
    case("base-exception", "output = str(BaseException)", RUNTIME, "NameError"),
    case("system-exit", "raise SystemExit(0)", RUNTIME, "NameError"),
    case("keyboard-interrupt", "raise KeyboardInterrupt", RUNTIME, "NameError"),
    case("generator-exit", "raise GeneratorExit", RUNTIME, "NameError"),
    case("exception-group", "raise ExceptionGroup('g', [ValueError()])", RUNTIME, "NameError"),
    case("callable-open", "output = callable(open)", RUNTIME, "NameError"),
    case("iter-open", "output = list(iter(open, None))", RUNTIME, "NameError"),
    case("eval-fullwidth", "output = \uff45\uff56\uff41\uff4c('1')", COMPILE),
    case("builtins-name", "output = builtins", COMPILE, POLICY),
]


@pytest.mark.parametrize("c", BUILTINS)
async def test_builtins(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Dunder walks
# --------------------------------------------------------------------------------------------

CLASS_REPR = ("<class ",)

DUNDERS = [
    case(
        "tuple-bases-subclasses",
        "output = str(().__class__.__bases__[0].__subclasses__())",
        COMPILE,
        POLICY,
    ),
    case(
        "str-mro-subclasses",
        "output = str(''.__class__.__mro__[-1].__subclasses__())",
        COMPILE,
        POLICY,
    ),
    case(
        "list-base-subclasses",
        "output = str([].__class__.__base__.__subclasses__())",
        COMPILE,
        POLICY,
    ),
    case(
        "subclasses-in-comprehension",
        "output = [str(c) for c in (1).__class__.__base__.__subclasses__()]",
        COMPILE,
        POLICY,
    ),
    case("lambda-globals", "output = str((lambda: 0).__globals__)", COMPILE, POLICY),
    case("function-code", "def f():\n    pass\noutput = str(f.__code__)", COMPILE, POLICY),
    case(
        "function-closure",
        """
        def outer():
            secret = 1
            def inner():
                return secret
            return inner
        output = str(outer().__closure__[0].cell_contents)
        """,
        COMPILE,
        POLICY,
    ),
    case(
        "function-defaults",
        "def f(a=1):\n    return a\noutput = str(f.__defaults__)",
        COMPILE,
        POLICY,
    ),
    case("builtin-self", "output = str(len.__self__)", COMPILE, POLICY),
    case("method-self", "output = str([].append.__self__)", COMPILE, POLICY),
    case(
        "random-method-self", "import random\noutput = str(random.seed.__self__)", COMPILE, POLICY
    ),
    case("print-self", "output = str(print.__self__)", COMPILE, POLICY),
    case("dict-dunder-dict", "output = str(dict.__dict__)", COMPILE, POLICY),
    case("int-mro-dunder", "output = str(int.__mro__)", COMPILE, POLICY),
    case("getattribute", "output = str((1).__getattribute__('__class__'))", COMPILE, POLICY),
    case("dunder-reduce-ex", "output = str([].__reduce_ex__(2))", COMPILE, POLICY),
    case("dunder-doc", "output = len.__doc__", COMPILE, POLICY),
    case("fullwidth-dunder-class", "output = str(().\uff3f\uff3fclass\uff3f\uff3f)", COMPILE),
    # Runtime guard: `mro` is public but refused.
    case("int-mro-method", "output = str(int.mro())", RUNTIME, "AttributeError", forbid=CLASS_REPR),
    case(
        "bool-mro-walk",
        "output = str(bool.mro()[-1])",
        RUNTIME,
        "AttributeError",
        forbid=CLASS_REPR,
    ),
    case(
        "exception-class-mro",
        "import json\noutput = str(json.JSONDecodeError.mro())",
        RUNTIME,
        "AttributeError",
        forbid=CLASS_REPR,
    ),
    case(
        "mro-as-value",
        "m = str.mro\noutput = str(m())",
        RUNTIME,
        "AttributeError",
        forbid=CLASS_REPR,
    ),
]


@pytest.mark.parametrize("c", DUNDERS)
async def test_dunder_walks(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Format strings
# --------------------------------------------------------------------------------------------

FMT = ("<class ", "<function", "<built-in", "<module", "<frame", "<generator", "<code")

FORMATS = [
    case("format-class", "output = '{0.__class__}'.format(1)", RUNTIME, forbid=FMT),
    case(
        "format-subclasses",
        "output = '{0.__class__.__base__.__subclasses__}'.format(1)",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-function-globals",
        "def f():\n    pass\noutput = '{0.__globals__}'.format(f)",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-globals-builtins",
        "def f():\n    pass\noutput = '{0.__globals__[__builtins__]}'.format(f)",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-gi-frame",
        "g = (x for x in [1])\noutput = '{.gi_frame}'.format(g)",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-gi-frame-explicit-index",
        "g = (x for x in [1])\noutput = '{0.gi_frame}'.format(g)",
        RUNTIME,
        "AttributeError",
        forbid=FMT,
    ),
    case(
        # strict: non-underscore frame internals reached by a format field are refused too
        "format-gi-frame-f-back-globals",
        "g = (x for x in [1])\noutput = '{0.gi_frame.f_back.f_globals}'.format(g)",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-gi-code-consts",
        "g = (x for x in [1])\noutput = '{0.gi_code.co_consts}'.format(g)",
        RUNTIME,
        forbid=FMT,
    ),
    # Index lookups read data: a dict key that looks like a dunder is just a key.
    case(
        "format-index-builtins",
        "output = '{0[__builtins__]}'.format({'__builtins__': 'x'})",
        OK,
        output="x",
    ),
    case("format-map-class", "output = '{x.__class__}'.format_map({'x': 1})", RUNTIME, forbid=FMT),
    case(
        "format-map-defaultdict",
        "import collections\noutput = '{x.__class__}'.format_map(collections.defaultdict(int))",
        RUNTIME,
        forbid=FMT,
    ),
    case("format-unbound", "output = str.format('{0.__class__}', 1)", RUNTIME, forbid=FMT),
    case(
        "format-map-unbound",
        "output = str.format_map('{x.__class__}', {'x': 1})",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-via-partial",
        "import functools\noutput = functools.partial(str.format, '{0.__class__}')(1)",
        RUNTIME,
        forbid=FMT,
    ),
    case("format-via-map", "output = list(map('{0.__class__}'.format, [1]))", RUNTIME, forbid=FMT),
    case(
        "format-via-starmap",
        "import itertools\noutput = list(itertools.starmap(str.format, [('{0.__class__}', 1)]))",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-bound-method-kept",
        "f = '{0.__class__}'.format\nr = [f(1)]\noutput = r",
        RUNTIME,
        forbid=FMT,
    ),
    case(
        # Python itself would output "5": the nested field reads __class__.__name__[0] == "d"
        "format-nested-spec-field",
        "output = '{0:{1.__class__.__name__[0]}}'.format(5, {})",
        RUNTIME,
    ),
    case("format-with-conversion", "output = '{0.__class__!r}'.format(1)", RUNTIME, forbid=FMT),
    case("format-keyword-field", "output = '{a.__class__}'.format(a=1)", RUNTIME, forbid=FMT),
    case("format-doc", "output = '{0.__doc__}'.format(len)", RUNTIME),
    case("format-print-self", "output = '{0.__self__}'.format(print)", RUNTIME, forbid=FMT),
    case("format-builtin-self", "output = '{0.__self__}'.format(len)", RUNTIME, forbid=FMT),
    case(
        "format-exception-traceback",
        """
        try:
            1 / 0
        except ZeroDivisionError as e:
            output = '{0.__traceback__.tb_frame.f_globals}'.format(e)
        """,
        RUNTIME,
        forbid=FMT,
    ),
    case(
        "format-json-function-globals",
        "import json\noutput = '{0.__globals__[sys]}'.format(json.dumps)",
        RUNTIME,
        forbid=FMT,
    ),
    case("fstring-dunder", "output = f'{(1).__class__}'", COMPILE, POLICY),
    case("fstring-dunder-conversion", "x = 1\noutput = f'{x.__class__!r:>10}'", COMPILE, POLICY),
    case("fstring-gi-frame", "g = (x for x in [1])\noutput = f'{g.gi_frame}'", COMPILE, POLICY),
    case(
        "fstring-format-in-spec",
        "output = f'{1:{\"{0.__class__}\".format(2)}}'",
        RUNTIME,
        forbid=FMT,
    ),
    case("percent-dict", "output = '%(a)s-%(b)r' % {'a': 1, 'b': 'q'}", OK, output="1-'q'"),
    case("percent-dunder-key", "output = '%(__class__)s' % {}", RUNTIME, "KeyError"),
    case("percent-huge-width", "output = '%10000000000d' % 1", MEMORY, memory_mb=SMALL_MB),
    case(
        "format-huge-width",
        "output = '{:>10000000000}'.format(1)",
        MEMORY,
        memory_mb=SMALL_MB,
    ),
    case(
        "format-legit-index-and-attribute",
        "output = '{0[k]}/{1.real}/{1.imag}'.format({'k': 'v'}, 3)",
        OK,
        output="v/3/0",
    ),
]


@pytest.mark.parametrize("c", FORMATS)
async def test_format_strings(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Frames, generators, coroutines, tracebacks
# --------------------------------------------------------------------------------------------

FRAMES = [
    case("gen-gi-frame", "g = (x for x in [1])\noutput = str(g.gi_frame)", COMPILE, POLICY),
    case("gen-gi-code", "g = (x for x in [1])\noutput = str(g.gi_code)", COMPILE, POLICY),
    case("gen-gi-yieldfrom", "g = (x for x in [1])\noutput = str(g.gi_yieldfrom)", COMPILE, POLICY),
    # gi_running is a harmless bool in Python, but the guard refuses every gi_ attribute.
    case(
        "gen-gi-running", "g = (x for x in [1])\noutput = g.gi_running", RUNTIME, "AttributeError"
    ),
    case(
        "gen-gi-suspended",
        "g = (x for x in [1])\noutput = g.gi_suspended",
        RUNTIME,
        "AttributeError",
    ),
    case(
        "gen-f-back",
        """
        def gen():
            yield 1
        g = gen()
        next(g)
        output = str(g.gi_frame.f_back.f_globals)
        """,
        COMPILE,
        POLICY,
    ),
    case("async-def", "async def f():\n    return 1\noutput = 1", COMPILE, POLICY),
    case("await", "def f():\n    await g()", COMPILE),
    case("async-for", "async def f():\n    async for x in y:\n        pass", COMPILE, POLICY),
    case("coroutine-cr-frame", "def f():\n    pass\noutput = str(f().cr_frame)", COMPILE, POLICY),
    case(
        "coroutine-cr-running",
        "def co():\n    yield 1\noutput = co().cr_running",
        RUNTIME,
        "AttributeError",
    ),
    case(
        "asyncgen-ag-running",
        "g = (x for x in [1])\noutput = g.ag_running",
        RUNTIME,
        "AttributeError",
    ),
    case(
        "send-generator-into-itself",
        """
        def co():
            x = yield
            yield x
        c = co()
        next(c)
        output = c.send(c)
        """,
        OUTPUT,
    ),
    case(
        "traceback-attr",
        "try:\n    1 / 0\nexcept Exception as e:\n    output = str(e.__traceback__)",
        COMPILE,
        POLICY,
    ),
    case(
        "traceback-frame-globals",
        "try:\n    1 / 0\nexcept Exception as e:\n    output = str(e.__traceback__.tb_frame.f_globals)",
        COMPILE,
        POLICY,
    ),
    case("tb-frame-name", "x = 1\noutput = str(x.tb_frame)", COMPILE, POLICY),
    case("f-globals-name", "x = 1\noutput = str(x.f_globals)", COMPILE, POLICY),
    case(
        "exception-context",
        "try:\n    1 / 0\nexcept Exception as e:\n    output = str(e.__context__)",
        COMPILE,
        POLICY,
    ),
    case("sys-getframe", "import sys\noutput = str(sys._getframe(1).f_globals)", COMPILE, POLICY),
    case("sys-getframe-from", "from sys import _getframe", COMPILE, POLICY),
    case("sys-exc-info", "import sys\noutput = str(sys.exc_info())", RUNTIME, "ImportError"),
    case(
        "inspect-currentframe",
        "import inspect\noutput = str(inspect.currentframe())",
        RUNTIME,
        "ImportError",
    ),
    case(
        "traceback-module",
        "import traceback\noutput = traceback.format_stack()",
        RUNTIME,
        "ImportError",
    ),
    case("try-star", "try:\n    pass\nexcept* ValueError:\n    pass", COMPILE, POLICY),
    case("match-statement", "match input:\n    case {'a': x}:\n        output = x", COMPILE),
]


@pytest.mark.parametrize("c", FRAMES)
async def test_frame_walks(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Writes to shared state (single run; the next run's view is checked further down)
# --------------------------------------------------------------------------------------------

WRITES = [
    case("module-attr-math-pi", "import math\nmath.pi = 3", RUNTIME),
    case("module-attr-json-dumps", "import json\njson.dumps = len", RUNTIME),
    case("module-attr-del", "import json\ndel json.loads", RUNTIME),
    case("module-attr-new", "import json\njson.marker = 'M'", RUNTIME),
    case("module-attr-random", "import random\nrandom.random = lambda: 4", RUNTIME),
    case("module-attr-augmented", "import math\nmath.pi += 1", COMPILE, POLICY),
    case("function-attr", "def f():\n    pass\nf.x = 1", RUNTIME),
    case(
        "function-dunder-attr", "def f(a=1):\n    return a\nf.__defaults__ = (2,)", COMPILE, POLICY
    ),
    case("lambda-attr", "f = lambda: 0\nf.x = 1", RUNTIME),
    case("builtin-attr", "len.x = 1", RUNTIME),
    case("type-attr", "str.upper = len", RUNTIME),
    case("dict-type-attr", "dict.get = len", RUNTIME),
    case(
        "class-from-module-attr",
        "import collections\ncollections.Counter.most_common = None",
        RUNTIME,
    ),
    case("datetime-class-attr", "import datetime\ndatetime.date.today = None", RUNTIME),
    case(
        "datetime-instance-attr",
        "import datetime\nd = datetime.date(2020, 1, 1)\nd.year = 5",
        RUNTIME,
    ),
    case("partial-attr", "import functools\np = functools.partial(len)\np.func = str", RUNTIME),
    case("pattern-attr", "import re\np = re.compile('a')\np.pattern = 'b'", RUNTIME),
    case("exception-attr", "e = ValueError('x')\ne.args = ('y',)", RUNTIME),
    case("tuple-item", "t = (1, 2)\nt[0] = 5", RUNTIME),
    case("str-item", "s = 'abc'\ns[0] = 'x'", RUNTIME),
    # deques are containers like lists: item writes are allowed (per-run objects)
    case(
        "deque-item",
        "import collections\nd = collections.deque([1])\nd[0] = 2\noutput = list(d)",
        OK,
        output=[2],
    ),
    case("del-tuple-item", "t = (1, 2)\ndel t[0]", RUNTIME),
    case("augmented-tuple-item", "t = (1, 2)\nt[0] += 1", RUNTIME),
    case("augmented-str-item", "s = 'abc'\ns[0] += 'x'", RUNTIME),
    case(
        "augmented-deque-item",
        "import collections\nd = collections.deque([1])\nd[0] += 1\noutput = list(d)",
        OK,
        output=[2],
    ),
    case("augmented-slice", "x = [1]\nx[0:1] += [2]", COMPILE, POLICY),
    case("vars-write", "import math\nvars(math)['pi'] = 3", RUNTIME, "NameError"),
    case(
        "input-mutation-is-fine",
        "input['a'] = 2\ninput['new'] = [1]\ncontext['x'] = 1\noutput = input",
        OK,
        input={"a": 1},
        output={"a": 2, "new": [1]},
    ),
]


@pytest.mark.parametrize("c", WRITES)
async def test_writes_to_shared_state(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# CPU
# --------------------------------------------------------------------------------------------

CPU = [
    cpu("while-true", "while True:\n    pass"),
    cpu("counter-loop", "x = 0\nwhile True:\n    x += 1"),
    cpu(
        "loop-in-try-bare-except",
        "try:\n    while True:\n        pass\nexcept:\n    pass\noutput = 'escaped'",
    ),
    cpu(
        "loop-in-try-except-exception-retry",
        """
        while True:
            try:
                while True:
                    pass
            except Exception:
                pass
        """,
    ),
    cpu(
        "loop-in-finally",
        "try:\n    raise ValueError('x')\nfinally:\n    while True:\n        pass",
    ),
    cpu(
        "continue-in-finally",
        """
        while True:
            try:
                while True:
                    pass
            finally:
                continue
        """,
    ),
    cpu("big-pow", "output = 10**10**8"),
    cpu("regex-redos", "import re\noutput = bool(re.match('(a+)+$', 'a' * 40 + 'b'))"),
    cpu("regex-redos-search", "import re\noutput = bool(re.search(r'(x+x+)+y', 'x' * 60))"),
    cpu("range-loop", "for i in range(10**12):\n    pass"),
    cpu("sum-huge-range", "output = sum(range(10**14))"),
    cpu("any-count-in-c", "import itertools\noutput = any(x < 0 for x in itertools.count())"),
    cpu(
        "deque-consume-count-in-c",
        "import collections, itertools\ncollections.deque(itertools.count(), maxlen=0)",
    ),
    cpu(
        "reduce-product",
        "import functools\noutput = functools.reduce(lambda a, b: a * b, range(1, 10**7)) % 7",
    ),
    cpu(
        "sort-repeatedly",
        "while True:\n    sorted(range(10**5), key=lambda x: -x)",
    ),
    cpu(
        "catch-recursion-and-recurse",
        """
        def f():
            try:
                f()
            except RecursionError:
                f()
        f()
        """,
    ),
    # sorted() first materializes the range: 10**12 slots cannot be allocated.
    case("sorted-huge-range", "output = sorted(range(10**12))[:3]", MEMORY),
    case(
        # strict: a finalizer that spins after the output is final must not hang the worker;
        # the run ended before teardown, so OK; TIMEOUT would also keep the deadline
        "spinning-generator-finalizer",
        """
        def g():
            try:
                yield 1
            finally:
                while True:
                    pass
        it = g()
        next(it)
        output = 'done'
        """,
        (OK, TIMEOUT),
        timeout_ms=CPU_MS,
    ),
]


@pytest.mark.parametrize("c", CPU)
async def test_cpu(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Memory
# --------------------------------------------------------------------------------------------

MEMORY_BOMBS = [
    mem("str-repeat", "output = len('a' * 10**10)"),
    mem("bytes-repeat", "output = len(b'a' * 10**10)"),
    mem("list-repeat", "output = len([0] * 10**9)"),
    mem("list-growth-loop", "x = []\nwhile True:\n    x.append('a' * 10**5)"),
    mem("list-of-small-objects", "x = []\ni = 0\nwhile True:\n    x.append([i])\n    i += 1"),
    mem("nested-lists", "x = [[0] * 1000 for i in range(10**6)]"),
    mem("dict-loop", "d = {}\ni = 0\nwhile True:\n    d[i] = str(i)\n    i += 1"),
    mem("dict-comprehension", "d = {i: str(i) for i in range(10**8)}"),
    mem("set-of-range", "s = set(range(10**8))"),
    mem("list-of-range", "x = list(range(10**9))"),
    mem("string-doubling", "s = 'x'\nwhile True:\n    s = s + s"),
    mem("join-bomb", "output = len(''.join(['a' * 10**6] * 10**4))"),
    mem("ljust-bomb", "output = len('a'.ljust(10**10))"),
    mem("repeat-forever", "import itertools\noutput = len(list(itertools.repeat(1)))"),
    mem("counter-bomb", "import collections\nc = collections.Counter(range(10**8))"),
    mem("iter-sentinel-forever", "output = len(list(iter(lambda: 'x', None)))"),
    mem(
        "memoryerror-caught-then-reallocate",
        """
        try:
            x = 'a' * 10**10
        except Exception:
            pass
        y = [0] * 10**9
        """,
    ),
    mem(
        "memoryerror-caught-by-name-then-reallocate",
        """
        hold = []
        try:
            while True:
                hold.append('b' * 10**6)
        except Exception as e:
            name = str(e)
        hold2 = [1] * 10**9
        """,
    ),
    mem("dict-of-strings-in-input", "for i in range(10**7):\n    input[str(i)] = 'v' * 10**4"),
]


@pytest.mark.parametrize("c", MEMORY_BOMBS)
async def test_memory(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Recursion and C-level crashes
# --------------------------------------------------------------------------------------------

RECURSION = [
    case(
        "deep-recursion", "def f(n):\n    return f(n + 1)\noutput = f(0)", RUNTIME, "RecursionError"
    ),
    case(
        "mutual-recursion",
        "def a(n):\n    return b(n + 1)\ndef b(n):\n    return a(n + 1)\noutput = a(0)",
        RUNTIME,
        "RecursionError",
    ),
    case(
        "recursion-in-generator",
        "def g(n):\n    for x in g(n + 1):\n        yield x\noutput = list(g(0))",
        RUNTIME,
        "RecursionError",
    ),
    case(
        "recursion-yield-from",
        "def g(n):\n    yield from g(n + 1)\noutput = list(g(0))",
        RUNTIME,
        "RecursionError",
    ),
    case("lambda-recursion", "f = lambda n: f(n + 1)\noutput = f(0)", RUNTIME, "RecursionError"),
    case(
        "recursion-in-sort-key",
        "def k(x):\n    return sorted([x], key=k)\noutput = k(1)",
        RUNTIME,
        "RecursionError",
    ),
    case(
        "json-deep-nesting",
        "import json\noutput = json.loads('[' * 100000 + ']' * 100000)",
        RUNTIME,
        "RecursionError",
    ),
    case(
        "repr-deep-nesting",
        "x = []\nfor i in range(100000):\n    x = [x]\noutput = len(repr(x))",
        RUNTIME,
        "RecursionError",
    ),
    case(
        "json-dumps-deep-nesting",
        "import json\nx = []\nfor i in range(100000):\n    x = [x]\noutput = len(json.dumps(x))",
        RUNTIME,
        "RecursionError",
    ),
    # Deeply nested C iterators overflow the C stack (a segfault in CPython 3.11): the process
    # dies, the worker reports it and survives.
    case(
        "segfault-nested-map",
        "it = iter([1])\nfor i in range(200000):\n    it = map(abs, it)\noutput = next(it)",
        RUNTIME,
    ),
    case(
        "segfault-nested-filter",
        "it = iter([1])\nfor i in range(200000):\n    it = filter(None, it)\noutput = list(it)",
        RUNTIME,
    ),
    case(
        "segfault-nested-zip",
        "it = iter([1])\nfor i in range(200000):\n    it = zip(it)\noutput = str(next(it))",
        RUNTIME,
    ),
    case(
        # strict: refused at compile time, never a crash of the compiling process
        "deep-parentheses",
        "output = " + "(" * 5000 + "1" + ")" * 5000,
        COMPILE,
        SYNTAX,
    ),
    case("deep-list-literal", "output = " + "[" * 5000 + "]" * 5000, COMPILE, SYNTAX),
    case("long-binop-chain", "output = " + "1 + " * 15000 + "1", (OK, COMPILE)),
    case(
        "deep-if-nesting",
        "".join(" " * i + "if True:\n" for i in range(150)) + " " * 150 + "pass",
        COMPILE,
    ),
]


@pytest.mark.parametrize("c", RECURSION)
async def test_recursion_and_crashes(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Output bombs
# --------------------------------------------------------------------------------------------


def nested(levels: int) -> str:
    return f"x = []\nfor i in range({levels}):\n    x = [x]\noutput = x"


OUTPUTS = [
    case("huge-string", "output = 'x' * (2 * 1024 * 1024)", OUTPUT),
    case("huge-list", "output = list(range(300000))", OUTPUT),
    case("huge-int", "output = 10**100000", OUTPUT),
    case("int-above-2-53", "output = 2**64", OUTPUT),
    case("int-below-minus-2-53", "output = -(2**64)", OUTPUT),
    case("nested-huge-int", "output = {'a': [1, 2**60]}", OUTPUT),
    case("nan", "output = float('nan')", OUTPUT),
    case("inf", "output = float('inf')", OUTPUT),
    case("minus-inf", "output = -float('inf')", OUTPUT),
    case("overflowing-float", "output = 1e308 * 10", OUTPUT),
    case("nested-nan", "output = [1, {'a': float('nan')}]", OUTPUT),
    case("tuple", "output = (1, 2)", OUTPUT),
    case("nested-tuple", "output = {'a': (1,)}", OUTPUT),
    case("set", "output = {1, 2}", OUTPUT),
    case("frozenset", "output = frozenset([1])", OUTPUT),
    case("int-key", "output = {1: 'a'}", OUTPUT),
    case("bool-key", "output = {True: 'a'}", OUTPUT),
    case("none-key", "output = {None: 'a'}", OUTPUT),
    case("tuple-key", "output = {(1, 2): 'a'}", OUTPUT),
    case("bytes", "output = b'abc'", OUTPUT),
    case("complex", "output = 1j", OUTPUT),
    case("range", "output = range(3)", OUTPUT),
    case("slice", "output = slice(1)", OUTPUT),
    case("nested-200", nested(200), OUTPUT),
    case("nested-100000", nested(100000), OUTPUT),
    case(
        "nested-dicts-200",
        "x = {}\nfor i in range(200):\n    x = {'a': x}\noutput = x",
        OUTPUT,
    ),
    # Nesting up to 20 levels comes back intact (protobuf parsers stop near 100 message levels,
    # and a dict level costs three); one more is refused.
    case("nested-20-is-fine", nested(19), OK),
    case("nested-21-is-refused", nested(20), OUTPUT),
    case(
        "nested-dicts-20-is-fine",
        "x = {}\nfor i in range(19):\n    x = {'a': x}\noutput = x",
        OK,
    ),
    case(
        "nested-dicts-21-is-refused",
        "x = {}\nfor i in range(20):\n    x = {'a': x}\noutput = x",
        OUTPUT,
    ),
    case("cyclic-list", "x = []\nx.append(x)\noutput = x", OUTPUT),
    case("cyclic-dict", "d = {}\nd['self'] = d\noutput = d", OUTPUT),
    case("function", "def f():\n    pass\noutput = f", OUTPUT, forbid=("<function",)),
    case("lambda", "output = lambda: 0", OUTPUT),
    case("builtin-function", "output = len", OUTPUT),
    case("print-function", "output = print", OUTPUT),
    case("generator", "output = (x for x in [1, 2])", OUTPUT),
    case("iterator", "output = iter([1])", OUTPUT),
    case("dict-keys-view", "output = input.keys()", OUTPUT, input={"a": 1}),
    case("module", "import math\noutput = math", OUTPUT),
    case("class", "output = int", OUTPUT),
    case("exception-instance", "output = ValueError('x')", OUTPUT),
    case("date", "import datetime\noutput = datetime.date(2020, 1, 1)", OUTPUT),
    case("deque", "import collections\noutput = collections.deque([1])", OUTPUT),
    case("list-containing-function", "output = [1, 'a', len]", OUTPUT),
    # strict: a lone surrogate cannot be encoded as UTF-8, so it is not JSON-compatible
    case("lone-surrogate-string", r"output = '\ud800'", OUTPUT),
    case("lone-surrogate-key", r"output = {'\udc80': 1}", OUTPUT),
    case("just-over-max-output", "output = 'x' * 99", OUTPUT, max_output_bytes=100),
    case("exactly-max-output", "output = 'x' * 98", OK, max_output_bytes=100, output="x" * 98),
    case("compact-json-list", "output = [1] * 49", OK, max_output_bytes=100, output=[1] * 49),
    case("compact-json-list-over", "output = [1] * 50", OUTPUT, max_output_bytes=100),
    case(
        # 10**8 references to one 100-byte string: ~10 GB of JSON; the serializer must stop at
        # the limit, not run out of time or memory
        "billion-laughs",
        "a = ['x' * 100] * 100\nb = [a] * 100\nc = [b] * 100\nd = [c] * 100\noutput = d",
        OUTPUT,
    ),
    case(
        "billion-laughs-dict",
        "a = {str(i): 'x' * 100 for i in range(100)}\nb = {str(i): a for i in range(100)}\n"
        "c = {str(i): b for i in range(100)}\noutput = {str(i): c for i in range(100)}",
        OUTPUT,
    ),
]


@pytest.mark.parametrize("c", OUTPUTS)
async def test_output_bombs(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Stdout bombs
# --------------------------------------------------------------------------------------------

STDOUTS = [
    case(
        "print-10mb-lines",
        "for i in range(100000):\n    print('x' * 100)\noutput = 1",
        OK,
        output=1,
        check=stdout_capped,
    ),
    case("print-10mb-single", "print('x' * 10**7)\noutput = 1", OK, output=1, check=stdout_capped),
    case(
        "print-many-args",
        "print(*(['x'] * 10**6), sep='y' * 10)\noutput = 1",
        OK,
        output=1,
        check=stdout_capped,
    ),
    case(
        "print-then-raise",
        "for i in range(100000):\n    print('y' * 100)\nraise ValueError('after')",
        RUNTIME,
        "ValueError",
        check=stdout_capped,
    ),
    case(
        # strict: the collector drops what is over the cap, so this spins until the deadline
        # rather than filling memory
        "print-forever",
        "while True:\n    print('z' * 1000)",
        TIMEOUT,
        timeout_ms=CPU_MS,
    ),
    # strict: print takes no file= at all, so nothing can redirect it
    case("print-file-none", "print('x', file=None)", RUNTIME),
    case("print-file-list", "print('x', file=[])", RUNTIME),
    case("print-file-dict", "print('x', file=input)", RUNTIME),
    # flush= is harmless and common in real code
    case("print-flush", "print('x', flush=True)\noutput = 1", OK, output=1, check=stdout_is("x\n")),
    case(
        # strict: the cap is 64 KiB of what is returned, not 64 Ki characters of 4 bytes each
        "print-wide-characters",
        "print('\\U0001f600' * 10**6)\noutput = 1",
        OK,
        output=1,
        check=stdout_bytes_capped,
    ),
    # strict: stdout must stay valid UTF-8 for the response; the worker must not crash
    case("print-lone-surrogate", r"print('\ud800')" + "\noutput = 1", OK, output=1),
]


@pytest.mark.parametrize("c", STDOUTS)
async def test_stdout_bombs(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Escaping through exceptions
# --------------------------------------------------------------------------------------------

EXCEPTIONS = [
    case(
        "raise-in-finally",
        "try:\n    raise ValueError('a')\nfinally:\n    raise KeyError('b')",
        RUNTIME,
        "KeyError",
        line=4,
    ),
    case(
        "stopiteration-in-generator",
        "def g():\n    raise StopIteration\n    yield 1\noutput = list(g())",
        RUNTIME,
        "RuntimeError",
    ),
    case("stopiteration-module-level", "output = next(iter([]))", RUNTIME, "StopIteration"),
    case("raise-stopiteration", "raise StopIteration('x')", RUNTIME, "StopIteration"),
    case(
        "stopiteration-value",
        "def g():\n    return 5\n    yield\ntry:\n    next(g())\nexcept StopIteration as e:\n    output = e.value",
        OK,
        output=5,
    ),
    case("exception-args-tuple-output", "output = ValueError(len, input).args", OUTPUT),
    case("exception-args-list-output", "output = list(ValueError(len).args)", OUTPUT),
    case("raise-with-objects", "raise ValueError(input, len, print)", RUNTIME, "ValueError"),
    case("raise-non-exception", "raise 5", RUNTIME, "TypeError"),
    case("raise-from-non-exception", "raise ValueError('x') from len", RUNTIME, "TypeError"),
    case("raise-class-not-instance", "raise ValueError", RUNTIME, "ValueError"),
    case(
        "huge-exception-message",
        "raise ValueError('x' * 10**7)",
        RUNTIME,
        "ValueError",
        check=message_bounded,
    ),
    case(
        "exception-traceback",
        "try:\n    1 / 0\nexcept Exception as e:\n    t = e.__traceback__",
        COMPILE,
        POLICY,
    ),
    case(
        "exception-with-traceback-call",
        "e = ValueError('x')\nraise e.with_traceback(None)",
        RUNTIME,
        "ValueError",
    ),
    case("assert-false", "assert False, 'nope'", RUNTIME, "AssertionError"),
    case("error-line", "x = 1\ny = 2\nraise ValueError('boom')", RUNTIME, "ValueError", line=3),
    # strict: the line where it happened is the innermost one in the code
    case(
        "error-line-in-function",
        "def f():\n    return 1 / 0\n\nf()",
        RUNTIME,
        "ZeroDivisionError",
        line=2,
    ),
    case(
        "except-as-guard-name",
        "try:\n    1 / 0\nexcept Exception as _getattr_:\n    pass",
        COMPILE,
        POLICY,
    ),
    case(
        # str(exception) of a 1 GB repr: the message is given up on, the run still reports
        "exception-message-memory-bomb",
        "x = ['a' * 1000] * 10**6\nraise ValueError(x)",
        RUNTIME,
        "ValueError",
        check=message_bounded,
    ),
    case(
        "catch-everything-then-output",
        "try:\n    import os\nexcept Exception as e:\n    output = str(e)\n",
        OK,
        forbid=("<module",),
    ),
]


@pytest.mark.parametrize("c", EXCEPTIONS)
async def test_exceptions(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Files and network through everything reachable
# --------------------------------------------------------------------------------------------

FILES = [
    case(
        "json-load-file",
        "import json\noutput = json.load(open('/etc/passwd'))",
        RUNTIME,
        forbid=PASSWD,
    ),
    case(
        "io-open",
        "import io\noutput = io.open('/etc/passwd').read()",
        RUNTIME,
        "ImportError",
        forbid=PASSWD,
    ),
    case(
        "pathlib-read",
        "import pathlib\noutput = pathlib.Path('/etc/passwd').read_text()",
        RUNTIME,
        "ImportError",
    ),
    case(
        "socket-connect",
        "import socket\ns = socket.create_connection(('1.1.1.1', 80))",
        RUNTIME,
        "ImportError",
    ),
    case(
        "urllib-urlopen",
        "from urllib.request import urlopen\noutput = urlopen('http://1.1.1.1').read()",
        RUNTIME,
        "ImportError",
    ),
    case(
        "os-environ",
        "import os\noutput = dict(os.environ)",
        RUNTIME,
        "ImportError",
        forbid=("PATH", "AGENTBUILDER"),
    ),
    case("proc-self-environ", "output = open('/proc/self/environ').read()", RUNTIME, "NameError"),
    case(
        "re-has-no-file-access", "import re\noutput = str(re.template)", RUNTIME, "AttributeError"
    ),
    case(
        "linecache",
        "import linecache\noutput = linecache.getline('/etc/passwd', 1)",
        RUNTIME,
        "ImportError",
    ),
    case("read-via-print-file", "print('x', file=open('/tmp/x', 'w'))", RUNTIME, "NameError"),
]


@pytest.mark.parametrize("c", FILES)
async def test_files_and_network(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Misc
# --------------------------------------------------------------------------------------------

MISC = [
    case("del-builtin-name", "del len", RUNTIME, "NameError"),
    case("del-print", "del print", COMPILE, POLICY),
    case("assign-print", "print = 1", COMPILE, POLICY),
    case("shadow-builtin", "len = lambda x: 42\noutput = len([])", OK, output=42),
    case("global-output", "def f():\n    global output\n    output = 'g'\nf()", OK, output="g"),
    case(
        "global-guard-name",
        "def f():\n    global _getattr_\n    _getattr_ = None\nf()",
        COMPILE,
        POLICY,
    ),
    case(
        "nonlocal",
        "def f():\n    x = 1\n    def g():\n        nonlocal x\n    return g",
        COMPILE,
        POLICY,
    ),
    case("lambda-default-open", "f = lambda g=open: g\noutput = 1", RUNTIME, "NameError"),
    case("lambda-default-builtin", "f = lambda g=len: g\noutput = f()([1, 2])", OK, output=2),
    case("lambda-guard-arg-name", "f = lambda _getattr_=None: 1", COMPILE, POLICY),
    case("def-guard-arg-name", "def f(_getitem_=None):\n    pass", COMPILE, POLICY),
    case("def-guard-kwarg-name", "def f(**_write_):\n    pass", COMPILE, POLICY),
    case("comprehension-guard-name", "output = [1 for _getiter_ in range(3)]", COMPILE, POLICY),
    case("walrus-guard-name", "output = (_write_ := 1)", COMPILE, POLICY),
    case("import-as-guard-name", "import json as _getattr_", COMPILE, POLICY),
    case("assign-guard-name", "_getattr_ = lambda o, n: 1", COMPILE, POLICY),
    case("class-definition", "class A:\n    pass", COMPILE, POLICY),
    case("class-not-run", "print('ran')\nclass A:\n    pass", COMPILE, POLICY),
    case("syntax-error", "output = (", COMPILE, SYNTAX),
    case("null-byte", "output = 1\x00", COMPILE),
    case(
        "isinstance-nested-tuples",
        "output = isinstance(1, (str, (float, (int,))))",
        OK,
        output=True,
    ),
    case("isinstance-non-type", "output = isinstance(1, input)", RUNTIME, "TypeError"),
    case("issubclass-non-type", "output = issubclass(1, int)", RUNTIME, "TypeError"),
    case(
        # strict: user code must not see the worker's internal names (module, classes, functions)
        "repr-of-sandbox-callables",
        "output = [repr(print), repr(''.format), repr(''.format_map), repr(input)]",
        OK,
        forbid=("sandbox_worker", "_PrintScope", "_safe_format", "_FORMATTER"),
    ),
    case(
        "isinstance-huge-tuple",
        "output = isinstance(1, (str,) * 1000000 + (int,))",
        OK,
        output=True,
    ),
]


@pytest.mark.parametrize("c", MISC)
async def test_misc(sandbox, c: Case) -> None:
    await run_case(sandbox, c)


# --------------------------------------------------------------------------------------------
# Cross-execution state: nothing one run does is visible to the next
# --------------------------------------------------------------------------------------------


async def test_module_attribute_write_not_seen_by_next_run(sandbox) -> None:
    first = await sandbox.run("import math\nmath.pi = 3")
    assert first.status == RUNTIME, describe(sandbox, first)
    second = await sandbox.run("import math\noutput = math.pi")
    assert second.status == OK, describe(sandbox, second)
    assert sandbox.output(second) == 3.141592653589793


async def test_json_dumps_replacement_not_seen_by_next_run(sandbox) -> None:
    first = await sandbox.run("import json\njson.dumps = len\noutput = json.dumps([1])")
    assert first.status == RUNTIME, describe(sandbox, first)
    second = await sandbox.run("import json\noutput = json.dumps([1, 'a'])")
    assert second.status == OK, describe(sandbox, second)
    assert sandbox.output(second) == '[1, "a"]'


async def test_shadowed_builtin_not_seen_by_next_run(sandbox) -> None:
    first = await sandbox.run("len = lambda x: 42\nsorted = None\noutput = len([])")
    assert first.status == OK and sandbox.output(first) == 42, describe(sandbox, first)
    second = await sandbox.run("output = [len([1, 2]), sorted([2, 1])]")
    assert second.status == OK, describe(sandbox, second)
    assert sandbox.output(second) == [2, [1, 2]]


MARKER_WRITER = """
import json, math, re, datetime, statistics, itertools, functools, collections, random
stored = []
modules = [json, math, re, datetime, statistics, itertools, functools, collections, random]
for m in modules:
    try:
        m.marker = 'LEAK-7f3a'
        stored.append('module')
    except Exception:
        pass
for target in [json.dumps, math.sqrt, collections.Counter, functools.reduce, random.random, len]:
    try:
        target.marker = 'LEAK-7f3a'
        stored.append('function')
    except Exception:
        pass
d = collections.defaultdict(list)
d['marker'].append('LEAK-7f3a')

@functools.lru_cache(maxsize=None)
def cached(x):
    return 'LEAK-7f3a'

cached(1)
random.seed(12345)
re.compile('LEAK-7f3a')
input['marker'] = 'LEAK-7f3a'
input['nested']['marker'] = 'LEAK-7f3a'
context['marker'] = 'LEAK-7f3a'
output = stored
"""

MARKER_READER = """
import json, math, re, datetime, statistics, itertools, functools, collections, random
seen = []
modules = [json, math, re, datetime, statistics, itertools, functools, collections, random]
for m in modules:
    try:
        seen.append(m.marker)
    except AttributeError:
        pass
for target in [json.dumps, math.sqrt, collections.Counter, functools.reduce, random.random, len]:
    try:
        seen.append(target.marker)
    except AttributeError:
        pass
d = collections.defaultdict(list)

@functools.lru_cache(maxsize=None)
def cached(x):
    return 'fresh'

output = {
    'seen': seen,
    'defaultdict': dict(d),
    'cached': cached(1),
    'hits': cached.cache_info().hits,
    'random': random.random(),
    'input': input,
    'context': sorted(context),
}
"""


async def test_markers_do_not_cross_runs(sandbox) -> None:
    first = await sandbox.run(MARKER_WRITER, {"nested": {"a": 1}}, context={"execution_id": "e1"})
    assert first.status == OK, describe(sandbox, first)
    assert sandbox.output(first) == [], "writes to shared objects must all be refused"
    second = await sandbox.run(MARKER_READER, {"nested": {"a": 1}}, context={"execution_id": "e2"})
    assert second.status == OK, describe(sandbox, second)
    seen = sandbox.output(second)
    assert seen["seen"] == []
    assert seen["defaultdict"] == {}
    assert seen["cached"] == "fresh" and seen["hits"] == 0
    assert seen["random"] != 0.41661987254534116, "random.seed(12345) of run 1 leaked"
    assert seen["input"] == {"nested": {"a": 1}}
    assert seen["context"] == ["execution_id"]
    assert "LEAK-7f3a" not in returned_text(sandbox, second)


async def test_random_differs_between_runs(sandbox) -> None:
    code = "import random\noutput = [random.random() for i in range(4)] + [random.getrandbits(32)]"
    outputs = []
    for _ in range(3):
        response = await sandbox.run(code)
        assert response.status == OK, describe(sandbox, response)
        outputs.append(sandbox.output(response))
    assert outputs[0] != outputs[1] and outputs[1] != outputs[2] and outputs[0] != outputs[2], (
        outputs
    )


async def test_input_mutation_does_not_leak(sandbox) -> None:
    payload = {"a": 1, "items": [1, 2]}
    first = await sandbox.run(
        "input['a'] = 999\ninput['items'].append(3)\ninput['x'] = 1\noutput = input", payload
    )
    assert first.status == OK, describe(sandbox, first)
    assert sandbox.output(first) == {"a": 999, "items": [1, 2, 3], "x": 1}
    second = await sandbox.run("output = input", payload)
    assert second.status == OK, describe(sandbox, second)
    assert sandbox.output(second) == {"a": 1, "items": [1, 2]}
    assert payload == {"a": 1, "items": [1, 2]}


async def test_cpu_bomb_does_not_block_other_runs(sandbox) -> None:
    async def legit(i: int):
        return await sandbox.run(f"output = {i} * 2")

    bomb = asyncio.create_task(sandbox.run("while True:\n    pass", timeout_ms=3000))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    results = [await legit(i) for i in range(3)]
    elapsed = time.monotonic() - started
    for i, response in enumerate(results):
        assert response.status == OK, describe(sandbox, response)
        assert sandbox.output(response) == i * 2
    assert elapsed < 2.5, f"legit runs waited for the CPU bomb ({elapsed:.1f}s)"
    response = await bomb
    assert response.status == TIMEOUT, describe(sandbox, response)
    await sandbox.assert_healthy()


async def test_hostile_runs_in_a_row_leave_worker_healthy(sandbox) -> None:
    hostile = [
        ("while True:\n    pass", {"timeout_ms": 500}),
        ("x = 'a' * 10**10", {"memory_mb": SMALL_MB}),
        ("it = iter([1])\nfor i in range(200000):\n    it = map(abs, it)\nnext(it)", {}),
        ("def f():\n    return f()\nf()", {}),
        ("output = 'x' * (2 * 1024 * 1024)", {}),
    ]
    responses = [await sandbox.run(code, **limits) for code, limits in hostile * 2]
    assert [status_name(r.status) for r in responses] == [
        status_name(s) for s in [TIMEOUT, MEMORY, RUNTIME, RUNTIME, OUTPUT] * 2
    ]
    for _ in range(3):
        await sandbox.assert_healthy()


# --------------------------------------------------------------------------------------------
# Request validation
# --------------------------------------------------------------------------------------------

MAX_CODE = 64 * 1024


def padded(size: int, body: str = "output = 'fits'\n") -> str:
    """Valid code of exactly `size` UTF-8 bytes: `body` and a comment filling the rest."""
    filler = size - len(body.encode()) - 2
    code = body + "#" + "x" * filler + "\n"
    assert len(code.encode()) == size
    return code


async def test_code_at_64_kib_runs(sandbox) -> None:
    response = await sandbox.run(padded(MAX_CODE))
    assert response.status == OK, describe(sandbox, response)
    assert sandbox.output(response) == "fits"


async def test_long_real_code_runs(sandbox) -> None:
    lines = [f"v{i} = {i} * 2" for i in range(3500)]
    code = "\n".join(lines) + "\noutput = v3499\n"
    assert len(code.encode()) < MAX_CODE
    response = await sandbox.run(code)
    assert response.status == OK, describe(sandbox, response)
    assert sandbox.output(response) == 6998


async def expect_invalid_argument(coro) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await coro
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, caught.value


async def test_code_over_64_kib_is_invalid_argument(sandbox) -> None:
    await expect_invalid_argument(sandbox.run(padded(MAX_CODE + 1)))
    await sandbox.assert_healthy()


async def test_code_over_64_kib_in_bytes_not_chars_is_invalid_argument(sandbox) -> None:
    # 40,000 characters but 80,000+ UTF-8 bytes
    code = "output = '" + "\u00e9" * 40000 + "'\n"
    assert len(code) < MAX_CODE < len(code.encode())
    await expect_invalid_argument(sandbox.run(code))
    await sandbox.assert_healthy()


async def test_empty_code_is_invalid_argument(sandbox) -> None:
    await expect_invalid_argument(sandbox.run(""))
    await sandbox.assert_healthy()


async def test_timeout_above_maximum_is_invalid_argument(sandbox) -> None:
    await expect_invalid_argument(sandbox.run("output = 1", timeout_ms=60001))
    await sandbox.assert_healthy()


async def test_memory_above_maximum_is_invalid_argument(sandbox) -> None:
    # strict: a terabyte is above any sane worker maximum
    await expect_invalid_argument(sandbox.run("output = 1", memory_mb=1_000_000))
    await sandbox.assert_healthy()


async def test_max_output_bytes_above_maximum_is_invalid_argument(sandbox) -> None:
    await expect_invalid_argument(sandbox.run("output = 1", max_output_bytes=2**32 - 1))
    await sandbox.assert_healthy()


async def test_long_execution_id_is_invalid_argument(sandbox) -> None:
    await expect_invalid_argument(sandbox.run("output = 1", execution_id="e" * 201))
    await sandbox.assert_healthy()


async def test_timeout_at_maximum_is_accepted(sandbox) -> None:
    response = await sandbox.run("output = 1", timeout_ms=60000)
    assert response.status == OK, describe(sandbox, response)
