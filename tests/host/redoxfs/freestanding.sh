#!/bin/sh
# Build redoxfs/lib the way the bootloader does (64-bit freestanding,
# no SSE, no builtins) and check that the only symbols it needs from
# outside are memcpy, memset, memcmp and strlen. Both the reader subset
# (what the bootloader links) and the whole library are checked.
#   freestanding.sh WORKDIR
set -eu
W=$1
CC=${REDOXFS_FREESTANDING_CC:-clang}
if ! command -v "$CC" > /dev/null; then
	echo "freestanding.sh: $CC not found, skipped"
	exit 0
fi
rm -rf "$W"
mkdir -p "$W"
FLAGS="-target x86_64-unknown-none -ffreestanding -mno-red-zone -mno-sse -fno-builtin -nostdlib -Os"
mkdir -p "$W/obj"
for f in redoxfs/lib/*.c; do
	$CC $FLAGS -std=gnu11 -Wall -Wextra -Werror -Iredoxfs/include -c "$f" \
		-o "$W/obj/$(basename "$f" .c).o"
done
check() { # name, objects...
	name=$1
	shift
	ld.lld -r -o "$W/$name.o" "$@" 2> /dev/null || ld -r -o "$W/$name.o" "$@"
	undef=$(nm -u "$W/$name.o" | awk '{print $NF}' | sort -u | tr '\n' ' ')
	for s in $undef; do
		case "$s" in
		memcpy | memset | memcmp | strlen) ;;
		*)
			echo "freestanding.sh: $name needs '$s' (allowed: memcpy memset memcmp strlen)" >&2
			exit 1
			;;
		esac
	done
	echo "freestanding.sh: $name: undefined: ${undef:-none}"
}
check reader "$W/obj/reader.o" "$W/obj/disk.o" "$W/obj/crc32c.o"
check library "$W"/obj/*.o
size "$W/reader.o" 2> /dev/null | tail -1 | awk '{print "freestanding.sh: reader text+data+bss: " $1 "+" $2 "+" $3 " bytes"}'
