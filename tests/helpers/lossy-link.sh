#!/usr/bin/env bash
# A lossy Ethernet link between a guest and this machine's Linux TCP, in a
# network namespace of its own (tests/bats/net-loss.bats):
#
#   tests/helpers/lossy-link.sh DIR SEED COMMAND [ARGS...]
#
# makes a user and network namespace (`unshare -Urn`, which works as root
# and inside the toolchain container, where plain `unshare -n` lacks the
# capability) holding nothing but lo and tap0 = 10.0.3.1/24, starts
# lossy-relay.py between tap0 and a Unix datagram socket, and runs COMMAND
# there with QEMU_NETDEV set to QEMU's end of that socket (qemu.sh puts
# the e1000 on it). QEMU itself still runs in a loopback-only namespace of
# its own (isolated.sh); only the relay's frames reach tap0, and nothing
# leaves the namespace. When COMMAND ends the relay is stopped and its
# counts are in DIR/relay.log. Exits with COMMAND's status.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 3 ]; then
	sed -n '2,15p' "$0" >&2
	exit 2
fi
if [ "${LOSSY_LINK_INSIDE:-}" != 1 ]; then
	if [ ! -c /dev/net/tun ]; then
		echo "lossy-link.sh: /dev/net/tun: no such device (modprobe tun; podman/run.sh passes it in)" >&2
		exit 1
	fi
	exec unshare -Urn env LOSSY_LINK_INSIDE=1 "$0" "$@"
fi
dir=$1 seed=$2
shift 2
mkdir -p "$dir"
ip link set lo up
# Unix socket paths are short (108 bytes): keep them in /tmp
sockets=$(mktemp -d /tmp/lossy-link.XXXXXX)
# LOSSY_RELAY="LOSS DELAY_MS REORDER" overrides the relay's impairment
# shellcheck disable=SC2086
"$here/lossy-relay.py" "$sockets/relay.sock" "$sockets/qemu.sock" tap0 "$seed" ${LOSSY_RELAY:-} \
	>"$dir/relay.log" 2>&1 &
relay=$!
cleanup() {
	kill "$relay" 2>/dev/null || true
	wait "$relay" 2>/dev/null || true
	rm -rf "$sockets"
}
trap cleanup EXIT
for _ in $(seq 50); do
	[ -S "$sockets/relay.sock" ] && ip link show tap0 >/dev/null 2>&1 && break
	sleep 0.1
done
if ! ip link show tap0 >/dev/null 2>&1; then
	echo "lossy-link.sh: the relay made no tap0:" >&2
	cat "$dir/relay.log" >&2
	exit 1
fi
ip addr add 10.0.3.1/24 dev tap0
ip link set tap0 up
export QEMU_NETDEV="dgram,id=net0,local.type=unix,local.path=$sockets/qemu.sock,remote.type=unix,remote.path=$sockets/relay.sock"
rc=0
"$@" || rc=$?
exit "$rc"
