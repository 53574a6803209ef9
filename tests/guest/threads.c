/*
 * threads: the init of the threads test image. 16 threads on the 4 CPUs
 * QEMU gives it contend mutexes (normal, recursive, error-checking),
 * condition variables (with timeouts), rwlocks, barriers, once, keys and
 * malloc; each keeps its own TLS and errno. Children show a fault in one
 * thread ending the whole process with SIGSEGV while the others run,
 * exit() ending every thread, exec from a threaded process, signals to
 * one thread, and TLB shootdown (a page unmapped or write-protected by one
 * thread faults in another that is using it on another CPU), and thread
 * cancellation (threads-cancel.h). Prints
 * "threads: <what>: ok|FAIL" per check and "threads: done: N checks ok,
 * M failed"; tests/bats/threads.bats pins N.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <redox/syscall.h>

#include "guest.h"

#define NTHREADS 16

static int passed, failed;

static void check(int ok, const char *what)
{
	say("threads: %s: %s\n", what, ok ? "ok" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

static _Thread_local int tls_value = 42;   /* .tdata: every thread starts with 42 */
static _Thread_local char tls_buffer[100]; /* .tbss: every thread starts with zeros */

static pthread_t spawn(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	int r = pthread_create(&t, 0, fn, arg);
	if (r) {
		say("threads: pthread_create: %s\n", strerror(r));
		exit(2);
	}
	return t;
}

/* --- mutexes, TLS, errno -------------------------------------------- */

#define ROUNDS 3000
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static int tls_ok_count, errno_ok_count, tids[NTHREADS];

static void *contend(void *arg)
{
	int me = (int)(long)arg;
	int tls_fresh = tls_value == 42 && tls_buffer[0] == 0 && tls_buffer[99] == 0;
	tls_value = me;
	memset(tls_buffer, me, sizeof tls_buffer);
	errno = me + 1000;
	tids[me] = (int)syscall0(SYS_GETTID);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&counter_lock);
		long v = counter;
		if ((i & 63) == 0)
			sched_yield(); /* hold it across a switch now and then */
		counter = v + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	int tls_kept = tls_value == me && tls_buffer[50] == (char)me;
	pthread_mutex_lock(&counter_lock);
	tls_ok_count += tls_fresh && tls_kept;
	errno_ok_count += errno == me + 1000;
	pthread_mutex_unlock(&counter_lock);
	return (void *)(long)(me * 3);
}

static void test_mutex_tls(void)
{
	pthread_t t[NTHREADS];
	uint64_t t0 = now_ns();
	for (long i = 0; i < NTHREADS; i++)
		t[i] = spawn(contend, (void *)i);
	int results_ok = 1;
	for (long i = 0; i < NTHREADS; i++) {
		void *r;
		results_ok &= pthread_join(t[i], &r) == 0 && r == (void *)(i * 3);
	}
	say("threads: %d threads x %d locked increments in %llu ms\n", NTHREADS, ROUNDS,
	    (unsigned long long)((now_ns() - t0) / 1000000));
	check(counter == (long)NTHREADS * ROUNDS, "16 threads contending one mutex lose no update");
	check(results_ok, "pthread_join returns each thread's result");
	check(tls_ok_count == NTHREADS, "each thread has its own TLS (.tdata and .tbss)");
	check(errno_ok_count == NTHREADS, "each thread has its own errno");
	int distinct = 1;
	for (int i = 0; i < NTHREADS; i++)
		for (int j = 0; j < i; j++)
			distinct &= tids[i] != tids[j] && tids[i] != getpid();
	check(distinct, "threads have distinct tids, none the pid");
	check(tls_value == 42, "the first thread's TLS is untouched");
}

static void *try_other(void *m)
{
	return (void *)(long)pthread_mutex_trylock(m);
}

static void *unlock_other(void *m)
{
	return (void *)(long)pthread_mutex_unlock(m);
}

