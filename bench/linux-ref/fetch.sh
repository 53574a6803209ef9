#!/usr/bin/env bash
# The Linux reference's packages, from Debian's archive only, into
# build/source-cache/linux-ref/: the kernel package linux-image-amd64 names
# (its vmlinuz and e1000 module), busybox-static (the initramfs's shell,
# DHCP client and getty) and musl-dev (the C library bench/microbench.c is
# linked against for Linux). Runs on the host, from podman/fetch-sources.sh,
# since the toolchain container has no network; bench/linux-ref/assemble.sh
# unpacks them inside. Packages already there are kept, so the reference
# stays the same kernel until build/source-cache/linux-ref/ is emptied.
# Needs apt (a Debian host); elsewhere it says so and make bench runs
# without the Linux columns.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/build/source-cache/linux-ref"
mkdir -p "$dir"

if ! command -v apt-get >/dev/null 2>&1 || ! command -v apt-cache >/dev/null 2>&1; then
	echo "linux-ref: apt-get not found: the Linux reference of make bench needs a Debian host to fetch its packages" >&2
	exit 1
fi

# The kernel package the metapackage points at (e.g. linux-image-6.1.0-57-amd64).
kernel_package() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -1
}

have() {
	compgen -G "$dir/$1_*.deb" >/dev/null
}

updated=0
fetch() {
	local p=$1
	have "$p" && return 0
	# apt-get download as root warns that _apt cannot write here: harmless
	if ! (cd "$dir" && apt-get download -q "$p" >/dev/null 2>&1); then
		[ "$updated" = 1 ] && return 1
		updated=1
		apt-get update -q >/dev/null 2>&1 || true
		(cd "$dir" && apt-get download -q "$p" >/dev/null 2>&1) || return 1
	fi
	echo "linux-ref: $(basename "$(compgen -G "$dir/${p}_*.deb" | head -1)")"
}

status=0
if ! compgen -G "$dir/linux-image-*-amd64_*.deb" >/dev/null; then
	k=$(kernel_package)
	if [ -z "$k" ]; then
		apt-get update -q >/dev/null 2>&1 || true
		updated=1
		k=$(kernel_package)
	fi
	if [ -z "$k" ]; then
		echo "linux-ref: apt knows no linux-image-amd64 (not a Debian host?)" >&2
		status=1
	else
		fetch "$k" || { echo "linux-ref: could not download $k" >&2; status=1; }
	fi
fi
for p in busybox-static musl-dev; do
	fetch "$p" || { echo "linux-ref: could not download $p" >&2; status=1; }
done
exit $status
