/*
 * sfuzz: the structural syscall fuzzer, run as init of its test image
 * (tests/guest/fuzz.c draws random arguments; this one makes sequences of
 * related calls on live objects). Unprivileged workers (uid 1000) keep
 * tables of the descriptors and mappings they made and act on them: open,
 * pipe, dup, dup2, read/write (into their own, protected, unmapped or
 * kernel memory), fmap (anonymous, on descriptors, MAP_FIXED over their own
 * mappings and over the request itself), mprotect, funmap, close, fork,
 * exec, kill, event queues, futexes; a root provider serves "sfz:" and
 * misbehaves on purpose (wrong byte counts, errors, stray ids, readiness
 * events, dying mid-request) and is restarted when it dies.
 *
 * Every worker's sequence follows from its seed, printed when it starts
 * ("sfuzz: seed N"); a worker that dies by a signal it did not ask for is
 * a failure ("sfuzz: FAIL seed N ..."); a kernel panic names the seeds that
 * were running. Replay one seed by building with -DSFUZZ_SEED=N (see
 * docs/fuzzing.md). tests/guest/sfuzz-stress.c is the same program with
 * 10 million calls.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <redox/syscall.h>
#include <redox/abi/types.h>

#include "guest.h"

#ifndef SFUZZ_CALLS
#define SFUZZ_CALLS 150000ULL
#endif
#ifndef SFUZZ_TIME_LIMIT_S
#define SFUZZ_TIME_LIMIT_S 100ULL /* 0: none */
#endif
#define WORKERS      3
#define PROGRESS_FD  200
#define GARBLED_JUMP 1000000 /* more calls than one report interval can add */
#define REPORT_EVERY 50
#define STALL_NS     1500000000ULL

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return (x ^ (x >> 31)) | 1;
}

/* ---- the provider of sfz:, misbehaving on purpose ---- */

static _Noreturn void provider(uint64_t seed)
{
	rng = mix(seed);
	int fd = open(":sfz", O_CREAT | O_RDWR);
	if (fd < 0)
		_exit(10);
	uint64_t handles = 1;
	for (;;) {
		struct redox_packet p[4];
		ssize_t got = read(fd, p, (1 + next() % 4) * sizeof p[0]);
		if (got <= 0)
			_exit(2);
		int n = (int)(got / (ssize_t)sizeof p[0]);
		for (int i = n - 1; i >= 0; i--) { /* answered in reverse order */
			struct redox_packet *q = &p[i];
			uint64_t r;
			switch (next() % 24) {
			case 0:
				_exit(0); /* dies with requests in flight */
			case 1:
				r = q->d + 1 + next() % 100000; /* more than the buffer */
				break;
			case 2:
				r = (uint64_t) - (int64_t)(1 + next() % 130); /* some errno */
				break;
			case 3: {
				struct redox_packet stray = *q;
				stray.id = next(); /* a reply nobody waits for */
				write(fd, &stray, sizeof stray);
				r = 0;
				break;
			}
			case 4: {
				struct redox_packet ev = {0};
				ev.a = SYS_FEVENT;
				ev.b = next() % 8;
				ev.c = next() % 4;
				write(fd, &ev, sizeof ev);
				r = 0;
				break;
			}
			default:
				switch (q->a) {
				case SYS_OPEN:
					r = handles++;
					break;
				case SYS_READ:
					if (q->c && q->d)
						memset((void *)q->c, (int)next(), q->d);
					r = q->d;
					break;
				case SYS_WRITE:
					r = q->d;
					break;
				case SYS_FSTAT:
					if (q->c && q->d >= sizeof(struct redox_stat))
						((struct redox_stat *)q->c)->size = next() % 100000;
					r = 0;
					break;
				case SYS_CLOSE:
				case SYS_LSEEK:
				case SYS_FSYNC:
					r = 0;
					break;
				default:
					r = (uint64_t)-EBADF;
				}
			}
			q->a = r;
			write(fd, q, sizeof *q);
		}
	}
}

