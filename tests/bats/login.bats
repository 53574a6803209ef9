#!/usr/bin/env bats
# A person at the serial console of the default image: getty's banner and
# prompt, logging in as `user` (no password) and `root` (password
# "password"), the BusyBox shell and tools, vi, permissions and scheme
# limits, sudo, a wrong password, Ctrl-C. One boot; the test types on the
# console with qemu.sh --send (each step waits for the output of the one
# before it) and reads the serial log.

load ../helpers/common

# 20 refusals in make test (about a minute); WRONG_LOGINS=99 for the 100 of
# docs/architecture.md ("Logging in")
WRONG_LOGINS=${WRONG_LOGINS:-19}

setup_file() {
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/login.serial.log"
	export SERIAL_LOG
	# $((...)) in what is typed: the echo of the command line never matches
	# the marker its output prints
	# No --until: the session ends with `shutdown`, which must end QEMU.
	# After the first wrong root password, $WRONG_LOGINS more in a row: root
	# must still get in at once after them (no lock-out, no growing delay).
	local flood=()
	for ((i = 0; i < WRONG_LOGINS; i++)); do
		flood+=(--send 'redox login: ' 'root\r' --send 'Password: ' "bad$i\r")
	done
	local start=$SECONDS
	boot_log login "$IMAGE" $((300 + 6 * WRONG_LOGINS)) \
		--send 'redox login: ' 'user\r' \
		--send '\$ $' 'ls /; echo hi | wc -c; cat /etc/hostname; id; cat /etc/shadow; cat irq:; helloworld; sudo whoami; echo gone >/dev/null; echo D-$(wc -c </dev/null)-$(head -c 3 /dev/zero | wc -c); rm -f note.txt; echo U-$((6*7))\r' \
		--send '^U-42' 'vi note.txt\r' \
		--send '~' 'ihello from vi' \
		--send 'Modified' '\x1b' \
		--send '- note.txt \[Modified\]' ':wq\r' \
		--send "'note.txt' 1L" 'cat note.txt; echo V-$((7*7)); exit\r' \
		--send 'redox login: ' 'root\r' \
		--send 'Password: ' 'wrong\r' \
		"${flood[@]}" \
		--send 'redox login: ' 'root\r' \
		--send 'Password: ' 'password\r' \
		--send '# $' "whoami; sh -c 'echo S-\$((2*3)); exec sleep 100'\r" \
		--send '^S-6' '\x03' \
		--send '# $' 'echo R-$((5*5)) rc=$?\r' \
		--send '^R-25 rc=130' 'ps; df; uptime; dmesg | tail -n 2; echo W-$((3*3))\r' \
		--send '^W-9' '{ echo broken; cat /etc/passwd; } >/tmp/p; cat /tmp/p >/etc/passwd; echo bogus = file >>/etc/login_schemes.toml; exit\r' \
		--send 'redox login: ' 'user\r' \
		--send '\$ $' 'id; ls null: zero:; echo M-$((4*4)); sudo shutdown\r' || return 1
	echo "$((SECONDS - start))" >"$SERIAL_LOG.seconds"
}

# serial_order on the part of the log from the first line matching $1 on
after() {
	local from=$1
	shift
	sed -n "/$from/,\$p" "$SERIAL_LOG" >"$SERIAL_LOG.after"
	SERIAL_LOG="$SERIAL_LOG.after" serial_order "$@"
}

@test "getty prints /etc/issue (the seed's banner) and the login prompt" {
	grep -qxF '########## Redox OS ##########' "$SERIAL_LOG"
	grep -qxF '# Login with the following:  #' "$SERIAL_LOG"
	grep -qxF '# `root`:`password`          #' "$SERIAL_LOG"
	# init.d's helloworld may print right after the prompt (as in the seed's log)
	serial_order '^##############################$' '^redox login: '
	serial_has '^redox login: (user)?$'
}

@test "user logs in without a password and gets BusyBox ash with the motd" {
	serial_order '^redox login: ' '^Welcome to Redox OS!$' 'built-in shell \(ash\)' \
		'^file:/home/user \$ '
}

@test "user's shell runs ls /, a pipe, cat /etc/hostname and id (uid 1000)" {
	serial_has '^bin +boot +dev +etc +home +lib +root +tmp +usr$'
	serial_order '^file:/home/user \$ ls /' '^3$' '^redox$' '^uid=1000\(user\) gid=1000\(user\)$'
}

