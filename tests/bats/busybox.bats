#!/usr/bin/env bats
# BusyBox's own test suite (recipes/tools/busybox-testsuite) in the guest:
# root logs in on the serial console of the `ci` image (server plus the
# suite) and runs testsuite/runtest, which tests each named applet with the
# features of the .config BusyBox was built with. make test runs the
# applets below (about 3 minutes under TCG); BUSYBOX_APPLETS=all runs the
# whole suite (`podman/run.sh exec env PODMAN_BUILD=0 BUSYBOX_APPLETS=all
# bats tests/bats/busybox.bats`, about half an hour), each applet bounded
# by BUSYBOX_APPLET_TIMEOUT seconds. The counts of PASS, FAIL, UNTESTED
# and SKIPPED lines go to the BATS output; the default run pins them.

load ../helpers/common

CI_IMAGE=${CI_IMAGE:-$ROOT/build/$ARCH/ci/harddrive.img}
APPLETS=${BUSYBOX_APPLETS:-cat cut echo tr wc}
APPLET_TIMEOUT=${BUSYBOX_APPLET_TIMEOUT:-120}
# what the default applets gave when the port was made
PASS_DEFAULT=42
FAIL_DEFAULT=0

setup_file() {
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/busybox.serial.log"
	export SERIAL_LOG
	local list=$APPLETS
	[ "$list" = all ] && list='$(busybox --list)'
	# each applet on its own, bounded: one that hangs is reported, not fatal
	local run="cd /usr/share/busybox/testsuite; for a in $list; do timeout $APPLET_TIMEOUT ./runtest \$a >/tmp/one.log 2>&1; [ \$? -gt 128 ] && echo \"FAIL: \$a (killed after $APPLET_TIMEOUT s)\" >>/tmp/one.log; cat /tmp/one.log >>/tmp/rt.log; done; grep -E '^FAIL' /tmp/rt.log; for w in PASS FAIL UNTESTED SKIPPED; do echo \"BB-\$w \$(grep -c \"^\$w\" /tmp/rt.log)\"; done; echo BB-DONE\\r"
	"$ROOT/tests/helpers/qemu.sh" boot "$CI_IMAGE" "$SERIAL_LOG" --timeout 3600 --until '^BB-DONE' \
		--send 'redox login: ' 'root\r' \
		--send 'Password: ' 'password\r' \
		--send '# $' "$run" || {
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
	echo "# busybox runtest ($APPLETS): $pass passed, $fail failed, $untested untested, $skipped skipped" >&3
	grep '^FAIL' "$SERIAL_LOG" | sed 's/^/# /' >&3 || true
	[ -n "$pass" ] && [ -n "$fail" ]
	if [ -z "${BUSYBOX_APPLETS:-}" ]; then
		[ "$pass" -eq "$PASS_DEFAULT" ] && [ "$fail" -eq "$FAIL_DEFAULT" ]
	fi
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
