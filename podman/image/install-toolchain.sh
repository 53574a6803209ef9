#!/usr/bin/env bash
# Installs the redox-c toolchain (packages.list beside this file) with apt.
#
#   install-toolchain.sh --image BASE   inside the Containerfile build: set the
#                                       apt sources, install everything, record
#                                       versions in /etc/redox-toolchain.versions
#   install-toolchain.sh --host         on a Debian/Ubuntu host (native_bootstrap.sh):
#                                       install only what is missing
#
# Both modes give the unversioned LLVM names (clang, ld.lld, llvm-ar, ...) the
# Makefiles call, because Debian's clang-14/lld-14/llvm-14 only ship
# versioned ones in /usr/bin.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LLVM_VERSION=14
VERSIONS_FILE=/etc/redox-toolchain.versions
# Unversioned names the build and the tests use (llvm-symbolizer: ASan reports).
LLVM_TOOLS=(clang clang++ clang-cpp ld.lld lld llvm-ar llvm-ranlib llvm-nm llvm-objcopy
	llvm-objdump llvm-readelf llvm-readobj llvm-strip llvm-size llvm-addr2line
	llvm-symbolizer llvm-dwarfdump)

die() { echo "install-toolchain.sh: $*" >&2; exit 1; }

mode=${1:-}
case $mode in
--image) base=${2:-unknown} ;;
--host) ;;
*) die "usage: install-toolchain.sh --image BASE | --host" ;;
esac
[ "$(id -u)" = 0 ] || die "must run as root (apt-get)"

# Package names without the comments of packages.list.
mapfile -t packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/packages.list")
export DEBIAN_FRONTEND=noninteractive

missing_packages() {
	local p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			echo "$p"
	done
}

if [ "$mode" = --image ]; then
	# One set of sources whatever the base: a debootstrap base only knows
	# "bookworm main", without the security and point-release updates.
	rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*
	cp "$here/debian.sources" /etc/apt/sources.list.d/debian.sources
	# No translations: the image has no use for them.
	echo 'Acquire::Languages "none";' >/etc/apt/apt.conf.d/99redox-no-translations
	apt-get update -q
	# Recommends would drag in python3, X11 and GUI bits of QEMU.
	apt-get install -y -q --no-install-recommends "${packages[@]}"
	apt-get clean
	rm -rf /var/lib/apt/lists/*
else
	mapfile -t need < <(missing_packages)
	if [ "${#need[@]}" -gt 0 ]; then
		echo "install-toolchain.sh: installing ${need[*]}"
		apt-get update -q
		apt-get install -y -q --no-install-recommends "${need[@]}"
	fi
fi

# Unversioned names: only where nothing of that name is on PATH already, so
# a host's own clang (or gcc's cc) is never shadowed.
link_if_missing() {
	local name=$1 target=$2
	[ -x "$target" ] || return 0
	command -v "$name" >/dev/null 2>&1 && return 0
	ln -sf "$target" "/usr/local/bin/$name"
}
mkdir -p /usr/local/bin
for t in "${LLVM_TOOLS[@]}"; do
	link_if_missing "$t" "/usr/lib/llvm-$LLVM_VERSION/bin/$t"
done
# The image has no gcc: host tools and host tests are built with cc = clang.
link_if_missing cc "/usr/lib/llvm-$LLVM_VERSION/bin/clang"
link_if_missing c++ "/usr/lib/llvm-$LLVM_VERSION/bin/clang++"

if [ "$mode" = --image ]; then
	# The tree is bind-mounted with its host owner; git must not refuse it.
	git config --system --add safe.directory '*'
	{
		echo "# redox-c toolchain image (base image: $base)"
		echo "# packages (dpkg-query)"
		dpkg-query -W -f='${Package} ${Version}\n' "${packages[@]}" | sort
		echo "# tools (first line of --version)"
		for t in clang ld.lld llvm-ar llvm-objcopy nasm make qemu-system-x86_64 bats; do
			printf '%-20s %s\n' "$t" "$("$t" --version 2>&1 | sed -n '/[0-9]/{p;q}')"
		done
	} >"$VERSIONS_FILE"
	# python3 comes in only as a dependency of clang-format-14 (its diff
	# helper scripts); no build step uses it.
fi
