#!/usr/bin/env bash
# First-time set-up for building redox-c inside the toolchain container:
# installs podman (and runc, debootstrap, uidmap) on Debian/Ubuntu when
# missing, builds the base and toolchain images, and writes PODMAN_BUILD?=1
# into .config so that every `make` runs in the container. Re-running it is
# quick: nothing is redone that exists. See docs/podman.md.
#
#   ./podman_bootstrap.sh       the container set-up
#   ./podman_bootstrap.sh -d    native set-up instead (native_bootstrap.sh)
#   ./podman_bootstrap.sh -n    install no host packages, only check for them
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=podman/lib.sh
source "$here/podman/lib.sh"
me=podman_bootstrap.sh

usage() {
	sed -n 's/^#   //p' "${BASH_SOURCE[0]}"
	exit "${1:-0}"
}

install=1
while getopts dnh opt; do
	case $opt in
	d) exec "$here/native_bootstrap.sh" ;;
	n) install=0 ;;
	h) usage 0 ;;
	*) usage 1 >&2 ;;
	esac
done

# What the container path needs from the host: podman with runc (crun fails
# on cgroup-hybrid hosts), debootstrap for the base image where no registry
# is reachable, uidmap for rootless podman, catatonit as the container's init
# (signals reach make; see podman/run.sh).
HOST_PACKAGES=(podman runc catatonit debootstrap uidmap curl)
not_found="$me: podman not found; install podman (and runc) with your system's package manager, then run $me again"

is_debian() {
	command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1
}

# apt needs root: use sudo when we are not root (a workstation).
as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		return 1
	fi
}

if is_debian; then
	missing=()
	for p in "${HOST_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			missing+=("$p")
	done
	if [ "${#missing[@]}" -gt 0 ] && [ "$install" = 1 ]; then
		echo "$me: installing ${missing[*]}"
		# Update the package lists only when there is something to install.
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
			as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" ||
			echo "$me: apt-get could not install ${missing[*]}" >&2
	fi
fi
if ! command -v "$PODMAN" >/dev/null 2>&1; then
	echo "$not_found" >&2
	exit 1
fi

start=$SECONDS
tag=$("$here/podman/image.sh" ensure)
set_podman_build 1
# The container has no network: third-party sources are fetched here.
"$here/podman/fetch-sources.sh" || echo "$me: some recipe sources could not be fetched (see above)" >&2
echo "$me: toolchain image $tag ready ($((SECONDS - start)) s); .config has PODMAN_BUILD?=1"
echo "$me: try 'make toolchain-info', then 'make all'"
