#!/usr/bin/env bats
# The cookbook end to end, as a user adds a program: a new recipe and a
# new config (including server) in a temporary copy of the tree, built
# with `make all` and booted (the recipe's init.d script runs the program
# from the root filesystem); then incremental builds, pushing a package,
# and the errors a user meets (malformed recipe, failing script, cycle,
# corrupted package).
#
# The copy reuses this tree's build outputs (host tools, sysroot, kernel,
# bootloader, packages) with their timestamps, so only the new recipe
# cooks.

load ../helpers/common

CB_CONFIG=cbtest
CB_LINE="cookbook-test: hello from a brand-new recipe 5e1f"

setup_file() {
	unset MAKEFLAGS MAKELEVEL MFLAGS
	# This tree's packages must match its sources (a no-op when they do).
	make -C "$ROOT" PODMAN_BUILD=0 all redoxfs-tools >"$BATS_FILE_TMPDIR/root-build.log" 2>&1 || {
		tail -n 30 "$BATS_FILE_TMPDIR/root-build.log" >&2
		return 1
	}
	TREE="$BATS_FILE_TMPDIR/tree"
	export TREE
	mkdir -p "$TREE/build/$ARCH"
	# Tracked and new (not ignored) files, with their timestamps (to the
	# nanosecond: the cookbook's fingerprints compare them).
	if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
			tar -C "$ROOT" --null -T - --ignore-failed-read --format=posix -cf - 2>/dev/null |
			tar -C "$TREE" -xf -
	else
		tar -C "$ROOT" --exclude=./build --exclude='./recipes/*/*/target' --format=posix \
			-cf - . | tar -C "$TREE" -xf -
	fi
	cp -a "$ROOT/build/host" "$TREE/build/"
	# fetched sources (git-ignored) keep their mtimes, so their packages stay fresh
	for src in "$ROOT"/recipes/*/*/source; do
		rel=${src#"$ROOT"/}
		[ -e "$TREE/$rel" ] || cp -a "$src" "$TREE/$rel"
	done
	[ -d "$ROOT/build/source-cache" ] && cp -a "$ROOT/build/source-cache" "$TREE/build/"
	for d in sysroot kernel bootloader relibc repo; do
		cp -a "$ROOT/build/$ARCH/$d" "$TREE/build/$ARCH/"
	done

	mkdir -p "$TREE/recipes/test/cbhello/source"
	cat >"$TREE/recipes/test/cbhello/source/cbhello.c" <<EOF
#include <unistd.h>

int main(void)
{
	static const char line[] = "$CB_LINE\\n";
	write(1, line, sizeof line - 1);
	return 0;
}
EOF
	cat >"$TREE/recipes/test/cbhello/recipe.toml" <<'EOF'
[build]
template = "custom"
dependencies = ["relibc"]
script = """
mkdir -p "$COOKBOOK_STAGE/usr/bin" "$COOKBOOK_STAGE/etc/init.d"
"$CC" $CFLAGS "$COOKBOOK_SOURCE/cbhello.c" -o "$COOKBOOK_STAGE/usr/bin/cbhello"
echo cbhello >"$COOKBOOK_STAGE/etc/init.d/95_cbhello"
"""

[package]
version = "1.0.0"
description = "the cookbook test's program"
EOF
	cat >"$TREE/config/$ARCH/$CB_CONFIG.toml" <<'EOF'
include = ["../server.toml"]

[packages]
cbhello = {}
EOF
	IMG="$TREE/build/$ARCH/$CB_CONFIG"
	export IMG
}

# mk NAME ARGS...: make in the copy, output saved to $BATS_FILE_TMPDIR/NAME.log.
mk() {
	local name=$1
	shift
	make -C "$TREE" --no-print-directory PODMAN_BUILD=0 CONFIG_NAME=$CB_CONFIG "$@" \
		>"$BATS_FILE_TMPDIR/$name.log" 2>&1
}

log() {
	cat "$BATS_FILE_TMPDIR/$1.log"
}

new_recipe() { # new_recipe NAME, recipe.toml on stdin
	mkdir -p "$TREE/recipes/test/$1/source"
	cat >"$TREE/recipes/test/$1/recipe.toml"
}

@test "make all with a new recipe and config puts the program into the image" {
	mk first all || { log first; false; }
	log first | grep -q "cook cbhello"
	# Only the new recipe cooks: everything else is reused.
	[ "$(log first | grep -c '^\[[0-9]*/[0-9]*\] cook ')" = 1 ]
	[ -f "$IMG/harddrive.img" ]
	run "$TREE/build/host/redoxfs/redoxfs-ls" "$IMG/rootfs.img" /usr/bin/cbhello
	[ "$status" = 0 ]
	[[ "$output" == -rw?r-?r-?* ]] || [[ "$output" == -rwxr-xr-x* ]]
	"$TREE/build/host/redoxfs/redoxfs-cat" "$IMG/rootfs.img" /usr/bin/cbhello >"$BATS_FILE_TMPDIR/cbhello"
	cmp "$BATS_FILE_TMPDIR/cbhello" \
		"$TREE/recipes/test/cbhello/target/x86_64-unknown-redox/stage/usr/bin/cbhello"
	grep -aq "$CB_LINE" "$BATS_FILE_TMPDIR/cbhello"
	# An x86_64 ELF executable.
	[ "$(head -c 4 "$BATS_FILE_TMPDIR/cbhello" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]
	# The boot files came from packages too.
	"$TREE/build/host/redoxfs/redoxfs-ls" "$IMG/rootfs.img" /boot/kernel
	"$TREE/build/host/redoxfs/redoxfs-ls" "$IMG/rootfs.img" /boot/initfs
}

@test "the image boots and runs the new program from the root filesystem" {
	boot_once "$IMG/harddrive.img" 180 "^$CB_LINE"
	serial_order '^redoxfsd: file: served' '^init: running file:/etc/init.d/95_cbhello$' \
		"^$CB_LINE\$"
}

@test "a second make all does nothing, says so, and takes under 5 s" {
	start=$(date +%s%N)
	mk second all
	end=$(date +%s%N)
	log second | grep -q "nothing to cook"
	! log second | grep -Eq '^  (STAGE|REDOXFS|IMG|CC|LD) '
	[ $(((end - start) / 1000000)) -lt 5000 ]
}

@test "touching one recipe's source recooks only it; the same package keeps the image" {
	touch "$TREE/recipes/test/cbhello/source/cbhello.c"
	mk touched all
	log touched | grep -qx "\[1/1\] cook cbhello"
	! log touched | grep -q "REDOXFS"
}

@test "changing one recipe's source recooks only it and remakes the image" {
	sed -i 's/return 0;/write(1, "edited\\n", 7);\n\treturn 0;/' \
		"$TREE/recipes/test/cbhello/source/cbhello.c"
	start=$(date +%s%N)
	mk edited all
	end=$(date +%s%N)
	echo "# incremental make all: $(((end - start) / 1000000)) ms" >&3
	log edited | grep -qx "\[1/1\] cook cbhello"
	log edited | grep -q "REDOXFS"
	"$TREE/build/host/redoxfs/redoxfs-cat" "$IMG/rootfs.img" /usr/bin/cbhello | grep -aq edited
}

@test "make p.NAME pushes a package into the existing image" {
	new_recipe cbextra <<'EOF'
[build]
template = "custom"
script = """
mkdir -p "$COOKBOOK_STAGE/usr/share/cbextra"
echo pushed >"$COOKBOOK_STAGE/usr/share/cbextra/note"
"""
EOF
	mk push p.cbextra || { log push; false; }
	run "$TREE/build/host/redoxfs/redoxfs-cat" "$IMG/rootfs.img" /usr/share/cbextra/note
	[ "$output" = pushed ]
}

@test "make live makes a CD with no-emulation El Torito entries for BIOS and UEFI" {
	command -v xorriso >/dev/null || skip "no xorriso"
	mk live live || { log live; false; }
	run xorriso -indev "$IMG/livedisk.iso" -report_el_torito plain
	echo "$output" | grep -Eq 'El Torito boot img : +1 +BIOS +y +none'
	echo "$output" | grep -Eq 'El Torito img path : +1 +/boot/cdboot.bin'
	echo "$output" | grep -Eq 'El Torito img opts : +1 +boot-info-table'
	echo "$output" | grep -Eq 'El Torito boot img : +2 +UEFI +y +none'
	echo "$output" | grep -Eq 'El Torito img path : +2 +/boot/efi.img'
	# the root filesystem, byte for byte, as ROOTFS.IMG
	run xorriso -indev "$IMG/livedisk.iso" -osirrox on -extract /ROOTFS.IMG "$IMG/rootfs.check"
	cmp "$IMG/rootfs.img" "$IMG/rootfs.check"
}

@test "a malformed recipe gives one line naming file, table and key" {
	new_recipe cbbad <<'EOF'
[build]
template = "foo"
EOF
	! mk bad r.cbbad
	log bad | grep -qx "recipes/test/cbbad/recipe.toml: \[build\] template: unknown value 'foo'"
	printf '[build]\ntemplate = "none"\ndependencies = [\n' >"$TREE/recipes/test/cbbad/recipe.toml"
	! mk bad2 r.cbbad
	log bad2 | grep -Eq '^recipes/test/cbbad/recipe.toml:[0-9]+: '
}

@test "a failing script reports the recipe, the step, the log's tail and its path" {
	new_recipe cbfail <<'EOF'
[build]
template = "custom"
script = """
echo "cbfail: the last words of a failing build"
exit 7
"""
EOF
	! mk fail r.cbfail
	log fail | grep -q "^cookbook: cbfail: build failed: the build script exited with status 7"
	log fail | grep -q "^cbfail: the last words of a failing build"
	log fail | grep -q "^cookbook: cbfail: log: recipes/test/cbfail/target/x86_64-unknown-redox/cook.log"
	[ -f "$TREE/recipes/test/cbfail/target/x86_64-unknown-redox/cook.log" ]
}

@test "a dependency cycle is named" {
	new_recipe cbcyc1 <<'EOF'
[build]
template = "none"
dependencies = ["cbcyc2"]
EOF
	new_recipe cbcyc2 <<'EOF'
[build]
template = "none"
dependencies = ["cbcyc1"]
EOF
	! mk cycle r.cbcyc1
	log cycle | grep -q "dependency cycle: cbcyc1 -> cbcyc2 -> cbcyc1"
}

@test "a corrupted package is refused at install" {
	pkg="$TREE/build/$ARCH/repo/cbhello.pkg"
	# Change one byte inside the program's text (the test line).
	offset=$(grep -abo "brand-new" "$pkg" | head -1 | cut -d: -f1)
	[ -n "$offset" ]
	printf 'B' | dd of="$pkg" bs=1 seek="$offset" conv=notrunc status=none
	! mk corrupt image
	log corrupt | grep -q "cbhello: usr/bin/cbhello: sha256 mismatch (corrupt package "
}
