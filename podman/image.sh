#!/usr/bin/env bash
# Makes and removes the redox-c toolchain image (see docs/podman.md).
#
#   podman/image.sh ensure [-q]  base image + podman set-up detection + toolchain
#                                image, each only if missing; prints the tag
#                                (-q: does not); progress goes to stderr
#   podman/image.sh tag          the toolchain image name for this tree
#   podman/image.sh clean        remove this tree's containers and toolchain
#                                images, and build/podman/ (PODMAN_CLEAN_BASE=1:
#                                the debootstrap base image too)
#
# Environment: PODMAN_BASE_IMAGE forces a base image; PODMAN_PULL_TIMEOUT
# (seconds, default 90) bounds the attempt to pull the pinned base.
set -euo pipefail
# shellcheck source=podman/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A trivial container of IMAGE under the current podman configuration.
try_run() {
	"$PODMAN" run --rm --network none --label "$LABEL" --label "$TREE_LABEL" "$1" true 2>&1
}

# Picks (and if need be makes) the base image; sets detected_base.
ensure_base() {
	local candidate
	for candidate in "${PODMAN_BASE_IMAGE:-}" "$detected_base" "$PINNED_BASE" "$LOCAL_BASE"; do
		if [ -n "$candidate" ] && "$PODMAN" image exists "$candidate"; then
			detected_base=$candidate
			return
		fi
	done
	[ -z "${PODMAN_BASE_IMAGE:-}" ] || die "PODMAN_BASE_IMAGE=$PODMAN_BASE_IMAGE: no such image"

	# A workstation with registry access takes the pinned image. Where no
	# registry is reachable the pull fails within a second (DNS); the timeout
	# only covers networks that silently drop the connection.
	log "pulling $PINNED_BASE"
	if timeout "${PODMAN_PULL_TIMEOUT:-90}" "$PODMAN" pull -q "$PINNED_BASE" >"$STATE_DIR/pull.log" 2>&1; then
		detected_base=$PINNED_BASE
		return
	fi
	log "cannot pull it ($(grep -m1 . "$STATE_DIR/pull.log" || echo timeout))"
	log "making $LOCAL_BASE with debootstrap from deb.debian.org"
	make_debootstrap_base
	detected_base=$LOCAL_BASE
}

make_debootstrap_base() {
	[ "$(id -u)" = 0 ] ||
		die "debootstrap needs root: run 'sudo debootstrap --variant=minbase bookworm DIR http://deb.debian.org/debian' and 'sudo tar -C DIR -c . | podman import - $LOCAL_BASE', or set PODMAN_BASE_IMAGE"
	command -v debootstrap >/dev/null 2>&1 ||
		die "debootstrap not found (apt-get install debootstrap, or run ./podman_bootstrap.sh)"
	local rootfs
	local start=$SECONDS
	rootfs=$(mktemp -d "$STATE_DIR/rootfs.XXXXXX")
	# --one-file-system: if debootstrap died with proc/sys still mounted in
	# there, never recurse into the host's /proc or /sys.
	trap 'rm -rf --one-file-system "$rootfs"' EXIT
	debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$STATE_DIR/debootstrap.log" 2>&1 ||
		die "debootstrap failed; see $STATE_DIR/debootstrap.log"
	tar --numeric-owner -C "$rootfs" -c . |
		"$PODMAN" import -q --change 'CMD ["/bin/bash"]' \
			--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
			- "$LOCAL_BASE" >/dev/null
	rm -rf --one-file-system "$rootfs"
	trap - EXIT
	log "made $LOCAL_BASE in $((SECONDS - start)) s"
}

