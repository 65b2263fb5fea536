"""Every client retries exactly the calls that are safe to repeat, derived from the protos.

Safe: the reads (`idempotency_level = NO_SIDE_EFFECTS` in the protos), the creates and
StartExecution (their request carries a request_id, which every client fills), and
CancelExecution (cancelling twice ends the same). Each client spells its list out; a new RPC
must be added to all four, or to none.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import agentbuilder.v1
from agentbuilder.client import RETRYABLE_METHODS
from google.protobuf import descriptor_pb2

CLIENTS = Path(__file__).resolve().parents[2] / "clients"
IDEMPOTENT_WRITES = {"agentbuilder.v1.ExecutionService/CancelExecution"}
# Every generated module of the API, so a new service is covered without a change here.
MODULES = [
    importlib.import_module(f"agentbuilder.v1.{module.name}")
    for module in pkgutil.iter_modules(agentbuilder.v1.__path__)
    if module.name.endswith("_pb2")
]


def safe_to_repeat() -> set[str]:
    """Every call that is safe to repeat, as "package.Service/Method" (see the module docstring)."""
    safe = set(IDEMPOTENT_WRITES)
    for module in MODULES:
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                read = (
                    method.GetOptions().idempotency_level
                    == descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS
                )
                create = method.name.startswith(("Create", "Start"))
                if create:
                    assert "request_id" in method.input_type.fields_by_name, method.full_name
                if read or create:
                    safe.add(f"{service.full_name}/{method.name}")
    return safe


def block_after(path: Path, start: str, end: str) -> str:
    text = path.read_text()
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def test_the_safe_calls_are_reads_creates_and_cancel():
    names = {name.rsplit("/", 1)[1] for name in safe_to_repeat()}
    assert all(
        name.startswith(("Get", "List", "Stream", "Validate", "Create", "Start", "Cancel"))
        for name in names
    ), names
    assert {"GetAgent", "ListExecutions", "StreamExecution", "CreateAgent"} <= names
    assert not names & {"UpdateAgent", "DeleteAgent", "PublishWorkflow", "TestBlock"}
    assert not names & {"ResumeExecution", "RetryExecution"}


def test_python_retries_exactly_the_safe_calls():
    listed = {f"{s}/{m}" for s, methods in RETRYABLE_METHODS.items() for m in methods}
    assert listed == safe_to_repeat()


def test_go_retries_exactly_the_safe_calls():
    block = block_after(CLIENTS / "go/agentbuilder/client.go", "var RetriedMethods", "}")
    assert set(re.findall(r'"(agentbuilder\.v1\.\w+/\w+)"', block)) == safe_to_repeat()


def test_typescript_retries_exactly_the_safe_calls():
    block = block_after(CLIENTS / "ts/src/client.ts", "export const RETRIED_METHODS", "]);")
    assert set(re.findall(r'"(agentbuilder\.v1\.\w+/\w+)"', block)) == safe_to_repeat()


def test_java_retries_exactly_the_safe_calls():
    source = CLIENTS / "java/src/main/java/dev/agentbuilder/client/AgentBuilderClient.java"
    block = block_after(source, "RETRYABLE_METHODS =", ");")
    listed = {
        f"agentbuilder.v1.{service}/{method}"
        for service, method in re.findall(r"(\w+Service)Grpc\.get(\w+)Method\(\)", block)
    }
    assert listed == safe_to_repeat()
