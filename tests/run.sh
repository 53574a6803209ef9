#!/usr/bin/env bash
# `make test`: every host unit test group, then the images, then every
# BATS file. Prints one TAP-like line per test and ends with the summary
# line "tests: N passed, N failed". Exits non-zero if anything failed.
#
# Environment (set by mk/tests.mk): HOST_TESTS (make targets), MAKE.
set -uo pipefail
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
logs=build/test-logs
mkdir -p "$logs"
passed=0
failed=0

for t in $HOST_TESTS; do
	if $MAKE --no-print-directory "$t" >"$logs/$t.log" 2>&1; then
		echo "ok - host: $t"
		passed=$((passed + 1))
	else
		echo "not ok - host: $t (log: $logs/$t.log)"
		tail -n 30 "$logs/$t.log" | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
done

if ! $MAKE --no-print-directory test-images >"$logs/test-images.log" 2>&1; then
	echo "not ok - building the test images (log: $logs/test-images.log)"
	tail -n 30 "$logs/test-images.log" | sed 's/^/#   /'
	failed=$((failed + 1))
else
	# The tests run make themselves: give them a clean make environment
	# (not this make's resolved config), natively (inside the container
	# too, where .config still says PODMAN_BUILD?=1).
	# One line saying which accelerator the boots use (probing once).
	tests/helpers/accel.sh >/dev/null 2>"$logs/accel.log" || true
	sed 's/^/# /' "$logs/accel.log"
	(
		unset FILESYSTEM_CONFIG BUILD MAKEFLAGS MFLAGS MAKELEVEL
		export PODMAN_BUILD=0
		bats --tap tests/bats
	) | tee "$logs/bats.tap"
	b_ok=$(grep -c '^ok ' "$logs/bats.tap")
	b_fail=$(grep -c '^not ok ' "$logs/bats.tap")
	passed=$((passed + b_ok))
	failed=$((failed + b_fail))
	if [ "$b_ok" -eq 0 ] && [ "$b_fail" -eq 0 ]; then
		echo "not ok - bats ran no test"
		failed=$((failed + 1))
	fi
fi

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
