/*
 * libc-test: the C library's suite, run as init of its test image. One
 * line per check ("libc: <what>: ok|FAIL|skip ..."), then "libc: done: N
 * checks ok, N failed"; the exit code ends QEMU. It covers stdio on
 * debug:, pipes and initfs files, processes, signals, clocks, the
 * environment, folders, poll/select, system information, the network
 * functions, terminals, memory streams, regular expressions and writable
 * files (on file: from initfs:bin/redoxfsd, when the image has it). Lua
 * and zlib have their own image (tests/guest/ports-test.c).
 * Run as "libc-test echo-args ..." or "libc-test buffered" it is a child
 * of its own tests. tests/bats/libc.bats reads the serial log.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <langinfo.h>
#include <netdb.h>
#include <poll.h>
#include <pwd.h>
#include <regex.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define SELF "initfs:bin/libc-test"

static int passed, failed;

static void check(int ok, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void check(int ok, const char *what, const char *fmt, ...)
{
	printf("libc: %s: %s", what, ok ? "ok" : "FAIL");
	if (!ok && fmt) {
		va_list ap;
		va_start(ap, fmt);
		printf(" -- ");
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
	ok ? passed++ : failed++;
}

#define CHECK(cond, what) check((cond), what, "%s (errno %d)", #cond, errno)

static void skip(const char *what, const char *why)
{
	printf("libc: %s: skip (%s)\n", what, why);
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&t, 0);
}

/* Runs argv (execvp) with `input` on its stdin; its stdout into out (terminated). The wait status.
 */
