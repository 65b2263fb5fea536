#!/usr/bin/env bash
# Checks protos/ for WIRE_JSON-breaking changes. The baseline is the descriptor set committed in
# gateway/agentbuilder.pb at origin/main (when this is a branch of it) or else at the newest earlier
# commit that changed protos/ (at HEAD when protos/ has uncommitted changes).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then
  echo ">> buf breaking: no commits yet, skipped"; exit 0
fi
head=$(git rev-parse HEAD)
if git rev-parse --verify -q origin/main >/dev/null && [ "$(git rev-parse origin/main)" != "$head" ]; then
  base=$(git merge-base origin/main HEAD)
elif [ -n "$(git status --porcelain protos)" ]; then
  base=$head
else
  base=$(git log --format=%H -n 1 --skip 1 -- protos || true)
fi
if [ -z "$base" ] || ! git cat-file -e "$base:gateway/agentbuilder.pb" 2>/dev/null; then
  echo ">> buf breaking: no earlier descriptor set to compare with, skipped"; exit 0
fi
against=$(mktemp --suffix=.binpb)
trap 'rm -f "$against"' EXIT
git show "$base:gateway/agentbuilder.pb" >"$against"
echo ">> buf breaking (WIRE_JSON) against gateway/agentbuilder.pb at ${base:0:12}"
buf breaking protos --against "$against" --exclude-imports
