#!/usr/bin/env bash
# Assembles make bench's Linux reference from Debian's packages only
# (fetched on the host by bench/linux-ref/fetch.sh into
# build/source-cache/linux-ref/): Debian's kernel (vmlinuz, booted by QEMU's
# -kernel) and an initramfs of busybox-static whose /init loads e1000, starts
# busybox udhcpc (a DHCP client) and a getty printing "linux-ref login: ",
# or with bench=micro on the kernel command line runs bench/microbench.c,
# built here statically against Debian's musl with the toolchain's clang.
# Nothing is built from source but our benchmark; nothing of it is committed.
# Runs in the toolchain container (dpkg-deb, busybox's own cpio, gzip).
#
#   bench/linux-ref/assemble.sh OUTDIR
#
# OUTDIR gets vmlinuz, initrd.gz, disk.img (a blank raw disk: the seed's
# device set has one), microbench and versions (what was used).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: assemble.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
debs="$root/build/source-cache/linux-ref"

pick() {
	local f
	f=$(compgen -G "$debs/$1_*.deb" | sort -V | tail -1) || true
	if [ -z "$f" ]; then
		echo "linux-ref: no $1 package in $debs (run bench/linux-ref/fetch.sh on the host)" >&2
		exit 1
	fi
	echo "$f"
}
kdeb=$(pick 'linux-image-*-amd64')
bdeb=$(pick busybox-static)
mdeb=$(pick musl-dev)

work="$out/work"
rm -rf "$work"
mkdir -p "$work/kernel" "$work/busybox" "$work/musl"

# The kernel package is 70 MB: take only vmlinuz and the e1000 module.
dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$work/kernel" --wildcards './boot/vmlinuz-*' \
	'./lib/modules/*/kernel/drivers/net/ethernet/intel/e1000/e1000.ko*'
dpkg-deb -x "$bdeb" "$work/busybox"
dpkg-deb -x "$mdeb" "$work/musl"
vmlinuz=$(compgen -G "$work/kernel/boot/vmlinuz-*" | head -1)
e1000=$(find "$work/kernel/lib/modules" -name 'e1000.ko*' | head -1)
busybox="$work/busybox/bin/busybox"
[ -n "$vmlinuz" ] && [ -n "$e1000" ] && [ -x "$busybox" ] ||
	{ echo "linux-ref: $kdeb or $bdeb lacks vmlinuz, e1000 or busybox" >&2; exit 1; }

# bench/microbench.c, static, against Debian's musl (no gcc needed: clang
# compiles, lld links musl's crt objects and libc.a, compiler-rt's builtins).
musl="$work/musl/usr/lib/x86_64-linux-musl"
resource=$(clang -print-resource-dir)
clang --target=x86_64-linux-musl -O2 -g0 -Wall -Wextra -Werror -static -nostdinc \
	-isystem "$work/musl/usr/include/x86_64-linux-musl" -isystem "$resource/include" \
	-nostdlib -fuse-ld=lld "$musl/crt1.o" "$musl/crti.o" "$root/bench/microbench.c" \
	"$musl/libc.a" "$resource/lib/linux/libclang_rt.builtins-x86_64.a" "$musl/crtn.o" \
	-o "$work/microbench"

# The initramfs tree.
fs="$work/initramfs"
mkdir -p "$fs/bin" "$fs/dev" "$fs/proc" "$fs/sys" "$fs/tmp" "$fs/etc" "$fs/lib/modules"
cp "$busybox" "$fs/bin/busybox"
for applet in $("$busybox" --list); do
	[ -e "$fs/bin/$applet" ] || ln -s busybox "$fs/bin/$applet"
done
cp "$e1000" "$fs/lib/modules/"
cp "$work/microbench" "$fs/bin/microbench"
echo linux-ref >"$fs/etc/hostname"
echo 'root:x:0:0:root:/root:/bin/sh' >"$fs/etc/passwd"

# udhcpc calls this on each event: on a lease, configure eth0 for real.
cat >"$fs/etc/udhcpc.script" <<'SCRIPT'
#!/bin/sh
case "$1" in
bound | renew)
	ip addr add "$ip/${mask:-24}" dev "$interface"
	[ -n "$router" ] && ip route add default via "${router%% *}" dev "$interface"
	;;
esac
exit 0
SCRIPT

cat >"$fs/init" <<'SCRIPT'
#!/bin/sh
# The Linux reference's init: what a small distribution does at boot.
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys
hostname -F /etc/hostname
insmod /lib/modules/e1000.ko*
ip link set lo up
ip link set eth0 up
case " $(cat /proc/cmdline) " in
*" bench=micro "*)
	echo "linux-ref: clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
	/bin/microbench
	poweroff -f
	;;
esac
udhcpc -i eth0 -s /etc/udhcpc.script -t 10 -T 1 &
getty -L 115200 ttyS0 vt100 &
while :; do sleep 3600; done
SCRIPT
chmod +x "$fs/init" "$fs/etc/udhcpc.script"

(cd "$fs" && find . | sort | "$busybox" cpio -o -H newc 2>/dev/null) | gzip -6 >"$out/initrd.gz.tmp"
mv "$out/initrd.gz.tmp" "$out/initrd.gz"
cp "$vmlinuz" "$out/vmlinuz"
cp "$work/microbench" "$out/microbench"
[ -f "$out/disk.img" ] || truncate -s 16M "$out/disk.img"
for d in "$kdeb" "$bdeb" "$mdeb"; do
	dpkg-deb -f "$d" Package Version | awk '{ printf "%s%s", (NR > 1 ? " " : ""), $2 } END { print "" }'
done | paste -sd, - | sed 's/,/, /g' >"$out/versions"
rm -rf "$work"
echo "linux-ref: $out: $(basename "$vmlinuz"), initrd.gz $(($(stat -c %s "$out/initrd.gz") / 1024)) KiB"
