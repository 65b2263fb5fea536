"""The OS layers hold on their own: unrestricted Python in an isolated child still cannot escape.

These tests bypass RestrictedPython entirely (as an attacker who broke the guards would) and run
plain Python in a child isolated exactly as the zygote isolates its children.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Each probe runs as plain Python in an isolated child and returns a JSON-able value.
PROBES = {
    "uid": "result = [os.getuid(), os.geteuid(), os.getgid()]",
    "open_for_read": "open('/etc/hostname').read(); result = 'opened'",
    "open_for_write": "open('/tmp/sandbox-escape', 'w'); result = 'opened'",
    "socket": "import socket; socket.socket(); result = 'socket'",
    "unix_socket": "import socket; socket.socket(socket.AF_UNIX); result = 'socket'",
    "fork": "pid = os.fork()\nif pid == 0: os._exit(0)\nresult = 'forked'",
    "exec": "os.execv('/bin/true', ['true']); result = 'exec'",
    "kill_parent": "os.kill(os.getppid(), 9); result = 'killed'",
    "new_fd": "os.dup(1); result = 'dup'",
    "ptrace_like": "os.setuid(0); result = 'root'",
    "nofile": "import resource; result = resource.getrlimit(resource.RLIMIT_NOFILE)",
    "fsize": "import resource; result = resource.getrlimit(resource.RLIMIT_FSIZE)",
    "nproc": "import resource; result = resource.getrlimit(resource.RLIMIT_NPROC)",
    "seccomp_mode": "result = [l for l in open('/proc/self/status') if l.startswith('Seccomp:')]",
}


# Runs in a fresh interpreter (forking pytest, with its gRPC threads, is unsafe): builds the
# plan the way the zygote does, forks, isolates, runs the probe unrestricted, prints a report.
RUNNER = """
import json, os, sys, textwrap
from sandbox_worker import isolation, zygote
config, source = json.loads(sys.argv[1]), sys.argv[2]
if config.pop("bare", False):
    plan = isolation.IsolationPlan()
    if os.geteuid() == 0:
        plan.uid, plan.gid = 65534, 65534
else:
    plan = zygote.plan_isolation(config)
read_end, write_end = os.pipe()
pid = os.fork()
if pid == 0:
    try:
        os.close(read_end)
        isolation.isolate_child(plan)
        isolation.forbid_new_descriptors()  # as the child does once its job is read
        scope = {"os": os}
        try:
            exec(textwrap.dedent(source), scope)
            report = {"ok": True, "result": scope.get("result")}
        except BaseException as error:
            report = {"ok": False, "error": type(error).__name__, "message": str(error)}
        os.write(write_end, json.dumps(report, default=str).encode())
    finally:
        os._exit(0)
os.close(write_end)
data = b""
while chunk := os.read(read_end, 65536):
    data += chunk
os.waitpid(pid, 0)
print(data.decode())
"""

FULL = {"uid": 65534, "gid": 65534, "seccomp": True, "network_namespace": False}
# Every layer but seccomp: what holds when the syscall filter is broken.
WITHOUT_SECCOMP = {"bare": True}


def run_isolated(config: dict, source: str) -> dict:
    """Runs `source` unrestricted in a child isolated per `config`; returns its report."""
    completed = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps(config), source],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def refused(report: dict) -> bool:
    return not report["ok"] and report["error"] in {"PermissionError", "OSError", "BlockingIOError"}


@pytest.mark.skipif(os.geteuid() != 0, reason="uid drop needs a root worker")
def test_child_runs_as_nobody():
    assert run_isolated(FULL, PROBES["uid"]) == {"ok": True, "result": [65534, 65534, 65534]}
    assert refused(run_isolated(FULL, PROBES["ptrace_like"]))


@pytest.mark.parametrize(
    "probe",
    [
        "open_for_read",
        "open_for_write",
        "socket",
        "unix_socket",
        "fork",
        "exec",
        "kill_parent",
        "new_fd",
    ],
)
def test_dangerous_syscalls_are_refused(probe):
    report = run_isolated(FULL, PROBES[probe])
    assert refused(report), report


def test_limits_are_set():
    # Read without seccomp: the filter itself forbids the getrlimit-free paths Python may take.
    assert run_isolated(WITHOUT_SECCOMP, PROBES["nofile"])["result"] == [0, 0]
    assert run_isolated(WITHOUT_SECCOMP, PROBES["fsize"])["result"] == [0, 0]
    assert run_isolated(WITHOUT_SECCOMP, PROBES["nproc"])["result"] == [0, 0]


def test_no_file_can_be_opened_even_without_seccomp():
    """RLIMIT_FSIZE, RLIMIT_NOFILE and the uid hold when the syscall filter is gone."""
    report = run_isolated(
        WITHOUT_SECCOMP, "open('/tmp/sandbox-x', 'w').write('x'); result = 'wrote'"
    )
    assert not report["ok"], report
    report = run_isolated(WITHOUT_SECCOMP, PROBES["open_for_read"])
    assert not report["ok"] and report["error"] == "OSError", report  # EMFILE: no fd left


@pytest.mark.skipif(os.geteuid() != 0, reason="RLIMIT_NPROC only binds a non-root uid")
def test_no_process_can_be_started_even_without_seccomp():
    """RLIMIT_NPROC 0 for an unprivileged uid stops fork when the syscall filter is gone."""
    report = run_isolated(WITHOUT_SECCOMP, PROBES["fork"])
    assert refused(report), report


def test_network_namespace_is_empty_even_without_seccomp():
    """In a namespace like the zygote's, a socket can be made but reaches nothing at all."""
    source = """
        import socket
        s = socket.socket()
        s.settimeout(2)
        try:
            s.connect(('127.0.0.1', 22))
            outcome = 'connected'
        except OSError as error:
            outcome = type(error).__name__
        interfaces = sorted(name for _, name in socket.if_nameindex())
        print(json.dumps([outcome, interfaces]))
    """
    script = (
        "import json, textwrap\n"
        "from sandbox_worker import isolation\n"
        "isolation.enter_network_namespace()  # this layer alone: no limits, no filter\n"
        f"exec(textwrap.dedent({source!r}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert completed.returncode == 0, completed.stderr
    outcome, interfaces = json.loads(completed.stdout)
    assert outcome in {"OSError", "ConnectionRefusedError"}  # unreachable: loopback is down
    assert interfaces == ["lo"]
