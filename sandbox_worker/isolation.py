"""OS isolation for sandbox children: rlimits, an unprivileged uid, no network, seccomp.

The zygote prepares what can be prepared once (the compiled seccomp program); every forked child
applies the rest to itself before it reads its job. Each layer is assumed breakable on its own,
so each one is applied even when another already covers the same ground.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import tempfile
from dataclasses import dataclass, field

CLONE_NEWNET = 0x40000000
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# What a child may ask of the kernel once its job is read: memory, signals, time, randomness,
# I/O on the descriptors it already holds, limits (it can only lower them) and exiting.
# Everything else (open, socket, connect, clone, fork, execve, ptrace, kill, mount, bpf, ...)
# fails with EPERM, so Python sees an OSError instead of dying.
ALLOWED_SYSCALLS = (
    "read",
    "pread64",
    "write",
    "readv",
    "writev",
    "close",
    "fstat",
    "newfstatat",
    "lseek",
    "mmap",
    "munmap",
    "mprotect",
    "mremap",
    "brk",
    "madvise",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "sigaltstack",
    "futex",
    "getrandom",
    "clock_gettime",
    "clock_getres",
    "gettimeofday",
    "nanosleep",
    "clock_nanosleep",
    "getpid",
    "gettid",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getrlimit",
    "setrlimit",
    "getrusage",
    "times",
    "sched_yield",
    "exit",
    "exit_group",
)


@dataclass
class IsolationPlan:
    """What the zygote found it can do; children apply exactly this."""

    uid: int | None = None  # None: keep the zygote's uid (it is not root)
    gid: int | None = None
    network_namespace: bool = False  # the zygote's own, inherited by children
    seccomp_program: bytes | None = None
    warnings: list[str] = field(default_factory=list)

    def layers(self) -> dict[str, bool]:
        """The layers in force, for logs and the worker's health report."""
        return {
            "rlimits": True,
            "unprivileged_uid": self.uid is not None,
            "network_namespace": self.network_namespace,
            "seccomp": self.seccomp_program is not None,
        }


_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def compile_seccomp_program() -> bytes:
    """The allow-list as a classic BPF program, compiled once with libseccomp."""
    import pyseccomp  # imported lazily: a missing libseccomp is a warning, not a crash

    syscall_filter = pyseccomp.SyscallFilter(defaction=pyseccomp.ERRNO(errno.EPERM))
    for name in ALLOWED_SYSCALLS:
        try:
            syscall_filter.add_rule(pyseccomp.ALLOW, name)
        except (OSError, ValueError, RuntimeError):
            pass  # not a syscall on this architecture (newfstatat on some, for instance)
    # setrlimit() is prlimit64(0, ...) in glibc; any other pid (a sibling child) is refused.
    syscall_filter.add_rule(pyseccomp.ALLOW, "prlimit64", pyseccomp.Arg(0, pyseccomp.EQ, 0))
    with tempfile.TemporaryFile() as exported:
        syscall_filter.export_bpf(exported)
        exported.seek(0)
        return exported.read()


class _SockFilter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint32),
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def load_seccomp_program(program: bytes) -> None:
    """Installs a BPF program exported by libseccomp on the calling process (irreversible)."""
    count = len(program) // ctypes.sizeof(_SockFilter)
    instructions = (_SockFilter * count).from_buffer_copy(program)
    fprog = _SockFprog(count, instructions)
    _check(
        _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0),
        "prctl(PR_SET_SECCOMP)",
    )


def enter_network_namespace() -> None:
    """Moves the calling process into a new, empty network namespace (loopback down)."""
    _check(_libc.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)")


def _set_limit(limit: int, value: int) -> None:
    resource.setrlimit(limit, (value, value))


def isolate_child(plan: IsolationPlan) -> None:
    """Applies the plan to a freshly forked child, before it reads its job.

    Order matters: limits need root to be set this low for good, so they come before the uid
    drop, and seccomp comes last because it forbids most of what precedes it. The network
    namespace is the zygote's, inherited at fork.
    """
    _set_limit(resource.RLIMIT_FSIZE, 0)  # no file can be written, not even an empty one
    _set_limit(resource.RLIMIT_CORE, 0)
    _set_limit(resource.RLIMIT_NPROC, 0)  # enforced once the uid is not root
    _set_limit(resource.RLIMIT_MEMLOCK, 0)
    _set_limit(resource.RLIMIT_MSGQUEUE, 0)
    _set_limit(resource.RLIMIT_NOFILE, 4)  # stdin, stdout, stderr and the statm reader
    if plan.uid is not None and plan.gid is not None:
        os.setgroups([])
        os.setgid(plan.gid)
        os.setuid(plan.uid)
    _check(_libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(PR_SET_DUMPABLE)")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    if plan.seccomp_program is not None:
        load_seccomp_program(plan.seccomp_program)


def forbid_new_descriptors() -> None:
    """No new file descriptor at all from now on: no file, socket or pipe can be opened.

    Called once the child holds only what it needs (its result pipe and stderr), so this still
    holds if the syscall filter were ever bypassed.
    """
    _set_limit(resource.RLIMIT_NOFILE, 0)


def limit_run(statm_fd: int, memory_mb: int, timeout_ms: int, headroom_mb: int) -> None:
    """Limits memory to what the process uses now plus memory_mb, and CPU time to the timeout.

    The hard memory limit keeps `headroom_mb` more, so the result can still be serialized
    after user code hit its soft limit (see release_headroom). CPU gets one extra second: the
    wall-clock deadline, enforced by the zygote, is the primary limit.
    """
    used_bytes = int(os.pread(statm_fd, 64, 0).split()[0]) * PAGE_SIZE
    soft = used_bytes + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft + headroom_mb * 1024 * 1024))
    cpu_seconds = -(-timeout_ms // 1000) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def release_headroom() -> None:
    """Raises the soft memory limit to the hard one (never above it) once user code is done."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