/* ---- workers: related calls on live objects ---- */

#define MAX_FDS     16
#define MAX_REGIONS 8
#define MAX_KIDS    4

static int fds[MAX_FDS], nfds;
static struct {
	uint64_t addr, pages;
	bool writable; /* known writable by us: only then do we write into it */
} regions[MAX_REGIONS];
static int nregions;
static pid_t kids[MAX_KIDS];
static int nkids;
static char scratch[4096];

static const char *const paths[] = {
    "initfs:bin/sfuzz", "initfs:",   "initfs:bin",  "event:",  "time:1",          "time:4",
    "memory:",          "sys:uname", "sys:context", "sys:cpu", "sys:log",         "sfz:a",
    "sfz:b/c",          "pipe:",     "debug:",      "nope:x",  "memory:physical",
};

static int64_t raw(uint64_t r)
{
	return redox_is_error(r) ? -(int64_t)-r : (int64_t)r;
}

static void add_fd(int64_t fd)
{
	if (fd < 0 || fd == PROGRESS_FD)
		return;
	if (nfds < MAX_FDS)
		fds[nfds++] = (int)fd;
	else
		syscall1(SYS_CLOSE, (uint64_t)fd);
}

static int any_fd(void)
{
	if (nfds == 0 || next() % 10 == 0)
		return (int)(next() % 40); /* maybe not ours, never the progress pipe */
	return fds[next() % nfds];
}

static uint64_t flags(void)
{
	static const uint64_t mode[] = {O_RDONLY, O_WRONLY, O_RDWR, 0};
	/* mostly nonblocking: a blocked worker makes no calls until it is replaced */
	return mode[next() % 4] | (next() % 32 ? O_NONBLOCK : 0) | (next() % 4 ? 0 : O_CLOEXEC);
}

/* A buffer to hand the kernel: ours, a mapping (maybe protected), or bad. */
static uint64_t buffer(uint64_t *len)
{
	uint64_t r = next() % 10;
	*len = next() % 20 == 0 ? next() % (256 * 1024) : next() % 512;
	if (r < 5) {
		/* inside scratch only: a read must not overwrite the worker's own tables */
		uint64_t off = next() % 2048;
		if (*len > sizeof scratch - off)
			*len = sizeof scratch - off;
		return (uint64_t)scratch + off;
	}
	if (r < 8 && nregions) {
		int i = (int)(next() % nregions);
		return regions[i].addr + next() % (regions[i].pages * 4096);
	}
	static const uint64_t bad[] = {0,
	                               0x1000,
	                               0xFFFF800000000000ULL,
	                               0xFFFFFFFF80200000ULL,
	                               0x00007FFFFFFFF000ULL,
	                               0x0000800000000000ULL};
	return bad[next() % 6];
}

static void forget_region(int i)
{
	regions[i] = regions[--nregions];
}

static void op_fmap(void)
{
	struct redox_map m = {0, (1 + next() % 16) * 4096, PROT_READ, 0};
	m.flags |= next() % 2 ? PROT_WRITE : 0;
	int over = -1;
	if (nregions && next() % 3 == 0) {
		over = (int)(next() % nregions);
		m.flags |= MAP_FIXED;
		m.address = regions[over].addr;
		m.size = regions[over].pages * 4096;
	}
	uint64_t at = (uint64_t)&m;
	if (over >= 0 && regions[over].writable && next() % 2) {
		/* the request lives in the mapping it replaces (audit defect 2) */
		struct redox_map *inside = (struct redox_map *)regions[over].addr;
		*inside = m;
		at = (uint64_t)inside;
	}
	uint64_t fd = next() % 3 ? ~0ULL : (uint64_t)any_fd();
	int64_t r = raw(syscall3(SYS_FMAP, fd, at, sizeof m));
	if (over >= 0) {
		if (r < 0)
			forget_region(over); /* the range may be gone now */
		else
			regions[over].writable = (m.flags & PROT_WRITE) != 0;
		return;
	}
	if (r > 0 && nregions < MAX_REGIONS) {
		regions[nregions].addr = (uint64_t)r;
		regions[nregions].pages = m.size / 4096;
		regions[nregions].writable = (m.flags & PROT_WRITE) != 0;
		nregions++;
	}
}

