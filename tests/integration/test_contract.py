"""Contract tests: the protos, the server, the schema and the generated code agree."""

from __future__ import annotations

import asyncio
import filecmp
import importlib
import pathlib
import subprocess
import sys

import grpc
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from google.api import annotations_pb2
from google.protobuf import descriptor_pool, message_factory
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from server import migrate
from server.app import SERVICE_NAMES
from server.persistence.models import Base
from tests.helpers import rpc_error
from tests.live_stack import toolchain

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # the codegen modules


def public_methods():
    pool = descriptor_pool.Default()
    for service_name in SERVICE_NAMES:
        service = pool.FindServiceByName(service_name)
        for method in service.methods:
            yield service, method


def generic_call(channel: grpc.aio.Channel, service, method):
    request_class = message_factory.GetMessageClass(method.input_type)
    response_class = message_factory.GetMessageClass(method.output_type)
    call = channel.unary_unary(
        f"/{service.full_name}/{method.name}",
        request_serializer=request_class.SerializeToString,
        response_deserializer=response_class.FromString,
    )
    return call, request_class


def test_services_are_exposed():
    assert len(list(public_methods())) == 37


async def test_every_rpc_is_implemented(alice):
    for service, method in public_methods():
        call, request_class = generic_call(alice.channel, service, method)
        try:
            await call(request_class())
        except grpc.aio.AioRpcError as error:
            assert error.code() != grpc.StatusCode.UNIMPLEMENTED, method.full_name


async def test_every_rpc_requires_an_api_key(anonymous):
    for service, method in public_methods():
        call, request_class = generic_call(anonymous, service, method)
        with rpc_error(grpc.StatusCode.UNAUTHENTICATED) as failure:
            await call(request_class())
        assert failure.reason == "API_KEY_MISSING", method.full_name
        with rpc_error(grpc.StatusCode.UNAUTHENTICATED) as failure:
            await call(request_class(), metadata=(("authorization", "Bearer ab_wrong"),))
        assert failure.reason == "API_KEY_INVALID", method.full_name
        with rpc_error(grpc.StatusCode.UNAUTHENTICATED) as failure:
            await call(request_class(), metadata=(("authorization", "Basic Zm9vOmJhcg=="),))
        assert failure.reason == "API_KEY_MALFORMED", method.full_name


def test_every_rpc_has_an_http_binding():
    for _, method in public_methods():
        rule = method.GetOptions().Extensions[annotations_pb2.http]
        assert rule.WhichOneof("pattern"), f"{method.full_name} has no google.api.http binding"


async def test_health_needs_no_key(anonymous):
    stub = health_pb2_grpc.HealthStub(anonymous)
    for service in ["", *SERVICE_NAMES]:
        reply = await stub.Check(health_pb2.HealthCheckRequest(service=service))
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


async def test_reflection_lists_services_and_error_details(target):
    def reflect():
        with grpc.insecure_channel(target) as channel:
            database = ProtoReflectionDescriptorDatabase(channel)
            pool = descriptor_pool.DescriptorPool(database)
            services = set(database.get_services())
            error_info = pool.FindMessageTypeByName("google.rpc.ErrorInfo")
            bad_request = pool.FindMessageTypeByName("google.rpc.BadRequest")
            agent = pool.FindMessageTypeByName("agentbuilder.v1.Agent")
            return services, error_info, bad_request, agent

    services, error_info, bad_request, agent = await asyncio.to_thread(reflect)
    assert set(SERVICE_NAMES) <= services
    assert "grpc.health.v1.Health" in services
    assert error_info.fields_by_name["reason"] and bad_request.fields_by_name["field_violations"]
    assert "tool_ids" in agent.fields_by_name


def test_single_alembic_head():
    script = ScriptDirectory.from_config(migrate.alembic_config("postgresql://unused/db"))
    assert len(script.get_heads()) == 1


async def test_models_match_migrations(database):
    def compare(connection):
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, kind, _: (
                    not (kind == "table" and name in migrate.CHECKPOINT_TABLES)
                )
            },
        )
        return compare_metadata(context, Base.metadata)

    async with database.engine.connect() as connection:
        diff = await connection.run_sync(compare)
    assert diff == []


def test_migrations_downgrade_to_base_and_upgrade_again(fresh_database):
    url = fresh_database()
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    migrate.upgrade(url)


def run_gen(out: pathlib.Path, target: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen.py"), "--out", str(out), "--only", target],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"gen.py --only {target} failed:\n{result.stderr}"


def test_generated_code_is_up_to_date(tmp_path):
    run_gen(tmp_path, "python")
    generated = sorted(
        p.relative_to(tmp_path)
        for p in tmp_path.rglob("*")
        if p.is_file()
        and (
            p.name.endswith(("_pb2.py", "_pb2.pyi", "_pb2_grpc.py", "_pb2_grpc.pyi", ".pb"))
            or p.name == "openapi.swagger.json"
        )
    )
    assert generated, "gen.py produced nothing"
    committed = sorted(
        p.relative_to(ROOT)
        for p in [
            *(ROOT / "clients/python/agentbuilder").rglob("*_pb2*"),
            ROOT / "gateway/agentbuilder.pb",
            ROOT / "gateway/openapi.swagger.json",
        ]
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert generated == committed, "generated files differ: run `make gen` and commit"
    stale = [str(p) for p in generated if not filecmp.cmp(tmp_path / p, ROOT / p, shallow=False)]
    assert not stale, f"generated code drifted, run `make gen` and commit: {stale}"


# What each client's generator runs, for a loud skip (or a CI failure) when it is missing.
CLIENT_TOOLCHAINS = {"go": "go", "ts": "node", "java": "mvn"}


@pytest.mark.parametrize("target", sorted(CLIENT_TOOLCHAINS))
def test_generated_client_code_is_up_to_date(tmp_path, target):
    toolchain(CLIENT_TOOLCHAINS[target], f"the {target} client's drift check")
    module = importlib.import_module(f"codegen.{target}")
    run_gen(tmp_path, target)
    fresh, committed = tmp_path / module.GENERATED, ROOT / module.GENERATED

    def files(root: pathlib.Path) -> list[pathlib.Path]:
        return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())

    assert files(fresh), f"gen.py --only {target} produced nothing"
    assert files(fresh) == files(committed), f"{module.GENERATED} differs: run `make gen`"
    stale = [str(p) for p in files(fresh) if not filecmp.cmp(fresh / p, committed / p, False)]
    assert not stale, f"{module.GENERATED} drifted, run `make gen` and commit: {stale}"
