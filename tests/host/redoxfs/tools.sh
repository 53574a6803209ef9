#!/bin/sh
# Round trip through the host tools: redoxfs-ar of a tree with files,
# directories, symlinks, a hard link and a meta file; then ls, cat and
# fsck must show all of it. Also fsck's one-line verdicts on damaged,
# truncated, zero and garbage images.
#   tools.sh TOOLDIR WORKDIR
set -eu
T=$1
W=$2
rm -rf "$W"
mkdir -p "$W"
fail() { echo "tools.sh: $*" >&2; exit 1; }

src=$W/src
mkdir -p "$src/etc" "$src/usr/bin" "$src/home/user/empty" "$src/with space"
printf 'redox\n' > "$src/etc/hostname"
printf '#!/bin/sh\necho hi\n' > "$src/usr/bin/tool"
chmod 755 "$src/usr/bin/tool"
chmod 600 "$src/etc/hostname"
head -c 2500000 /dev/urandom > "$src/usr/bin/big"
: > "$src/empty-file"
printf 'spaced\n' > "$src/with space/a file"
ln -s ../etc/hostname "$src/usr/hostname-link"
ln -s /usr/bin "$src/bin"
ln "$src/usr/bin/tool" "$src/usr/bin/tool-hardlink"
touch -d '2020-01-02 03:04:05' "$src/etc/hostname"
cat > "$W/meta" <<'META'
# mode uid gid path
4755 0 0 usr/bin/tool
0700 1000 1000 home/user
640 1000 100 ./with space/a file
0750 0 0 .
META

img=$W/root.img
"$T/redoxfs-ar" "$img" "$src" --meta "$W/meta" --size auto
"$T/redoxfs-fsck" -v "$img" > "$W/fsck.out"
grep -q 'clean' "$W/fsck.out" || fail "fsck not clean: $(cat "$W/fsck.out")"

ls_line() { "$T/redoxfs-ls" -d "$img" "$1"; }
expect_ls() {
	got=$(ls_line "$1")
	case "$got" in
	$2) ;;
	*) fail "ls $1: got '$got', wanted '$2'" ;;
	esac
}
expect_ls / 'drwxr-x--- 6 0 0 * * /'
expect_ls usr/bin/tool '-rwsr-xr-x 2 0 0 18 * usr/bin/tool'
expect_ls usr/bin/tool-hardlink '-rwsr-xr-x 2 0 0 18 * usr/bin/tool-hardlink'
expect_ls etc/hostname "-rw------- 1 0 0 6 $(date -d '2020-01-02 03:04:05' +%s) etc/hostname"
expect_ls home/user 'drwx------ 3 1000 1000 * * home/user'
expect_ls "with space/a file" '-rw-r----- 1 1000 100 7 * with space/a file'
expect_ls usr/hostname-link 'lrwxrwxrwx 1 0 0 15 * usr/hostname-link -> ../etc/hostname'
expect_ls bin 'lrwxrwxrwx 1 0 0 8 * bin -> /usr/bin'
expect_ls empty-file '-rw-r--r-- 1 0 0 0 * empty-file'

"$T/redoxfs-ls" "$img" / | cut -d' ' -f7- > "$W/root.list"
printf 'bin -> /usr/bin\nempty-file\netc\nhome\nusr\nwith space\n' > "$W/root.want"
cmp -s "$W/root.list" "$W/root.want" || fail "root listing: $(cat "$W/root.list")"
"$T/redoxfs-ls" "$img" bin | grep -q ' big$' || fail "ls through a symlink"

"$T/redoxfs-cat" "$img" usr/bin/big | cmp - "$src/usr/bin/big" || fail "cat big"
"$T/redoxfs-cat" "$img" usr/hostname-link | cmp - "$src/etc/hostname" || fail "cat symlink"
"$T/redoxfs-cat" "$img" "with space/a file" | cmp - "$src/with space/a file" || fail "cat"
if "$T/redoxfs-cat" "$img" nothing 2> "$W/err"; then fail "cat of a missing file"; fi
grep -q 'No such file' "$W/err" || fail "cat error: $(cat "$W/err")"