static int run(char *const argv[], const char *input, char *out, size_t size)
{
	int in[2], pout[2];
	if (pipe(in) < 0 || pipe(pout) < 0)
		return -1;
	fflush(0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(pout[1], 1);
		close(in[0]);
		close(in[1]);
		close(pout[0]);
		close(pout[1]);
		execvp(argv[0], argv);
		_exit(126);
	}
	close(in[0]);
	close(pout[1]);
	if (input)
		write(in[1], input, strlen(input));
	close(in[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < size && (r = read(pout[0], out + got, size - 1 - got)) > 0)
		got += (size_t)r;
	out[got] = 0;
	close(pout[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

/* ---- children ---- */

static int child(int argc, char **argv)
{
	if (!strcmp(argv[1], "echo-args")) {
		printf("argc=%d\n", argc);
		for (int i = 2; i < argc; i++)
			printf("argv[%d]=%s\n", i, argv[i]);
		const char *v = getenv("LIBC_TEST_VAR");
		printf("env=%s\n", v ? v : "(none)");
		return 7;
	}
	if (!strcmp(argv[1], "buffered")) {
		/* stdout is a pipe: fully buffered, written only by exit's flush */
		printf("partial-output");
		write(3, "r", 1);
		char c;
		read(4, &c, 1);
		return 0;
	}
	return 2;
}

/* ---- the checks ---- */

static void test_stdio_terminal(void)
{
	CHECK(isatty(1), "stdio: stdout is a terminal (debug:)");
	const char *name = ttyname(1);
	check(name && !strcmp(name, "debug:"), "stdio: ttyname(1) is debug:", "%s",
	      name ? name : strerror(errno));
	printf("libc: stdio: ");
	printf("%s printf", "line-buffered");
	printf(": %s\n", "ok");
	passed++;
	fprintf(stderr, "libc: stdio: unbuffered stderr: %s\n", "ok");
	passed++;
	int p[2];
	pipe(p);
	errno = 0;
	CHECK(!isatty(p[0]) && errno == ENOTTY, "stdio: a pipe is not a terminal");
	close(p[0]);
	close(p[1]);
}

static void test_initfs_files(void)
{
	struct stat st;
	FILE *f = fopen(SELF, "r");
	CHECK(f != 0, "files: fopen on initfs:");
	if (!f)
		return;
	char magic[4];
	CHECK(fread(magic, 1, 4, f) == 4 && !memcmp(magic, "\177ELF", 4), "files: fread");
	CHECK(stat(SELF, &st) == 0 && fseek(f, 0, SEEK_END) == 0 && ftell(f) == st.st_size,
	      "files: fseek/ftell agree with stat");
	rewind(f);
	int c1 = fgetc(f);
	CHECK(c1 == 0x7f && ungetc('Z', f) == 'Z' && fgetc(f) == 'Z' && fgetc(f) == 'E',
	      "files: fgetc/ungetc");
	fpos_t pos;
	char a[4] = {0}, b[4] = {0};
	CHECK(fgetpos(f, &pos) == 0 && fread(a, 1, 2, f) == 2 && fsetpos(f, &pos) == 0 &&
	          fread(b, 1, 2, f) == 2 && !memcmp(a, "LF", 2) && !memcmp(b, "LF", 2),
	      "files: fgetpos/fsetpos");
	fseek(f, -1, SEEK_END);
	CHECK(fgetc(f) != EOF && fgetc(f) == EOF && feof(f) && !ferror(f), "files: EOF indicator");
	clearerr(f);
	CHECK(!feof(f), "files: clearerr");
	/* the whole file through fread (odd chunks) and through read() */
	rewind(f);
	unsigned long sum1 = 0, sum2 = 0, lines = 0, total = 0;
	char buf[1000];
	size_t n;
	while ((n = fread(buf, 1, 999, f)) > 0)
		for (size_t i = 0; i < n; i++) {
			sum1 = sum1 * 31 + (unsigned char)buf[i];
			lines += buf[i] == '\n';
		}
	int fd = open(SELF, O_RDONLY);
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < r; i++)
			sum2 = sum2 * 31 + (unsigned char)buf[i];
	close(fd);
	CHECK(sum1 == sum2, "files: fread reads what read() reads");
	rewind(f);
	char *line = 0;
	size_t cap = 0, count = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		total += (unsigned long)len;
		count += line[len - 1] == '\n';
	}
	free(line);
	check(count == lines && total == (unsigned long)st.st_size, "files: getline over a binary",
	      "%zu lines, %lu bytes", count, total);
	CHECK(fclose(f) == 0, "files: fclose");
	errno = 0;
	CHECK(!fopen("initfs:bin/no-such-file", "r") && errno == ENOENT,
	      "files: a missing file gives ENOENT");
	errno = 0;
	CHECK(!fopen("initfs:bin/new", "w") && errno == EROFS,
	      "files: initfs: is read-only (EROFS)");
}

static void test_pipes_and_scanf(void)
{
	int p[2];
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		FILE *w = fdopen(p[1], "w");
		fprintf(w, "%d %s %.3f\n", 42, "word", 2.5);
		fputs("second line\n", w);
		for (int i = 0; i < 2000; i++)
			fprintf(w, "%04d", i);
		fputc('\n', w);
		_exit(fclose(w) == 0 ? 0 : 1);
	}
	close(p[1]);
	FILE *r = fdopen(p[0], "r");
	int i = 0;
	char word[16] = "", line[64] = "";
	double d = 0;
	CHECK(fscanf(r, "%d %15s %lf\n", &i, word, &d) == 3 && i == 42 && !strcmp(word, "word") &&
	          d == 2.5,
	      "pipes: fprintf in a child, fscanf in the parent");
	CHECK(fgets(line, sizeof line, r) && !strcmp(line, "second line\n"), "pipes: fgets");
	char *big = 0;
	size_t cap = 0;
	ssize_t n = getline(&big, &cap, r);
	CHECK(n == 8001 && !strncmp(big + 4 * 1999, "1999\n", 5), "pipes: getline of 8001 bytes");
	free(big);
	CHECK(fgetc(r) == EOF && feof(r), "pipes: EOF once the writer is gone");
	fclose(r);
	int status;
	CHECK(waitpid(pid, &status, 0) == pid && status == 0,
	      "pipes: the writer's fclose succeeded");
}

static void test_buffering(void)
{
	int out[2], sync[2], go[2];
	pipe(out);
	pipe(sync);
	pipe(go);
	fflush(0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(sync[1], 3);
		dup2(go[0], 4);
		char *argv[] = {SELF, "buffered", 0};
		execv(SELF, argv);
		_exit(126);
	}
	close(out[1]);
	close(sync[1]);
	close(go[0]);
	char c;
	read(sync[0], &c, 1);
	struct pollfd pfd = {out[0], POLLIN, 0};
	CHECK(poll(&pfd, 1, 0) == 0,
	      "buffering: stdout on a pipe holds a line back (full buffering)");
	write(go[1], "g", 1);
	char buf[64] = "";
	ssize_t n = read(out[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	CHECK(!strcmp(buf, "partial-output"), "buffering: exit() flushes stdout");
	int status;
	waitpid(pid, &status, 0);
	close(out[0]);
	close(sync[0]);
	close(go[1]);
}

static void test_exec_and_env(void)
{
	CHECK(setenv("LIBC_TEST_VAR", "hello world", 1) == 0 &&
	          !strcmp(getenv("LIBC_TEST_VAR"), "hello world"),
	      "env: setenv/getenv");
	char out[256];
	char *argv[] = {SELF, "echo-args", "a b", "c", 0};
	int status = run(argv, 0, out, sizeof out);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7 &&
	          !strcmp(out, "argc=4\nargv[2]=a b\nargv[3]=c\nenv=hello world\n"),
	      "exec: fork/execv/waitpid with arguments and environment", "status %#x, \"%s\"",
	      status, out);
	setenv("PATH", "initfs:nowhere;initfs:bin", 1);
	char *bare[] = {"libc-test", "echo-args", 0};
	status = run(bare, 0, out, sizeof out);
	CHECK(WEXITSTATUS(status) == 7 && !strncmp(out, "argc=2\n", 7),
	      "exec: execvp searches PATH");

	/* posix_spawnp: PATH search, file actions (dup2, close), environment */
	int sp[2];
	pipe(sp);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sp[1], 1);
	posix_spawn_file_actions_addclose(&fa, sp[0]);
	posix_spawn_file_actions_addclose(&fa, sp[1]);
	posix_spawnattr_t sa;
	posix_spawnattr_init(&sa);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETPGROUP);
	char *spawn_argv[] = {"libc-test", "echo-args", "x", 0};
	char *spawn_env[] = {"LIBC_TEST_VAR=spawned", "PATH=initfs:bin", 0};
	pid_t spid = -1;
	int sr = posix_spawnp(&spid, "libc-test", &fa, &sa, spawn_argv, spawn_env);
	close(sp[1]);
	char sbuf[128] = "";
	size_t got = 0;
	ssize_t k;
	while (got < sizeof sbuf - 1 && (k = read(sp[0], sbuf + got, sizeof sbuf - 1 - got)) > 0)
		got += (size_t)k;
	sbuf[got] = 0;
	close(sp[0]);
	status = -1;
	check(sr == 0 && spid > 0 && waitpid(spid, &status, 0) == spid && WIFEXITED(status) &&
	          WEXITSTATUS(status) == 7 && !strcmp(sbuf, "argc=3\nargv[2]=x\nenv=spawned\n"),
	      "exec: posix_spawnp with file actions and an environment", "%d, status %#x, \"%s\"",
	      sr, status, sbuf);
	posix_spawn_file_actions_destroy(&fa);
	spid = -1;
	char *missing[] = {"initfs:bin/no-such-program", 0};
	CHECK(posix_spawn(&spid, missing[0], 0, 0, missing, spawn_env) == ENOENT && spid == -1,
	      "exec: posix_spawn of a missing program returns ENOENT");
	CHECK(unsetenv("LIBC_TEST_VAR") == 0 && !getenv("LIBC_TEST_VAR"), "env: unsetenv");
	CHECK(system(0) == 0, "exec: system(NULL) reports no shell");
	status = system("true");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 127,
	      "exec: system without a shell gives 127");
	FILE *f = popen("echo hi", "r");
	char line[16];
	CHECK(f && !fgets(line, sizeof line, f), "exec: popen reads the child's (empty) output");
	status = f ? pclose(f) : -1;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 127,
	      "exec: pclose gives the shell's status");
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void test_signals(void)
{
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGUSR1, &sa, 0);
	got_signal = 0;
	raise(SIGUSR1);
	CHECK(got_signal == SIGUSR1, "signals: sigaction handler runs on raise");
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	signal(SIGUSR2, on_signal);
	sigprocmask(SIG_BLOCK, &set, &old);
	got_signal = 0;
	raise(SIGUSR2);
	int held = got_signal == 0;
	sigprocmask(SIG_SETMASK, &old, 0);
	CHECK(held && got_signal == SIGUSR2, "signals: sigprocmask holds a signal until unblocked");
	signal(SIGTERM, SIG_IGN);
	raise(SIGTERM);
	signal(SIGTERM, SIG_DFL);
	passed++;
	printf("libc: signals: SIG_IGN ignores SIGTERM: ok\n");
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			sleep_ms(1000);
	kill(pid, SIGKILL);
	int status;
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "signals: kill SIGKILL");
	pid = fork();
	if (pid == 0)
		abort();
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status), "signals: abort ends the process abnormally");

	/* the real-time interval timer: SIGALRM after 50 ms, then every 30 ms */
	struct sigaction al = {.sa_handler = on_alarm};
	sigaction(SIGALRM, &al, 0);
	alarms = 0;
	struct itimerval it = {{0, 30000}, {0, 50000}}, left;
	uint64_t t0 = now_ms();
	int armed = setitimer(ITIMER_REAL, &it, 0) == 0 && getitimer(ITIMER_REAL, &left) == 0 &&
	            (left.it_value.tv_sec || left.it_value.tv_usec) &&
	            left.it_interval.tv_usec == 30000;
	while (alarms < 3 && now_ms() - t0 < 3000)
		sleep_ms(5);
	uint64_t took = now_ms() - t0;
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, 0);
	int after = alarms;
	sleep_ms(100);
	check(armed && after >= 3 && alarms == after && took >= 100 && took < 3000 &&
	          getitimer(ITIMER_REAL, &left) == 0 && !left.it_value.tv_sec &&
	          !left.it_value.tv_usec,
	      "signals: setitimer(ITIMER_REAL) sends SIGALRM on time and repeats; disarmed stops",
	      "%d alarms in %llu ms", after, (unsigned long long)took);
	unsigned first = alarm(5), second = alarm(0);
	CHECK(first == 0 && (second == 5 || second == 4) && setitimer(ITIMER_VIRTUAL, &it, 0) < 0 &&
	          errno == EINVAL,
	      "signals: alarm returns the seconds left; ITIMER_VIRTUAL is EINVAL");
	pid = fork();
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		alarm(1);
		for (;;)
			sleep_ms(100);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM,
	      "signals: an unhandled SIGALRM from alarm() ends the process");
}

