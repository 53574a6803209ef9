#!/usr/bin/env bats
# TCP over a bad link, against Linux's TCP: the guest's e1000 reaches a tap
# device in a network namespace the test makes (lo, tap0 = 10.0.3.1/24,
# nothing else) through tests/helpers/lossy-relay.py, which drops 5 % of
# the frames each way, delays every frame 1-20 ms and holds 3 % back 20 ms
# more (so they are reordered). The guest gets 10.0.3.2/24 through
# netcfg: (no DHCP server on this link); then 16 MiB go from a Linux
# program to the guest's `nc -l` and back from the guest's `nc` to a Linux
# listener, compared by SHA-256 on both ends.
#   LOSSY_SEED=N   the relay's seed (default: the date's day number; it is
#                  printed, so a failure can be replayed)
#   LOSSY_SIZE=N   bytes each way (default 16 MiB)

load ../helpers/common

setup_file() {
	DIR="$LOGS/net-loss"
	SIZE=${LOSSY_SIZE:-16777216}
	SEED=${LOSSY_SEED:-$(date +%j | sed 's/^0*//')}
	SERIAL_LOG="$DIR/serial.log"
	export DIR SIZE SEED SERIAL_LOG
	rm -rf "$DIR" && mkdir -p "$DIR"
	# $((...)) in what is typed: the echo of the command line never matches
	# the marker its output prints. The prompt is not matched to the line's
	# end: dhcpd, still asking in the background, may print right after it.
	"$ROOT/tests/helpers/lossy-link.sh" "$DIR" "$SEED" bash -c '
		root=$1 dir=$2 size=$3 image=$4
		"$root/tests/helpers/tcp-peer.py" --connect 10.0.3.2 9000 "$dir/down" "$size" \
			>"$dir/down.log" 2>&1 &
		down=$!
		"$root/tests/helpers/tcp-peer.py" --bind 10.0.3.1 9001 "$dir/up" >"$dir/up.log" 2>&1 &
		up=$!
		rc=0
		"$root/tests/helpers/qemu.sh" boot "$image" "$dir/serial.log" --timeout 1800 \
			--send "redox login: " "root\r" \
			--send "Password: " "password\r" \
			--send "^file:/root # " "echo 10.0.3.2/24 >netcfg:ifaces/eth0/addr/set; cat netcfg:ifaces/eth0/addr/list; nc -l -p 9000 </dev/null >/tmp/down; sha256sum /tmp/down; echo D-\$((5*5))\r" \
			--send "^D-25" "nc -q 10 10.0.3.1 9001 </tmp/down; echo T-\$((6*6))\r" \
			--until "^T-36" || rc=$?
		# the peers end with their connections; a failed boot leaves them waiting
		for _ in $(seq 20); do
			kill -0 $down 2>/dev/null || kill -0 $up 2>/dev/null || break
			sleep 0.5
		done
		kill $down $up 2>/dev/null || true
		exit $rc' sh "$ROOT" "$DIR" "$SIZE" "$IMAGE" || {
		echo "the lossy-link session did not finish; serial log: $SERIAL_LOG" >&2
		tail -n 30 "$SERIAL_LOG" >&2
		cat "$DIR/relay.log" "$DIR/down.log" "$DIR/up.log" >&2
		return 1
	}
	cat "$DIR/relay.log" >&3
}

# frames, dropped and reordered of one direction in relay.log
relay_counts() {
	sed -nE "s/^lossy-relay: $1: ([0-9]+) frames, [0-9]+ forwarded, ([0-9]+) dropped, ([0-9]+) reordered.*/\1 \2 \3/p" \
		"$DIR/relay.log"
}

@test "the guest takes its address on the lossy link through netcfg:" {
	serial_has '^10\.0\.3\.2/24$'
}

@test "the relay dropped about 5 % of the frames each way and reordered some" {
	grep -q "^lossy-relay: seed $SEED;" "$DIR/relay.log"
	for dir in 'guest->tap' 'tap->guest'; do
		read -r frames dropped reordered < <(relay_counts "$dir")
		# 16 MiB is at least 11 500 full frames one way, plus the acks back
		[ "$frames" -ge 3000 ]
		[ $((dropped * 100)) -ge $((frames * 3)) ]
		[ $((dropped * 100)) -le $((frames * 7)) ]
		[ "$reordered" -gt 0 ]
	done
}

@test "16 MiB from Linux to the guest's nc -l arrive intact (SHA-256)" {
	want=$(cat "$DIR/down.sha256")
	serial_has "^$want  /tmp/down\$"
	echo "# $SIZE bytes Linux to guest: $(cat "$DIR/down.seconds") s" >&3
}

@test "16 MiB from the guest's nc to a Linux listener arrive intact (SHA-256)" {
	want=$(cat "$DIR/down.sha256")
	[ "$(stat -c %s "$DIR/up")" = "$SIZE" ]
	[ "$(sha256sum <"$DIR/up" | cut -d' ' -f1)" = "$want" ]
	echo "# $SIZE bytes guest to Linux: $(cat "$DIR/up.seconds") s" >&3
}

@test "no kernel panic and no error from the stack" {
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
	bad=$(grep -E '^(netstack|nc|e1000d): ' "$SERIAL_LOG" |
		grep -Ev '^netstack: eth0 on |^e1000d: (00:|serving )' || true)
	[ -z "$bad" ]
}