@test "/dev/null and /dev/zero lead to the kernel's null: and zero: schemes" {
	serial_order '^uid=1000\(user\)' '^D-0-3$' '^U-42$'
}

@test "user cannot read /etc/shadow nor open irq: (login_schemes.toml)" {
	serial_has "^cat: can't open '/etc/shadow': Permission denied$"
	serial_has "^cat: can't open 'irq:': Permission denied$"
}

@test "helloworld from the shell prints through the kernel log" {
	# once from init.d at boot, once from the shell
	[ "$(grep -c 'SYS_HELLOWORLD: Hello, world!$' "$SERIAL_LOG")" -ge 2 ]
}

@test "sudo works for user (a member of group sudo)" {
	serial_order '^uid=1000\(user\)' '^root$' '^U-42$'
}

@test "vi edits and saves a file" {
	serial_order '^U-42$' "'note.txt' 1L, 14C" '^hello from vi$' '^V-49$'
}

@test "logout returns to the banner; a wrong root password is refused" {
	after '^V-49$' '^V-49$' '^########## Redox OS ##########$' '^redox login: root$' \
		'^Password: $' '^Login incorrect$'
	# and a new banner after the refusal
	after '^Login incorrect$' '^Login incorrect$' '^########## Redox OS ##########$' \
		'^redox login: root$' '^Password: $' '^Welcome to Redox OS!$'
	# the password is not echoed
	! grep -q 'wrong' "$SERIAL_LOG"
	! grep -qx 'Password: password' "$SERIAL_LOG"
}

@test "$((WRONG_LOGINS + 1)) wrong root passwords in a row are each refused; root then gets in at once" {
	[ "$(grep -cx 'Login incorrect' "$SERIAL_LOG")" = $((WRONG_LOGINS + 1)) ]
	! grep -Eq 'bad[0-9]+' "$SERIAL_LOG"
	# after the last refusal: the banner, root's prompt and the shell
	tac "$SERIAL_LOG" | sed -n '/^Login incorrect$/q;p' | tac >"$SERIAL_LOG.last"
	SERIAL_LOG="$SERIAL_LOG.last" serial_order '^########## Redox OS ##########$' \
		'^redox login: root$' '^Password: $' '^Welcome to Redox OS!$' '^file:/root # whoami' '^root$'
	echo "# the console session with $((WRONG_LOGINS + 1)) refusals took $(cat "$SERIAL_LOG.seconds") s" >&3
}

@test "root logs in with 'password'; whoami prints root" {
	after '^Login incorrect$' '^Login incorrect$' '^file:/root # whoami' '^root$'
}

@test "Ctrl-C ends the foreground program and the shell carries on" {
	serial_order '^S-6$' '^\^C$' '^R-25 rc=130$'
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
}

@test "ps, df, uptime and dmesg show what the kernel reports" {
	after '^R-25 rc=130' '^R-25 rc=130' '^PID +PPID +UID +NAME +STATE$' '^1 +0 +0 +init ' \
		'^Filesystem +1K-blocks' '^file:/ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+%$' ' up +[0-9]+:[0-9]{2}:[0-9]{2}$' \
		'^W-9$'
	# dmesg repeats the console's last lines from the kernel log
	[ "$(sed -n '/^R-25 rc=130/,$p' "$SERIAL_LOG" | grep -cE '^file:/ +[0-9]+')" -ge 2 ]
}

@test "malformed /etc/passwd and login_schemes.toml lines are reported by file and line; login still works" {
	after '^W-9$' '^W-9$' '^redox login: user$' \
		"^/etc/passwd line 1: expected 6 fields separated by ';'; line skipped$" \
		'^/etc/login_schemes.toml line [0-9]+: expected an array of scheme names after .=.; line skipped$' \
		'^uid=1000\(user\)' '^M-16$'
}

@test "shutdown (through sudo) powers the machine off through ACPI, which ends QEMU" {
	serial_order '^M-16$' 'kstop: shutdown'
	# QEMU ended by power-off, not by the isa-debug-exit fallback
	[ ! -e "$SERIAL_LOG.exit" ]
}
