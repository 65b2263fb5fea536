"""The restricted world user code runs in: builtins, guards, module wrappers and output checks.

Everything here runs inside a sandbox child, after isolation. The guards are the first layer of
defence only: the process around them is limited and unprivileged too, so a guard bug must not be
enough for an escape.
"""

from __future__ import annotations

import _string  # the parser str.format itself uses: splits "0.attr[key]" field names
import builtins
import collections
import datetime
import functools
import gc
import heapq
import itertools
import json
import math
import operator
import random
import re
import statistics
import time
import types
from collections.abc import Callable
from typing import Any

from RestrictedPython.Guards import guarded_iter_unpack_sequence, guarded_unpack_sequence

from sandbox_worker.policy import PolicyError, compile_code

STDOUT_CAP_BYTES = 64 * 1024
TRUNCATION_MARK = "\n[stdout truncated]\n"
# Containers nested deeper than this are refused: each level costs protobuf two or three message
# levels (Value, Struct, map entry), and parsers stop at 100 by default in every language.
MAX_OUTPUT_DEPTH = 20
MAX_SAFE_INTEGER = 2**53  # beyond this a JSON number is no longer exact
# Values (scalars and containers) in one output: each costs the worker and the server work to
# convert, and a number 2 bytes of JSON but 11 of protobuf.
MAX_OUTPUT_VALUES = 100_000

# --- attribute access ----------------------------------------------------------------------------

# Introspection that leads to frames, code objects and globals: generators (gi_), coroutines
# (cr_), async generators (ag_), frames (f_), tracebacks (tb_), code objects (co_).
_BLOCKED_PREFIXES = ("_", "gi_", "cr_", "ag_", "f_", "tb_", "co_")
_BLOCKED_NAMES = frozenset({"mro", "func_globals", "func_code", "im_func", "im_self"})
# Attributes of exceptions that hand back arbitrary objects (AttributeError.obj is the object an
# attribute lookup failed on, wherever that lookup happened).
_EXCEPTION_OBJECT_ATTRIBUTES = frozenset({"obj"})


def guarded_getattr(obj: Any, name: str, *default: Any) -> Any:
    """`obj.name` for user code: never private or introspection attributes."""
    if type(name) is not str:
        raise TypeError("attribute name must be a string")
    _check_attribute_name(name)
    if name in ("format", "format_map"):
        if isinstance(obj, str):
            return _SafeFormat(str(obj), name)
        if isinstance(obj, type) and issubclass(obj, str):
            raise AttributeError(f"str.{name} is not allowed unbound; call it on a string")
    if name in _EXCEPTION_OBJECT_ATTRIBUTES and isinstance(obj, BaseException):
        raise AttributeError(f'attribute "{name}" of exceptions is not allowed in the sandbox')
    value = getattr(obj, name, *default)
    _check_value(obj, name, value)
    return value


# The raw str.format methods: they follow any attribute chain in their fields.
_RAW_FORMATS = (str.__dict__["format"], str.__dict__["format_map"])


def _check_value(obj: Any, name: str, value: Any) -> None:
    """Refuses values that are dangerous whatever object they were read from.

    Checking the object alone is not enough: functools.lru_cache(SomeClass) copies the class's
    __dict__ onto a wrapper, handing out its functions from an object that is not a class.
    """
    if isinstance(value, types.FunctionType) and not _may_hand_out_function(obj, value):
        # A Python function runs on whatever `self` it is given, unguarded (Counter.copy(str)
        # returns `type`). Bound methods and C descriptors check their self.
        raise AttributeError(f"attribute {name!r} is not allowed: it is an unbound function")
    if any(value is raw for raw in _RAW_FORMATS):
        raise AttributeError(f"attribute {name!r} is not allowed unbound; call it on a string")
    if isinstance(value, type) and issubclass(value, type):
        raise AttributeError(f"attribute {name!r} is not allowed: it is a metaclass")
    if isinstance(value, (staticmethod, classmethod)):
        # Raw descriptors only come from a copied class __dict__; they wrap unbound functions.
        raise AttributeError(f"attribute {name!r} is not allowed: it is a raw method descriptor")


def _may_hand_out_function(obj: Any, function: types.FunctionType) -> bool:
    """Module functions of our wrappers, and functions the user's own code defined."""
    return isinstance(obj, types.ModuleType) or function.__code__.co_filename == "<block>"


def _check_attribute_name(name: str) -> None:
    if name.startswith(_BLOCKED_PREFIXES) or name in _BLOCKED_NAMES:
        raise AttributeError(f'attribute "{name}" is not allowed in the sandbox')


