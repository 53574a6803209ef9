#!/usr/bin/env bash
# Put every third-party release tarball the recipes name ([source] tar =
# URL, with sha256 =) into build/source-cache/, on the host, before the
# build runs in the toolchain container (which has no network at all).
# Tarballs already there are kept; each download is checked against its
# recipe's sha256. A tarball that cannot be fetched is reported, not fatal:
# the cookbook then says clearly which recipe lacks its source.
# Then the Debian packages of make bench's Linux reference
# (bench/linux-ref/fetch.sh); without them make bench leaves Linux out.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/build/source-cache"
mkdir -p "$cache"
status=0
for recipe in "$root"/recipes/*/*/recipe.toml; do
	url=$(sed -n 's/^tar *= *"\(.*\)".*/\1/p' "$recipe" | head -1)
	[ -n "$url" ] || continue
	sum=$(sed -n 's/^sha256 *= *"\([0-9a-f]*\)".*/\1/p' "$recipe" | head -1)
	file="$cache/$(basename "$url")"
	[ -f "$file" ] && continue
	if ! command -v curl >/dev/null 2>&1; then
		echo "fetch-sources: curl not found; cannot fetch $url" >&2
		status=1
		continue
	fi
	if curl -fsSL --retry 2 -o "$file.part" "$url" &&
		{ [ -z "$sum" ] || echo "$sum  $file.part" | sha256sum -c --quiet -; }; then
		mv "$file.part" "$file"
		echo "fetch-sources: $(basename "$url")"
	else
		rm -f "$file.part"
		echo "fetch-sources: could not fetch $url for ${recipe#"$root"/}" >&2
		status=1
	fi
done
"$root/bench/linux-ref/fetch.sh" ||
	echo "fetch-sources: the Linux reference of make bench is incomplete (see above)" >&2
exit $status
