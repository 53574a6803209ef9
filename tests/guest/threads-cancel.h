/*
 * The cancellation checks of the threads test (included by threads.c,
 * which provides check, spawn, sleep_ms and now_ns): deferred cancels of
 * threads blocked in read on a pipe, pthread_cond_wait (the cleanup
 * handler finds the mutex held and unlocks it), nanosleep, sem_wait,
 * poll, waitpid, pthread_join and pause; a request while disabled waits for enable and
 * pthread_testcancel, and the cancel signal restarts a call it cut short
 * while disabled; readers of a pipe cancelled at random moments lose no
 * byte; a thread that blocks every signal is still cancelled (SIGSTKFLT
 * is the library's); an asynchronous cancel of a busy loop; cleanup
 * handlers newest first on cancel and on pthread_exit; key destructors
 * on cancel. Every cancelled thread's join gives PTHREAD_CANCELED.
 */
#include <fcntl.h>
#include <poll.h>
#include <semaphore.h>
#include <time.h>

static volatile int cancel_ready;
static int cancel_fds[2];

static void set_flag(void *p)
{
	__atomic_store_n((int *)p, 1, __ATOMIC_SEQ_CST);
}

/* Start fn, let it block, cancel it; its join result. */
static void *cancel_after(void *(*fn)(void *), void *arg, int ms)
{
	__atomic_store_n(&cancel_ready, 0, __ATOMIC_SEQ_CST);
	pthread_t t = spawn(fn, arg);
	while (!__atomic_load_n(&cancel_ready, __ATOMIC_SEQ_CST))
		sleep_ms(1);
	sleep_ms(ms); /* it is asleep in the kernel by now */
	int r = pthread_cancel(t);
	void *result = 0;
	int j = pthread_join(t, &result);
	if (r || j)
		say("threads: cancel %d, join %d\n", r, j);
	return result;
}

static int read_cleanup_ran;
static pthread_key_t cancel_key;
static int key_destroyed;

static void key_gone(void *v)
{
	__atomic_store_n(&key_destroyed, v == &key_destroyed, __ATOMIC_SEQ_CST);
}

static void *blocked_read(void *arg)
{
	(void)arg;
	char c;
	pthread_setspecific(cancel_key, &key_destroyed);
	pthread_cleanup_push(set_flag, &read_cleanup_ran);
	cancel_ready = 1;
	read(cancel_fds[0], &c, 1);
	pthread_cleanup_pop(0);
	return 0;
}

static pthread_mutex_t cancel_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cancel_c = PTHREAD_COND_INITIALIZER;
static int held_in_handler = -1;

static void unlock_cancel_m(void *arg)
{
	(void)arg;
	/* ours again: a normal mutex we hold cannot be taken */
	held_in_handler = pthread_mutex_trylock(&cancel_m) == EBUSY && cancel_m.__lock != 0;
	pthread_mutex_unlock(&cancel_m);
}

static void *blocked_cond(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&cancel_m);
	pthread_cleanup_push(unlock_cancel_m, 0);
	cancel_ready = 1;
	for (;;)
		pthread_cond_wait(&cancel_c, &cancel_m);
	pthread_cleanup_pop(1);
	return 0;
}

static void *blocked_sleep(void *arg)
{
	(void)arg;
	cancel_ready = 1;
	sleep(30);
	return 0;
}

static sem_t cancel_sem;

static void *blocked_sem(void *arg)
{
	(void)arg;
	cancel_ready = 1;
	sem_wait(&cancel_sem);
	return (void *)1; /* took a post meant for nobody */
}

static void *blocked_poll(void *arg)
{
	(void)arg;
	struct pollfd p = {cancel_fds[0], POLLIN, 0};
	cancel_ready = 1;
	poll(&p, 1, -1);
	return 0;
}

static void *masked_read(void *arg)
{
	(void)arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, 0);
	char c;
	cancel_ready = 1;
	read(cancel_fds[0], &c, 1);
	return 0;
}

static pid_t sleeper;

static void *blocked_waitpid(void *arg)
{
	(void)arg;
	cancel_ready = 1;
	waitpid(sleeper, 0, 0);
	return 0;
}

static pthread_t join_target;

static void *blocked_join(void *arg)
{
	(void)arg;
	cancel_ready = 1;
	pthread_join(join_target, 0);
	return 0;
}

static char order[8];
static int order_n;

static void note(void *arg)
{
	order[order_n++] = *(const char *)arg;
}

static void *blocked_pause(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note, "a");
	pthread_cleanup_push(note, "b");
	pthread_cleanup_push(note, "x");
	pthread_cleanup_pop(0); /* "x" is not run */
	pthread_cleanup_push(note, "c");
	cancel_ready = 1;
	pause();
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return 0;
}

