#!/usr/bin/env bats
# SQLite in the guest (config dev; recipes/tools/sqlite3). `user` logs in
# on the serial console and runs the SQL workload of tests/guest/dev
# (installed under /usr/src/examples) with the guest's sqlite3 on a
# database file in its home folder, on the disk: sqlite-write.sql makes
# it (tables, 5000 rows in a transaction, indexes, joins, aggregates,
# window functions, text/real/blob/date/JSON functions, printf, FTS4,
# R*Tree), sqlite-locks.sql holds a write transaction while other sqlite3
# processes read and try to write (fcntl record locks), sqlite-reopen.sql
# opens the file again, grows it and vacuums it. The output must be byte
# for byte what the host's sqlite3 (mk/sqlite3-host.mk: the same tarball
# and options, built for the host) prints for the same scripts, and the
# database file the guest left on its disk must be the host's, byte for
# byte, and intact for the host's sqlite3. A copy of the dev image boots.

load ../helpers/common

DEV_IMAGE=${DEV_IMAGE:-$ROOT/build/$ARCH/dev/harddrive.img}
SQLITE3_HOST=${SQLITE3_HOST:-$ROOT/build/host/sqlite3/sqlite3}
# the lines the workload prints (pinned: the scripts and this go together)
SQL_LINES=167
# what the three scripts are, run the same way on both sides
WORKLOAD='rm -f w.db; for s in write locks reopen; do sqlite3 w.db <$E/sqlite-$s.sql; done >sql.out 2>&1'

setup_file() {
	mkdir -p "$LOGS"
	SERIAL_LOG="$LOGS/sqlite.serial.log"
	DISK="$LOGS/sqlite.img"
	HOST_DIR="$BATS_FILE_TMPDIR/host"
	export SERIAL_LOG DISK HOST_DIR
	[ -x "$SQLITE3_HOST" ] || {
		echo "no host sqlite3 ($SQLITE3_HOST): make test-images builds it" >&2
		return 1
	}
	mkdir -p "$HOST_DIR"
	(cd "$HOST_DIR" && PATH="$(dirname "$SQLITE3_HOST"):$PATH" E="$ROOT/tests/guest/dev" bash -c "$WORKLOAD")
	cp --sparse=always "$DEV_IMAGE" "$DISK"
	# $((...)) in what is typed: the echo of the command line never
	# matches the markers its output prints
	local run="cd; E=/usr/src/examples; t0=\$(date +%s); $WORKLOAD; echo SQL-TIME \$((\$(date +%s) - t0)); echo SQL-SUM \$(sha256sum <sql.out) \$(wc -l <sql.out); echo SQL-BEGIN-\$((1+1)); cat sql.out; echo SQL-END-\$((6*7)); sudo shutdown\r"
	boot_log sqlite "$DISK" 1200 \
		--send 'redox login: ' 'user\r' \
		--send '\$ $' "$run" || return 1
}

# what the guest's sqlite3 printed, as the serial log has it
guest_output() {
	sed -n '/^SQL-BEGIN-2$/,/^SQL-END-42$/p' "$SERIAL_LOG" | sed '1d;$d'
}

@test "the guest's sqlite3 prints byte for byte what the host's prints ($SQL_LINES lines)" {
	line=$(grep -a '^SQL-SUM ' "$SERIAL_LOG" | tail -1)
	echo "# SQL workload in the guest: $(grep -a '^SQL-TIME ' "$SERIAL_LOG" | tail -1 | cut -d' ' -f2) s" >&3
	# as the guest's echo prints it: one space between the words
	want=$(echo SQL-SUM $(sha256sum <"$HOST_DIR/sql.out") $(wc -l <"$HOST_DIR/sql.out"))
	if [ "$line" != "$want" ]; then
		echo "guest: $line" >&2
		echo "host:  $want" >&2
		diff <(guest_output) "$HOST_DIR/sql.out" >&2 || true
		return 1
	fi
	[ "$(wc -l <"$HOST_DIR/sql.out")" -eq "$SQL_LINES" ]
}

@test "the workload's checks: integrity, locking between processes, reopening" {
	out=$(guest_output)
	[ "$(grep -c '^ok$' <<<"$out")" -eq 3 ] # PRAGMA integrity_check, three times
	grep -qx 'reader during the transaction|4' <<<"$out"
	grep -qx 'Error: stepping, database is locked (5)' <<<"$out"
	grep -qx 'writer refused' <<<"$out"
	grep -qx 'reader after the commit|5' <<<"$out"
	grep -qx 'writer allowed' <<<"$out"
	grep -A1 -x 'user_version' <<<"$out" | grep -qx 7
	grep -qx '5334|1|8000|295982214.75' <<<"$out"
}

@test "the database file on the guest's disk: the host's bytes, intact for the host's sqlite3" {
	offset=$(redoxfs_offset "$DISK")
	run "$ROOT/build/host/redoxfs/redoxfs-fsck" "$DISK" --offset "$offset"
	[ "$status" -eq 0 ]
	"$ROOT/build/host/redoxfs/redoxfs-cat" "$DISK" /home/user/w.db --offset "$offset" >"$BATS_FILE_TMPDIR/guest.db"
	[ "$(sha256sum <"$BATS_FILE_TMPDIR/guest.db")" = "$(sha256sum <"$HOST_DIR/w.db")" ]
	[ "$("$SQLITE3_HOST" "$BATS_FILE_TMPDIR/guest.db" 'PRAGMA integrity_check; SELECT count(*) FROM emp')" = "$(printf 'ok\n5334')" ]
	! grep -aq 'KERNEL PANIC' "$SERIAL_LOG"
}