static void one_op(void);

/*
 * Threads: up to MAX_THREADS at a time on static stacks, each making
 * calls on the worker's mappings (copies in and out, futex waits,
 * widening mprotect) while the worker maps, protects and unmaps them, so the
 * kernel's TLB shootdowns and thread exits race with everything else.
 * They touch no table of the worker, only the kernel. A slot is free
 * again when the kernel has zeroed its word (the thread has left).
 */
#define MAX_THREADS 3
static char thread_stacks[MAX_THREADS][16384] __attribute__((aligned(16)));
static volatile uint32_t thread_live[MAX_THREADS];
static volatile uint32_t thread_tids[MAX_THREADS];

static void thread_body(uint64_t seed)
{
	uint64_t r = seed | 1;
	int n = 5 + (int)(seed % 40);
	for (int i = 0; i < n; i++) {
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		int k = nregions;
		uint64_t addr = k ? regions[r % (uint64_t)k].addr : (uint64_t)scratch;
		switch (r % 5) {
		case 0: {
			struct redox_timespec t = {0, (int32_t)(r % 500000)};
			syscall4(SYS_FUTEX, addr, FUTEX_WAIT, 0, (uint64_t)&t);
			break;
		}
		case 1:
			syscall2(SYS_CLOCK_GETTIME, CLOCK_MONOTONIC, addr);
			break;
		case 2:
			/* only widening: the worker writes where it knows it may */
			syscall3(SYS_MPROTECT, addr, 4096, PROT_READ | PROT_WRITE);
			break;
		case 3:
			/* copies out into the mapping (no console output: the log stays readable)
			 */
			syscall3(SYS_FSTAT, nfds ? (uint64_t)fds[r % (uint64_t)nfds] : 0, addr,
			         1 + r % 200);
			break;
		default:
			syscall0(SYS_YIELD);
			break;
		}
	}
	syscall1(SYS_EXIT_THREAD, 0);
}

static void op_thread(void)
{
	int slot = (int)(next() % MAX_THREADS);
	if (next() % 4 == 0 && thread_live[slot]) {
		/* a harmless signal to a thread that may have gone */
		static const int harmless[] = {0, SIGCHLD, SIGCONT, SIGWINCH, SIGURG};
		syscall2(SYS_TKILL, thread_tids[slot], harmless[next() % 5]);
		return;
	}
	if (thread_live[slot])
		return;
	thread_live[slot] = 1;
	struct redox_clone_args ca = {(uint64_t)thread_body,
	                              next(),
	                              (uint64_t)(thread_stacks[slot] + sizeof thread_stacks[slot]),
	                              0,
	                              (uint64_t)&thread_live[slot],
	                              0};
	if (next() % 8 == 0) /* bad arguments as well */
		ca.flags = next() % 2 ? next() : 0, ca.tls = next(), ca.clear_tid |= next() % 4;
	int64_t tid = raw(syscall1(SYS_CLONE_THREAD, (uint64_t)&ca));
	if (tid < 0)
		thread_live[slot] = 0;
	else
		thread_tids[slot] = (uint32_t)tid;
}

