/*
 * ports-test: programs ported from their release tarballs, unmodified,
 * running on relibc-c. It is init of its test image, whose initfs also
 * holds (mk/tests-ports.mk) bin/lua and bin/ports-test.lua (Lua 5.4,
 * recipes/libs/lua) and bin/minigzip and bin/zlib-example (zlib's own
 * programs, recipes/libs/zlib). One line per check ("ports: <what>:
 * ok|FAIL|skip"), then "ports: done: N checks ok, N failed"; the exit code
 * ends QEMU. tests/bats/libc.bats reads the serial log.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LUA      "initfs:bin/lua"
#define MINIGZIP "initfs:bin/minigzip"
#define EXAMPLE  "initfs:bin/zlib-example"

static int passed, failed;

static void check(int ok, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void check(int ok, const char *what, const char *fmt, ...)
{
	printf("ports: %s: %s", what, ok ? "ok" : "FAIL");
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

/*
 * Runs argv with in[0..inlen) on its stdin, its stdout into out (up to
 * size - 1 bytes, then a NUL); *outlen gets the count. The wait status.
 * The input is written before the output is read: keep it under a pipe's
 * 64 KiB.
 */
static int run(char *const argv[], const void *in, size_t inlen, char *out, size_t size,
               size_t *outlen)
{
	int pin[2], pout[2];
	if (pipe(pin) < 0 || pipe(pout) < 0)
		return -1;
	fflush(0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		close(pin[0]);
		close(pin[1]);
		close(pout[0]);
		close(pout[1]);
		execv(argv[0], argv);
		_exit(126);
	}
	close(pin[0]);
	close(pout[1]);
	if (inlen)
		write(pin[1], in, inlen);
	close(pin[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < size && (r = read(pout[0], out + got, size - 1 - got)) > 0)
		got += (size_t)r;
	out[got] = 0;
	if (outlen)
		*outlen = got;
	close(pout[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

static void test_lua(void)
{
	if (access(LUA, X_OK) < 0) {
		printf("ports: lua: skip (initfs:bin/lua is not in this image)\n");
		return;
	}
	static char out[8192];
	char *argv[] = {LUA, "-e", "print(string.format('%5.2f', math.pi), os.time() > 0)", 0};
	int status = run(argv, 0, 0, out, sizeof out, 0);
	check(status == 0 && !strcmp(out, " 3.14\ttrue\n"), "lua: -e print(string.format(...))",
	      "status %#x, \"%s\"", status, out);
	char *from_stdin[] = {LUA, "-", 0};
	const char *script = "io.write(('x'):rep(3), 2^10, '\\n')";
	status = run(from_stdin, script, strlen(script), out, sizeof out, 0);
	check(status == 0 && !strcmp(out, "xxx1024\n"), "lua: a script on stdin", "\"%s\"", out);
	setenv("LUA_TEST_VAR", "from-c", 1);
	char *file[] = {LUA, "initfs:bin/ports-test.lua", 0};
	status = run(file, 0, 0, out, sizeof out, 0);
	int lines_ok = 0, lines_bad = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(0, "\n")) {
		printf("ports: lua: %s\n", line);
		lines_ok += !strncmp(line, "ok ", 3);
		lines_bad += !strncmp(line, "FAIL ", 5);
	}
	check(status == 0 && lines_ok > 15 && lines_bad == 0, "lua: standard library script",
	      "status %#x, %d ok, %d failed", status, lines_ok, lines_bad);
}

/* file: from initfs:bin/redoxfsd, for zlib's example (it writes foo.gz). */
static int have_file_scheme(void)
{
	if (access("file:/", F_OK) == 0)
		return 1;
	if (access("initfs:bin/redoxfsd", X_OK) < 0)
		return 0;
	/* not through run(): the daemon keeps its stdout, a pipe would never end */
	const char *daemons[] = {"initfs:bin/pcid", "initfs:bin/redoxfsd"}; /* as init.rc */
	for (int i = 0; i < 2; i++) {
		fflush(0);
		pid_t pid = fork();
		if (pid == 0) {
			execl(daemons[i], daemons[i], (char *)0);
			_exit(127);
		}
		waitpid(pid, 0, 0);
	}
	return access("file:/", F_OK) == 0;
}

static void test_zlib(void)
{
	if (access(MINIGZIP, X_OK) < 0) {
		printf("ports: zlib: skip (initfs:bin/minigzip is not in this image)\n");
		return;
	}
	/* minigzip between pipes: compress, then decompress */
	static char text[20000], packed[20000], unpacked[24000];
	size_t n = 0, plen = 0, ulen = 0;
	for (int i = 0; n + 64 < sizeof text; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "line %d of a text to squeeze\n",
		                      i);
	char *gz[] = {MINIGZIP, 0}, *gunzip[] = {MINIGZIP, "-d", 0};
	int status = run(gz, text, n, packed, sizeof packed, &plen);
	check(status == 0 && plen > 18 && plen < n / 4 && (unsigned char)packed[0] == 0x1f &&
	          (unsigned char)packed[1] == 0x8b,
	      "zlib: minigzip compresses stdin to stdout", "status %#x, %zu -> %zu bytes", status,
	      n, plen);
	status = run(gunzip, packed, plen, unpacked, sizeof unpacked, &ulen);
	check(status == 0 && ulen == n && !memcmp(unpacked, text, n),
	      "zlib: minigzip -d gives the text back", "status %#x, %zu bytes", status, ulen);
	if (!have_file_scheme()) {
		printf("ports: zlib: example: skip (no file: scheme in this image)\n");
		return;
	}
	/* zlib's example program checks itself; it writes foo.gz in its folder */
	static char out[4096];
	char *example[] = {EXAMPLE, 0};
	mkdir("/tmp", 0777);
	chdir("/tmp");
	status = run(example, 0, 0, out, sizeof out, 0);
	chdir("/");
	for (char *line = strtok(out, "\n"); line; line = strtok(0, "\n"))
		printf("ports: zlib: example: %s\n", line);
	check(status == 0, "zlib: example program", "status %#x", status);
}

int main(void)
{
	printf("ports: pid %d starting\n", (int)getpid());
	test_lua();
	test_zlib();
	printf("ports: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