static void test_mutex_kinds(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t rec, ec;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rec, &a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&ec, &a);
	void *r1, *r2, *r3;
	int ok = pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0;
	pthread_join(spawn(try_other, &rec), &r1);
	ok &= pthread_mutex_unlock(&rec) == 0;
	pthread_join(spawn(try_other, &rec), &r2);
	ok &= pthread_mutex_unlock(&rec) == 0;
	pthread_join(spawn(try_other, &rec), &r3);
	check(ok && (long)r1 == EBUSY && (long)r2 == EBUSY && (long)r3 == 0,
	      "a recursive mutex is held until its last unlock");
	ok = pthread_mutex_lock(&ec) == 0 && pthread_mutex_lock(&ec) == EDEADLK;
	pthread_join(spawn(unlock_other, &ec), &r1);
	ok &= (long)r1 == EPERM && pthread_mutex_unlock(&ec) == 0 &&
	      pthread_mutex_unlock(&ec) == EPERM;
	check(ok, "an error-checking mutex reports relock (EDEADLK) and foreign unlock (EPERM)");
}

/* --- condition variables -------------------------------------------- */

#define QSIZE 4
#define ITEMS 500
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_not_empty = PTHREAD_COND_INITIALIZER, q_not_full = PTHREAD_COND_INITIALIZER;
static int queue[QSIZE], q_head, q_count, consumed;
static long consumed_sum;

static void *producer(void *arg)
{
	int base = (int)(long)arg * ITEMS;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&q_lock);
		while (q_count == QSIZE)
			pthread_cond_wait(&q_not_full, &q_lock);
		queue[(q_head + q_count++) % QSIZE] = base + i;
		pthread_cond_signal(&q_not_empty);
		pthread_mutex_unlock(&q_lock);
	}
	return 0;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&q_lock);
		while (q_count == 0 && consumed < (NTHREADS / 2) * ITEMS)
			pthread_cond_wait(&q_not_empty, &q_lock);
		if (q_count == 0) {
			pthread_mutex_unlock(&q_lock);
			return 0;
		}
		int v = queue[q_head];
		q_head = (q_head + 1) % QSIZE;
		q_count--;
		consumed_sum += v;
		if (++consumed == (NTHREADS / 2) * ITEMS)
			pthread_cond_broadcast(&q_not_empty); /* the others may stop */
		pthread_cond_signal(&q_not_full);
		pthread_mutex_unlock(&q_lock);
	}
}

static void test_condvars(void)
{
	pthread_t t[NTHREADS];
	uint64_t t0 = now_ns();
	for (long i = 0; i < NTHREADS / 2; i++) {
		t[i] = spawn(producer, (void *)i);
		t[NTHREADS / 2 + i] = spawn(consumer, 0);
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], 0);
	long n = (long)(NTHREADS / 2) * ITEMS, expect = 0;
	for (long i = 1; i <= n; i++)
		expect += i;
	say("threads: %ld items through a %d-slot queue, 8 producers, 8 consumers, in %llu ms\n", n,
	    QSIZE, (unsigned long long)((now_ns() - t0) / 1000000));
	check(consumed == n && consumed_sum == expect,
	      "8 producers and 8 consumers pass every item through condition variables");

	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c = PTHREAD_COND_INITIALIZER;
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec += 150000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	t0 = now_ns();
	pthread_mutex_lock(&m);
	int r = pthread_cond_timedwait(&c, &m, &deadline);
	uint64_t waited = (now_ns() - t0) / 1000000;
	pthread_mutex_unlock(&m);
	say("threads: a 150 ms timed wait took %llu ms\n", (unsigned long long)waited);
	check(r == ETIMEDOUT && waited >= 140 && waited < 2000,
	      "pthread_cond_timedwait times out at its deadline");
}

