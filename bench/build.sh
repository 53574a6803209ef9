#!/usr/bin/env bash
# Build-time benchmark: a clean `make -j2 all` of the default config (in a
# fresh copy of the tree, so the working build/ is untouched; the toolchain
# image is there and the fetched third-party tarballs are copied along, as
# after podman_bootstrap.sh), then a second `make all` that should do
# nothing. Prints "bench: build: clean make all: N ms" and
# "bench: build: no-op make all: N ms".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
copy=$(mktemp -d /tmp/bench-build.XXXXXX)
trap 'rm -rf "$copy"' EXIT
# The tracked files; where git cannot read the repository (a worktree whose
# main .git is not mounted in the container) everything but build/ and .git.
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$root" ls-files -z | tar -C "$root" --null -T - -cf - | tar -C "$copy" -xf -
else
	tar -C "$root" --exclude=./build --exclude=./.git --exclude=./.config -cf - . |
		tar -C "$copy" -xf -
fi
if [ -d "$root/build/source-cache" ]; then
	mkdir -p "$copy/build/source-cache"
	find "$root/build/source-cache" -maxdepth 1 -type f -exec cp {} "$copy/build/source-cache/" \;
fi
cd "$copy"
export PODMAN_BUILD=0
unset MAKEFLAGS MFLAGS MAKELEVEL BUILD
t0=$(date +%s%N)
make -j2 all >build.log 2>&1 || {
	tail -20 build.log
	exit 1
}
t1=$(date +%s%N)
make -j2 all >noop.log 2>&1
t2=$(date +%s%N)
echo "bench: build: clean make all: $(((t1 - t0) / 1000000)) ms"
echo "bench: build: no-op make all: $(((t2 - t1) / 1000000)) ms"
