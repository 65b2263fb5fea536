"""The zygote: a small single-threaded process that forks one isolated child per run.

The worker starts it (`python -m sandbox_worker.zygote FD`) before its gRPC server exists and
talks to it over a SOCK_SEQPACKET socket, one JSON message per packet:

    worker -> zygote  {"op": "fork"}                         fork one isolated child
    zygote -> worker  {"op": "forked", "pid": P}  + 2 fds    the child's job and result pipes
    worker -> zygote  {"op": "start", "pid": P, "timeout_ms": T}   arm its wall-clock deadline
    worker -> zygote  {"op": "kill", "pid": P}               the caller gave up
    zygote -> worker  {"op": "exited", "pid": P, "returncode": R, "timed_out": bool}
    zygote -> worker  {"op": "ready", "layers": {...}, "warnings": [...]}   once, at start

The worker writes the job straight into the child's pipe and reads the result from it, so user
code and data never pass through the zygote: a child forked later cannot find an earlier run's
input in its copy of the zygote's memory. The zygote only forks, enforces deadlines with SIGKILL
(in-process alarms cannot stop a loop inside C code) and reaps.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import signal
import socket
import struct
import sys
import time
from typing import Any

from sandbox_worker import isolation, runtime

HEADER = struct.Struct(">I")
MAX_PACKET = 64 * 1024
RESULT_HEADROOM_MB = 64
CHILD_NICENESS = 5
# Exit codes of a child that never ran user code.
EXIT_ISOLATION_FAILED = 70
EXIT_BAD_JOB = 71
CAP_KILL = 5  # linux/capability.h


_WARM_UP_CODE = "output = [input, context, str(len([1]))]"


# --- the child -----------------------------------------------------------------------------------


def child_main(plan: isolation.IsolationPlan, job_fd: int, result_fd: int) -> None:
    """Runs in a forked child: isolate, read one job, run it, write the result, exit."""
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.set_wakeup_fd(-1)
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        statm = os.open("/proc/self/statm", os.O_RDONLY)
        # Descriptors: 0 job, 1 result, 2 /dev/null, 3 statm; every other one is closed.
        os.dup2(job_fd, 0)
        os.dup2(result_fd, 1)
        os.dup2(devnull, 2)
        os.dup2(statm, 3)
        os.closerange(4, os.sysconf("SC_OPEN_MAX"))
        isolation.isolate_child(plan)
        # One run of a trivial, fixed program while waiting for the job: it pays the
        # copy-on-write faults of the pages every run touches before the clock starts.
        runtime.run(_WARM_UP_CODE, {}, {}, 1024)
    except BaseException:
        os._exit(EXIT_ISOLATION_FAILED)
    try:
        job = _read_job(0)
    except BaseException:
        os._exit(EXIT_BAD_JOB)
    _run_job(job)


def _read_job(fd: int) -> dict[str, Any]:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    os.close(fd)
    data = b"".join(chunks)
    (header_size,) = HEADER.unpack_from(data)
    job = json.loads(data[HEADER.size : HEADER.size + header_size])
    job["code"] = data[HEADER.size + header_size :].decode("utf-8")
    return job


def _run_job(job: dict[str, Any]) -> None:
    try:
        isolation.limit_run(3, job["memory_mb"], job["timeout_ms"], RESULT_HEADROOM_MB)
        os.close(3)
        isolation.forbid_new_descriptors()
        result = runtime.run(job["code"], job["input"], job["context"], job["max_output_bytes"])
        del job
        isolation.release_headroom()
        payload = json.dumps(result, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except MemoryError:
        payload = b'{"status": "MEMORY_LIMIT"}'
    # Length-prefixed, so the worker can answer without waiting for this process to exit
    # (tearing down an address space takes longer than the run itself).
    view = memoryview(HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(1, view) :]
    os._exit(0)


def encode_job(code: str, header: dict[str, Any]) -> bytes:
    """A job as the child reads it: header size, JSON header, then the source code."""
    encoded = json.dumps(header, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return HEADER.pack(len(encoded)) + encoded + code.encode("utf-8")


# --- the zygote ----------------------------------------------------------------------------------


class Zygote:
    """Forks isolated children on request, kills them at their deadline, reports their exit."""

    def __init__(self, control: socket.socket, plan: isolation.IsolationPlan) -> None:
        self.control = control
        self.plan = plan
        self.children: set[int] = set()
        self.deadlines: dict[int, float] = {}
        self.timed_out: set[int] = set()
        self.selector = selectors.DefaultSelector()
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        os.set_blocking(wake_read, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake the selector
        self.wake_read = wake_read
        self.selector.register(control, selectors.EVENT_READ, "control")
        self.selector.register(wake_read, selectors.EVENT_READ, "wake")

    def send(self, message: dict[str, Any], fds: list[int] | None = None) -> None:
        data = json.dumps(message).encode()
        try:
            if fds:
                socket.send_fds(self.control, [data], fds)
            else:
                self.control.send(data)
        except OSError:
            pass  # the worker is gone; the next read of the control socket ends the loop

    def serve(self) -> None:
        while True:
            for key, _ in self.selector.select(self._next_timeout()):
                if key.data == "wake":
                    while True:
                        try:
                            if not os.read(self.wake_read, 512):
                                break
                        except BlockingIOError:
                            break
                elif not self._handle_control():
                    self._shutdown()
                    return
            self._kill_overdue()
            self._reap()

    def _next_timeout(self) -> float | None:
        if not self.deadlines:
            return None
        return max(0.0, min(self.deadlines.values()) - time.monotonic())

    def _handle_control(self) -> bool:
        try:
            data = self.control.recv(MAX_PACKET)
        except ConnectionResetError:
            return False
        if not data:
            return False  # the worker is gone: so are we
        message = json.loads(data)
        op = message["op"]
        if op == "fork":
            self._fork()
        elif op == "start":
            pid = message["pid"]
            if pid in self.children:
                self.deadlines[pid] = time.monotonic() + message["timeout_ms"] / 1000
        elif op == "kill":
            self._kill(message["pid"])
        return True

    def _fork(self) -> None:
        job_read, job_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(job_write)
                os.close(result_read)
                child_main(self.plan, job_read, result_write)
            finally:
                os._exit(EXIT_ISOLATION_FAILED)
        os.close(job_read)
        os.close(result_write)
        self.children.add(pid)
        self.send({"op": "forked", "pid": pid}, [job_write, result_read])
        os.close(job_write)
        os.close(result_read)

    def _kill(self, pid: int) -> None:
        if pid in self.children:  # only our own, not yet reaped, children: no pid reuse race
            os.kill(pid, signal.SIGKILL)

    def _kill_overdue(self) -> None:
        now = time.monotonic()
        for pid, deadline in list(self.deadlines.items()):
            if deadline <= now:
                self.timed_out.add(pid)
                del self.deadlines[pid]
                self._kill(pid)

    def _reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.children.discard(pid)
            self.deadlines.pop(pid, None)
            timed_out = pid in self.timed_out
            self.timed_out.discard(pid)
            returncode = os.waitstatus_to_exitcode(status)
            self.send(
                {"op": "exited", "pid": pid, "returncode": returncode, "timed_out": timed_out}
            )

    def _shutdown(self) -> None:
        for pid in list(self.children):
            self._kill(pid)
        for pid in list(self.children):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def plan_isolation(config: dict[str, Any]) -> isolation.IsolationPlan:
    """Finds out which layers this machine allows; warns loudly about each one it does not."""
    plan = isolation.IsolationPlan()
    if os.geteuid() == 0:
        if not has_capability(CAP_KILL, _read_status()):
            # Children drop to another uid: without CAP_KILL the deadline's SIGKILL would fail
            # and a run could outlive its timeout.
            raise SystemExit(
                "the sandbox worker runs as root without CAP_KILL, so it could not stop runs at "
                "their deadline: grant the KILL capability (docker: cap_add: [KILL])"
            )
        plan.uid, plan.gid = config["uid"], config["gid"]
    else:
        plan.warnings.append(
            "not running as root: sandbox children keep the worker's uid, so RLIMIT_NPROC and "
            "uid separation from the worker do not apply"
        )
    if config.get("seccomp", True):
        try:
            plan.seccomp_program = isolation.compile_seccomp_program()
        except (ImportError, OSError, RuntimeError) as error:
            plan.warnings.append(f"seccomp unavailable ({error}): syscalls are not filtered")
    if config.get("network_namespace", True):
        # The zygote itself moves into a new, empty network namespace: every child inherits it
        # for free (a namespace per child costs milliseconds). The zygote needs no network; its
        # control socket was inherited and keeps working.
        try:
            isolation.enter_network_namespace()
            plan.network_namespace = True
        except OSError as error:
            plan.warnings.append(
                f"no network namespace ({error}): children rely on seccomp alone to stay off "
                "the network"
            )
    if not _probe(plan):
        raise SystemExit("sandbox isolation cannot be applied on this machine")
    return plan


def has_capability(bit: int, proc_status: str) -> bool:
    """Whether the CapEff line of a /proc/<pid>/status text has capability `bit` set."""
    for line in proc_status.splitlines():
        if line.startswith("CapEff:"):
            return bool(int(line.split()[1], 16) >> bit & 1)
    return False


def _read_status() -> str:
    with open("/proc/self/status") as status:
        return status.read()


def _probe(plan: isolation.IsolationPlan) -> bool:
    """Forks one child that applies the plan and exits: did it work?"""
    pid = os.fork()
    if pid == 0:
        try:
            isolation.isolate_child(plan)
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def main() -> None:
    """Entry point: `python -m sandbox_worker.zygote CONTROL_FD CONFIG_JSON`."""
    control = socket.socket(fileno=int(sys.argv[1]))
    config = json.loads(sys.argv[2])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker decides when we stop
    # Forking, isolating and running user code yield to the worker's own request handling.
    os.nice(CHILD_NICENESS)
    runtime.warm_up()
    plan = plan_isolation(config)
    # Everything allocated so far lives as long as the zygote: keep the collector away from it,
    # so children do not copy every page just to scan it.
    gc.freeze()
    zygote = Zygote(control, plan)
    zygote.send({"op": "ready", "layers": plan.layers(), "warnings": plan.warnings})
    zygote.serve()


if __name__ == "__main__":
    main()
