#!/usr/bin/env bats
# BusyBox's own test suite (recipes/tools/busybox-testsuite) run in the
# guest by root on the serial console: runtest tests every applet the
# build has, with the features of the .config it was built with. The
# counts of PASS / FAIL / UNTESTED / SKIPPED lines are printed to the
# BATS output; the test pins the lower bound of passes and the upper bound
# of failures measured when the port was made, so a regression in relibc-c
# or the kernel that breaks tools shows up here.

load ../helpers/common

PASS_AT_LEAST=${BUSYBOX_PASS_AT_LEAST:-400}
FAIL_AT_MOST=${BUSYBOX_FAIL_AT_MOST:-60}

setup_file() {
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/busybox.serial.log"
	export SERIAL_LOG
	"$ROOT/tests/helpers/qemu.sh" boot "$IMAGE" "$SERIAL_LOG" --timeout 900 --until '^BB-DONE' \
		--send 'redox login: ' 'root\r' \
		--send 'Password: ' 'password\r' \
		--send '# $' 'cd /usr/share/busybox/testsuite && ./runtest >/tmp/rt.log 2>&1; grep -E "^(FAIL|SKIPPED)" /tmp/rt.log; for w in PASS FAIL UNTESTED SKIPPED; do echo "BB-$w $(grep -c "^$w" /tmp/rt.log)"; done; echo BB-DONE\r' || {
		echo "the test suite did not finish; serial log: $SERIAL_LOG" >&2
		tail -n 40 "$SERIAL_LOG" >&2
		return 1
	}
}

count() {
	sed -n "s/^BB-$1 \([0-9]*\)\r\?$/\1/p" "$SERIAL_LOG" | tail -1
}

@test "BusyBox's test suite runs in the guest" {
	pass=$(count PASS) fail=$(count FAIL) untested=$(count UNTESTED) skipped=$(count SKIPPED)
	echo "# busybox runtest in the guest: $pass passed, $fail failed, $untested untested, $skipped skipped" >&3
	grep '^FAIL: ' "$SERIAL_LOG" | sed 's/^/# /' >&3 || true
	[ -n "$pass" ] && [ "$pass" -ge "$PASS_AT_LEAST" ]
	[ -n "$fail" ] && [ "$fail" -le "$FAIL_AT_MOST" ]
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
