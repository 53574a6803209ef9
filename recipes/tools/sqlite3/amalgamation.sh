#!/usr/bin/env bash
# Generates SQLite's amalgamation from its full source tree (the release
# tarball as Debian ships it has no sqlite3.c): upstream's configure and
# Makefile run with the BUILD machine's compiler (lemon, mkkeywordhash and
# mksourceid are host programs) and tclsh (the mk*.tcl scripts), and
# write sqlite3.c, sqlite3.h and shell.c into OUT. Used by the sqlite3
# recipe (for the guest) and mk/sqlite3-host.mk (the host sqlite3 that the
# guest's output is compared with), so both compile the same C.
#
#   amalgamation.sh SOURCE OUT
set -euo pipefail
src=${1:?usage: amalgamation.sh SOURCE OUT}
out=${2:?usage: amalgamation.sh SOURCE OUT}
if [ ! -f "$src/src/sqlite.h.in" ]; then
	echo "amalgamation.sh: $src: not an SQLite source tree (no src/sqlite.h.in)" >&2
	exit 1
fi
command -v tclsh >/dev/null || {
	echo "amalgamation.sh: tclsh not found (SQLite's generators are Tcl scripts)" >&2
	exit 1
}
src=$(cd "$src" && pwd)
mkdir -p "$out"
cd "$out"
# a cross build's CC/CFLAGS/CPPFLAGS (relibc-c's headers) must not reach
# the host programs
env -u CC -u CFLAGS -u CPPFLAGS -u LDFLAGS -u AR -u RANLIB -u LD \
	CC="${BUILD_CC:-cc}" "$src/configure" --disable-tcl --disable-readline \
	--disable-editline --disable-shared >configure.log 2>&1 || {
	tail -n 20 configure.log >&2
	echo "amalgamation.sh: configure failed (log: $out/configure.log)" >&2
	exit 1
}
env -u CFLAGS -u CPPFLAGS -u LDFLAGS "${MAKE:-make}" sqlite3.c shell.c >amalgamation.log 2>&1 || {
	tail -n 20 amalgamation.log >&2
	echo "amalgamation.sh: make sqlite3.c shell.c failed (log: $out/amalgamation.log)" >&2
	exit 1
}
