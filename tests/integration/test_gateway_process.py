"""The Envoy process of the gateway: it never outlives the process that started it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import psutil

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