static void *exits_with_handlers(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note, "a");
	pthread_cleanup_push(note, "b");
	pthread_cleanup_push(note, "c");
	pthread_cleanup_pop(1); /* "c" runs now */
	pthread_exit((void *)7);
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return 0;
}

static int slept_whole, alive_after_enable, past_testcancel;

static void *disabled_then_enabled(void *arg)
{
	(void)arg;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
	cancel_ready = 1;
	sleep_ms(50); /* cancelled meanwhile */
	uint64_t t0 = now_ns();
	struct timespec ts = {0, 100000000};
	int r = nanosleep(&ts, 0); /* a cancellation point, but disabled */
	slept_whole = r == 0 && now_ns() - t0 >= 100000000ULL;
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0);
	alive_after_enable = 1; /* enabling alone does not act on a deferred request */
	pthread_testcancel();
	past_testcancel = 1;
	return 0;
}

static int disabled_tid, disabled_read_ok;

static void *disabled_reader(void *arg)
{
	(void)arg;
	char c = 0;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
	disabled_tid = (int)syscall0(SYS_GETTID);
	cancel_ready = 1;
	disabled_read_ok = read(cancel_fds[0], &c, 1) == 1 && c == 'q';
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0);
	pthread_testcancel();
	return 0;
}

/* A stream of bytes 0, 1, 2, ... through a pipe, read one at a time by a
 * series of readers that are cancelled at random moments. */
static int stream_fds[2];
static volatile int stream_stop, stream_done;
static unsigned long stream_written, stream_read, stream_bad;

static void *stream_writer(void *arg)
{
	(void)arg;
	while (!stream_stop) {
		unsigned char b = (unsigned char)stream_written;
		if (write(stream_fds[1], &b, 1) == 1)
			__atomic_add_fetch(&stream_written, 1, __ATOMIC_SEQ_CST);
	}
	stream_done = 1;
	return 0;
}

static void *stream_reader(void *arg)
{
	(void)arg;
	cancel_ready = 1;
	for (;;) {
		unsigned char b;
		if (read(stream_fds[0], &b, 1) != 1)
			continue;
		/* counted before the next cancellation point: a byte the kernel
		 * handed over is never lost to a cancel */
		stream_bad += b != (unsigned char)stream_read;
		stream_read++;
	}
	return 0;
}

static int cancel_stream(void)
{
	pipe(stream_fds);
	pthread_t w = spawn(stream_writer, 0);
	int cancelled = 0;
	for (int round = 0; round < 50; round++) {
		void *r = cancel_after(stream_reader, 0, 1 + round % 7);
		cancelled += r == PTHREAD_CANCELED;
	}
	stream_stop = 1;
	/* the rest (a lost byte would leave the pipe empty early: give up after 1 s) */
	while (!stream_done || stream_read < __atomic_load_n(&stream_written, __ATOMIC_SEQ_CST)) {
		struct pollfd p = {stream_fds[0], POLLIN, 0};
		unsigned char b;
		if (poll(&p, 1, 1000) <= 0) {
			if (stream_done)
				break;
			continue;
		}
		if (read(stream_fds[0], &b, 1) != 1)
			break;
		stream_bad += b != (unsigned char)stream_read;
		stream_read++;
	}
	pthread_join(w, 0);
	say("threads: %d readers cancelled, %lu bytes read of %lu, %lu out of order\n", cancelled,
	    stream_read, stream_written, stream_bad);
	close(stream_fds[0]);
	close(stream_fds[1]);
	return cancelled == 50 && stream_read == stream_written && stream_bad == 0;
}

static volatile unsigned long spins;

static void *busy_async(void *arg)
{
	(void)arg;
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, 0);
	cancel_ready = 1;
	for (;;)
		spins++;
	return 0;
}

