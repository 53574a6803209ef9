# Helpers for recipe build scripts. The cookbook sources this file before
# a recipe's script (target/<target>/cook.sh), with the COOKBOOK_*
# variables, TARGET, CC, CFLAGS... already set (see docs/recipes.md).
# shellcheck shell=bash

# Copy the source into the build folder, for builds that write into the
# source tree (plain Makefiles). The source itself stays untouched, so a
# cook never changes what the next fingerprint sees.
cookbook_copy_source() {
	cp -a "$COOKBOOK_SOURCE/." "$COOKBOOK_BUILD/"
}

# template = "make": make, then make install into the stage with
# DESTDIR and PREFIX=/usr. Arguments go to both make runs.
cookbook_make() {
	cookbook_copy_source
	"$COOKBOOK_MAKE" -j"$COOKBOOK_MAKE_JOBS" CC="$CC" AR="$AR" RANLIB="$RANLIB" "$@"
	"$COOKBOOK_MAKE" install DESTDIR="$COOKBOOK_STAGE" PREFIX=/usr prefix=/usr \
		CC="$CC" AR="$AR" RANLIB="$RANLIB" "$@"
}

# template = "configure": an autotools build outside the source tree.
# Arguments (and [build] configureflags) go to configure.
cookbook_configure() {
	"${COOKBOOK_CONFIGURE:-$COOKBOOK_SOURCE/configure}" \
		--host="$TARGET" --prefix=/usr --disable-shared --enable-static \
		"${COOKBOOK_CONFIGURE_FLAGS[@]}" "$@"
	"$COOKBOOK_MAKE" -j"$COOKBOOK_MAKE_JOBS"
	"$COOKBOOK_MAKE" install DESTDIR="$COOKBOOK_STAGE"
}

# Run this tree's own make (for the kernel, bootloader and relibc recipes,
# whose rules live in mk/*.mk), with the target variables above removed so
# they cannot leak into host or freestanding builds.
cookbook_tree_make() {
	env -u CC -u CXX -u AR -u RANLIB -u LD -u CFLAGS -u CXXFLAGS -u CPPFLAGS -u LDFLAGS \
		"$COOKBOOK_MAKE" --no-print-directory -C "$COOKBOOK_ROOT" PODMAN_BUILD=0 "$@"
}
