#!/usr/bin/env bash
# Build-time benchmark: a clean `make all` of the default config (in a
# fresh copy of the tree, so the working build/ is untouched), then a
# second `make all` that should do nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
copy=$(mktemp -d /tmp/bench-build.XXXXXX)
trap 'rm -rf "$copy"' EXIT
git -C "$root" ls-files -z | tar -C "$root" --null -T - -cf - | tar -C "$copy" -xf -
cd "$copy"
export PODMAN_BUILD=0
t0=$(date +%s%N)
make all >build.log 2>&1 || { tail -20 build.log; exit 1; }
t1=$(date +%s%N)
make all >noop.log 2>&1
t2=$(date +%s%N)
echo "bench: build: clean make all: $(((t1 - t0) / 1000000)) ms"
echo "bench: build: no-op make all: $(((t2 - t1) / 1000000)) ms"
