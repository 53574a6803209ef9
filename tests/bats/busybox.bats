#!/usr/bin/env bats
# BusyBox's own test suite (recipes/tools/busybox-testsuite) in the guest:
# root logs in on the serial console of the `ci` image (server plus the
# suite) and runs testsuite/runtest, which tests each named applet with the
# features of the .config BusyBox was built with; tests that cannot apply
# here are left out by the busybox-testsuite recipe (its list says why).
# make test runs the applets below (about 3 minutes under TCG); BUSYBOX_APPLETS=all runs the
# whole suite (`podman/run.sh exec env PODMAN_BUILD=0 BUSYBOX_APPLETS=all
# bats tests/bats/busybox.bats`), BUSYBOX_GROUP applets to a runtest,
# each runtest bounded by BUSYBOX_GROUP_TIMEOUT seconds. The counts of PASS, FAIL, UNTESTED
# and SKIPPED lines go to the BATS output; the default run pins them.

load ../helpers/common

CI_IMAGE=${CI_IMAGE:-$ROOT/build/$ARCH/ci/harddrive.img}
APPLETS=${BUSYBOX_APPLETS:-cat cut echo tr wc diff date head tail seq uniq expr sort basename dirname od hexdump cmp tee dd ln hostname}
GROUP=${BUSYBOX_GROUP:-12}
GROUP_TIMEOUT=${BUSYBOX_GROUP_TIMEOUT:-900}
# what the default applets give (cat cut echo tr wc alone: 42)
PASS_DEFAULT=152
FAIL_DEFAULT=0

setup_file() {
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/busybox.serial.log"
	export SERIAL_LOG
	local list=$APPLETS
	[ "$list" = all ] && list='$(busybox --list)'
	# runtest remakes a link per applet each time it starts, so applets go
	# in groups of GROUP, each group bounded: one that hangs is reported,
	# not fatal. The image keeps /tmp from an earlier boot: rt.log starts
	# empty.
	local run="cd /usr/share/busybox/testsuite; rm -f /tmp/rt.log; set -- $list; while [ \$# -gt 0 ]; do g=; n=0; while [ \$# -gt 0 ] && [ \$n -lt $GROUP ]; do g=\"\$g \$1\"; shift; n=\$((n+1)); done; timeout $GROUP_TIMEOUT ./runtest \$g >/tmp/one.log 2>&1; [ \$? -gt 128 ] && echo \"FAIL: \$g (killed after $GROUP_TIMEOUT s)\" >>/tmp/one.log; cat /tmp/one.log >>/tmp/rt.log; echo \"BB-GROUP\$g: \$(grep -c ^PASS /tmp/one.log) passed, \$(grep -c ^FAIL /tmp/one.log) failed\"; done; grep -E '^FAIL' /tmp/rt.log; for w in PASS FAIL UNTESTED SKIPPED; do echo \"BB-\$w \$(grep -c \"^\$w\" /tmp/rt.log)\"; done; echo BB-DONE\\r"
	boot_log busybox "$CI_IMAGE" 3600 --until '^BB-DONE' \
		--send 'redox login: ' 'root\r' \
		--send 'Password: ' 'password\r' \
		--send '# $' "$run" || return 1
}

count() {
	sed -n "s/^BB-$1 \([0-9]*\)\r\?$/\1/p" "$SERIAL_LOG" | tail -1
}

@test "BusyBox's test suite runs in the guest" {
	pass=$(count PASS) fail=$(count FAIL) untested=$(count UNTESTED) skipped=$(count SKIPPED)
	echo "# busybox runtest ($APPLETS): $pass passed, $fail failed, $untested untested, $skipped skipped" >&3
	grep '^FAIL' "$SERIAL_LOG" | sed 's/^/# /' >&3 || true
	# one check a line: under set -e a failing check before && is not fatal
	[ -n "$pass" ]
	[ -n "$fail" ]
	if [ -z "${BUSYBOX_APPLETS:-}" ]; then
		[ "$pass" -eq "$PASS_DEFAULT" ]
		[ "$fail" -eq "$FAIL_DEFAULT" ]
	fi
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}
