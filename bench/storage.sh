#!/usr/bin/env bash
# Storage benchmarks (make bench): on copies of the test images,
#   - boot to the first userspace line and to file: served from disk, for a
#     64 MiB and a 1 GiB filesystem (the boot no longer reads the whole
#     filesystem, so the first should not grow with its size);
#   - sequential write+fsync and read speed in the guest (storage-test);
#   - Redox's crash challenge: 100 000 files created in one directory,
#     listed and counted, removed (manyfiles-test), each phase timed.
#
#   bench/storage.sh TESTS_DIR     (build/x86_64/tests, after make test-images)
#
# MANYFILES_TIMEOUT (seconds, default 3600) bounds the 100 000 files run
# (make bench gives it what its 15 minutes leave).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tests=$1
work=$(mktemp -d /tmp/bench-storage.XXXXXX)
trap 'rm -rf "$work"' EXIT
qemu=$here/../tests/helpers/qemu.sh

cp "$tests/storage-test.img" "$work/disk64.img"
"$here/boot.sh" --until '^storage-test: pcid and redoxfsd' "$work/disk64.img" \
	'first userspace line=^pcid: config space' 'file: from disk=^redoxfsd: file: served' |
	grep -v '^bench: boot: end:' | sed 's/^bench: boot:/bench: storage: 64 MiB filesystem:/'
# manyfiles-test has a 1 GiB filesystem
cp "$tests/manyfiles-test.img" "$work/disk1g.img"
"$here/boot.sh" --until '^redoxfsd: file: served' "$work/disk1g.img" \
	'first userspace line=^pcid: config space' 'file: from disk=^redoxfsd: file: served' |
	grep -v '^bench: boot: end:' | sed 's/^bench: boot:/bench: storage: 1 GiB filesystem:/'

cp "$tests/storage-test.img" "$work/speed.img"
"$qemu" boot "$work/speed.img" "$work/speed.log" --timeout 300 >/dev/null 2>&1 || true
# a missing line is reported by make bench, not fatal here
grep -h '^storage-test: sequential' "$work/speed.log" | sed 's/^storage-test: /bench: storage: /' ||
	echo "bench: storage: no sequential line: $(grep -m1 'sequential.*FAIL' "$work/speed.log" || echo 'see the storage-test image')"

cp "$tests/manyfiles-test.img" "$work/many.img"
"$qemu" boot "$work/many.img" "$work/many.log" --timeout "${MANYFILES_TIMEOUT:-3600}" >/dev/null 2>&1 ||
	echo "bench: storage: 100 000 files: not done in ${MANYFILES_TIMEOUT:-3600} s"
grep -hE '^manyfiles: (created|listed|removed|done|FAIL)' "$work/many.log" |
	sed 's/^manyfiles: /bench: storage: 100 000 files: /' || true