# Size: auto is content + slack, and --size is obeyed.
size=$(stat -c %s "$img")
[ "$size" -ge $((3 * 1048576)) ] && [ "$size" -le $((16 * 1048576)) ] || fail "auto size $size"
[ $((size % 1048576)) -eq 0 ] || fail "auto size $size is not whole MiB"
"$T/redoxfs-ar" "$W/fixed.img" "$src" --size 20
[ "$(stat -c %s "$W/fixed.img")" -eq $((20 * 1048576)) ] || fail "--size 20"
"$T/redoxfs-fsck" "$W/fixed.img"
if "$T/redoxfs-ar" "$W/small.img" "$src" --size 1 2> "$W/err"; then fail "ar into 1 MiB"; fi
grep -q 'full' "$W/err" || fail "ar full: $(cat "$W/err")"
printf '0644 0 0 no/such/path\n' > "$W/badmeta"
if "$T/redoxfs-ar" "$W/x.img" "$src" --meta "$W/badmeta" 2> "$W/err"; then fail "bad meta"; fi
grep -q "no/such/path" "$W/err" || fail "bad meta message: $(cat "$W/err")"

# mkfs, and a filesystem at an offset inside a bigger image.
"$T/redoxfs-mkfs" "$W/empty.img" 8
"$T/redoxfs-fsck" "$W/empty.img"
[ -z "$("$T/redoxfs-ls" "$W/empty.img" /)" ] || fail "empty fs lists something"
"$T/redoxfs-ar" "$W/disk.img" "$src" --offset 1048576 --size 12
"$T/redoxfs-fsck" "$W/disk.img" --offset 1048576
"$T/redoxfs-cat" "$W/disk.img" --offset 1048576 etc/hostname | grep -qx redox || fail offset

# fsck on damage: exit 1 and exactly one line "redoxfs-fsck: IMAGE: ...".
one_line() { # image, expected text
	if "$T/redoxfs-fsck" "$1" 2> "$W/err"; then fail "fsck passed $1"; else rc=$?; fi
	[ "$rc" -eq 1 ] || fail "fsck exit $rc on $1"
	[ "$(wc -l < "$W/err")" -eq 1 ] || fail "fsck printed: $(cat "$W/err")"
	grep -q "^redoxfs-fsck: $1: .*$2" "$W/err" || fail "fsck said: $(cat "$W/err")"
}
flip() { # image, byte offset
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $(((b + 1) % 256)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2> /dev/null
}
for off in 16 4100 8200 12300; do # in each header slot
	cp "$img" "$W/bad.img"
	flip "$W/bad.img" "$off"
	one_line "$W/bad.img" "header slot"
done
cp "$img" "$W/bad.img"
# a byte of the big file's data: find its first block by content
hexblocks() { od -An -v -tx1 -w4096 "$1" | tr -d ' '; }
first=$(head -c 4096 "$src/usr/bin/big" | od -An -v -tx1 -w4096 | tr -d ' ')
blk=$(hexblocks "$W/bad.img" | grep -n -F -x "$first" | head -1 | cut -d: -f1)
[ -n "$blk" ] || fail "big file not found in the image"
pos=$(((blk - 1) * 4096))
flip "$W/bad.img" $((pos + 5))
one_line "$W/bad.img" "data block 0 (block $((pos / 4096))): checksum mismatch"
cp "$img" "$W/bad.img"
truncate -s $((size / 2)) "$W/bad.img"
one_line "$W/bad.img" "truncated"
head -c 5000000 /dev/zero > "$W/bad.img"
one_line "$W/bad.img" "no valid RedoxFS header"
head -c 5000000 /dev/urandom > "$W/bad.img"
one_line "$W/bad.img" "no valid RedoxFS header"
: > "$W/bad.img"
one_line "$W/bad.img" "too small"
rm -rf "$W"
echo "tools.sh: ok"