static void test_time(void)
{
	time_t t = time(0);
	struct tm tm;
	char buf[64];
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z", localtime_r(&t, &tm));
	check(t > 1600000000 && tm.tm_year + 1900 >= 2024, "time: the real clock", "%s", buf);
	printf("libc: time: now %s\n", buf);
	struct timeval tv;
	CHECK(gettimeofday(&tv, 0) == 0 && tv.tv_sec - t <= 2 && tv.tv_sec >= t,
	      "time: gettimeofday agrees with time()");
	struct tm copy = tm;
	CHECK(mktime(&copy) == t, "time: mktime(localtime(t)) == t");
	uint64_t a = now_ms();
	sleep_ms(50);
	uint64_t b = now_ms();
	check(b - a >= 50 && b - a < 2000, "time: nanosleep(50 ms)", "%llu ms",
	      (unsigned long long)(b - a));
	struct timespec until, rel = {0, 30000000L};
	a = now_ms();
	int rr = clock_nanosleep(CLOCK_MONOTONIC, 0, &rel, 0);
	b = now_ms();
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_nsec += 60000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	int ra = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, 0);
	uint64_t c = now_ms();
	struct timespec bad = {0, 2000000000L}, past = {1, 0};
	check(rr == 0 && b - a >= 30 && ra == 0 && c - b >= 55 && c - b < 2000 &&
	          clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, 0) == EINVAL &&
	          clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &past, 0) == 0,
	      "time: clock_nanosleep (relative, TIMER_ABSTIME, EINVAL)", "%llu ms, %llu ms",
	      (unsigned long long)(b - a), (unsigned long long)(c - b));
	/* CPU time: 100 ms of work counts, 100 ms of sleep does not */
	b = now_ms();
	clock_t c1 = clock();
	while (now_ms() < b + 100)
		;
	clock_t c2 = clock();
	sleep_ms(100);
	clock_t c3 = clock();
	CHECK(c1 != (clock_t)-1 && c2 - c1 >= CLOCKS_PER_SEC / 20 && c3 - c2 < CLOCKS_PER_SEC / 20,
	      "time: clock() counts CPU time, not sleep");
	struct tms tms;
	CHECK(times(&tms) != (clock_t)-1 && tms.tms_utime >= 10, "time: times()");
}

