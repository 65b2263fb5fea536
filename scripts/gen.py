"""Generates code from protos/: stubs for Python, Go, TypeScript and Java, and the gateway's files.

Python stubs (+ .pyi), the gateway descriptor set and OpenAPI are made here; the Go,
TypeScript and Java clients by their modules in scripts/codegen/.

Usage:
    python scripts/gen.py                    # regenerate into the repository (`make gen`)
    python scripts/gen.py deps               # only stage google/api and google/rpc for buf
    python scripts/gen.py --out DIR          # generate into DIR (the drift check compares)
    python scripts/gen.py --only python,go   # some of: python (and gateway), go, ts, java

The google/api and google/rpc protos are copied from the installed googleapis-common-protos
package into build/proto-deps: third-party sources are never committed.

The OpenAPI (Swagger 2.0) document of the public API comes from grpc-gateway's standard
protoc-gen-openapiv2 (`make tools` builds it into .tools/bin), with what Swagger 2.0 cannot say
added afterwards: the API-key scheme, and that StreamExecution answers with Server-Sent Events.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import shutil
import sys

import google.api
from codegen import go, java, ts
from grpc_tools import protoc

ROOT = pathlib.Path(__file__).resolve().parents[1]
PROTOS = ROOT / "protos"
DEPS = ROOT / "build" / "proto-deps"
PYTHON_OUT = "clients/python"
DESCRIPTOR_OUT = "gateway/agentbuilder.pb"
OPENAPI_OUT = "gateway/openapi.swagger.json"
OPENAPI_PLUGIN = ROOT / ".tools" / "bin" / "protoc-gen-openapiv2"
PUBLIC_PACKAGE = "agentbuilder/v1"
# Generated Python packages, relative to PYTHON_OUT; each gets an __init__.py.
PACKAGES = ["agentbuilder/v1", "agentbuilder/sandbox/v1"]
# The other languages' clients: each module owns the directory named by its GENERATED.
CLIENTS = {"go": go, "ts": ts, "java": java}
TARGETS = ["python", *CLIENTS]


def stage_deps() -> pathlib.Path:
    """Copies google/api and google/rpc protos from googleapis-common-protos into build/."""
    google_dir = pathlib.Path(google.api.__path__[0]).parent
    for sub in ("api", "rpc"):
        target = DEPS / "google" / sub
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for proto in (google_dir / sub).glob("*.proto"):
            shutil.copy2(proto, target / proto.name)
    return DEPS


def generate(out_root: pathlib.Path) -> None:
    """Runs protoc for every proto under protos/ into out_root."""
    python_out = out_root / PYTHON_OUT
    descriptor_out = out_root / DESCRIPTOR_OUT
    python_out.mkdir(parents=True, exist_ok=True)
    descriptor_out.parent.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        shutil.rmtree(python_out / package, ignore_errors=True)
    # protoc finds the mypy plugins next to this interpreter, even outside an activated venv.
    os.environ["PATH"] = f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    protos = sorted(str(p.relative_to(PROTOS)) for p in PROTOS.rglob("*.proto"))
    grpc_include = pathlib.Path(protoc.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{PROTOS}",
        f"-I{DEPS}",
        f"-I{grpc_include}",
        f"--python_out={python_out}",
        f"--grpc_python_out={python_out}",
        f"--mypy_out={python_out}",
        f"--mypy_grpc_out={python_out}",
        f"--descriptor_set_out={descriptor_out}",
        "--include_imports",
        "--include_source_info",
        *protos,
    ]
    if protoc.main(args) != 0:
        sys.exit("protoc failed")
    generate_openapi(out_root, grpc_include)
    for package in PACKAGES:
        for directory in [python_out / package, *(python_out / package).parents]:
            if directory == python_out:
                break
            init = directory / "__init__.py"
            if not init.exists():
                init.write_text("")


def generate_openapi(out_root: pathlib.Path, grpc_include: pathlib.Path) -> None:
    """gateway/openapi.swagger.json: one Swagger 2.0 document for every public service."""
    if not OPENAPI_PLUGIN.exists():
        sys.exit(f"{OPENAPI_PLUGIN} is missing: run `make tools` (it builds it with Go)")
    protos = sorted(str(p.relative_to(PROTOS)) for p in (PROTOS / PUBLIC_PACKAGE).glob("*.proto"))
    target = out_root / OPENAPI_OUT
    args = [
        "protoc",
        f"-I{PROTOS}",
        f"-I{DEPS}",
        f"-I{grpc_include}",
        f"--plugin=protoc-gen-openapiv2={OPENAPI_PLUGIN}",
        f"--openapiv2_out={target.parent}",
        "--openapiv2_opt=allow_merge=true,merge_file_name=openapi,json_names_for_fields=true,"
        "ignore_go_package_option=true",
        *protos,
    ]
    if protoc.main(args) != 0:
        sys.exit("protoc (openapiv2) failed")
    document = json.loads(target.read_text())
    target.write_text(json.dumps(complete_openapi(document), indent=2, sort_keys=False) + "\n")


def complete_openapi(document: dict) -> dict:
    """Adds what the protos cannot tell protoc-gen-openapiv2: auth, and the SSE stream."""
    document["info"] = {
        "title": "agentbuilder API",
        "version": "v1",
        "description": "REST/JSON through the Envoy gateway, transcoded from the gRPC API "
        "(protos/agentbuilder/v1). Errors are google.rpc.Status JSON; the HTTP status follows "
        "the gRPC code.",
    }
    document["securityDefinitions"] = {
        "ApiKey": {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Bearer <API key>` (agentbuilder api-key create)",
        }
    }
    document["security"] = [{"ApiKey": []}]
    _plain_path_parameters(document)
    _uuid_parameters(document)
    stream = document["paths"]["/v1/executions/{executionId}:stream"]["get"]
    stream["produces"] = ["text/event-stream"]
    stream["responses"]["200"] = {
        "description": "Server-Sent Events: one `data:` line per event, each a "
        "StreamExecutionResponse as JSON; the stream ends after the terminal event (completed, "
        "failed or cancelled).",
        "schema": {"$ref": "#/definitions/v1StreamExecutionResponse"},
    }
    return document


def _camel(field_path: str) -> str:
    head, *rest = field_path.split(".")
    return head + "".join(part.title() for part in rest)


def _plain_path_parameters(document: dict) -> None:
    """Path templates like `{agent.id}` become `{agentId}`.

    Many OpenAPI tools refuse a field path as a template name. The URL is the same (so PATCH
    joins the GET and DELETE of /v1/agents/{agentId}); the parameter's description names the
    field it sets.
    """
    paths: dict = {}
    for path, item in document["paths"].items():
        for field in re.findall(r"\{(\w+(?:\.\w+)+)\}", path):
            path = path.replace(f"{{{field}}}", f"{{{_camel(field)}}}")
            for operation in item.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path" and parameter["name"] == field:
                        parameter["name"] = _camel(field)
                        parameter["description"] += f" (sets {field})"
        paths.setdefault(path, {}).update(item)
    document["paths"] = paths


def _uuid_parameters(document: dict) -> None:
    """Every `...Id` path or query parameter is a UUID (ids are server-assigned UUIDs)."""
    for item in document["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] in ("path", "query") and parameter["name"].endswith("Id"):
                    if parameter.get("type") == "string":
                        parameter["format"] = "uuid"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", choices=["all", "deps"], default="all")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT, help="output root")
    parser.add_argument("--only", default=",".join(TARGETS), help="comma-separated targets")
    args = parser.parse_args()
    targets = args.only.split(",")
    if unknown := set(targets) - set(TARGETS):
        parser.error(f"unknown targets {sorted(unknown)}; choose from {TARGETS}")
    stage_deps()
    if args.what == "deps":
        return
    out = args.out.resolve()
    if "python" in targets:
        generate(out)
    for name, module in CLIENTS.items():
        if name in targets:
            print(f">> generating the {name} client into {module.GENERATED}", file=sys.stderr)
            module.generate(out, PROTOS, DEPS)


if __name__ == "__main__":
    main()
