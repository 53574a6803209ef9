# shellcheck shell=bash disable=SC2034  # the variables are for the sourcing scripts
# Shared by podman/image.sh and podman/run.sh (sourced, not run): where the
# project keeps its podman state, the image names, and how to call podman
# with whatever this machine needs (see docs/podman.md).
#
# State (all under build/podman/, removed by `make container_clean`):
#   env            what podman/image.sh detected: conf=default|project, base=IMAGE
#   toolchain.tag  the toolchain image last built for this tree
#   lock           serialises image builds of concurrent `make` runs

# The caller's own CONTAINERS_CONF, if any: detection tries it first.
USER_CONTAINERS_CONF=${CONTAINERS_CONF-}
USER_CONTAINERS_CONF_SET=${CONTAINERS_CONF+1}

REDOX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR=$REDOX_ROOT/build/podman
ENV_FILE=$STATE_DIR/env
PROJECT_CONF=$REDOX_ROOT/podman/containers.conf
# PODMAN: the podman command (tests point it at a missing one).
PODMAN=${PODMAN:-podman}
TOOLCHAIN_REPO=localhost/redox-c-toolchain
LOCAL_BASE=localhost/redox-c-base:bookworm
# Label on every image and container the project makes, for container_clean.
LABEL=org.redox-c.project=redox-c
# Marks what belongs to this tree: container_clean removes only that.
TREE_LABEL=org.redox-c.tree=$REDOX_ROOT
# On each container: "boot id:pid" of the podman/run.sh that runs it.
OWNER_LABEL=org.redox-c.owner
HOST_BOOT_ID=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo unknown)

# The pinned registry base is the Containerfile's default, so there is one
# place to change it.
PINNED_BASE=$(sed -n 's/^ARG BASE_IMAGE=//p' "$REDOX_ROOT/Containerfile" | head -n1)

log() { echo "podman: $*" >&2; }
die() {
	echo "podman: $*" >&2
	exit 1
}

# Removes this tree's containers whose podman/run.sh is gone (another host
# boot, or a pid that no longer runs): what a SIGKILLed run left behind.
remove_stale_containers() {
	local id owner pid
	"$PODMAN" ps -a --filter "label=$TREE_LABEL" \
		--format "{{.ID}} {{index .Labels \"$OWNER_LABEL\"}}" 2>/dev/null |
		while read -r id owner; do
			pid=${owner##*:}
			if [ "${owner%%:*}" = "$HOST_BOOT_ID" ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
				continue
			fi
			log "removing container ${id:0:12} left by an earlier run"
			"$PODMAN" rm -f -t 0 "$id" >/dev/null 2>&1 || true
		done
}

need_podman() {
	command -v "$PODMAN" >/dev/null 2>&1 ||
		die "$PODMAN not found; install podman (and runc), e.g. with ./podman_bootstrap.sh"
}

# The image tag: a hash of everything that goes into the image, so a change of
# Containerfile or podman/image/ gives a new tag and thus a rebuild.
toolchain_tag() {
	local hash inputs
	mapfile -t inputs < <(cd "$REDOX_ROOT" && find podman/image -type f | LC_ALL=C sort)
	hash=$(cd "$REDOX_ROOT" && sha256sum Containerfile "${inputs[@]}" | sha256sum | cut -c1-12)
	echo "$TOOLCHAIN_REPO:$hash"
}

# Reads build/podman/env into detected_conf and detected_base, and exports
# CONTAINERS_CONF when this machine needs the project's containers.conf.
detected_conf=
detected_base=
load_env() {
	local key value
	detected_conf=''
	detected_base=''
	[ -r "$ENV_FILE" ] || return 1
	while IFS='=' read -r key value; do
		case $key in
		conf) detected_conf=$value ;;
		base) detected_base=$value ;;
		esac
	done <"$ENV_FILE"
	if [ "$detected_conf" = project ]; then
		export CONTAINERS_CONF="$PROJECT_CONF"
	else
		restore_user_conf
	fi
	[ -n "$detected_conf" ] && [ -n "$detected_base" ]
}

save_env() {
	mkdir -p "$STATE_DIR"
	{
		echo "# Written by podman/image.sh: how podman works on this machine."
		echo "# conf=project: every podman call uses CONTAINERS_CONF=podman/containers.conf."
		echo "# Delete this file (or run make container_clean) to detect again."
		echo "conf=$detected_conf"
		echo "base=$detected_base"
	} >"$ENV_FILE.tmp"
	mv "$ENV_FILE.tmp" "$ENV_FILE"
}

# Serialise image work between concurrent make runs (fd 9 stays open until
# the script exits). Without flock (not Linux) there is simply no lock.
take_lock() {
	mkdir -p "$STATE_DIR"
	command -v flock >/dev/null 2>&1 || return 0
	exec 9>"$STATE_DIR/lock"
	if ! flock -n 9; then
		log "waiting for another make to finish building the toolchain image"
		flock 9
	fi
}

restore_user_conf() {
	if [ -n "$USER_CONTAINERS_CONF_SET" ]; then
		export CONTAINERS_CONF="$USER_CONTAINERS_CONF"
	else
		unset CONTAINERS_CONF
	fi
}

# Sets PODMAN_BUILD?=VALUE in the tree's .config: replaces an existing
# PODMAN_BUILD line, else appends one; other lines stay as they are.
set_podman_build() {
	local value=$1 config=$REDOX_ROOT/.config line="PODMAN_BUILD?=$1"
	local pattern='^[[:space:]]*PODMAN_BUILD[[:space:]]*[:?]?='
	if [ -f "$config" ] && grep -qE "$pattern" "$config"; then
		# Rewrite only when it differs, so a re-run leaves .config untouched.
		grep -qxF "$line" "$config" && [ "$(grep -cE "$pattern" "$config")" = 1 ] && return 0
		sed -i -E "s/${pattern}.*/${line}/" "$config"
	else
		echo "$line" >>"$config"
	fi
}