static void op_fork(void)
{
	if (nkids == MAX_KIDS) {
		pid_t k = kids[next() % nkids];
		syscall2(SYS_KILL, (uint64_t)k, SIGKILL);
	}
	for (int i = 0; i < nkids;) {
		int st;
		if (raw(syscall3(SYS_WAITPID, (uint64_t)kids[i], (uint64_t)&st, WNOHANG)) != 0)
			kids[i] = kids[--nkids];
		else
			i++;
	}
	if (nkids == MAX_KIDS)
		return;
	int64_t pid = raw(syscall1(SYS_CLONE, 0));
	if (pid == 0) {
		nkids = 0;
		for (int i = 0; i < MAX_THREADS; i++)
			thread_live[i] = 0; /* only this thread goes on in the child */
		if (next() % 3 == 0) {
			/* exec whatever a live descriptor holds; sfuzz itself exits at once */
			static const char arg0[] = "sfuzz", arg1[] = "exit";
			struct {
				uint64_t ptr, len;
			} argv[2] = {{(uint64_t)arg0, 5}, {(uint64_t)arg1, 4}};
			syscall5(SYS_FEXEC, (uint64_t)any_fd(), (uint64_t)argv, 2, 0, 0);
			syscall1(SYS_EXIT, 0);
		}
		for (int i = 0; i < 30; i++)
			one_op();
		syscall1(SYS_EXIT, 0);
	}
	if (pid > 0)
		kids[nkids++] = (pid_t)pid;
}

static void one_op(void)
{
	uint64_t len, buf;
	switch (next() % 21) {
	case 0: {
		const char *p = paths[next() % (sizeof paths / sizeof *paths)];
		add_fd(raw(syscall3(SYS_OPEN, (uint64_t)p, strlen(p), flags())));
		break;
	}
	case 1: {
		uint64_t two[2];
		if (raw(syscall2(SYS_PIPE2, (uint64_t)two, next() % 32 ? O_NONBLOCK : 0)) == 0) {
			add_fd((int64_t)two[0]);
			add_fd((int64_t)two[1]);
		}
		break;
	}
	case 2: {
		static const char *const req[] = {"", "read", "write", "x"};
		const char *r = req[next() % 4];
		uint64_t n = strlen(r);
		const char *b = r;
		if (next() % 5 == 0)
			b = (const char *)buffer(&n);
		add_fd(raw(syscall3(SYS_DUP, (uint64_t)any_fd(), (uint64_t)b, n)));
		break;
	}
	case 3: {
		uint64_t to = 3 + next() % 30;
		if (raw(syscall4(SYS_DUP2, (uint64_t)any_fd(), to, 0, 0)) >= 0)
			add_fd((int64_t)to);
		break;
	}
	case 4:
	case 5:
		buf = buffer(&len);
		syscall3(SYS_READ, (uint64_t)any_fd(), buf, len);
		break;
	case 6:
	case 7:
		buf = buffer(&len);
		syscall3(SYS_WRITE, (uint64_t)any_fd(), buf, len);
		break;
	case 8:
		op_fmap();
		break;
	case 9:
		if (nregions) {
			int i = (int)(next() % nregions);
			static const uint64_t prot[] = {0, PROT_READ, PROT_READ | PROT_WRITE,
			                                PROT_READ | PROT_EXEC,
			                                PROT_WRITE | PROT_EXEC};
			uint64_t pages = 1 + next() % regions[i].pages, pr = prot[next() % 5];
			int64_t r = raw(syscall3(SYS_MPROTECT, regions[i].addr, pages * 4096, pr));
			if (r == 0)
				regions[i].writable =
				    (pr & PROT_WRITE) &&
				    (pages == regions[i].pages || regions[i].writable);
		}
		break;
	case 10:
		if (nregions) {
			int i = (int)(next() % nregions);
			syscall2(SYS_FUNMAP, regions[i].addr, regions[i].pages * 4096);
			forget_region(i);
		}
		break;
	case 11:
		if (nfds) {
			int i = (int)(next() % nfds);
			syscall1(SYS_CLOSE, (uint64_t)fds[i]);
			fds[i] = fds[--nfds];
		}
		break;
	case 12:
		if (next() % 5 == 0) /* a fork (and maybe exec) costs a hundred other calls */
			op_fork();
		else
			syscall3(SYS_FSTAT, (uint64_t)any_fd(), (uint64_t)scratch, sizeof scratch);
		break;
	case 13: {
		/* our own children any signal; anyone else only harmless ones */
		static const int harmless[] = {0, SIGCHLD, SIGCONT, SIGWINCH, SIGURG};
		if (nkids && next() % 2)
			syscall2(SYS_KILL, (uint64_t)kids[next() % nkids], next() % 32);
		else
			syscall2(SYS_KILL, next() % 300 - (next() % 4 ? 0 : 300),
			         harmless[next() % 5]);
		break;
	}
	case 14: {
		struct redox_event ev = {(uint64_t)any_fd(), next() % 4, next()};
		syscall3(SYS_WRITE, (uint64_t)any_fd(), (uint64_t)&ev, sizeof ev);
		break;
	}
	case 15:
		buf = buffer(&len);
		syscall3(SYS_FSTAT, (uint64_t)any_fd(), buf, len);
		break;
	case 16:
		buf = buffer(&len);
		syscall3(SYS_FPATH, (uint64_t)any_fd(), buf, len);
		break;
	case 17:
		syscall3(SYS_LSEEK, (uint64_t)any_fd(), next() % 1000, next() % 4);
		syscall3(SYS_FCNTL, (uint64_t)any_fd(), next() % 6,
		         O_NONBLOCK | (next() % 2 ? O_RDWR : 0));
		break;
	case 18: {
		struct redox_timespec t = {0, (int32_t)(next() % 1000000)};
		buf =
		    nregions && next() % 2 ? regions[next() % nregions].addr : buffer(&len) & ~3ULL;
		syscall4(SYS_FUTEX, buf, FUTEX_WAIT, next() % 2, (uint64_t)&t);
		break;
	}
	case 19:
		op_thread();
		break;
	default:
		syscall2(SYS_FEVENT, (uint64_t)any_fd(), next() % 4);
		break;
	}
}