def _check_format_fields(template: str, depth: int = 0) -> None:
    """Refuses a format string whose fields reach blocked attributes ("{0.__class__}").

    Parsed with the parser str.format itself uses, nested fields in format specs included, so
    what passes here is exactly what str.format will look up. Index lookups ("{0[key]}") read
    data, so any key is fine.
    """
    if depth > 2:
        raise ValueError("Max string recursion exceeded")
    for _, field_name, format_spec, _ in _string.formatter_parser(template):
        if field_name is None:
            continue
        _, rest = _string.formatter_field_name_split(field_name)
        for is_attribute, key in rest:
            if is_attribute:
                _check_attribute_name(key)
        if format_spec:
            _check_format_fields(format_spec, depth + 1)


class _SafeFormat:
    """`"...".format` / `.format_map` for user code: field names checked, then the real one."""

    __slots__ = ("_template", "_method")

    def __init__(self, template: str, method: str) -> None:
        self._template = template
        self._method = method

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        _check_format_fields(self._template)
        return getattr(self._template, self._method)(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<built-in method {self._method} of str object>"


def guarded_getitem(obj: Any, key: Any) -> Any:
    """`obj[key]` for user code; string keys naming private attributes are fine on dicts."""
    return obj[key]


def guarded_getiter(obj: Any) -> Any:
    """`iter(obj)` for user code."""
    return iter(obj)


# Containers user code may assign into (`d[k] = v`, `lst[i] = v`, `del d[k]`). Attribute writes
# are refused on everything: blocks cannot define classes, so every object is someone else's.
_WRITABLE = (dict, list, collections.deque)


class _ItemWriter:
    """What `_write_` hands back: allows item writes only, never attribute writes."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._target[key] = value

    def __delitem__(self, key: Any) -> None:
        del self._target[key]

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"cannot set attribute {name!r}: attribute assignment is not allowed")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"cannot delete attribute {name!r}: attribute deletion is not allowed")


def guarded_write(obj: Any) -> _ItemWriter:
    """Target of an assignment or deletion in user code (`obj[k] = v`, `obj.a = v`)."""
    if isinstance(obj, _WRITABLE):
        return _ItemWriter(obj)
    raise TypeError(f"objects of type {type(obj).__name__} cannot be modified in the sandbox")


_INPLACE_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "+=": operator.iadd,
    "-=": operator.isub,
    "*=": operator.imul,
    "/=": operator.itruediv,
    "//=": operator.ifloordiv,
    "%=": operator.imod,
    "**=": operator.ipow,
    "<<=": operator.ilshift,
    ">>=": operator.irshift,
    "&=": operator.iand,
    "|=": operator.ior,
    "^=": operator.ixor,
    "@=": operator.imatmul,
}


def inplace_var(op: str, target: Any, value: Any) -> Any:
    """`x op= y` for user code."""
    return _INPLACE_OPERATORS[op](target, value)


def inplace_item(container: Any, key: Any, op: str, value: Callable[[], Any]) -> None:
    """`container[key] op= value` for user code, on writable containers only.

    `value` comes as a thunk so that, as in Python, `container[key]` is read before the right
    hand side runs.
    """
    guarded_write(container)
    current = container[key]
    container[key] = _INPLACE_OPERATORS[op](current, value())


def apply_call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Calls with `*args` / `**kwargs` in user code."""
    return function(*args, **kwargs)


class CappedPrint:
    """Collects what user code prints, across all its functions, up to a cap in UTF-8 bytes."""

    def __init__(self, cap: int = STDOUT_CAP_BYTES) -> None:
        self.parts: list[str] = []
        self.size = 0  # characters: at most the bytes they take, so a cheap first bound
        self.cap = cap
        self.truncated = False

    def write(self, text: str) -> None:
        if self.truncated:
            return
        room = self.cap - self.size
        if len(text) > room:
            self.parts.append(text[:room])
            self.size = self.cap
            self.truncated = True
        else:
            self.parts.append(text)
            self.size += len(text)

    def text(self) -> str:
        """What was printed, valid UTF-8 of at most cap bytes, marked when cut."""
        joined = valid_text("".join(self.parts))
        encoded = joined.encode("utf-8")
        if len(encoded) > self.cap:
            joined = encoded[: self.cap].decode("utf-8", "ignore")
            self.truncated = True
        return joined + TRUNCATION_MARK if self.truncated else joined

    def collector(self, _getattr_: Any = None) -> _PrintScope:
        """RestrictedPython's `_print_` factory: one scope per function, one shared buffer."""
        return _PrintScope(self)


class _PrintScope:
    """What RestrictedPython calls `_print` in each function: `print` and `printed` for it."""

    __slots__ = ("_buffer", "_call_print")

    def __init__(self, buffer: CappedPrint) -> None:
        self._buffer = buffer
        self._call_print = _Print(buffer)  # user code's `print` compiles to `_print._call_print`

    def __call__(self) -> str:
        return self._buffer.text()


class _Print:
    """`print` for user code: into the run's capped buffer, never to a file."""

    __slots__ = ("_buffer",)

    def __init__(self, buffer: CappedPrint) -> None:
        self._buffer = buffer

    def __call__(
        self, *objects: Any, sep: str | None = " ", end: str | None = "\n", flush: bool = False
    ) -> None:
        if sep is not None and type(sep) is not str:
            raise TypeError("sep must be None or a string")
        if end is not None and type(end) is not str:
            raise TypeError("end must be None or a string")
        sep = " " if sep is None else sep
        end = "\n" if end is None else end
        self._buffer.write(sep.join(str(o) for o in objects) + end)

    def __repr__(self) -> str:
        return "<built-in function print>"


# --- imports -------------------------------------------------------------------------------------

_ALLOWED_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "math": tuple(n for n in dir(math) if not n.startswith("_")),
    "itertools": tuple(n for n in dir(itertools) if not n.startswith("_")),
    "json": ("loads", "dumps", "JSONDecodeError"),
    "re": (
        "compile",
        "match",
        "fullmatch",
        "search",
        "findall",
        "finditer",
        "sub",
        "subn",
        "split",
        "escape",
        "error",
        "A",
        "ASCII",
        "I",
        "IGNORECASE",
        "M",
        "MULTILINE",
        "S",
        "DOTALL",
        "X",
        "VERBOSE",
    ),
    "datetime": ("date", "datetime", "time", "timedelta", "timezone", "MINYEAR", "MAXYEAR"),
    "statistics": (
        "StatisticsError",
        "NormalDist",
        "fmean",
        "geometric_mean",
        "harmonic_mean",
        "mean",
        "median",
        "median_grouped",
        "median_high",
        "median_low",
        "mode",
        "multimode",
        "pstdev",
        "pvariance",
        "quantiles",
        "stdev",
        "variance",
        "correlation",
        "covariance",
        "linear_regression",
    ),
    "functools": ("reduce", "partial", "lru_cache", "cache", "cmp_to_key"),
    # Support modules: the allowed ones import these at run time (date.strftime imports time,
    # Counter.most_common and statistics.mode import heapq) through the same __import__.
    "time": (
        "time",
        "time_ns",
        "monotonic",
        "perf_counter",
        "process_time",
        "sleep",
        "strftime",
        "gmtime",
        "localtime",
        "mktime",
        "asctime",
        "ctime",
        "struct_time",
        "timezone",
        "altzone",
        "daylight",
        "tzname",
    ),
    "heapq": (
        "heappush",
        "heappop",
        "heapify",
        "heapreplace",
        "heappushpop",
        "nlargest",
        "nsmallest",
        "merge",
    ),
    "collections": ("Counter", "OrderedDict", "defaultdict", "deque", "ChainMap"),
}
_RANDOM_METHODS = (
    "random",
    "randint",
    "randrange",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "triangular",
    "gauss",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "vonmisesvariate",
    "gammavariate",
    "betavariate",
    "paretovariate",
    "weibullvariate",
    "getrandbits",
    "seed",
)
_REAL_MODULES = {
    "math": math,
    "itertools": itertools,
    "json": json,
    "re": re,
    "datetime": datetime,
    "statistics": statistics,
    "functools": functools,
    "collections": collections,
    "time": time,
    "heapq": heapq,
}
ALLOWED_MODULES = frozenset({*_REAL_MODULES, "random"})


