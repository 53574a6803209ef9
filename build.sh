#!/usr/bin/env bash
# build.sh: choose architecture and config, then run make.
#
#   ./build.sh [-a ARCH] [-c CONFIG_NAME] [-f FILESYSTEM_CONFIG] [MAKE ARGS...]
#
# With no make arguments it builds the release images of the config
# (`make release`): build/release/redox_<config>_<version>_harddrive.img,
# ..._livedisk.iso and a SHA256SUMS file. `./build.sh -c server` is the
# release path for the server image.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
	sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
	exit "${1:-0}"
}

while getopts "a:c:f:h" opt; do
	case "$opt" in
	a) export ARCH=$OPTARG ;;
	c) export CONFIG_NAME=$OPTARG ;;
	f) export FILESYSTEM_CONFIG=$OPTARG ;;
	h) usage 0 ;;
	*) usage 2 ;;
	esac
done
shift $((OPTIND - 1))

if [ $# -eq 0 ]; then
	set -- release
fi
exec make "$@"
