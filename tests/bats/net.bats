#!/usr/bin/env bats
# The network, on the default image with the seed's device set (e1000 on
# QEMU's user network, inside a loopback-only namespace): pcid starts
# e1000d, init's 10_net starts netstack (lwIP) and dhcpd, and dhcpd prints
# the seed's DHCP lines from QEMU's DHCP server's packets. A second boot
# on a user network with other addresses proves the values are the
# packets', not constants.

load ../helpers/common

# getty's prompt may come first on a line, as in the seed's own log
P='^(redox login: )?'

setup_file() {
	boot_once "$IMAGE" 240 'DHCP: Ack IP'
	OTHER_LOG="$LOGS/net.other-subnet.serial.log"
	export OTHER_LOG
	QEMU_NET="net=10.9.8.0/24,host=10.9.8.1,dhcpstart=10.9.8.77,dns=10.9.8.53" \
		boot_log net.other-subnet "$IMAGE" 240 \
		--until 'DHCP: Ack IP' || return 1
	SESSION_LOG="$LOGS/net.session.serial.log"
	PEERS="$LOGS/net.peers"
	CI_IMAGE=${CI_IMAGE:-$ROOT/build/$ARCH/ci/harddrive.img}
	export SESSION_LOG PEERS
	rm -rf "$PEERS" && mkdir -p "$PEERS/www"
	"$ROOT/tests/helpers/dns-responder.py" 53 gateway.test=10.0.2.2 >"$PEERS/dns.log" 2>&1 &
	echo $! >"$PEERS/pids"
	"$ROOT/tests/helpers/tcp-peer.py" 8081 "$PEERS/small" >/dev/null 2>&1 &
	echo $! >>"$PEERS/pids"
	"$ROOT/tests/helpers/tcp-peer.py" 8082 "$PEERS/down" 1048576 >/dev/null 2>&1 &
	echo $! >>"$PEERS/pids"
	"$ROOT/tests/helpers/tcp-peer.py" 8083 "$PEERS/up" >/dev/null 2>&1 &
	echo $! >>"$PEERS/pids"
	"$ROOT/tests/helpers/tcp-peer.py" 8084 "$PEERS/after-e1000d" >/dev/null 2>&1 &
	echo $! >>"$PEERS/pids"
	# an HTTP server of the toolchain image's Python, for BusyBox's wget
	head -c 1048576 /dev/urandom >"$PEERS/www/big.bin"
	python3 -m http.server 8000 --bind 127.0.0.1 --directory "$PEERS/www" \
		>"$PEERS/http.log" 2>&1 &
	echo $! >>"$PEERS/pids"
	# servers in the guest, reached from here through hostfwd: an echo (7),
	# a sink (8) and a source (9); each step waits for its marker
	: >"$SESSION_LOG"
	"$ROOT/tests/helpers/hostfwd-peer.py" "$SESSION_LOG" "$PEERS/fwd" \
		echo:^H-49:10007:1048576 send:^I-64:10008:1048576 recv:^J-81:10009 \
		2>"$PEERS/fwd.log" &
	echo $! >>"$PEERS/pids"
	# $((...)) in what is typed: the echo of the command line never matches
	# the marker its output prints. The session boots the ci image (the
	# server image plus net-test).
	QEMU_NET="hostfwd=tcp:127.0.0.1:10007-:7,hostfwd=tcp:127.0.0.1:10008-:8,hostfwd=tcp:127.0.0.1:10009-:9" \
		boot_log net.session "$CI_IMAGE" 600 \
		--send 'redox login: ' 'user\r' \
		--send '\$ $' 'cat netcfg:ifaces/eth0/addr/list netcfg:resolv/nameserver netcfg:ifaces/eth0/mac; ifconfig; ping -c 3 10.0.2.2; echo P-$((2*3))\r' \
		--send '^P-6' 'echo 10.0.2.9 >netcfg:resolv/nameserver; cat netcfg:resolv/nameserver; echo W-$((3*3))\r' \
		--send '^W-9' 'net-test; echo N-$((4*5))\r' \
		--send '^N-20' 'exit\r' \
		--send 'redox login: ' 'root\r' \
		--send 'Password: ' 'password\r' \
		--send '# $' 'echo 10.0.2.2 >netcfg:resolv/nameserver; ping -c 1 gateway.test; ping -c 1 nosuch.test; nslookup gateway.test; nslookup nosuch.test; echo hello-from-guest | nc -q 3 gateway.test 8081; echo D-$((5*5))\r' \
		--send '^D-25' 'nc 10.0.2.2 8082 </etc/hostname >/tmp/down; sha256sum /tmp/down; nc -N 10.0.2.2 8083 </tmp/down; echo T-$((6*6))\r' \
		--send '^T-36' 'nc -l -p 7 -e cat & sleep 3; echo H-$((7*7))\r' \
		--send '^H-49' "wait; nc -l -p 8 -e 'cat >/tmp/in' & sleep 3; echo I-\$((8*8))\r" \
		--send '^I-64' 'wait; sha256sum /tmp/in; nc -N -l -p 9 </tmp/in & sleep 3; echo J-$((9*9))\r' \
		--send '^J-81' 'wait; wget -q -O /tmp/web http://gateway.test:8000/big.bin; sha256sum /tmp/web; echo X-$((10*10))\r' \
		--send '^X-100' "kill -9 \$(grep e1000d sys:context | head -n 1 | cut -d' ' -f1); sleep 15; ping -c 2 10.0.2.2; echo after-e1000d | nc -N 10.0.2.2 8084; echo E-\$((11*11))\r" \
		--send '^E-121' "kill -9 \$(grep ' netstack ' sys:context | tail -n 1 | cut -d' ' -f1); sleep 10; ping -c 2 10.0.2.2; echo K-\$((4*4))\r" \
		--until '^K-16' || return 1
}

