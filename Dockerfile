# The agentbuilder image: one image for `agentbuilder migrate`, `agentbuilder serve` and
# `agentbuilder sandbox-worker` (docker-compose.yml runs all three from it).
#
# Base image: pinned by exact version tag. It is not pinned by digest because the digest could
# not be read from the registry where this file was written; to pin it, append the digest of
# the multi-architecture index, `docker buildx imagetools inspect python:3.11.14-slim-bookworm`
# prints it, as `FROM python:3.11.14-slim-bookworm@sha256:<digest>`.
#
# Sandbox worker isolation (sandbox_worker/zygote.py, sandbox_worker/isolation.py). The worker
# forks one child per run from its zygote; each child lowers its rlimits, drops to uid/gid
# 65534, runs in an empty network namespace (the zygote's own, made with
# unshare(CLONE_NEWNET)) and loads a seccomp allow-list (libseccomp, installed below). What
# each layer needs from the container, and what happens without it:
#
#   uid/gid drop, RLIMIT_NPROC   the worker runs as root (uid 0) in its container: `user: "0:0"`
#                                in compose, since this image's default user is unprivileged.
#                                Not root: a warning at start-up ("sandbox isolation degraded"),
#                                and children keep the worker's uid.
#                                Root needs CAP_SETUID and CAP_SETGID (setuid/setgid/setgroups in
#                                each child). Root without them: the zygote's start-up probe
#                                fails and the worker exits ("sandbox isolation cannot be
#                                applied on this machine"): it does not start half-isolated.
#   killing runs at the deadline root also needs CAP_KILL: the zygote SIGKILLs children that
#                                run as another uid. Root without it: the worker refuses to
#                                start ("... runs as root without CAP_KILL ..."), since it could
#                                not stop a run at its deadline.
#   network namespace            CAP_SYS_ADMIN. Docker's default seccomp profile allows
#                                unshare() only to a container that has it, so keep that profile
#                                and add the capability; never use seccomp=unconfined. Without
#                                it: a warning ("no network namespace ... children rely on
#                                seccomp alone") and children share the worker's network (in
#                                compose an internal network with only the server on it).
#   seccomp                      nothing: no_new_privs plus a filter needs no capability, and it
#                                stacks under Docker's default profile. Without libseccomp: a
#                                warning, and syscalls are not filtered.
#   rlimits                      nothing (they are only lowered).
#
# So the worker's container: `user: "0:0"`, `cap_drop: [ALL]`,
# `cap_add: [SETUID, SETGID, KILL, SYS_ADMIN]`, `no-new-privileges`, the default seccomp and
# AppArmor profiles, a read-only root file system with a tmpfs /tmp (the zygote writes its
# compiled filter to a temporary file once). The capabilities are the worker's and zygote's
# only: a child that drops to uid 65534 loses every capability, then sets no_new_privs. Prefer
# Docker with user namespaces (userns-remap or rootless), so that the worker's root is not the
# host's root. The layers in force are logged at start-up ("sandbox worker started", key
# `isolation`); each missing one is a warning ("sandbox isolation degraded").
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# libseccomp2: the worker's syscall filter (pyseccomp loads it with ctypes).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libseccomp2 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 agentbuilder \
    && useradd --system --uid 10001 --gid agentbuilder --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin agentbuilder

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
RUN python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; print('\n'.join(d for d in deps if d != 'agentbuilder-client'))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY clients/python clients/python
COPY README.md alembic.ini ./
COPY server server
COPY sandbox_worker sandbox_worker
COPY migrations migrations
COPY gateway gateway
# Editable (-e): server/migrate.py finds alembic.ini and migrations/ next to the server package,
# and a regular install would leave both out of site-packages.
RUN pip install --no-deps ./clients/python -e . \
    && pip check \
    && agentbuilder --help > /dev/null

# The files stay root's and read-only to the user that runs them.
USER agentbuilder

# gRPC and /metrics of the server, then of a sandbox worker (docker-compose.yml's ports).
EXPOSE 50051 9464 50061 9465

CMD ["agentbuilder", "serve"]