/* --- rwlock, once, keys, barrier, spin, detach, malloc --------------- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int readers_in, writer_in, rw_violations, rw_data;

static void *rw_worker(void *arg)
{
	int writer = (int)(long)arg % 4 == 0;
	for (int i = 0; i < 300; i++) {
		if (writer) {
			pthread_rwlock_wrlock(&rw);
			if (__atomic_add_fetch(&writer_in, 1, __ATOMIC_SEQ_CST) != 1 ||
			    __atomic_load_n(&readers_in, __ATOMIC_SEQ_CST))
				__atomic_add_fetch(&rw_violations, 1, __ATOMIC_SEQ_CST);
			rw_data++;
			__atomic_sub_fetch(&writer_in, 1, __ATOMIC_SEQ_CST);
		} else {
			pthread_rwlock_rdlock(&rw);
			__atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&writer_in, __ATOMIC_SEQ_CST))
				__atomic_add_fetch(&rw_violations, 1, __ATOMIC_SEQ_CST);
			__atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
		}
		pthread_rwlock_unlock(&rw);
	}
	return 0;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;
static int destructor_runs;
static pthread_barrier_t barrier;
static int serial_count;
static pthread_spinlock_t spin;
static long spin_counter;
static int malloc_errors;

static void once_init(void)
{
	sleep_ms(20); /* the others must wait for it, not run it again */
	once_runs++;
}

static void destructor(void *v)
{
	__atomic_add_fetch(&destructor_runs, (int)(long)v == 7, __ATOMIC_SEQ_CST);
}

static void *mixed(void *arg)
{
	(void)arg;
	pthread_once(&once, once_init);
	pthread_setspecific(key, (void *)7L);
	for (int round = 0; round < 3; round++)
		if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serial_count, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 2000; i++) {
		pthread_spin_lock(&spin);
		spin_counter++;
		pthread_spin_unlock(&spin);
	}
	/* the allocator from 16 threads: blocks keep their contents */
	void *blocks[32];
	unsigned seed = (unsigned)(long)pthread_self();
	for (int round = 0; round < 40; round++) {
		for (int i = 0; i < 32; i++) {
			seed = seed * 1103515245u + 12345u;
			size_t n = 1 + (seed >> 8) % 3000;
			blocks[i] = malloc(n);
			if (!blocks[i]) {
				__atomic_add_fetch(&malloc_errors, 1, __ATOMIC_SEQ_CST);
				continue;
			}
			memset(blocks[i], i, n);
			((unsigned char *)blocks[i])[n - 1] = (unsigned char)i;
		}
		for (int i = 0; i < 32; i++) {
			if (blocks[i] && ((unsigned char *)blocks[i])[0] != (unsigned char)i)
				__atomic_add_fetch(&malloc_errors, 1, __ATOMIC_SEQ_CST);
			free(blocks[i]);
		}
	}
	return 0;
}

static int detached_done;

static void *detached(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static void test_objects(void)
{
	pthread_t t[NTHREADS];
	for (long i = 0; i < NTHREADS; i++)
		t[i] = spawn(rw_worker, (void *)i);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], 0);
	check(rw_violations == 0 && rw_data == 4 * 300,
	      "rwlock: writers alone, readers together (4 writers, 12 readers)");

	pthread_key_create(&key, destructor);
	pthread_barrier_init(&barrier, 0, NTHREADS);
	pthread_spin_init(&spin, 0);
	for (long i = 0; i < NTHREADS; i++)
		t[i] = spawn(mixed, (void *)i);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], 0);
	check(once_runs == 1, "pthread_once runs its routine once for 16 threads");
	check(destructor_runs == NTHREADS, "key destructors run in every exiting thread");
	check(serial_count == 3, "a barrier of 16 lets all through, one serial thread per round");
	check(spin_counter == NTHREADS * 2000L, "spin locks lose no update");
	check(malloc_errors == 0, "malloc and free from 16 threads keep every block intact");
	check(pthread_getspecific(key) == 0, "a key's value is per thread");

	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (int round = 0; round < 40; round++) {
		pthread_t d;
		if (pthread_create(&d, &a, detached, 0) != 0)
			break;
	}
	for (int i = 0; i < 200 && __atomic_load_n(&detached_done, __ATOMIC_SEQ_CST) < 40; i++)
		sleep_ms(10);
	check(detached_done == 40, "40 detached threads run and are reclaimed");
	check(pthread_equal(pthread_self(), pthread_self()) && !pthread_equal(pthread_self(), t[0]),
	      "pthread_self and pthread_equal");
}