teardown_file() {
	[ -f "$PEERS/pids" ] && kill $(cat "$PEERS/pids") 2>/dev/null || true
}

# serial_order on the session log from the first line matching $1 on
session_after() {
	local from=$1
	shift
	sed -n "/$from/,\$p" "$SESSION_LOG" >"$SESSION_LOG.after"
	SERIAL_LOG="$SESSION_LOG.after" serial_order "$@"
}

@test "pcid starts e1000d for QEMU's e1000 (8086:100e) under its manifest" {
	serial_has '^pcid: 00:[0-9a-f]{2}\.0 8086:100e class 02\.00\.00 irq [0-9]+ -> e1000d$'
	serial_has '^pcid: 2 drivers started$'
}

@test "e1000d reads the MAC address, sees the link up and serves network.e1000_0:" {
	serial_has '^e1000d: 00:[0-9a-f]{2}\.0: 8086:100e, 1000 Mb/s full duplex, irq [0-9]+, 128 rx \+ 128 tx descriptors$'
	serial_has '^e1000d: serving network\.e1000_0: MAC 52:54:00:12:34:56, link up$'
}

@test "e1000d receives on its interrupt (no fallback to polling)" {
	# frames did arrive (the DHCP offer), and its timer found no frame the
	# interrupt had not announced
	serial_has 'DHCP: Offer IP'
	! grep -q '^e1000d: no interrupt arrived' "$SERIAL_LOG"
}

@test "netstack runs lwIP on eth0 over the adapter" {
	serial_has '^netstack: eth0 on network\.e1000_0: MAC 52:54:00:12:34:56 \(lwIP 2\.1\.3\); serving udp: tcp: icmp: netcfg:$'
}

@test "dhcpd prints the seed's DHCP lines, in order" {
	serial_order '^init: running file:/usr/lib/init.d/10_net$' \
		"$P"'DHCP: MAC: 52-54-00-12-34-56 Current IP: Not configured$' \
		"$P"'DHCP: Sent Discover$' \
		"$P"'DHCP: Offer IP: \[10, 0, 2, 15\], Server IP: \[10, 0, 2, 2\]$' \
		"$P"'DHCP: Message Type: \[2\]$' \
		"$P"'DHCP: Server ID: \[10, 0, 2, 2\]$' \
		"$P"'DHCP: Subnet Mask: \[255, 255, 255, 0\]$' \
		"$P"'DHCP: Router: \[10, 0, 2, 2\]$' \
		"$P"'DHCP: Domain Name Server: \[10, 0, 2, 3\]$' \
		"$P"'DHCP: Lease Time: \[0, 1, 81, 128\]$' \
		"$P"'DHCP: New IP: 10\.0\.2\.15/24$' \
		"$P"'DHCP: New Router: default via 10\.0\.2\.2 dev eth0 src 10\.0\.2\.15$' \
		"$P"'127\.0\.0\.0/8  dev loopback src 127\.0\.0\.1$' \
		"$P"'10\.0\.2\.0/24  dev eth0 src 10\.0\.2\.15$' \
		"$P"'DHCP: New DNS: 10\.0\.2\.3$' \
		"$P"'DHCP: Sent Request$' \
		"$P"'DHCP: Ack IP: \[10, 0, 2, 15\], Server IP: \[10, 0, 2, 2\]$'
	! grep -q '^dhcpd: ' "$SERIAL_LOG"
	echo "# QEMU start to 'DHCP: Ack' (TCG), qemu.sh run: $(cat "$SERIAL_LOG.seconds") s" >&3
}

