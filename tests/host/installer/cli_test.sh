#!/bin/sh
# Command-line tests of the installer: exit codes, exact output and error
# lines, and the real configs in config/. Usage: cli_test.sh INSTALLER
# (run from the top of the tree).
set -u
INSTALLER=$1
T=$(mktemp -d /tmp/installer_cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
failures=0
checks=0

fail() {
	echo "cli_test: FAILED: $*" >&2
	failures=$((failures + 1))
}

# expect CODE WANT_STDOUT WANT_STDERR -- ARGS...
expect() {
	code=$1 out=$2 err=$3
	shift 4
	checks=$((checks + 1))
	"$INSTALLER" "$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" = "$code" ] || fail "installer $*: exit $got, want $code ($(cat "$T/err"))"
	[ "$out" = "-" ] || [ "$(cat "$T/out")" = "$out" ] ||
		fail "installer $*: stdout '$(cat "$T/out")', want '$out'"
	[ "$err" = "-" ] || [ "$(cat "$T/err")" = "$err" ] ||
		fail "installer $*: stderr '$(cat "$T/err")', want '$err'"
}

# every shipped config is valid
for c in config/*.toml config/*/*.toml; do
	expect 0 "" "" -- check "$c"
done

expect 0 "ahcid
bootloader
busybox
init
kernel
nvmed
pcid
redoxfs
relibc
systools
userutils" "" -- packages config/minimal.toml
expect 0 "128" "" -- general config/ci.toml filesystem_size
expect 0 "0" "" -- general config/ci.toml efi_partition_size
expect 0 "1" "" -- general config/x86_64/ci.toml efi_partition_size
expect 0 "false" "" -- general config/server.toml live_disk
expect 1 "" "config/server.toml: [general] size: unknown key" -- general config/server.toml size

# errors: one line, exit 1
printf 'include = ["%s/base.toml"]\n[general]\nfilesystem_size = 64\nfoo = 1\n' "$PWD/config" >"$T/bad.toml"
expect 1 "" "$T/bad.toml: [general] foo: unknown key" -- check "$T/bad.toml"
printf '[packages]\nkernel = {}\nkernel = {}\n' >"$T/dup.toml"
expect 1 "" "$T/dup.toml:3: duplicate key 'kernel'" -- check "$T/dup.toml"
printf 'include = ["loop.toml"]\n' >"$T/loop.toml"
expect 1 "" "$T/loop.toml: include cycle: $T/loop.toml -> $T/loop.toml" -- check "$T/loop.toml"
printf '[groups.g]\nmembers = ["nobody"]\n' >"$T/member.toml"
expect 1 "" "$T/member.toml: [groups.g] members: unknown user 'nobody'" -- check "$T/member.toml"
printf 'include = ["%s/server.toml"]\n[packages]\nlua = "ignore"\nmine = {}\n' "$PWD/config" >"$T/mine.toml"
expect 0 "ahcid
bootloader
busybox
dhcpd
e1000d
helloworld
init
kernel
mine
netstack
netutils
nvmed
pcid
redoxfs
relibc
systools
userutils" "" -- packages "$T/mine.toml"

# recipes: every package has one unless the config marks it optional
mkdir -p "$T/recipes/core/kernel" "$T/recipes/tools/busybox"
touch "$T/recipes/core/kernel/recipe.toml" "$T/recipes/tools/busybox/recipe.toml"
printf '[packages]\nkernel = {}\nbusybox = {}\nlater = { optional = true }\ngone = "ignore"\n' >"$T/rec.toml"
expect 0 "optional later" "" -- recipes "$T/rec.toml" "$T/recipes"
printf 'include = ["rec.toml"]\n[packages]\nno-such-recipe = {}\n' >"$T/typo.toml"
expect 1 "" "$T/typo.toml: [packages] no-such-recipe: no recipe $T/recipes/*/no-such-recipe/recipe.toml (mark it 'optional = true' if the image may go without it)" -- recipes "$T/typo.toml" "$T/recipes"
printf '[packages]\nx = { optional = 1 }\n' >"$T/opt.toml"
expect 1 "" "$T/opt.toml: [packages.x] optional: expected a boolean, found an integer" -- check "$T/opt.toml"
# the shipped configs name only packages with recipes, or say they are optional
for c in config/*.toml config/*/*.toml; do
	expect 0 - "" -- recipes "$c" recipes