/* --- stdio from many threads ---------------------------------------- */

#define LINES 150
static FILE *shared_out;

static void *print_lines(void *arg)
{
	int me = (int)(long)arg;
	for (int i = 0; i < LINES; i++) {
		fprintf(shared_out, "thread %d line %d says %s\n", me, i, "hello");
		/* byte by byte, held together by flockfile */
		char line[64];
		int n = snprintf(line, sizeof line, "thread %d line %d says %s\n", me, i, "bytes");
		flockfile(shared_out);
		for (int k = 0; k < n; k++)
			putc_unlocked(line[k], shared_out);
		funlockfile(shared_out);
	}
	return 0;
}

/* The stream's writes give the CPU away half way: a second writer
 * inside the stream meanwhile would break its buffer (and the lines). */
static ssize_t slow_write(void *cookie, const char *buf, size_t n)
{
	size_t half = n / 2;
	ssize_t a = write(*(int *)cookie, buf, half);
	sched_yield();
	ssize_t b = write(*(int *)cookie, buf + half, n - half);
	return a < 0 || b < 0 ? -1 : a + b;
}

static void *read_lines(void *arg)
{
	FILE *in = arg;
	char line[128];
	long good = 0, bad = 0;
	while (fgets(line, sizeof line, in)) {
		int t, i;
		char word[16];
		if (sscanf(line, "thread %d line %d says %15s", &t, &i, word) == 3 && t >= 0 &&
		    t < NTHREADS / 2 && i >= 0 && i < LINES &&
		    (!strcmp(word, "hello") || !strcmp(word, "bytes")))
			good++;
		else
			bad++;
	}
	return (void *)(good * 1000 + bad);
}

static void test_stdio(void)
{
	int p[2];
	if (pipe(p) < 0) {
		check(0, "stdio: one FILE written by 8 threads keeps every line whole");
		return;
	}
	static int out_fd;
	out_fd = p[1];
	shared_out = fopencookie(&out_fd, "w", (cookie_io_functions_t){0, slow_write, 0, 0});
	FILE *in = fdopen(p[0], "r");
	setvbuf(shared_out, 0, _IOFBF, 50); /* flushes in the middle of lines */
	pthread_t reader = spawn(read_lines, in), t[NTHREADS / 2];
	for (long i = 0; i < NTHREADS / 2; i++)
		t[i] = spawn(print_lines, (void *)i);
	for (int i = 0; i < NTHREADS / 2; i++)
		pthread_join(t[i], 0);
	fclose(shared_out);
	close(p[1]);
	void *r;
	pthread_join(reader, &r);
	fclose(in);
	long good = (long)r / 1000, bad = (long)r % 1000;
	say("threads: stdio: %ld whole lines, %ld broken\n", good, bad);
	check(good == (NTHREADS / 2) * LINES * 2 && bad == 0,
	      "stdio: one FILE written by 8 threads keeps every line whole");
}

/* --- children: faults, exit, exec, signals, TLB shootdown ------------- */

static volatile int spinning;

static void *spin_forever(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&spinning, 1, __ATOMIC_SEQ_CST);
	for (volatile unsigned long i = 0;; i++)
		;
	return 0;
}

static void *block_forever(void *arg)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c = PTHREAD_COND_INITIALIZER;
	(void)arg;
	__atomic_add_fetch(&spinning, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&m);
	for (;;)
		pthread_cond_wait(&c, &m);
	return 0;
}

static void start_busy(int spinners, int blockers)
{
	for (int i = 0; i < spinners; i++)
		spawn(spin_forever, 0);
	for (int i = 0; i < blockers; i++)
		spawn(block_forever, 0);
	while (__atomic_load_n(&spinning, __ATOMIC_SEQ_CST) < spinners + blockers)
		sleep_ms(5);
}

static void *fault(void *arg)
{
	(void)arg;
	sleep_ms(50);
	*(volatile int *)8 = 1;
	return 0;
}

static volatile int *shared_page;