@test "on another user network the DHCP lines carry that network's values" {
	SERIAL_LOG=$OTHER_LOG serial_order \
		"$P"'DHCP: Offer IP: \[10, 9, 8, 77\], Server IP: \[10, 9, 8, 1\]$' \
		"$P"'DHCP: Server ID: \[10, 9, 8, 1\]$' \
		"$P"'DHCP: Router: \[10, 9, 8, 1\]$' \
		"$P"'DHCP: Domain Name Server: \[10, 9, 8, 53\]$' \
		"$P"'DHCP: New IP: 10\.9\.8\.77/24$' \
		"$P"'DHCP: New Router: default via 10\.9\.8\.1 dev eth0 src 10\.9\.8\.77$' \
		"$P"'10\.9\.8\.0/24  dev eth0 src 10\.9\.8\.77$' \
		"$P"'DHCP: New DNS: 10\.9\.8\.53$' \
		"$P"'DHCP: Ack IP: \[10, 9, 8, 77\], Server IP: \[10, 9, 8, 1\]$'
}

@test "no kernel panic and no failed init command" {
	! grep -q 'KERNEL PANIC' "$SERIAL_LOG"
	failures=$(grep -E '^init: ' "$SERIAL_LOG" | grep -v '^init: running ' | grep ': ' || true)
	[ -z "$failures" ]
}

@test "netcfg: shows the configuration to user and refuses user's writes" {
	session_after 'cat netcfg:ifaces' '^10\.0\.2\.15/24$' '^10\.0\.2\.3$' '^52-54-00-12-34-56$'
	session_after '^P-6' 'Permission denied' '^10\.0\.2\.3$' '^W-9'
}

@test "ping -c 3 10.0.2.2 gets three replies (icmp:echo)" {
	session_after '^52-54-00-12-34-56$' '^PING 10\.0\.2\.2 \(10\.0\.2\.2\): 56 data bytes$' \
		'^64 bytes from 10\.0\.2\.2: icmp_seq=1 time=[0-9.]+ ms$' \
		'^64 bytes from 10\.0\.2\.2: icmp_seq=2 time=[0-9.]+ ms$' \
		'^64 bytes from 10\.0\.2\.2: icmp_seq=3 time=[0-9.]+ ms$' \
		'^3 packets transmitted, 3 received, 0% packet loss$' '^P-6'
}

@test "a killed netstack is logged and restarted, dhcpd configures it again, ping works" {
	# the supervisor is the older of the two netstack processes: kill took the stack
	session_after '^E-121' '^netstack: pid [0-9]+ killed by signal 9; starting again$' \
		'^dhcpd: starting again' \
		'^netstack: eth0 on network\.e1000_0:' \
		"$P"'DHCP: Ack IP: \[10, 0, 2, 15\], Server IP: \[10, 0, 2, 2\]$' \
		'^64 bytes from 10\.0\.2\.2: icmp_seq=2 time=[0-9.]+ ms$' \
		'^2 packets transmitted, 2 received, 0% packet loss$' '^K-16'
}

@test "a name resolves through the DNS server in netcfg: (a responder on the namespace's loopback)" {
	session_after '^P-6' '^PING gateway\.test \(10\.0\.2\.2\): 56 data bytes$' \
		'^64 bytes from 10\.0\.2\.2: icmp_seq=1' '^D-25'
	grep -qx 'dns-responder: gateway.test -> 10.0.2.2' "$PEERS/dns.log"
}

@test "an unknown name fails clearly" {
	session_after '^PING gateway\.test' '^ping: nosuch\.test: Name or service not known$' '^D-25'
	grep -qx 'dns-responder: nosuch.test -> NXDOMAIN' "$PEERS/dns.log"
}

@test "TCP: nc talks to a program on the host both ways" {
	session_after '^PING gateway\.test' '^greetings from the host$' '^D-25'
	[ "$(cat "$PEERS/small")" = hello-from-guest ]
}

@test "TCP: 1 MiB from the host and back arrives intact (SHA-256; the upload ends with nc -N's shutdown)" {
	want=$(cat "$PEERS/down.sha256")
	session_after '^D-25' "^$want  /tmp/down\$" '^T-36'
	[ "$(sha256sum <"$PEERS/up" | cut -d' ' -f1)" = "$want" ]
	echo "# 1 MiB host to guest: $(cat "$PEERS/down.seconds") s, guest to host: $(cat "$PEERS/up.seconds") s (TCG, through QEMU's user network)" >&3
}

