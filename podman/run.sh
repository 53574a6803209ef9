#!/usr/bin/env bash
# Runs something in the redox-c toolchain container (see docs/podman.md).
#
#   podman/run.sh make GOAL...   `make GOAL... PODMAN_BUILD=0` inside, with the
#                                caller's make flags and command-line variables
#                                (taken from MAKEFLAGS); used by mk/podman.mk
#   podman/run.sh shell          an interactive shell (make container_shell)
#   podman/run.sh exec CMD...    any command
#
# The tree is mounted at its own absolute path and the working directory is
# kept, so paths printed inside are valid outside. Always --network none: the
# guest's QEMU user networking then reaches nothing beyond the container.
# REDOX_PODMAN_ENV: names of environment variables to pass in (mk/podman.mk
# sets it to the build variables the user set in the environment).
set -euo pipefail
# shellcheck source=podman/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode=${1:-}
[ $# -gt 0 ] && shift
case $mode in
make | shell | exec) ;;
*) die "usage: podman/run.sh make GOAL... | shell | exec CMD..." ;;
esac
need_podman

# Builds the images on first use (or after Containerfile/podman/image/ change);
# otherwise one `podman image exists`.
"$REDOX_ROOT/podman/image.sh" ensure -q
tag=$(toolchain_tag)
load_env || die "build/podman/env missing after podman/image.sh ensure"

# Keep the caller's directory when it lies inside the tree.
workdir=$PWD
case $workdir/ in
"$REDOX_ROOT"/*) ;;
*) workdir=$REDOX_ROOT ;;
esac

args=(run --rm --network none --security-opt label=disable --user 0:0
	--label "$LABEL" --label "$TREE_LABEL" -v "$REDOX_ROOT:$REDOX_ROOT" -w "$workdir" -e HOME=/root)

# A git worktree's .git file points into the main repository's .git: mount
# that too, so git (make format, host-test-format) works inside.
common=$(git -C "$REDOX_ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
case $common in
"" | "$REDOX_ROOT"/*) ;;
*) args+=(-v "$common:$common:ro") ;;
esac

# The shared specs and seed sit beside the tree on every developer and CI
# machine; tests may read them (never write).
shared=$(dirname "$REDOX_ROOT")/shared
[ -d "$shared" ] && args+=(-v "$shared:$shared:ro")

# /dev/kvm goes in unless tests/helpers/accel.sh (the one KVM-or-TCG
# decision) already found during this host boot that it runs no guest; a
# first probe then happens inside, where QEMU is.
if [ -c /dev/kvm ] && { : <>/dev/kvm; } 2>/dev/null &&
	[ "$("$REDOX_ROOT/tests/helpers/accel.sh" --cached)" != tcg ]; then
	args+=(--device /dev/kvm)
fi

# The lossy-link test (tests/helpers/lossy-link.sh) makes a tap device in a
# namespace of its own: it needs the tun device.
[ -c /dev/net/tun ] && args+=(--device /dev/net/tun)

# Nothing outlives the caller: catatonit as PID 1 passes signals on to make
# (make as PID 1 would ignore them), a trap removes the container when this
# script is interrupted, and containers left by a run that could not clean
# up (killed with SIGKILL, host crash) are removed on the next start. The
# owner label is "boot id:pid" of the run.sh that started the container.
remove_stale_containers
name=redox-c-$$-$RANDOM
args+=(--name "$name" --label "$OWNER_LABEL=$HOST_BOOT_ID:$$")
for init in /usr/libexec/podman/catatonit /usr/bin/catatonit /usr/libexec/catatonit/catatonit; do
	if [ -x "$init" ]; then
		args+=(--init)
		break
	fi
done

# A terminal only when there is one: CI has none, and a tty on a piped stdout
# would turn line ends into CRLF.
if [ "$mode" = shell ]; then
	args+=(-i)
	[ -t 0 ] && [ -t 1 ] && args+=(-t -e "TERM=${TERM:-xterm}")
elif [ -t 0 ]; then
	args+=(-i)
	[ -t 1 ] && args+=(-t -e "TERM=${TERM:-xterm}")
fi

for name in ${REDOX_PODMAN_ENV:-}; do
	[ -n "${!name+1}" ] && args+=(-e "$name=${!name}")
done

case $mode in
make)
	# The caller's flags and command-line variables (-j4, -k, V=1,
	# CONFIG_NAME=...) travel in MAKEFLAGS, exactly as to a sub-make; only the
	# jobserver file descriptors do not exist in the container. The explicit
	# PODMAN_BUILD=0 wins over a PODMAN_BUILD=1 in there.
	flags=$(printf '%s' "${MAKEFLAGS:-}" | sed -E 's/ ?--jobserver-(auth|fds)=[^ ]*//g')
	[ -n "$flags" ] && args+=(-e "MAKEFLAGS=$flags")
	cmd=(make "$@" PODMAN_BUILD=0)
	;;
shell) cmd=(bash) ;;
exec)
	[ $# -gt 0 ] || die "exec: no command"
	cmd=("$@")
	;;
esac

on_signal() {
	trap - INT TERM HUP
	log "interrupted: removing container $name"
	"$PODMAN" rm -f -t 2 "$name" >/dev/null 2>&1 || true
	wait 2>/dev/null
	exit $((128 + $1))
}
trap 'on_signal 1' HUP
trap 'on_signal 2' INT
trap 'on_signal 15' TERM

# In the background so that the traps run at once; `<&0` keeps the
# terminal as its stdin (a background job would get /dev/null).
rc=0
"$PODMAN" "${args[@]}" "$tag" "${cmd[@]}" <&0 &
wait $! || rc=$?
# 125-127 are podman's own failures (no runtime, bad image, ...), not make's.
if [ "$rc" -ge 125 ] && [ "$rc" -le 127 ]; then
	log "podman run failed (exit $rc); 'make container_clean' resets the container state"
fi
exit "$rc"
