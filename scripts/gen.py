"""Generates code from protos/: Python stubs (+ .pyi) and the gateway descriptor set.

Usage:
    python scripts/gen.py            # regenerate into the repository (what `make gen` runs)
    python scripts/gen.py deps       # only stage google/api and google/rpc protos for buf
    python scripts/gen.py --out DIR  # generate into DIR instead (the drift check compares)

The google/api and google/rpc protos are copied from the installed googleapis-common-protos
package into build/proto-deps: third-party sources are never committed.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import sys

import google.api
from grpc_tools import protoc

ROOT = pathlib.Path(__file__).resolve().parents[1]
PROTOS = ROOT / "protos"
DEPS = ROOT / "build" / "proto-deps"
PYTHON_OUT = "clients/python"
DESCRIPTOR_OUT = "gateway/agentbuilder.pb"
# Generated Python packages, relative to PYTHON_OUT; each gets an __init__.py.
PACKAGES = ["agentbuilder/v1", "agentbuilder/sandbox/v1"]


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
    for package in PACKAGES:
        for directory in [python_out / package, *(python_out / package).parents]:
            if directory == python_out:
                break
            init = directory / "__init__.py"
            if not init.exists():
                init.write_text("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", choices=["all", "deps"], default="all")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT, help="output root")
    args = parser.parse_args()
    stage_deps()
    if args.what == "all":
        generate(args.out.resolve())


if __name__ == "__main__":
    main()