@test "ifconfig shows eth0's MAC, address and routes from netcfg:" {
	session_after 'cat netcfg:ifaces' '^eth0: ether 52:54:00:12:34:56$' \
		'^      inet 10\.0\.2\.15/24$' \
		'^      route default via 10\.0\.2\.2 dev eth0 src 10\.0\.2\.15$' \
		'^      route 10\.0\.2\.0/24  dev eth0 src 10\.0\.2\.15$' \
		'^lo:   inet 127\.0\.0\.1/8$' '^P-6'
}

@test "nslookup asks netcfg:'s DNS server; an unknown name fails clearly" {
	session_after '^PING gateway\.test' '^Server:[[:space:]]+10\.0\.2\.2$' \
		'^Name:[[:space:]]+gateway\.test$' '^Address: 10\.0\.2\.2$' \
		'^nslookup: nosuch\.test: Name or service not known$' '^D-25'
	[ "$(grep -c 'dns-responder: gateway.test -> 10.0.2.2' "$PEERS/dns.log")" -ge 2 ]
}

@test "sockets: options, names, non-blocking connect and shutdown (net-test, 33 checks)" {
	session_after '^W-9' '^net-test: done: 33 checks ok, 0 failed$' '^N-20'
	! grep -q '^net-test: .*: FAIL' "$SESSION_LOG"
}

@test "hostfwd: a TCP echo server in the guest returns 1 MiB intact (SHA-256)" {
	[ ! -e "$PEERS/fwd.echo.error" ] || { cat "$PEERS/fwd.echo.error" >&2; false; }
	[ "$(stat -c %s "$PEERS/fwd.echo")" = 1048576 ]
	[ "$(sha256sum <"$PEERS/fwd.echo" | cut -d' ' -f1)" = "$(cat "$PEERS/fwd.echo.sha256")" ]
	echo "# hostfwd echo, 1 MiB each way at once: $(cat "$PEERS/fwd.echo.seconds") s" >&3
}

@test "hostfwd: 1 MiB host to guest and back to the host (nc -N: shutdown sends FIN)" {
	for m in send recv; do
		[ ! -e "$PEERS/fwd.$m.error" ] || { cat "$PEERS/fwd.$m.error" >&2; false; }
	done
	want=$(cat "$PEERS/fwd.send.sha256")
	session_after '^I-64' "^$want  /tmp/in\$" '^J-81'
	[ "$(sha256sum <"$PEERS/fwd.recv" | cut -d' ' -f1)" = "$want" ]
	rate() { awk -v s="$1" 'BEGIN { printf "%.2f", 1 / s }'; }
	in=$(cat "$PEERS/fwd.send.seconds") out=$(cat "$PEERS/fwd.recv.seconds")
	echo "# hostfwd TCP, host to guest: $(rate "$in") MiB/s (1 MiB in $in s); guest to host: $(rate "$out") MiB/s (1 MiB in $out s)" >&3
}

@test "wget (BusyBox) fetches 1 MiB from an HTTP server on the namespace's loopback (SHA-256)" {
	want=$(sha256sum <"$PEERS/www/big.bin" | cut -d' ' -f1)
	session_after '^J-81' "^$want  /tmp/web\$" '^X-100'
	grep -q '"GET /big.bin HTTP/1.1" 200' "$PEERS/http.log"
}

@test "a killed e1000d is logged and restarted by pcid; the netstack reopens it, dhcpd configures it, new connections work" {
	session_after '^X-100' \
		'^pcid: e1000d \(00:[0-9a-f]{2}\.0, pid [0-9]+\) killed by signal 9; restarting in [0-9]+ ms$' \
		'^pcid: e1000d \(00:[0-9a-f]{2}\.0\) restarted as pid [0-9]+$' '^E-121'
	session_after '^X-100' '^netstack: pid [0-9]+ ended with status 1; starting again$' \
		'^netstack: eth0 on network\.e1000_0: MAC 52:54:00:12:34:56' \
		"$P"'DHCP: Ack IP: \[10, 0, 2, 15\], Server IP: \[10, 0, 2, 2\]$' \
		'^2 packets transmitted, 2 received, 0% packet loss$' '^E-121'
	[ "$(cat "$PEERS/after-e1000d")" = after-e1000d ]
}