def _user_function(function: Any) -> Any:
    if not (
        isinstance(function, types.FunctionType) and function.__code__.co_filename == "<block>"
    ):
        raise TypeError("only functions defined in the block can be cached")
    return function


def _safe_lru_cache(maxsize: Any = 128, typed: bool = False) -> Any:
    """functools.lru_cache for the block's own functions only.

    A class wrapped by lru_cache would leak its methods through the wrapper's copied __dict__.
    """
    if callable(maxsize) and not isinstance(maxsize, bool):  # used as @lru_cache
        return functools.lru_cache(_user_function(maxsize))
    decorate = functools.lru_cache(maxsize=maxsize, typed=typed)
    return lambda function: decorate(_user_function(function))


def _safe_cache(function: Any) -> Any:
    """functools.cache for the block's own functions only."""
    return functools.cache(_user_function(function))


_SAFE_REPLACEMENTS = {
    ("functools", "lru_cache"): _safe_lru_cache,
    ("functools", "cache"): _safe_cache,
}


def _module_wrapper(name: str) -> types.ModuleType:
    """A fresh module object holding only the allow-listed attributes of the real module.

    Its name is not the real one: `from json import decoder` falls back to
    sys.modules[f"{module.__name__}.decoder"] when the attribute is missing, which must find
    nothing.
    """
    wrapper = types.ModuleType(f"sandboxed {name}")
    if name == "random":
        generator = random.Random()  # seeded from os.urandom: every run its own sequence
        for method in _RANDOM_METHODS:
            setattr(wrapper, method, getattr(generator, method))
        return wrapper
    real = _REAL_MODULES[name]
    for attribute in _ALLOWED_ATTRIBUTES[name]:
        value = _SAFE_REPLACEMENTS.get((name, attribute)) or getattr(real, attribute)
        if isinstance(value, types.ModuleType):  # never hand out a real module
            continue
        setattr(wrapper, attribute, value)
    return wrapper