static void *touch_page(void *arg)
{
	int write = (int)(long)arg;
	__atomic_add_fetch(&spinning, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		if (write)
			*shared_page = 1;
		else
			(void)*shared_page;
	}
	return 0;
}

static volatile int handler_tid;

static void on_usr1(int sig)
{
	(void)sig;
	handler_tid = (int)syscall0(SYS_GETTID);
}

static void *wait_for_signal(void *arg)
{
	int *tid = arg;
	*tid = (int)syscall0(SYS_GETTID);
	while (!handler_tid)
		sleep_ms(5);
	return 0;
}

/* A child process doing `what`; its wait status. */
static int child(const char *what)
{
	int alive[2];
	if (pipe(alive) < 0)
		return -1;
	fflush(0);
	pid_t pid = fork();
	if (pid == 0) {
		close(alive[0]);
		spinning = 0;
		if (!strcmp(what, "fault")) {
			start_busy(6, 4);
			spawn(fault, 0);
			sleep_ms(5000);
			_exit(0); /* the fault did not end us */
		} else if (!strcmp(what, "exit")) {
			start_busy(4, 8);
			exit(3);
		} else if (!strcmp(what, "exec")) {
			start_busy(3, 3);
			char *argv[] = {"initfs:bin/helloworld", 0};
			execv(argv[0], argv);
			_exit(126);
		} else if (!strcmp(what, "kill")) {
			signal(SIGUSR1, on_usr1);
			int tid = 0;
			pthread_t t = spawn(wait_for_signal, &tid);
			while (!__atomic_load_n(&tid, __ATOMIC_SEQ_CST))
				sleep_ms(5);
			pthread_kill(t, SIGUSR1);
			pthread_join(t, 0);
			_exit(handler_tid == tid ? 0 : 1);
		} else {
			int write = !strcmp(what, "protect");
			shared_page = mmap(0, 4096, PROT_READ | PROT_WRITE,
			                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			start_busy(0, 0);
			spawn(touch_page, (void *)(long)write);
			while (__atomic_load_n(&spinning, __ATOMIC_SEQ_CST) < 1)
				sleep_ms(1);
			sleep_ms(30); /* it runs on another CPU with the page in its TLB */
			if (write)
				mprotect((void *)shared_page, 4096, PROT_READ);
			else
				munmap((void *)shared_page, 4096);
			sleep_ms(1000);
			_exit(0); /* the other thread never faulted: its TLB kept the page */
		}
	}
	/*
	 * Wait on a pipe the child holds until it has ended, not in waitpid,
	 * which polls: the CPUs stay idle, so no address-space switch flushes
	 * the other thread's TLB behind the shootdown's back.
	 */
	close(alive[1]);
	char c;
	while (read(alive[0], &c, 1) > 0)
		;
	close(alive[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

#include "threads-cancel.h"

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	say("threads: pid %d starting\n", (int)getpid());
	test_mutex_tls();
	test_mutex_kinds();
	test_condvars();
	test_objects();
	test_stdio();
	test_cancel();

	uint64_t t0 = now_ns();
	int s = child("fault");
	say("threads: the faulting child ended after %llu ms, status %x\n",
	    (unsigned long long)((now_ns() - t0) / 1000000), (unsigned)s);
	check(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
	      "a fault in one thread ends the whole process with SIGSEGV");
	s = child("exit");
	check(WIFEXITED(s) && WEXITSTATUS(s) == 3,
	      "exit() in one thread ends every thread with its status");
	s = child("exec");
	check(WIFEXITED(s) && WEXITSTATUS(s) == 0, "exec from a threaded process ends the others");
	s = child("kill");
	check(WIFEXITED(s) && WEXITSTATUS(s) == 0, "pthread_kill runs the handler in that thread");
	s = child("unmap");
	check(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
	      "munmap reaches another CPU's TLB (the reader faults)");
	s = child("protect");
	check(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
	      "mprotect reaches another CPU's TLB (the writer faults)");
	check(kill(getpid(), 0) == 0, "the kernel and this process live on");

	say("threads: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
