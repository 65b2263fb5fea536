"""Regressions for the findings of the sandbox security review (each must stay fixed)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import grpc
from agentbuilder.sandbox.v1 import sandbox_pb2

OK = sandbox_pb2.EXECUTE_STATUS_OK
RUNTIME = sandbox_pb2.EXECUTE_STATUS_RUNTIME_ERROR
COMPILE = sandbox_pb2.EXECUTE_STATUS_COMPILE_ERROR
OUTPUT = sandbox_pb2.EXECUTE_STATUS_OUTPUT_LIMIT

# The review's escape: an unbound Python method of an exposed class, called on `str`, returns
# `type`; a str subclass then has the raw str.format, and AttributeError.obj hands back objects.
ESCAPE = """
import collections, random
T = collections.Counter.copy(str)
S = T('S', (str,), {})
def get(obj, path):
    try:
        S('{0.' + path + '.zz}').format(obj)
    except AttributeError as e:
        return e.obj
os = get(random.seed, '__func__.__globals__[_os]')
output = os.environ.get('AGENTBUILDER_CANARY', 'no canary')
"""


async def test_the_reviewed_escape_is_closed(sandbox):
    response = await sandbox.run(ESCAPE)
    assert response.status == RUNTIME, response
    assert response.error.type == "AttributeError"
    assert "unbound" in response.error.message


async def test_unbound_python_methods_of_classes_are_refused(sandbox):
    for code in [
        "import collections\noutput = collections.Counter.copy(str)",
        "import collections\nd = {}\ncollections.Counter.update(d, ['k'])",
        "import collections\noutput = collections.ChainMap.new_child",
        "import statistics\noutput = statistics.NormalDist.cdf(1, 2)",
    ]:
        response = await sandbox.run(code)
        assert response.status == RUNTIME, (code, response)
        assert response.error.type == "AttributeError", (code, response)


async def test_bound_methods_and_builtin_descriptors_still_work(sandbox):
    code = """
import collections, statistics
c = collections.Counter('abca')
output = [
    dict(c.copy()),
    str.upper('x'),
    dict.fromkeys(['a'], 0),
    statistics.NormalDist.from_samples([1, 2, 3]).mean,
    dict(collections.OrderedDict.fromkeys('ab', 1)),
]
"""
    response = await sandbox.run(code)
    assert response.status == OK, response
    assert sandbox.output(response) == [
        {"a": 2, "b": 1, "c": 1},
        "X",
        {"a": 0},
        2,
        {"a": 1, "b": 1},
    ]


async def test_exception_obj_is_refused(sandbox):
    code = "try:\n    [].nope\nexcept AttributeError as e:\n    output = e.obj"
    response = await sandbox.run(code)
    assert response.status == RUNTIME and response.error.type == "AttributeError", response


async def test_children_see_no_environment(sandbox, security_worker):
    # The worker was started with AGENTBUILDER_* variables in its environment; children must not
    # inherit them even if the language layer were broken (checked here through os-free code:
    # the zygote clears its environment, so the C-level environ is empty too).
    response = await sandbox.run("import time\noutput = time.tzname[0]")
    assert response.status == OK, response


async def test_in_place_item_assignment_evaluates_like_python(sandbox):
    code = """
calls = []
d = {'k': 1}
def f():
    d['k'] = 100
    calls.append('f')
    return 1
d['k'] += f()
output = [d['k'], calls]
"""
    response = await sandbox.run(code)
    assert response.status == OK, response
    assert sandbox.output(response) == [2, ["f"]]  # d['k'] is read before f() runs


def folding_bomb() -> str:
    """64 KiB of `(A+A)+(A+A)...`: CPython folds string `+` at compile time without a limit."""
    leaf = '"ab"*2048'

    def build(n: int) -> str:
        return leaf if n == 1 else f"({build(n // 2)}+{build(n - n // 2)})"

    low, high = 1, 20000
    while low < high:
        middle = (low + high + 1) // 2
        if len(f"output = len({build(middle)})\n".encode()) <= 65536:
            low = middle
        else:
            high = middle - 1
    return f"output = len({build(low)})\n"


async def test_constant_folding_bombs_are_refused_at_compile_time(sandbox):
    started = time.monotonic()
    response = await sandbox.run(folding_bomb())
    assert response.status == COMPILE, response
    assert "constant" in response.error.message
    assert time.monotonic() - started < 5


async def test_compiling_hostile_code_does_not_stall_the_worker(sandbox):
    """Compiling happens in the run's child, so other runs are not held up by it."""
    heavy = "\n".join(f"(a{i}, (b{i}, c{i})) = (1, (2, 3))" for i in range(1500))
    assert len(heavy.encode()) < 65536
    slow = [asyncio.create_task(sandbox.run(heavy)) for _ in range(2)]
    await asyncio.sleep(0.05)
    started = time.monotonic()
    quick = await sandbox.run("output = 1")
    quick_seconds = time.monotonic() - started
    assert quick.status == OK
    for task in slow:
        assert (await task).status in {OK, sandbox_pb2.EXECUTE_STATUS_TIMEOUT}
    assert quick_seconds < 3, quick_seconds


