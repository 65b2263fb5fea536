"""The Envoy process of the gateway: restarted when it dies, never outliving its parent."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap

import psutil

from server.gateway import (
    RESTART_DELAY_SECONDS,
    Gateway,
    GatewayAddresses,
    _dying_with_parent,
    _setpriv_with_pdeathsig,
)

START_AND_HANG = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from server.gateway import Gateway, GatewayAddresses

    async def main():
        addresses = GatewayAddresses("127.0.0.1", 0, 0, "127.0.0.1", 9, ())
        gateway = Gateway(addresses, Path(sys.argv[1]))
        await gateway.start()
        print(gateway.process.pid, flush=True)
        await asyncio.sleep(3600)

    asyncio.run(main())
    """
)


def test_envoy_dies_with_its_parent_even_when_the_parent_is_killed(tmp_path):
    parent = subprocess.Popen(
        [sys.executable, "-c", START_AND_HANG, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        envoy = psutil.Process(int(parent.stdout.readline()))
        assert "envoy" in envoy.name()
        assert envoy.ppid() == parent.pid  # setpriv exec'd into Envoy: no process in between
    finally:
        parent.kill()  # SIGKILL: no chance to stop Envoy itself
        parent.wait()
    gone, alive = psutil.wait_procs([envoy], timeout=10)
    assert alive == [], "Envoy outlived its parent"


async def test_envoy_is_started_again_on_the_same_port_when_it_dies(tmp_path):
    addresses = GatewayAddresses("127.0.0.1", 0, 0, "127.0.0.1", 9, ())
    gateway = Gateway(addresses, tmp_path)
    await gateway.start()
    gateway.keep_alive()
    try:
        first, port = gateway.process.pid, gateway.http_port
        # Its own process group: a Ctrl-C meant for `up` does not reach it.
        assert os.getpgid(first) != os.getpgid(0)
        os.kill(first, signal.SIGKILL)
        async with asyncio.timeout(30):
            while gateway.restarts == 0:  # noqa: ASYNC110 - polls the gateway's own counter
                await asyncio.sleep(0.05)
        assert gateway.process.pid != first and gateway.process.returncode is None
        assert gateway.http_port == port
        _, writer = await asyncio.open_connection("127.0.0.1", port)  # it listens there again
        writer.close()
    finally:
        await gateway.stop()
    # Stopped for good: nothing starts it again.
    await asyncio.sleep(RESTART_DELAY_SECONDS * 2)
    assert gateway.process.returncode is not None and gateway.restarts == 1


def test_without_a_setpriv_that_has_pdeathsig_envoy_starts_without_it(tmp_path, monkeypatch):
    old = tmp_path / "setpriv"  # like util-linux before 2.33, or BusyBox
    old.write_text("#!/bin/sh\necho 'setpriv: unrecognized option' >&2\nexit 1\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    _setpriv_with_pdeathsig.cache_clear()
    try:
        assert _dying_with_parent(["envoy", "--version"]) == ["envoy", "--version"]
    finally:
        _setpriv_with_pdeathsig.cache_clear()