# Sets detected_conf: "default" if podman runs containers as configured,
# "project" if only podman/containers.conf makes it work (crun on a hybrid
# cgroup host, or default ulimits the process may not set).
detect_conf() {
	local out_default out_project
	if out_default=$(try_run "$detected_base"); then
		detected_conf=default
		return
	fi
	if out_project=$(CONTAINERS_CONF=$PROJECT_CONF try_run "$detected_base"); then
		detected_conf=project
		log "podman's defaults fail here ($(echo "$out_default" | grep -m1 -iE 'hybrid|setrlimit|error' || echo "$out_default" | head -n1)); using podman/containers.conf"
		return
	fi
	echo "$out_default" >&2
	echo "$out_project" >&2
	die "podman cannot start a container, with its own configuration or with podman/containers.conf (is runc installed?)"
}

ensure() {
	local quiet=${1:-} tag
	need_podman
	tag=$(toolchain_tag)
	# Fast path, without the lock: detection done and the image exists.
	if load_env && "$PODMAN" image exists "$tag"; then
		[ -n "$quiet" ] || echo "$tag"
		return
	fi
	take_lock
	if ! load_env || ! "$PODMAN" image exists "$detected_base"; then
		# Detect with the user's own configuration first.
		restore_user_conf
		ensure_base
		detect_conf
		save_env
		load_env
	fi
	if ! "$PODMAN" image exists "$tag"; then
		log "building $tag from $detected_base (once; takes a minute or two)"
		local start=$SECONDS
		# The whole apt log is noise when all goes well: keep it in a file.
		if ! "$PODMAN" build --network host --pull=never \
			--build-arg BASE_IMAGE="$detected_base" \
			--label "$LABEL" --label "$TREE_LABEL" \
			-t "$tag" -f "$REDOX_ROOT/Containerfile" "$REDOX_ROOT/podman/image" \
			>"$STATE_DIR/build.log" 2>&1; then
			tail -n 30 "$STATE_DIR/build.log" >&2
			die "building $tag failed; whole log: build/podman/build.log"
		fi
		log "built $tag in $((SECONDS - start)) s"
		remove_old_tags "$tag"
	fi
	echo "$tag" >"$STATE_DIR/toolchain.tag"
	[ -n "$quiet" ] || echo "$tag"
}

# Earlier toolchain images of this tree (other inputs, other hash) only take
# disk space; images of other trees are left alone. An image still in use
# stays (rmi fails, ignored).
remove_old_tags() {
	local old
	"$PODMAN" images --filter "label=$TREE_LABEL" \
		--format '{{.Repository}}:{{.Tag}}' | { grep -vxF "$1" || true; } |
		while read -r old; do
			[ "${old%%:*}" = "$TOOLCHAIN_REPO" ] || continue
			"$PODMAN" rmi "$old" >/dev/null 2>&1 || true
		done
}

# Everything of this tree: its containers (stale ones, and any still running:
# a clean is a reset), its toolchain images, and the current tag even when
# another tree built it. Other trees' images and containers stay.
clean() {
	local -a ids
	local tag
	need_podman
	load_env || true
	tag=$(toolchain_tag)
	mapfile -t ids < <("$PODMAN" ps -a -q --filter "label=$TREE_LABEL")
	[ "${#ids[@]}" = 0 ] || "$PODMAN" rm -f "${ids[@]}" >/dev/null
	mapfile -t ids < <({
		"$PODMAN" images -q --filter "label=$TREE_LABEL"
		"$PODMAN" image exists "$tag" && "$PODMAN" images -q "$tag"
	} | sort -u)
	[ "${#ids[@]}" = 0 ] || "$PODMAN" rmi -f "${ids[@]}" >/dev/null
	if [ "${PODMAN_CLEAN_BASE:-0}" = 1 ] && "$PODMAN" image exists "$LOCAL_BASE"; then
		"$PODMAN" rmi -f "$LOCAL_BASE" >/dev/null
	fi
	rm -rf --one-file-system "$STATE_DIR"
	log "removed this tree's toolchain images and containers, and build/podman/"
}

case ${1:-} in
ensure) ensure "${2:-}" ;;
tag) toolchain_tag ;;
clean) clean ;;
*) die "usage: podman/image.sh ensure [-q] | tag | clean" ;;
esac