async def test_many_values_are_an_output_limit_not_a_stall(sandbox):
    started = time.monotonic()
    response = await sandbox.run("output = [0] * 524286")
    assert response.status == OUTPUT, response
    assert "values" in response.error.message
    assert time.monotonic() - started < 5


async def test_outputs_that_fit_the_limit_fit_the_message(sandbox):
    # 3 MiB of JSON strings is allowed; its protobuf form must still be deliverable.
    response = await sandbox.run("output = ['x' * 1000] * 3000", max_output_bytes=3 * 1024 * 1024)
    assert response.status == OK, response.error
    assert len(sandbox.output(response)) == 3000


async def test_nan_in_the_input_is_invalid_argument(sandbox):
    try:
        await sandbox.run("output = input", {"x": float("nan")})
    except grpc.aio.AioRpcError as error:
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    else:
        raise AssertionError("NaN input was accepted")


async def test_whole_numbers_in_the_input_are_ints(sandbox):
    response = await sandbox.run(
        "output = [type(input['n']) is int, list(range(input['n']))]", {"n": 3}
    )
    assert response.status == RUNTIME  # `type` is not a builtin: checked another way below
    response = await sandbox.run("output = list(range(input['n']))", {"n": 3})
    assert response.status == OK and sandbox.output(response) == [0, 1, 2]


def test_zygote_clears_its_environment():
    """The zygote and so every child start without the worker's environment (secrets)."""
    root = Path(__file__).resolve().parents[2]
    script = (
        "import asyncio, os\n"
        "os.environ['AGENTBUILDER_CANARY'] = 'secret'\n"
        "from sandbox_worker.children import ChildPool\n"
        "async def main():\n"
        "    pool = ChildPool({'uid': 65534, 'gid': 65534, 'seccomp': True,\n"
        "                      'network_namespace': True}, 0)\n"
        "    await pool.start()\n"
        "    pid = pool.process.pid\n"
        "    print(open(f'/proc/{pid}/environ', 'rb').read().count(b'CANARY'))\n"
        "    await pool.close()\n"
        "asyncio.run(main())\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=root
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "0"


async def test_the_value_cap_is_exact(sandbox):
    fits = await sandbox.run("output = [0] * 99999")  # the list and its items: 100000 values
    assert fits.status == OK and len(sandbox.output(fits)) == 99999
    over = await sandbox.run("output = [0] * 100000")
    assert over.status == OUTPUT, over


# --- second review -------------------------------------------------------------------------------


async def test_lru_cache_of_a_class_does_not_hand_out_its_methods(sandbox):
    for code in [
        "import functools, collections\noutput = repr(functools.lru_cache(collections.Counter).copy(str))",
        "import functools\nF = functools.lru_cache(str).format\noutput = F('{0}', 1)",
        "import functools\noutput = repr(functools.cache(str).format_map)",
        "import functools, collections\noutput = repr(functools.lru_cache(collections.ChainMap).new_child)",
    ]:
        response = await sandbox.run(code)
        assert response.status == RUNTIME, (code, response)
        assert "type" not in sandbox.output(response) if response.status == OK else True


async def test_lru_cache_still_works_on_user_functions(sandbox):
    code = """
import functools
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
@functools.cache
def square(n):
    return n * n
output = [fib(30), square(7), functools.partial(square, 3)()]
"""
    response = await sandbox.run(code)
    assert response.status == OK, response
    assert sandbox.output(response) == [832040, 49, 9]


async def test_property_accessors_of_library_classes_are_refused(sandbox):
    for code in [
        "import statistics\noutput = repr(statistics.NormalDist.mean.fget)",
        "import collections\nf = collections.ChainMap.parents.fget\noutput = repr(f)",
    ]:
        response = await sandbox.run(code)
        assert response.status == RUNTIME and response.error.type == "AttributeError", (
            code,
            response,
        )


async def test_output_changed_by_a_finalizer_during_the_check_is_still_refused(sandbox):
    code = """
target = []
output = [[0] * 5000, target]
def mk():
    def g():
        try:
            yield 1
        finally:
            target.append(10 ** 400)
    gen = g(); next(gen); l = [gen]; l.append(l)
mk()
"""
    response = await sandbox.run(code)  # the worker answers with a status, not an RPC error
    assert response.status in {OK, OUTPUT, RUNTIME}, response
    if response.status == OK:
        assert 10**400 not in sandbox.output(response)[1]
