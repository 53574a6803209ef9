#!/usr/bin/env bash
# The cookbook command line on a throw-away tree of small recipes whose
# scripts use only host tools: cooking in dependency order, the script
# environment and sysroot, "nothing to cook", what a change recooks,
# failure reports, cycles, malformed recipes, tarball sources (cache,
# sha256, blake3, patches), unfetch, cook-config and refusing a
# corrupted package.
#
#   tests/host/cookbook/cli_test.sh COOKBOOK
set -euo pipefail

cookbook=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
tree=$(mktemp -d /tmp/cookbook-cli.XXXXXX)
trap 'rm -rf "$tree"' EXIT
cd "$tree"
CHECK_OUT=$tree/out
# shellcheck source=tests/host/check.bash
source "$here/../check.bash"

cb() {
	"$cookbook" --root "$tree" --sysroot "$tree/no-sysroot" "$@"
}
has() { grep -qF -- "$1" out; }
lacks() { ! grep -qF -- "$1" out; }

recipe() { # recipe CATEGORY/NAME, recipe.toml on stdin
	mkdir -p "recipes/$1/source"
	cat >"recipes/$1/recipe.toml"
}

mkdir -p cookbook
cp "$here/../../../cookbook/functions.sh" cookbook/

recipe demo/lib <<'EOF'
[build]
template = "custom"
script = """
mkdir -p "$COOKBOOK_STAGE/usr/include" "$COOKBOOK_STAGE/usr/lib"
cp "$COOKBOOK_SOURCE/lib.h" "$COOKBOOK_STAGE/usr/include/"
echo lib >"$COOKBOOK_STAGE/usr/lib/libdemo.txt"
"""
[package]
version = "1.0"
EOF
echo '#define DEMO 1' >recipes/demo/lib/source/lib.h

recipe demo/app <<'EOF'
[build]
template = "custom"
dependencies = ["lib"]
script = """
test -f "$COOKBOOK_SYSROOT/usr/include/lib.h"
test "$TARGET" = x86_64-unknown-redox
case "$CC" in */x86_64-unknown-redox-cc) ;; *) exit 3 ;; esac
test "$COOKBOOK_MAKE_JOBS" -ge 1
test "$PWD" = "$COOKBOOK_BUILD"
case "$CPPFLAGS" in *"$COOKBOOK_SYSROOT/usr/include"*) ;; *) exit 4 ;; esac
mkdir -p "$COOKBOOK_STAGE/usr/bin"
cp "$COOKBOOK_SOURCE/app.sh" "$COOKBOOK_STAGE/usr/bin/app"
"""
[package]
version = "2.0"
dependencies = ["data"]
EOF
echo 'echo app' >recipes/demo/app/source/app.sh

recipe demo/data <<'EOF'
[source]
path = "files"
[build]
template = "none"
EOF
mkdir -p recipes/demo/data/files

# ---- cooking and incremental builds ----

cb cook app >out 2>&1 || true
check "cook in dependency order" has "[1/3] cook lib"
check "then the dependent" has "[3/3] cook app"
check "packages in the repo" test -f build/x86_64/repo/app.pkg -a -f build/x86_64/repo/app.toml
check "the package TOML lists the runtime dependencies" \
	grep -q '^dependencies = \["data"\]' build/x86_64/repo/app.toml
check "the stage is in target/" test -f recipes/demo/app/target/x86_64-unknown-redox/stage/usr/bin/app
check "the log is in target/" test -f recipes/demo/app/target/x86_64-unknown-redox/cook.log

cb cook app >out 2>&1
check "a second cook does nothing and says so" has "nothing to cook (3 packages up to date)"

touch recipes/demo/app/source/app.sh
cb cook app >out 2>&1
check "a touched source recooks that recipe" has "[1/1] cook app"

echo '#define DEMO 2' >recipes/demo/lib/source/lib.h
cb cook app >out 2>&1
check "a changed dependency recooks its dependents" has "[2/2] cook app"

cb cook --force lib >out 2>&1
check "--force cooks an up-to-date recipe" has "[1/1] cook lib"

cb deps app >out
check "deps prints the order" test "$(tr '\n' ' ' <out)" = "lib data app "
cb deps --runtime app >out
check "deps --runtime prints the runtime closure" test "$(tr '\n' ' ' <out)" = "data app "

# ---- failures ----

recipe demo/broken <<'EOF'
[build]
template = "custom"
script = """
echo "compiling the broken thing"
echo "error: something is wrong" >&2
false
echo never
"""
EOF
if cb cook broken >out 2>&1; then bad "a failing script fails the cook"; else ok "a failing script fails the cook"; fi
check "the report names the recipe and the step" has "cookbook: broken: build failed"
check "the report shows the log's tail" has "error: something is wrong"
check "the report gives the log path" \
	has "cookbook: broken: log: recipes/demo/broken/target/x86_64-unknown-redox/cook.log"
check "set -e stops at the failing command" lacks "never"

recipe demo/c1 <<'EOF'
[build]
template = "none"
dependencies = ["c2"]
EOF
recipe demo/c2 <<'EOF'
[build]
template = "none"
dependencies = ["c1"]
EOF
if cb cook c1 >out 2>&1; then bad "a cycle is an error"; else ok "a cycle is an error"; fi
check "the cycle is named" has "cookbook: dependency cycle: c1 -> c2 -> c1"

