#!/usr/bin/env bats
# Compiling on the booted system (config dev: server plus tcc, GNU make and
# source trees; docs/compiling.md). `user` logs in on the serial console
# and, in the guest: tcc compiles the seed's helloworld, which then makes
# its SYS_HELLOWORLD call; tcc compiles and links tcc-check.c (stdio,
# errno in TLS, malloc, libm, setjmp, threads), whose checks all pass; make
# with tcc builds Lua 5.4 from its source tree; the new lua runs check.lua
# and prints exactly what the image's own (clang-built) lua prints.
# The in-guest build time of Lua is printed as a note.

load ../helpers/common

DEV_IMAGE=${DEV_IMAGE:-$ROOT/build/$ARCH/dev/harddrive.img}
# what tests/guest/dev/tcc-check.c checks, and how many lines check.lua prints
TCC_CHECKS=14
LUA_LINES=10

setup_file() {
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/dev.serial.log"
	export SERIAL_LOG
	# $((...)) in what is typed: the echo of the command line never
	# matches the marker its output prints
	local lua_build="cp -R /usr/src/lua-5.4.4 lua && cd lua && s=\$(date +%s); make posix CC=tcc AR='tcc -ar rcs' RANLIB=true >make.log 2>&1; echo LUA-MAKE-\$((0+\$?)) \$((\$(date +%s) - s)); tail -n 4 make.log\r"
	local lua_run="ls -l src/lua; src/lua /usr/src/examples/check.lua >tcc.out; lua /usr/src/examples/check.lua >ref.out; cat tcc.out; echo LUA-LINES \$(wc -l <tcc.out); cmp tcc.out ref.out && echo LUA-SAME-\$((1+1)); echo DEV-DONE-\$((2*2))\r"
	boot_log dev "$DEV_IMAGE" 1500 --until '^DEV-DONE-4' \
		--send 'redox login: ' 'user\r' \
		--send '\$ $' 'cd; tcc -v; tcc -o hello /usr/src/helloworld/helloworld.c && echo HW-$((40+2)) && ./hello; echo HW-RC-$((0+$?))\r' \
		--send '^HW-RC-' 'tcc -o tcc-check /usr/src/examples/tcc-check.c -lm -lpthread && ./tcc-check; echo TC-RC-$((0+$?))\r' \
		--send '^TC-RC-' "$lua_build" \
		--send '^LUA-MAKE-' "$lua_run" || return 1
}

# the serial log from the first line matching $1 on
after() {
	sed -n "/$1/,\$p" "$SERIAL_LOG"
}

@test "tcc compiles the seed's helloworld in the guest, and it makes its system call" {
	serial_has '^tcc version 0\.9\.27'
	serial_has '^HW-RC-0'
	# the kernel's line of the boot-time run comes before; this one after the build
	after '^HW-42' | grep -q 'SYS_HELLOWORLD: Hello, world!'
}

@test "a tcc-built program: stdio, errno in TLS, malloc, libm, setjmp, threads ($TCC_CHECKS checks)" {
	! grep -a 'tcc-check: FAIL' "$SERIAL_LOG"
	serial_has "^tcc-check: $TCC_CHECKS/$TCC_CHECKS checks passed"
	serial_has '^TC-RC-0'
}

@test "make with tcc builds Lua 5.4 in the guest" {
	line=$(grep -a '^LUA-MAKE-' "$SERIAL_LOG" | tail -1 | tr -d '\r')
	echo "# in-guest Lua build (make posix CC=tcc, 1 job): ${line##* } s" >&3
	[ "${line%% *}" = LUA-MAKE-0 ]
}

@test "the guest-built lua runs a script as the image's lua does ($LUA_LINES lines)" {
	serial_has "^LUA-LINES $LUA_LINES"
	serial_has '^LUA-SAME-2'
	serial_has '^fib	75025'
	! grep -aq 'KERNEL PANIC' "$SERIAL_LOG"
}
