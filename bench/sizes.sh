#!/usr/bin/env bash
# Size benchmark: apparent and allocated size of each file given, and the
# stripped size of ELF programs. One "bench: size: ..." line per file.
set -euo pipefail
for f in "$@"; do
	[ -f "$f" ] || { echo "bench: size: $f: missing"; continue; }
	apparent=$(stat -c %s "$f")
	used=$(($(stat -c %b "$f") * $(stat -c %B "$f")))
	line="bench: size: $f: $apparent bytes ($used on disk)"
	if head -c 4 "$f" | grep -q ELF; then
		tmp=$(mktemp)
		llvm-objcopy --strip-all "$f" "$tmp" 2>/dev/null && line="$line, $(stat -c %s "$tmp") stripped"
		rm -f "$tmp"
	fi
	echo "$line"
done