static void test_cancel(void)
{
	pipe(cancel_fds);
	pthread_key_create(&cancel_key, key_gone);
	uint64_t t0 = now_ns();
	void *r = cancel_after(blocked_read, 0, 50);
	char c = 0;
	write(cancel_fds[1], "z", 1);
	int intact = read(cancel_fds[0], &c, 1) == 1 && c == 'z';
	check(r == PTHREAD_CANCELED && read_cleanup_ran && intact,
	      "deferred cancel ends a thread blocked in read on a pipe (join: PTHREAD_CANCELED)");
	check(key_destroyed == 1, "key destructors run in a cancelled thread");

	r = cancel_after(blocked_cond, 0, 50);
	int free_again = pthread_mutex_trylock(&cancel_m) == 0;
	pthread_mutex_unlock(&cancel_m);
	check(r == PTHREAD_CANCELED && held_in_handler == 1 && free_again,
	      "cancel in pthread_cond_wait: the handler holds the mutex and unlocks it");

	t0 = now_ns();
	r = cancel_after(blocked_sleep, 0, 50);
	uint64_t ms = (now_ns() - t0) / 1000000;
	check(r == PTHREAD_CANCELED && ms < 5000, "cancel cuts a 30 s sleep short");

	sem_init(&cancel_sem, 0, 0);
	r = cancel_after(blocked_sem, 0, 50);
	int value = -1;
	sem_post(&cancel_sem);
	sem_getvalue(&cancel_sem, &value);
	check(r == PTHREAD_CANCELED && value == 1, "cancel ends a thread blocked in sem_wait");

	int before = open("null:", O_RDONLY);
	close(before);
	r = cancel_after(blocked_poll, 0, 50);
	int after = open("null:", O_RDONLY);
	close(after);
	check(r == PTHREAD_CANCELED && before == after,
	      "cancel ends a thread blocked in poll, which closes its event queue");

	sleeper = fork();
	if (sleeper == 0) {
		sleep(30);
		_exit(0);
	}
	r = cancel_after(blocked_waitpid, 0, 50);
	int status = 0;
	kill(sleeper, SIGKILL);
	int reaped = waitpid(sleeper, &status, 0) == sleeper && WIFSIGNALED(status);
	check(r == PTHREAD_CANCELED && reaped,
	      "cancel ends a thread blocked in waitpid; the child stays to be reaped");

	/* a joiner cancelled in pthread_join leaves its target joinable */
	__atomic_store_n(&cancel_ready, 0, __ATOMIC_SEQ_CST);
	join_target = spawn(blocked_pause, 0);
	while (!__atomic_load_n(&cancel_ready, __ATOMIC_SEQ_CST))
		sleep_ms(1);
	r = cancel_after(blocked_join, 0, 50);
	void *r2 = 0;
	pthread_cancel(join_target);
	int joined = pthread_join(join_target, &r2) == 0;
	check(r == PTHREAD_CANCELED && joined && r2 == PTHREAD_CANCELED,
	      "cancel ends a thread blocked in pthread_join; its target stays joinable");

	order_n = 0;
	r = cancel_after(blocked_pause, 0, 50);
	check(r == PTHREAD_CANCELED && order_n == 3 && !memcmp(order, "cba", 3),
	      "cancel in pause runs the cleanup handlers newest first");

	/* the library's signal is not the application's to block or take */
	r = cancel_after(masked_read, 0, 50);
	struct sigaction act = {.sa_handler = SIG_IGN};
	int refused = sigaction(SIGSTKFLT, &act, 0) == -1 && errno == EINVAL &&
	              pthread_kill(pthread_self(), SIGSTKFLT) == EINVAL;
	check(r == PTHREAD_CANCELED && refused,
	      "a thread blocking every signal is still cancelled; SIGSTKFLT is the library's");

	order_n = 0;
	pthread_t t = spawn(exits_with_handlers, 0);
	pthread_join(t, &r);
	check(r == (void *)7 && order_n == 3 && !memcmp(order, "cba", 3),
	      "pthread_exit runs the cleanup handlers newest first");

	r = cancel_after(disabled_then_enabled, 0, 10);
	check(r == PTHREAD_CANCELED && slept_whole && alive_after_enable && !past_testcancel,
	      "a request while disabled waits for enable, then pthread_testcancel acts");

	/* the library's signal, as a cancel sent just before the thread disabled
	 * cancellation would deliver it: the blocked read goes on */
	__atomic_store_n(&cancel_ready, 0, __ATOMIC_SEQ_CST);
	pthread_t t2 = spawn(disabled_reader, 0);
	while (!__atomic_load_n(&cancel_ready, __ATOMIC_SEQ_CST))
		sleep_ms(1);
	sleep_ms(50);
	pthread_cancel(t2);
	syscall2(SYS_TKILL, (uint64_t)disabled_tid, SIGSTKFLT);
	sleep_ms(50);
	write(cancel_fds[1], "q", 1);
	pthread_join(t2, &r);
	check(r == PTHREAD_CANCELED && disabled_read_ok,
	      "with cancellation disabled the cancel signal restarts a blocked read (no EINTR)");

	check(cancel_stream(),
	      "50 readers of a byte stream cancelled at random moments lose no byte");

	r = cancel_after(busy_async, 0, 50);
	check(r == PTHREAD_CANCELED && spins > 0,
	      "asynchronous cancel ends a thread in a busy loop");
	close(cancel_fds[0]);
	close(cancel_fds[1]);
}