def _importer() -> Callable[..., types.ModuleType]:
    """`__import__` for one run: allow-listed top-level modules, one wrapper each per run."""
    imported: dict[str, types.ModuleType] = {}

    def guarded_import(
        name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> types.ModuleType:
        if level != 0:
            raise ImportError("relative imports are not allowed in the sandbox")
        if name not in ALLOWED_MODULES:
            allowed = ", ".join(sorted(ALLOWED_MODULES))
            raise ImportError(f"import of {name!r} is not allowed; allowed modules: {allowed}")
        if name not in imported:
            imported[name] = _module_wrapper(name)
        return imported[name]

    return guarded_import


# --- builtins and globals ------------------------------------------------------------------------

_BUILTIN_NAMES = (
    "len range sorted min max sum any all list dict set tuple enumerate zip abs round int float "
    "str bool isinstance reversed map filter divmod pow chr ord hex bin oct frozenset repr "
    "hash callable iter next slice issubclass "
    "Exception ValueError TypeError KeyError IndexError ZeroDivisionError ArithmeticError "
    "LookupError RuntimeError StopIteration AssertionError NotImplementedError AttributeError "
    "OverflowError RecursionError"
).split()


def _safe_builtins(importer: Callable[..., types.ModuleType]) -> dict[str, Any]:
    names = {name: getattr(builtins, name) for name in _BUILTIN_NAMES}
    names["__import__"] = importer
    return names


def restricted_globals(input_value: Any, context: Any, stdout: CappedPrint) -> dict[str, Any]:
    """The globals of one run: fresh each time, nothing shared with any other run."""
    return {
        "__builtins__": _safe_builtins(_importer()),
        "__name__": "block",
        "_getattr_": guarded_getattr,
        "_getitem_": guarded_getitem,
        "_getiter_": guarded_getiter,
        "_write_": guarded_write,
        "_inplacevar_": inplace_var,
        "_inplaceitem_": inplace_item,
        "_apply_": apply_call,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_print_": stdout.collector,
        "input": input_value,
        "context": context,
        "output": None,
    }


# --- output --------------------------------------------------------------------------------------


class OutputRefused(Exception):
    """The output is not JSON-compatible or too large."""


def check_output(value: Any, max_bytes: int) -> str:
    """Compact JSON of value, refusing what JSON cannot carry exactly, before serialising.

    The walk adds up a lower bound of the JSON's size (digits exactly, strings at one byte per
    character), so a huge value is refused without ever being serialised, and a value that
    fits is never refused by an estimate: the exact size is checked after serialising.
    """
    budget = max_bytes
    count = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_OUTPUT_VALUES:
            raise OutputRefused(f"output has more than {MAX_OUTPUT_VALUES} values")
        kind = type(item)
        if item is None:
            budget -= 4
        elif kind is bool:
            budget -= 4 if item else 5
        elif kind is int:
            if not -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER:
                raise OutputRefused("output integer is beyond ±2**53; return it as a string")
            budget -= len(str(item))
        elif kind is float:
            if not math.isfinite(item):
                raise OutputRefused("output contains NaN or Infinity, which JSON cannot carry")
            budget -= len(repr(item))
        elif kind is str:
            budget -= len(item) + 2
        elif kind is list or kind is dict:
            if depth >= MAX_OUTPUT_DEPTH:
                raise OutputRefused(f"output is nested deeper than {MAX_OUTPUT_DEPTH} levels")
            budget -= 1 + max(1, len(item))  # brackets and commas
            if kind is list:
                stack.extend((element, depth + 1) for element in item)
            else:
                for key, element in item.items():
                    if type(key) is not str:
                        raise OutputRefused("output dict keys must be strings")
                    budget -= len(key) + 3  # quotes and colon
                    stack.append((element, depth + 1))
        else:
            raise OutputRefused(
                f"output contains a {kind.__name__}; only None, bool, int, float, str, "
                "list and dict are allowed"
            )
        if budget < 0:
            raise OutputRefused(f"output is larger than {max_bytes} bytes")
    encoded = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    try:
        size = len(encoded.encode("utf-8"))
    except UnicodeEncodeError:
        raise OutputRefused("output contains a string that is not valid Unicode") from None
    if size > max_bytes:
        raise OutputRefused(f"output is larger than {max_bytes} bytes")
    return encoded


def valid_text(text: str) -> str:
    """Text with anything that is not valid Unicode (lone surrogates) replaced."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


# --- one run -------------------------------------------------------------------------------------


def _error_line(error: BaseException) -> int:
    """Line of the innermost frame of user code in the traceback, 0 when there is none."""
    line = 0
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<block>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _message(error: BaseException) -> str:
    try:
        return str(error)[:1000]
    except Exception:  # a message that cannot even be shown is still an error
        return "(unprintable message)"


def run(source: str, input_value: Any, context: Any, max_output_bytes: int) -> dict:
    """Compiles and runs user code once; describes the result as a plain dict.

    Compiling happens here, in the run's child, under its limits: a compile-time bomb costs
    only this run.
    """
    try:
        code = compile_code(source)
    except PolicyError as error:
        return {
            "status": "COMPILE_ERROR",
            "error": {"type": error.kind, "message": valid_text(error.message), "line": error.line},
            "stdout": "",
        }
    stdout = CappedPrint()
    scope = restricted_globals(input_value, context, stdout)
    started = time.monotonic()
    result: dict[str, Any]
    try:
        exec(code, scope)
        # No collection from here on: a finalizer of user code (a generator's `finally`)
        # could otherwise change the output while it is checked and encoded.
        gc.disable()
        output_json = check_output(scope.get("output"), max_output_bytes)
        result = {"status": "OK", "output_json": output_json}
    except MemoryError:
        result = _failure("MEMORY_LIMIT", "MemoryLimit", "the code ran out of memory", 0)
    except OutputRefused as refused:
        result = _failure("OUTPUT_LIMIT", "OutputLimit", str(refused), 0)
    except BaseException as error:  # user code may raise anything, SystemExit included
        result = _failure(
            "RUNTIME_ERROR", type(error).__name__, _message(error), _error_line(error)
        )
    if "error" in result:
        result["error"]["message"] = valid_text(result["error"]["message"])
    result["stdout"] = stdout.text()
    result["duration_ms"] = int((time.monotonic() - started) * 1000)
    return result


def _failure(status: str, error_type: str, message: str, line: int) -> dict:
    return {"status": status, "error": {"type": error_type, "message": message, "line": line}}


def warm_up() -> None:
    """Triggers the lazy imports and caches of the allowed modules before any child is forked.

    Children cannot open files, so anything the modules load on first use (strptime's locale
    tables, the time zone) must already be in memory when they are forked.
    """
    datetime.datetime.strptime("2024-01-02 03:04", "%Y-%m-%d %H:%M")
    time.localtime()
    re.compile(r"(\w+)@(\w+)\.com").findall("a@b.com")
    json.loads(json.dumps({"a": [1, 2.5, None]}))
    statistics.mean([1, 2, 3])
    statistics.NormalDist(0, 1).cdf(0.5)
    random.Random().random()
    "{:>10}".format("x")
    for name in ALLOWED_MODULES:
        _module_wrapper(name)
    # Codecs load on first use, from files: load the usual ones now.
    for encoding in (
        "utf-8",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "latin-1",
        "ascii",
        "cp1252",
        "idna",
        "unicode-escape",
        "raw-unicode-escape",
    ):
        "x".encode(encoding).decode(encoding)
    collections.Counter("abca").most_common(1)
    run("output = sorted(input)", {"b": 1, "a": 2}, {}, 1024)  # loads the compiler's code paths
