#!/usr/bin/env bash
# Run a command (QEMU) where the guest cannot reach beyond this machine:
# in a network namespace holding nothing but loopback.
#
#   tests/helpers/isolated.sh COMMAND [ARGS...]
#
# Inside the toolchain container (podman --network none) that is already
# true and the command runs as it is. Otherwise, as root, a fresh namespace
# is made with `unshare -n`. Anything else is refused rather than risk the
# guest's traffic leaving the machine.
set -euo pipefail

only_loopback() {
	local ifaces
	ifaces=$(ls /sys/class/net 2>/dev/null || true)
	[ -n "$ifaces" ] && [ "$ifaces" = "lo" ]
}

if only_loopback; then
	exec "$@"
fi
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
	exec unshare -n -- sh -c 'ip link set lo up 2>/dev/null || true; exec "$@"' sh "$@"
fi
echo "isolated.sh: refusing to start QEMU with the host's network; run as root (for unshare -n) or with PODMAN_BUILD=1" >&2
exit 1