static _Noreturn void worker(uint64_t seed)
{
	rng = mix(seed);
	signal(SIGPIPE, SIG_IGN);
	setpgid(0, 0); /* the supervisor ends the worker with all it forked */
	if (setreuid(1000, 1000) < 0)
		_exit(90); /* the user's process limit: fine, the supervisor retries */
	close(0);
	close(1);
	close(2);
	uint64_t done = 0;
	for (;;) {
		one_op();
		if (++done % REPORT_EVERY == 0)
			syscall3(SYS_WRITE, PROGRESS_FD, (uint64_t)&done, sizeof done);
	}
}

/* ---- the supervisor ---- */

struct slot {
	pid_t pid;
	int progress;
	uint64_t seed, count, last_progress;
};

/* A stalled worker's line of sys:context (blocked, or merely slow?). */
static void say_state(pid_t pid, uint64_t seed)
{
	static char text[16384];
	int fd = open("sys:context", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return;
	text[n] = 0;
	for (char *line = text; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		if (atoi(line) == pid)
			say("sfuzz: seed %llu stalled: %s\n", (unsigned long long)seed, line);
		line = end ? end + 1 : 0;
	}
}

static void start(struct slot *s, uint64_t seed)
{
	int two[2];
	if (pipe2(two, O_NONBLOCK) < 0) {
		say("sfuzz: pipe2: %s\n", strerror(errno));
		_exit(1);
	}
	say("sfuzz: seed %llu\n", (unsigned long long)seed);
	s->pid = fork();
	if (s->pid == 0) {
		close(two[0]);
		dup2(two[1], PROGRESS_FD);
		close(two[1]);
		worker(seed);
	}
	close(two[1]);
	s->progress = two[0];
	s->seed = seed;
	s->count = 0;
	s->last_progress = now_ns();
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0; /* a worker exec'd us */
#ifdef SFUZZ_SEED
	uint64_t base = SFUZZ_SEED, limit_calls = SFUZZ_CALLS;
	int workers = 1;
#else
	uint64_t base = 1, limit_calls = SFUZZ_CALLS;
	int workers = WORKERS;
#endif
	uint64_t start_ns = now_ns(), total = 0, next_seed = base;
	int failures = 0, stalls = 0, restarts = 0, started = 0, refused = 0, garbled = 0;
	uint64_t last_report = start_ns;
	pid_t prov = fork();
	if (prov == 0)
		provider(0);
	struct slot slots[WORKERS];
	for (int i = 0; i < workers; i++, started++)
		start(&slots[i], next_seed++);
	while (total < limit_calls &&
	       (!SFUZZ_TIME_LIMIT_S || now_ns() - start_ns < SFUZZ_TIME_LIMIT_S * 1000000000ULL)) {
		sleep_ms(20);
		int st;
		pid_t gone;
		/* everything that ended: the provider, a worker, or an orphan handed to us */
		while ((gone = waitpid(-1, &st, WNOHANG)) > 0) {
			if (gone == prov) {
				restarts++;
				if ((prov = fork()) == 0)
					provider((uint64_t)restarts);
				continue;
			}
			for (int i = 0; i < workers; i++)
				if (slots[i].pid == gone && st == 90 << 8) {
					refused++; /* at the user's process limit */
					slots[i].pid = 0;
				} else if (slots[i].pid == gone) {
					/* workers never exit on their own: an end is a signal
					 * nobody sent */
					say("sfuzz: FAIL seed %llu: worker ended with status %#x "
					    "after "
					    "%llu calls\n",
					    (unsigned long long)slots[i].seed, st,
					    (unsigned long long)slots[i].count);
					failures++;
					slots[i].pid = 0;
				}
		}
		uint64_t sum = 0;
		for (int i = 0; i < workers; i++) {
			struct slot *s = &slots[i];
			uint64_t v;
			while (read(s->progress, &v, sizeof v) == sizeof v) {
				/* a worker may have written something else into its own
				 * pipe (it fuzzes its descriptors): no count jumps that far */
				if (v <= s->count + GARBLED_JUMP)
					s->count = v;
				else if (++garbled <= 10)
					say("sfuzz: seed %llu: progress report %llu ignored "
					    "(garbled)\n",
					    (unsigned long long)s->seed, (unsigned long long)v);
				s->last_progress = now_ns();
			}
			bool ended = s->pid == 0;
			if (!ended && now_ns() - s->last_progress > STALL_NS) {
				stalls++; /* blocked in a call that may never return: fine */
				if (stalls <= 10)
					say_state(s->pid, s->seed);
				kill(-s->pid, SIGKILL);
				kill(s->pid, SIGKILL);
				waitpid(s->pid, &st, 0);
				ended = true;
			}
			if (ended) {
				total += s->count;
				close(s->progress);
				start(s, next_seed++);
				started++;
			}
			sum += s->count;
		}
		if (now_ns() - last_report > 10000000000ULL) {
			last_report = now_ns();
			say("sfuzz: %llu calls so far\n", (unsigned long long)(total + sum));
		}
		if (total + sum >= limit_calls) {
			total += sum;
			for (int i = 0; i < workers; i++)
				slots[i].count = 0;
			break;
		}
	}
	for (int i = 0; i < workers; i++) {
		int st;
		kill(-slots[i].pid, SIGKILL);
		kill(slots[i].pid, SIGKILL);
		waitpid(slots[i].pid, &st, 0);
		total += slots[i].count;
	}
	kill(prov, SIGKILL);
	while (waitpid(-1, 0, WNOHANG) > 0)
		;
	uint64_t secs = (now_ns() - start_ns) / 1000000000ULL;
	say("sfuzz: %llu calls in %llu s, %d workers started, %d stalled, %d at the process "
	    "limit, %d provider restarts, %d failures, %d garbled progress reports\n",
	    (unsigned long long)total, (unsigned long long)secs, started, stalls, refused, restarts,
	    failures, garbled);

	/* The kernel must still run new programs. */
	pid_t pid = fork();
	if (pid == 0) {
		char *args[] = {"sfuzz", "exit", 0};
		execv("initfs:bin/sfuzz", args);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	int alive = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	say("sfuzz: after fuzzing, a new process %s\n", alive ? "ran fine" : "FAILED");
	say("sfuzz: done: %s\n", alive && !failures ? "ok" : "FAIL");
	return alive && !failures ? 0 : 1;
}