recipe demo/typo <<'EOF'
[build]
template = "mesonn"
EOF
if cb cook typo >out 2>&1; then bad "a malformed recipe is an error"; else ok "a malformed recipe is an error"; fi
check "one line: file, table, key, problem" \
	test "$(cat out)" = "recipes/demo/typo/recipe.toml: [build] template: unknown value 'mesonn'"

printf '[build]\ntemplate = "none"\nscript = \n' >recipes/demo/typo/recipe.toml
cb check recipes/demo/typo/recipe.toml >out 2>&1 || true
check "a syntax error gives FILE:LINE" grep -q '^recipes/demo/typo/recipe.toml:3: ' out
check "in one line" test "$(wc -l <out)" = 1

recipe demo/needy <<'EOF'
[build]
template = "none"
dependencies = ["nowhere"]
EOF
cb cook needy >out 2>&1 || true
check "a missing dependency names the recipe file" \
	has "recipes/demo/needy/recipe.toml: [build] dependencies: no recipe 'nowhere'"

# ---- tarball sources ----

mkdir -p tarsrc/tiny-1.0 build/source-cache
echo 'original' >tarsrc/tiny-1.0/file.txt
tar -C tarsrc -czf build/source-cache/tiny-1.0.tar.gz tiny-1.0
sha=$(sha256sum build/source-cache/tiny-1.0.tar.gz | cut -d' ' -f1)
mkdir -p recipes/demo/tiny
cat >recipes/demo/tiny/fix.patch <<'EOF'
--- a/file.txt
+++ b/file.txt
@@ -1 +1 @@
-original
+patched
EOF
tiny() { # tiny HASH-LINE
	cat >recipes/demo/tiny/recipe.toml <<EOF
[source]
tar = "https://example.invalid/tiny-1.0.tar.gz"
$1
patches = ["fix.patch"]
[build]
template = "custom"
script = """
mkdir -p "\$COOKBOOK_STAGE/usr/share"
cp "\$COOKBOOK_SOURCE/file.txt" "\$COOKBOOK_STAGE/usr/share/tiny.txt"
"""
EOF
}
tiny "blake3 = \"$(printf '0%.0s' {1..64})\""
cb fetch tiny >out 2>&1 || true
check "a wrong blake3 is refused, with the real one" has "blake3 is "
b3=$(sed -n 's/.*blake3 is \([0-9a-f]*\),.*/\1/p' out)
tiny "sha256 = \"$sha\"
blake3 = \"$b3\""
cb cook tiny >out 2>&1
check "a tarball from the source cache is fetched and cooked" has "[1/1] cook tiny"
check "the single top folder becomes source/" test -f recipes/demo/tiny/source/file.txt
check "patches are applied" grep -qx patched recipes/demo/tiny/target/x86_64-unknown-redox/stage/usr/share/tiny.txt
check "the fetched source ignores itself for git" test "$(cat recipes/demo/tiny/source/.gitignore)" = "*"
cb cook tiny >out 2>&1
check "a fetched recipe is up to date the second time" has "nothing to cook"
cb unfetch tiny
check "unfetch removes the fetched source" test ! -e recipes/demo/tiny/source
if cb unfetch lib >out 2>&1; then bad "unfetch refuses a path source"; else ok "unfetch refuses a path source"; fi
check "the path source is still there" test -f recipes/demo/lib/source/lib.h
rm -f build/source-cache/tiny-1.0.tar.gz
PATH=/nonexistent cb fetch tiny >out 2>&1 || true
check "without the tarball or curl, the error says where to put it" \
	has "build/source-cache/tiny-1.0.tar.gz is not in the source cache and curl is missing"

# ---- cook-config and installing ----

printf 'app\nghost\n' >packages
cb cook-config "$tree/packages" "$tree/list" >out 2>&1
check "a config package without a recipe is a warning" has "WARN   package ghost has no recipe yet: skipped"
check "the image list holds the runtime closure" test "$(cut -d' ' -f1 list | tr '\n' ' ')" = "data app "
touch -d '3 minutes ago' packages
touch -d '2 minutes ago' list
before=$(stat -c %Y list)
cb cook-config "$tree/packages" "$tree/list" >out 2>&1
check "an unchanged image list is not rewritten" test "$(stat -c %Y list)" = "$before"
check "and no warning is repeated" lacks "WARN"

cb pkg install --meta "$tree/meta" "$tree/root" app lib >out 2>&1 || cat out
check "pkg install unpacks" test -f root/usr/bin/app
check "pkg install writes METAFILE lines" grep -qx "0644 0 0 usr/bin/app" meta
printf 'X' | dd of=build/x86_64/repo/app.pkg bs=1 seek=$(($(stat -c %s build/x86_64/repo/app.pkg) - 3)) \
	conv=notrunc status=none
if cb pkg install "$tree/root2" app >out 2>&1; then bad "a corrupted package is refused"; else ok "a corrupted package is refused"; fi
check "in one line naming the package and file" \
	test "$(cat out)" = "cookbook: app: usr/bin/app: sha256 mismatch (corrupt package $tree/build/x86_64/repo/app.pkg)"
check "nothing was installed" test ! -e root2

cb clean app
check "clean removes target/ and the package" \
	test ! -e recipes/demo/app/target -a ! -e build/x86_64/repo/app.pkg

check_done "cookbook CLI" 44