static int contains(char **names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

static void test_dirent(void)
{
	DIR *d = opendir("initfs:bin");
	CHECK(d != 0, "dirent: opendir(initfs:bin)");
	if (!d)
		return;
	char *names[64];
	int n = 0;
	struct dirent *e;
	long third = -1;
	char third_name[64] = "";
	while ((e = readdir(d)) && n < 64) {
		if (n == 2) {
			third = telldir(d);
		}
		if (n == 3)
			snprintf(third_name, sizeof third_name, "%s", e->d_name);
		names[n++] = strdup(e->d_name);
	}
	check(contains(names, n, "init") && contains(names, n, "libc-test") &&
	          contains(names, n, "helloworld"),
	      "dirent: readdir lists init, helloworld, libc-test", "%d names", n);
	rewinddir(d);
	int again = 0;
	while (readdir(d))
		again++;
	CHECK(again == n, "dirent: rewinddir");
	seekdir(d, third);
	e = readdir(d);
	CHECK(e && !strcmp(e->d_name, third_name), "dirent: telldir/seekdir");
	closedir(d);
	struct dirent **list;
	int m = scandir("initfs:bin", &list, 0, alphasort);
	int sorted = m == n;
	for (int i = 0; i < m; i++) {
		if (i && strcmp(list[i - 1]->d_name, list[i]->d_name) > 0)
			sorted = 0;
		free(list[i]);
	}
	if (m >= 0)
		free(list);
	CHECK(sorted, "dirent: scandir with alphasort");
	for (int i = 0; i < n; i++)
		free(names[i]);
	errno = 0;
	CHECK(!opendir("initfs:bin/init") && errno == ENOTDIR, "dirent: a file is ENOTDIR");
	errno = 0;
	CHECK(!opendir("initfs:no-such-dir") && errno == ENOENT,
	      "dirent: a missing folder is ENOENT");
	struct stat st;
	CHECK(stat("initfs:bin", &st) == 0 && S_ISDIR(st.st_mode) &&
	          stat("initfs:bin/init", &st) == 0 && S_ISREG(st.st_mode),
	      "dirent: stat tells folders from files");
	CHECK(access("initfs:bin/init", R_OK | X_OK) == 0, "dirent: access R_OK|X_OK");
	glob_t g;
	int r = glob("initfs:bin/*-t?st", 0, 0, &g);
	int has = 0;
	for (size_t i = 0; !r && i < g.gl_pathc; i++)
		has |= !strcmp(g.gl_pathv[i], "initfs:bin/libc-test");
	check(!r && has && g.gl_pathc >= 2 && strcmp(g.gl_pathv[0], g.gl_pathv[1]) < 0,
	      "glob: initfs:bin/*-t?st", "r %d, %zu paths", r, r ? 0 : g.gl_pathc);
	if (!r)
		globfree(&g);
	CHECK(glob("initfs:bin/*.none", 0, 0, &g) == GLOB_NOMATCH, "glob: no match");
}

static void test_poll_select(void)
{
	int p[2];
	pipe(p);
	struct pollfd fds[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
	CHECK(poll(fds, 1, 0) == 0, "poll: an empty pipe is not readable");
	CHECK(poll(fds + 1, 1, 0) == 1 && fds[1].revents == POLLOUT, "poll: a pipe is writable");
	uint64_t a = now_ms();
	int r = poll(fds, 1, 100);
	uint64_t waited = now_ms() - a;
	check(r == 0 && waited >= 90 && waited < 3000, "poll: a 100 ms timeout", "r %d, %llu ms", r,
	      (unsigned long long)waited);
	fflush(0);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		write(p[1], "x", 1);
		_exit(0);
	}
	fds[0].revents = 0;
	r = poll(fds, 1, -1);
	CHECK(r == 1 && fds[0].revents & POLLIN, "poll: wakes when a child writes");
	char c;
	read(p[0], &c, 1);
	waitpid(pid, 0, 0);
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	struct timeval tv = {0, 0};
	CHECK(select(p[0] + 1, &rd, 0, 0, &tv) == 0 && !FD_ISSET(p[0], &rd),
	      "select: an empty pipe is not readable");
	write(p[1], "y", 1);
	FD_SET(p[0], &rd);
	tv.tv_sec = 5;
	CHECK(select(p[0] + 1, &rd, 0, 0, &tv) == 1 && FD_ISSET(p[0], &rd),
	      "select: a pipe with data is readable");
	int file = open(SELF, O_RDONLY);
	struct pollfd ff[2] = {{file, POLLIN, 0}, {999, POLLIN, 0}};
	CHECK(poll(ff, 2, -1) == 2 && ff[0].revents == POLLIN && ff[1].revents == POLLNVAL,
	      "poll: a file is ready, a bad descriptor is POLLNVAL");
	close(file);
	close(p[0]);
	close(p[1]);
}

static void test_system_info(void)
{
	struct utsname u;
	check(uname(&u) == 0 && !strcmp(u.sysname, "Redox") && !strcmp(u.machine, "x86_64") &&
	          u.release[0],
	      "uname: Redox on x86_64", "%s %s %s", u.sysname, u.release, u.machine);
	printf("libc: uname: %s %s %s %s\n", u.sysname, u.nodename, u.release, u.machine);
	CHECK(sysconf(_SC_PAGESIZE) == 4096 && getpagesize() == 4096, "sysconf: page size");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	check(cpus >= 1, "sysconf: processors", "%ld", cpus);
	printf("libc: sysconf: %ld processors\n", cpus);
	struct rlimit rl;
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 256, "getrlimit: 256 files");
	char host[64];
	CHECK(gethostname(host, sizeof host) == 0 && host[0], "gethostname");
	CHECK(getpid() == 1 && getppid() >= 0, "getpid: init is process 1");
	CHECK(!strcmp(nl_langinfo(CODESET), "UTF-8"), "nl_langinfo: the codeset is UTF-8");
}

