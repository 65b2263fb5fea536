"""Go client code: protoc-gen-go messages and protoc-gen-go-grpc stubs in clients/go/agentbuilderv1.

The protos carry no `option go_package`: the Go import path of every public proto is given on
the command line (`M` options), so the protos stay language-neutral. google/api and google/rpc
map to the genproto modules (their own go_package says the same), and the well-known types to
google.golang.org/protobuf: none of those is generated here.

The plugins are pinned Go binaries in .tools/bin (`make tools`):
    GOBIN=.tools/bin go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
    GOBIN=.tools/bin go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2
"""

from __future__ import annotations

import pathlib
import shutil
import sys

from grpc_tools import protoc

GENERATED = "clients/go/agentbuilderv1"
MODULE = "github.com/agentbuilder/agentbuilder/clients/go"
GO_PACKAGE = f"{MODULE}/agentbuilderv1;agentbuilderv1"
PUBLIC_PACKAGE = "agentbuilder/v1"
TOOLS = pathlib.Path(__file__).resolve().parents[2] / ".tools" / "bin"
PLUGINS = {"go": TOOLS / "protoc-gen-go", "go-grpc": TOOLS / "protoc-gen-go-grpc"}
# The google imports of the public protos and the genproto packages that already hold them.
GOOGLE_PACKAGES = {
    "google/api/annotations.proto": "google.golang.org/genproto/googleapis/api/annotations",
    "google/api/field_behavior.proto": "google.golang.org/genproto/googleapis/api/annotations",
    "google/api/http.proto": "google.golang.org/genproto/googleapis/api/annotations",
    "google/rpc/status.proto": "google.golang.org/genproto/googleapis/rpc/status",
    "google/rpc/error_details.proto": "google.golang.org/genproto/googleapis/rpc/errdetails",
}


def generate(out_root: pathlib.Path, protos: pathlib.Path, deps: pathlib.Path) -> None:
    """Writes the Go code of every public proto under out_root / GENERATED (replacing it)."""
    for name, plugin in PLUGINS.items():
        if not plugin.exists():
            sys.exit(f"{plugin} is missing: run `make tools` (protoc-gen-{name} is built with Go)")
    target = out_root / GENERATED
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    public = (protos / PUBLIC_PACKAGE).glob("*.proto")
    files = sorted(proto.relative_to(protos).as_posix() for proto in public)
    mappings = {**GOOGLE_PACKAGES, **dict.fromkeys(files, GO_PACKAGE)}
    options = ",".join(f"M{proto}={package}" for proto, package in mappings.items())
    # module= strips the module path, so files land in agentbuilderv1/ under the module root; it
    # also makes protoc-gen-go fail on anything that would be written outside the module.
    module_root = target.parent
    grpc_include = pathlib.Path(protoc.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{protos}",
        f"-I{deps}",
        f"-I{grpc_include}",
        *(f"--plugin=protoc-gen-{name}={plugin}" for name, plugin in PLUGINS.items()),
        f"--go_out={module_root}",
        f"--go_opt=module={MODULE},{options}",
        f"--go-grpc_out={module_root}",
        f"--go-grpc_opt=module={MODULE},{options}",
        *files,
    ]
    if protoc.main(args) != 0:
        sys.exit("protoc (Go) failed")
