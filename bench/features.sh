#!/usr/bin/env bash
# Which of the features make bench has rows for are in the built image, so
# that a row whose feature is missing says "not yet: FEATURE" and one whose
# feature is there but whose figure did not come is reported as missing.
# A feature is there when one of its programs is in the image's staged root
# ($BUILD/root) or in its initfs ($BUILD/root/boot/initfs). When a feature
# lands under other names, add them here.
#
#   bench/features.sh BUILD FEATURE   exit 0 if present, 1 if not
#   bench/features.sh BUILD           "FEATURE: yes|no" for each
set -euo pipefail

# feature -> the program names that provide it (Redox's names first)
declare -A programs=(
	[login]="getty login"
	[dhcp]="dhcpd"
	[tcp]="smolnetd netstack"
	[disk]="ahcid nvmed ided virtio-blkd"
	[desktop]="orbital"
)

build=${1:?usage: features.sh BUILD [FEATURE]}

present() {
	local p
	for p in ${programs[$1]}; do
		[ -n "$(find "$build/root" -name "$p" -type f 2>/dev/null | head -1)" ] && return 0
		[ -f "$build/root/boot/initfs" ] &&
			grep -aEq "(bin|drivers)/$p" "$build/root/boot/initfs" && return 0
	done
	return 1
}

if [ $# -ge 2 ]; then
	[ -n "${programs[$2]+set}" ] || { echo "features.sh: unknown feature $2" >&2; exit 2; }
	present "$2"
	exit
fi
for f in "${!programs[@]}"; do
	if present "$f"; then echo "$f: yes"; else echo "$f: no"; fi
done | sort