static void test_net(void)
{
	unsigned char a4[4], a6[16];
	char text[64];
	CHECK(htons(0x1234) == 0x3412 && htonl(0x01020304) == 0x04030201, "net: byte order");
	CHECK(inet_pton(AF_INET, "10.0.2.15", a4) == 1 && a4[3] == 15 &&
	          !strcmp(inet_ntop(AF_INET, a4, text, sizeof text), "10.0.2.15"),
	      "net: inet_pton/inet_ntop IPv4");
	CHECK(inet_pton(AF_INET6, "fe80::1:2", a6) == 1 &&
	          !strcmp(inet_ntop(AF_INET6, a6, text, sizeof text), "fe80::1:2"),
	      "net: inet_pton/inet_ntop IPv6");
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res = 0;
	int e = getaddrinfo("localhost", "80", &hints, &res);
	struct sockaddr_in *sin = res ? (struct sockaddr_in *)res->ai_addr : 0;
	check(e == 0 && sin && sin->sin_port == htons(80) &&
	          sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "net: getaddrinfo(localhost, 80)", "%s", gai_strerror(e));
	freeaddrinfo(res);
	errno = 0;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s >= 0) {
		check(1, "net: socket() opens tcp:", 0);
		close(s);
	} else {
		CHECK(errno == ENODEV, "net: socket() without a tcp: scheme fails with ENODEV");
	}
	errno = 0;
	CHECK(socket(AF_INET6, SOCK_STREAM, 0) < 0 && errno == EAFNOSUPPORT,
	      "net: no IPv6 sockets");
}