done

# usage errors exit 2
expect 2 "" - -- check
expect 2 "" - -- frobnicate config/base.toml
expect 2 "" - -- disk --out "$T/x.img"
expect 2 "" - -- disk --out "$T/x.img" --stage1 a --stage2 b --rootfs c --bogus d
expect 0 - "" -- --help

# stage the real base config
expect 0 "" "" -- stage config/base.toml "$T/root" "$T/meta/files"
[ "$(cat "$T/root/etc/hostname")" = "redox" ] || fail "etc/hostname"
grep -q '^0600 0 0 etc/shadow$' "$T/meta/files" || fail "etc/shadow mode in METAFILE"
grep -q '^0700 1000 1000 home/user$' "$T/meta/files" || fail "home/user in METAFILE"
grep -q '^1777 0 0 tmp$' "$T/meta/files" || fail "tmp in METAFILE"
grep -q '^root;\$argon2id\$v=19\$' "$T/root/etc/shadow" || fail "root's hash"
grep -q '^user;$' "$T/root/etc/shadow" || fail "user's empty password"
grep -q 'password' "$T/root/etc/shadow" && fail "shadow holds the password"
grep -qx 'sudo;x;1;user' "$T/root/etc/group" || fail "sudo group"
[ "$(readlink "$T/root/bin")" = "usr/bin" ] || fail "bin symlink"
grep -q '^user = \[' "$T/root/etc/login_schemes.toml" || fail "login_schemes.toml"

# reproducible with SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=1 "$INSTALLER" stage config/base.toml "$T/r1" "$T/m1" || fail "stage r1"
SOURCE_DATE_EPOCH=1 "$INSTALLER" stage config/base.toml "$T/r2" "$T/m2" || fail "stage r2"
cmp -s "$T/r1/etc/shadow" "$T/r2/etc/shadow" || fail "shadow not reproducible"
cmp -s "$T/m1" "$T/m2" || fail "METAFILE not reproducible"

# a whole disk through the command line
head -c 446 /dev/zero >"$T/mbr.bin"
head -c 3000 /dev/urandom >"$T/s2.bin"
head -c 1048576 /dev/urandom >"$T/rootfs.img"
mkdir -p "$T/efi/EFI/BOOT" && echo x >"$T/efi/EFI/BOOT/BOOTX64.EFI"
expect 0 "" - -- disk --out "$T/hd.img" --stage1 "$T/mbr.bin" --stage2 "$T/s2.bin" \
	--rootfs "$T/rootfs.img" --config config/x86_64/ci.toml --efi-dir "$T/efi"
[ "$(stat -c %s "$T/hd.img")" = 4194304 ] || fail "disk size $(stat -c %s "$T/hd.img")"
expect 0 "" - -- disk --out "$T/hd0.img" --stage1 "$T/mbr.bin" --stage2 "$T/s2.bin" \
	--rootfs "$T/rootfs.img" --efi-size=0
[ "$(stat -c %s "$T/hd0.img")" = 3145728 ] || fail "disk size without EFI"
if command -v sgdisk >/dev/null 2>&1; then
	sgdisk -v "$T/hd.img" | grep -q 'No problems found' || fail "sgdisk -v"
	[ "$(sgdisk -i 2 "$T/hd.img" | grep -c 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B')" = 1 ] ||
		fail "EFI partition type"
fi
if command -v mdir >/dev/null 2>&1; then
	MTOOLS_SKIP_CHECK=1 mdir -i "$T/hd.img@@1M" ::/EFI/BOOT | grep -q BOOTX64 ||
		fail "--efi-dir contents in the EFI partition"
fi

if [ "$failures" -ne 0 ]; then
	echo "cli_test: $failures failures" >&2
	exit 1
fi
echo "cli_test: all $checks commands behaved"
