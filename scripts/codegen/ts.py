"""TypeScript client code: protoc-gen-es (protobuf-es v2) messages and services in clients/ts.

protobuf-es v2 writes message schemas and service descriptors in one `_pb.ts` per proto, under
src/gen; the Connect clients (`@connectrpc/connect` v2) take those descriptors directly, so no
second plugin is needed. The well-known types come from `@bufbuild/protobuf/wkt`. No package of
the npm registry holds protobuf-es v2 code for google/api and google/rpc, so the google protos
that the public protos import (and what those import in turn) are generated here too, into
src/gen/google/: generated output only, their .proto sources stay uncommitted (build/proto-deps).

The plugin is the npm package pinned in clients/ts/package-lock.json (`npm ci` in clients/ts):
    cd clients/ts && npm ci
"""

from __future__ import annotations

import pathlib
import re
import shutil
import sys

from grpc_tools import protoc

GENERATED = "clients/ts/src/gen"
PUBLIC_PACKAGE = "agentbuilder/v1"
PLUGIN = pathlib.Path(__file__).resolve().parents[2] / "clients/ts/node_modules/.bin/protoc-gen-es"
# target=ts: TypeScript sources, type-checked with the client; import_extension=js: the imports
# Node's ESM resolution (and tsc's "nodenext") needs.
OPTIONS = "target=ts,import_extension=js"
_IMPORT = re.compile(r'^import\s+(?:public\s+|weak\s+)?"([^"]+)";', re.M)


def generate(out_root: pathlib.Path, protos: pathlib.Path, deps: pathlib.Path) -> None:
    """Writes the TypeScript of every public proto under out_root / GENERATED (replacing it)."""
    if not PLUGIN.exists():
        sys.exit(f"{PLUGIN} is missing: run `npm ci` in clients/ts (or `make tools`)")
    target = out_root / GENERATED
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    public = sorted(
        p.relative_to(protos).as_posix() for p in (protos / PUBLIC_PACKAGE).glob("*.proto")
    )
    files = public + _google_imports(public, [protos, deps])
    grpc_include = pathlib.Path(protoc.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{protos}",
        f"-I{deps}",
        f"-I{grpc_include}",
        f"--plugin=protoc-gen-es={PLUGIN}",
        f"--es_out={target}",
        f"--es_opt={OPTIONS}",
        *files,
    ]
    if protoc.main(args) != 0:
        sys.exit("protoc (TypeScript, protoc-gen-es) failed")


def _google_imports(files: list[str], roots: list[pathlib.Path]) -> list[str]:
    """The google/api and google/rpc protos `files` import, directly or not, sorted.

    google/protobuf (the well-known types) is left out: @bufbuild/protobuf ships it.
    """
    found: set[str] = set()
    pending = list(files)
    while pending:
        name = pending.pop()
        source = next((root / name for root in roots if (root / name).exists()), None)
        if source is None:
            sys.exit(
                f"{name} not found under {', '.join(map(str, roots))}: run scripts/gen.py deps"
            )
        for imported in _IMPORT.findall(source.read_text()):
            if imported.startswith("google/protobuf/") or imported in found:
                continue
            if imported.startswith("google/"):
                found.add(imported)
                pending.append(imported)
    return sorted(found)