static void test_terminal_attrs(void)
{
	struct termios t;
	errno = 0;
	int r = tcgetattr(1, &t);
	CHECK(r == 0 || errno == ENOTTY, "termios: tcgetattr on debug: works or is ENOTTY");
	int p[2];
	pipe(p);
	errno = 0;
	CHECK(tcgetattr(p[0], &t) < 0 && errno == ENOTTY, "termios: a pipe has no attributes");
	close(p[0]);
	close(p[1]);
}

static void test_memstreams(void)
{
	char *buf = 0;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "%d,", i);
	fclose(f);
	CHECK(size == 3890 && !strncmp(buf, "0,1,2,", 6) && buf[size] == 0,
	      "memstream: open_memstream");
	free(buf);
	char data[] = "17 x 3.5";
	f = fmemopen(data, strlen(data), "r");
	int i;
	char c;
	float fl;
	CHECK(f && fscanf(f, "%d %c %f", &i, &c, &fl) == 3 && i == 17 && c == 'x' && fl == 3.5f,
	      "memstream: fmemopen + fscanf");
	if (f)
		fclose(f);
	regex_t re;
	regmatch_t m[3];
	CHECK(regcomp(&re, "([a-z]+)=([0-9]+)", REG_EXTENDED) == 0 &&
	          regexec(&re, "x: key=42;", 3, m, 0) == 0 && m[1].rm_so == 3 && m[2].rm_eo == 9,
	      "regex: regcomp/regexec");
	regfree(&re);
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int r = fputs(text, f);
	return fclose(f) == 0 && r >= 0 ? 0 : -1;
}

/* file: comes from initfs:bin/redoxfsd, serving the image's own (in-memory) file system. */
static int have_file_scheme(void)
{
	int root = open("file:/", O_RDONLY | O_DIRECTORY);
	if (root < 0 && access("initfs:bin/redoxfsd", X_OK) == 0) {
		/* as init.rc: pcid (the disk driver), then redoxfsd mounts the disk */
		const char *daemons[] = {"initfs:bin/pcid", "initfs:bin/redoxfsd"};
		for (int i = 0; i < 2; i++) {
			fflush(0);
			pid_t pid = fork();
			if (pid == 0) {
				char *argv[] = {(char *)daemons[i], 0};
				execv(argv[0], argv);
				_exit(127);
			}
			waitpid(pid, 0, 0);
		}
		root = open("file:/", O_RDONLY | O_DIRECTORY);
	}
	if (root < 0)
		return 0;
	close(root);
	return 1;
}

