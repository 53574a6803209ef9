#!/usr/bin/env bats
# The sysroot as a port's build uses it: the compiler wrapper links
# programs that ask for -lm -lpthread -lrt (the functions are in libc.a;
# the archives exist, as musl's do), and a threaded program links
# statically with no undefined symbol.

load ../helpers/common

CC=$ROOT/build/$ARCH/sysroot/bin/x86_64-unknown-redox-cc

setup() {
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

@test "-lm -lpthread -lrt link; the program is a static x86_64 ELF executable" {
	cat >"$TMP/t.c" <<'C'
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

static void *run(void *arg) { return arg; }

int main(void)
{
	pthread_t t;
	void *r;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	/* what ports link -lrt for: POSIX timers; and the resource limits */
	struct sigevent sev = {.sigev_notify = SIGEV_NONE};
	timer_t tm;
	struct rlimit rl;
	if (timer_create(CLOCK_REALTIME, &sev, &tm) == 0)
		timer_delete(tm);
	getrlimit(RLIMIT_NOFILE, &rl);
	pthread_create(&t, 0, run, (void *)1);
	pthread_join(t, &r);
	printf("%f %p\n", sqrt(2.0), r);
	return 0;
}
C
	run "$CC" -O2 "$TMP/t.c" -o "$TMP/t" -lm -lpthread -lrt
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	run file "$TMP/t"
	[[ "$output" == *"ELF 64-bit"*"x86-64"*"statically linked"* ]] || { echo "$output"; false; }
	for lib in libm.a libpthread.a librt.a; do
		[ -f "$ROOT/build/$ARCH/sysroot/lib/$lib" ]
	done
}

@test "a library the sysroot does not have is still an error" {
	echo 'int main(void) { return 0; }' >"$TMP/none.c"
	run "$CC" "$TMP/none.c" -o "$TMP/none"
	[ "$status" -eq 0 ]
	run "$CC" "$TMP/none.c" -o "$TMP/none" -lnosuchlib
	[ "$status" -ne 0 ]
	[[ "$output" == *nosuchlib* ]]
}
