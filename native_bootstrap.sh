#!/usr/bin/env bash
# First-time set-up for building redox-c natively (no container): installs
# the toolchain image's packages (podman/image/packages.list) on this
# Debian/Ubuntu host with apt, adds the unversioned LLVM names where missing,
# and writes PODMAN_BUILD?=0 into .config. Also `./podman_bootstrap.sh -d`.
# See docs/podman.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=podman/lib.sh
source "$here/podman/lib.sh"
me=native_bootstrap.sh

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
	echo "$me: needs a Debian/Ubuntu host (apt); elsewhere install the packages of podman/image/packages.list (clang/lld/llvm 14, nasm, make, qemu-system-x86, ovmf, bats, ...) yourself, or use ./podman_bootstrap.sh" >&2
	exit 1
fi

# The same script the Containerfile runs, so native and container agree.
installer=$here/podman/image/install-toolchain.sh
if [ "$(id -u)" = 0 ]; then
	bash "$installer" --host
elif command -v sudo >/dev/null 2>&1; then
	sudo bash "$installer" --host
else
	echo "$me: installing packages needs root; run it as root or install sudo" >&2
	exit 1
fi

set_podman_build 0
echo "$me: host toolchain ready; .config has PODMAN_BUILD?=0"
make -s -C "$here" toolchain-info PODMAN_BUILD=0 || echo "$me: make toolchain-info failed (see above)" >&2