static void test_writable_files(void)
{
	if (!have_file_scheme()) {
		skip("files: writing", "no file: scheme in this image");
		return;
	}
	mkdir("/tmp", 0777);
	const char *name = "/tmp/libc-test.txt";
	FILE *f = fopen(name, "w");
	CHECK(f && fprintf(f, "line one\n") == 9 && fclose(f) == 0, "files: fopen w + fprintf");
	f = fopen(name, "a");
	CHECK(f && fputs("line two\n", f) >= 0 && fclose(f) == 0, "files: append");
	char line[64] = "";
	f = fopen(name, "r");
	CHECK(f && fgets(line, sizeof line, f) && fgets(line, sizeof line, f) &&
	          !strcmp(line, "line two\n"),
	      "files: read back");
	if (f)
		fclose(f);
	errno = 0;
	CHECK(!fopen(name, "wx") && errno == EEXIST, "files: fopen \"wx\" of an existing file");
	struct stat st;
	CHECK(stat(name, &st) == 0 && st.st_size == 18 && S_ISREG(st.st_mode), "files: stat size");
	CHECK(chmod(name, 0600) == 0 && stat(name, &st) == 0 && (st.st_mode & 0777) == 0600,
	      "files: chmod");
	CHECK(truncate(name, 4) == 0 && stat(name, &st) == 0 && st.st_size == 4, "files: truncate");
	struct timeval tv[2] = {{1000000000, 0}, {1000000000, 0}};
	CHECK(utimes(name, tv) == 0 && stat(name, &st) == 0 && st.st_mtime == 1000000000,
	      "files: utimes");
	char *real = realpath(name, 0);
	check(real && !strcmp(real, "/tmp/libc-test.txt"), "files: realpath", "%s",
	      real ? real : "");
	free(real);
	CHECK(symlink("libc-test.txt", "/tmp/link") == 0 && lstat("/tmp/link", &st) == 0 &&
	          S_ISLNK(st.st_mode),
	      "files: symlink/lstat");
	ssize_t n = readlink("/tmp/link", line, sizeof line);
	CHECK(n == 13 && !memcmp(line, "libc-test.txt", 13), "files: readlink");
	unlink("/tmp/link");
	CHECK(rename(name, "/tmp/libc-test2.txt") == 0 &&
	          access("/tmp/libc-test2.txt", F_OK) == 0 && access(name, F_OK) < 0,
	      "files: rename");
	DIR *d = opendir("/tmp");
	int found = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		found |= !strcmp(e->d_name, "libc-test2.txt");
	if (d)
		closedir(d);
	CHECK(found, "files: readdir on file:");
	CHECK(remove("/tmp/libc-test2.txt") == 0 && access("/tmp/libc-test2.txt", F_OK) < 0,
	      "files: remove a file");
	mode_t old = umask(077);
	CHECK(mkdir("/tmp/libc-dir", 0777) == 0 && stat("/tmp/libc-dir", &st) == 0 &&
	          S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
	      "files: mkdir applies the umask");
	umask(old);
	CHECK(remove("/tmp/libc-dir") == 0, "files: remove a folder");
	struct statvfs vfs;
	CHECK(statvfs("/", &vfs) == 0 && vfs.f_bsize > 0 && vfs.f_blocks >= vfs.f_bfree,
	      "files: statvfs");
	errno = 0;
	int r = link("/tmp", "/tmp2");
	CHECK(r == 0 || errno == ENOSYS, "files: link works or is ENOSYS");
	f = tmpfile();
	CHECK(f && fputs("temp", f) >= 0 && fseek(f, 0, SEEK_SET) == 0 && fgets(line, 8, f) &&
	          !strcmp(line, "temp"),
	      "files: tmpfile");
	if (f)
		fclose(f);
	char tmpl[] = "/tmp/stemp.XXXXXX";
	int fd = mkstemp(tmpl);
	CHECK(fd >= 0 && strncmp(tmpl, "/tmp/stemp.XXXXXX", 17) && unlink(tmpl) == 0,
	      "files: mkstemp");
	close(fd);
	/* open(O_CREAT) honours the umask (the kernel applies it) */
	mode_t old_mask = umask(027);
	fd = open("/tmp/masked", O_CREAT | O_WRONLY | O_TRUNC, 0777);
	struct stat mst;
	CHECK(fd >= 0 && fstat(fd, &mst) == 0 && (mst.st_mode & 0777) == 0750,
	      "files: open(O_CREAT) applies the umask");
	close(fd);
	unlink("/tmp/masked");
	umask(old_mask);

	/* the *at() calls against a folder descriptor */
	CHECK(mkdirat(AT_FDCWD, "/tmp/atdir", 0755) == 0, "files: mkdirat");
	int dfd = open("/tmp/atdir", O_RDONLY | O_DIRECTORY);
	fd = dfd >= 0 ? openat(dfd, "f", O_CREAT | O_WRONLY, 0644) : -1;
	CHECK(fd >= 0 && write(fd, "xyz", 3) == 3, "files: openat creates in the folder");
	close(fd);
	CHECK(fstatat(dfd, "f", &mst, 0) == 0 && mst.st_size == 3 &&
	          stat("/tmp/atdir/f", &mst) == 0 && mst.st_size == 3,
	      "files: fstatat");
	CHECK(renameat(dfd, "f", dfd, "g") == 0 && faccessat(dfd, "g", R_OK, 0) == 0 &&
	          faccessat(dfd, "f", F_OK, 0) < 0 && errno == ENOENT,
	      "files: renameat, faccessat");
	char lbuf[16] = {0};
	CHECK(symlinkat("g", dfd, "l") == 0 && readlinkat(dfd, "l", lbuf, sizeof lbuf) == 1 &&
	          lbuf[0] == 'g' && fstatat(dfd, "l", &mst, AT_SYMLINK_NOFOLLOW) == 0 &&
	          S_ISLNK(mst.st_mode),
	      "files: symlinkat, readlinkat, fstatat AT_SYMLINK_NOFOLLOW");
	CHECK(fchmodat(dfd, "g", 0600, 0) == 0 && fstatat(dfd, "g", &mst, 0) == 0 &&
	          (mst.st_mode & 0777) == 0600,
	      "files: fchmodat");
	CHECK(unlinkat(dfd, "l", 0) == 0 && unlinkat(dfd, "g", 0) == 0 &&
	          unlinkat(AT_FDCWD, "/tmp/atdir", AT_REMOVEDIR) == 0 &&
	          stat("/tmp/atdir", &mst) < 0 && unlinkat(dfd, "x", 0x4000) < 0 && errno == EINVAL,
	      "files: unlinkat (files, AT_REMOVEDIR, bad flags)");
	close(dfd);

	/* the account and host files, then their lookups */
	mkdir("/etc", 0755);
	int w = write_file("/etc/passwd", "root;0;0;root;/root;/bin/sh\n"
	                                  "user;1000;1000;A User;/home/user;/bin/ion\n") |
	        write_file("/etc/group", "root;x;0;root\nwheel;x;10;root,user\n") |
	        write_file("/etc/hostname", "redox-test\n") |
	        write_file("/etc/hosts", "127.0.0.1 localhost\n10.0.2.2 gateway gw # qemu\n");
	CHECK(w == 0, "files: write /etc/passwd, group, hostname, hosts");
	struct passwd *pw = getpwnam("user");
	CHECK(pw && pw->pw_uid == 1000 && !strcmp(pw->pw_dir, "/home/user") &&
	          !strcmp(pw->pw_shell, "/bin/ion") && !strcmp(pw->pw_gecos, "A User"),
	      "pwd: getpwnam");
	pw = getpwuid(0);
	CHECK(pw && !strcmp(pw->pw_name, "root"), "pwd: getpwuid");
	int users = 0;
	setpwent();
	while (getpwent())
		users++;
	endpwent();
	CHECK(users == 2, "pwd: getpwent");
	struct group *gr = getgrnam("wheel");
	CHECK(gr && gr->gr_gid == 10 && gr->gr_mem[0] && !strcmp(gr->gr_mem[1], "user") &&
	          !gr->gr_mem[2],
	      "grp: getgrnam");
	gr = getgrgid(0);
	CHECK(gr && !strcmp(gr->gr_name, "root"), "grp: getgrgid");
	char host[64];
	CHECK(gethostname(host, sizeof host) == 0 && !strcmp(host, "redox-test"),
	      "gethostname reads /etc/hostname");
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res = 0;
	int e2 = getaddrinfo("gw", "22", &hints, &res);
	char text[64] = "";
	if (!e2)
		inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr, text,
		          sizeof text);
	check(!e2 && !strcmp(text, "10.0.2.2"), "net: getaddrinfo reads /etc/hosts", "%s %s",
	      gai_strerror(e2), text);
	char rev[64] = "";
	CHECK(!e2 && getnameinfo(res->ai_addr, res->ai_addrlen, rev, sizeof rev, 0, 0, 0) == 0 &&
	          !strcmp(rev, "gateway"),
	      "net: getnameinfo reads /etc/hosts");
	if (!e2)
		freeaddrinfo(res);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child(argc, argv);
	printf("libc: pid %d starting\n", (int)getpid());
	test_stdio_terminal();
	test_initfs_files();
	test_pipes_and_scanf();
	test_buffering();
	test_exec_and_env();
	test_signals();
	test_time();
	test_dirent();
	test_poll_select();
	test_system_info();
	test_net();
	test_terminal_attrs();
	test_memstreams();
	test_writable_files();
	printf("libc: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
