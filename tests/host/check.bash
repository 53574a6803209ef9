# shellcheck shell=bash
# The harness of the shell host tests (sourced): one TAP-like line per
# check, a summary, and the count each test file pins.
#
#   check NAME COMMAND...   passes when COMMAND succeeds
#   refute NAME COMMAND...  passes when COMMAND fails
#   ok NAME / bad NAME      record a result by hand; bad shows $CHECK_OUT
#                           (a file of the command's output) when it exists
#   check_done SUITE COUNT  the summary; fails when a check failed or the
#                           number of checks is not COUNT

passed=0
failed=0
CHECK_OUT=${CHECK_OUT:-}

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}
bad() {
	failed=$((failed + 1))
	echo "not ok - $1"
	if [ -n "$CHECK_OUT" ] && [ -f "$CHECK_OUT" ]; then
		sed 's/^/#   /' "$CHECK_OUT"
	fi
}
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}
refute() {
	local name=$1
	shift
	if "$@"; then bad "$name"; else ok "$name"; fi
}
check_done() {
	local suite=$1 want=$2
	echo "$suite: $passed passed, $failed failed"
	if [ $((passed + failed)) != "$want" ]; then
		echo "$suite: ran $((passed + failed)) checks, the file pins $want"
		return 1
	fi
	[ "$failed" = 0 ]
}
