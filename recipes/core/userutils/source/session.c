/*
 * Starting a session: /etc/login_schemes.toml, switching credentials and
 * environment, reading a password without echo.
 *
 * login_schemes.toml is upstream Redox's format, read here as the small
 * TOML subset it uses:
 *     [user_schemes]
 *     root = ["*"]
 *     user = ["file", "pipe", ...]      (an array may span lines)
 */
#include "account.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <redox/syscall.h>

static void bad(int lineno, const char *what)
{
	fprintf(stderr, "%s line %d: %s; line skipped\n", LOGIN_SCHEMES_PATH, lineno, what);
}

static char *skip_space(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * Parse the quoted names of an array from p on, appending them to buf;
 * *open says whether the array is still open after this line. Returns the
 * new count, or -1 on a syntax error.
 */
static int parse_names(char *p, char *buf, size_t len, size_t *used, int count, int *open)
{
	for (;;) {
		p = skip_space(p);
		if (!*p || *p == '#')
			return count; /* continues on the next line */
		if (*p == ']') {
			*open = 0;
			p = skip_space(p + 1);
			return *p && *p != '#' ? -1 : count;
		}
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p != '"')
			return -1;
		char *end = strchr(++p, '"');
		if (!end || end == p)
			return -1;
		size_t n = (size_t)(end - p);
		if (buf && *used + n + 2 <= len) {
			memcpy(buf + *used, p, n);
			*used += n;
			buf[(*used)++] = 0;
			buf[*used] = 0;
		}
		count++;
		p = end + 1;
	}
}

int account_schemes(const char *name, char *buf, size_t len)
{
	FILE *f = fopen(LOGIN_SCHEMES_PATH, "r");
	if (!f)
		return -1;
	char *line = 0;
	size_t cap = 0, used = 0;
	int lineno = 0, in_table = 0, open = 0, result = 0, mine = 0, count = 0;
	if (len >= 2)
		buf[0] = buf[1] = 0;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		char *p = skip_space(line);
		if (open) {
			int n = parse_names(p, mine ? buf : 0, len, &used, count, &open);
			if (n < 0) {
				bad(lineno, "expected quoted scheme names, ',' or ']'");
				open = 0;
				if (mine)
					count = 0, used = 0, buf[0] = buf[1] = 0;
			} else {
				count = n;
			}
			if (!open && mine)
				result = count;
			continue;
		}
		if (!*p || *p == '#')
			continue;
		if (*p == '[') {
			in_table = !strncmp(p, "[user_schemes]", 14);
			continue;
		}
		if (!in_table)
			continue;
		char *key = p;
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '-')
			p++;
		char *key_end = p;
		p = skip_space(p);
		if (key_end == key || *p != '=') {
			bad(lineno, "expected 'user = [\"scheme\", ...]'");
			continue;
		}
		p = skip_space(p + 1);
		if (*p != '[') {
			bad(lineno, "expected an array of scheme names after '='");
			continue;
		}
		*key_end = 0;
		mine = !strcmp(key, name);
		if (mine)
			used = 0, count = 0;
		open = 1;
		int n = parse_names(p + 1, mine ? buf : 0, len, &used, 0, &open);
		if (n < 0) {
			bad(lineno, "expected quoted scheme names, ',' or ']'");
			open = 0;
			if (mine)
				used = 0, buf[0] = buf[1] = 0;
			mine = 0;
			continue;
		}
		count = n;
		if (!open && mine)
			result = count;
	}
	if (open)
		bad(lineno, "array not closed with ']' before the end of the file");
	free(line);
	fclose(f);
	return result;
}

int account_become(const struct account *a, const char *prog)
{
	/* Supplementary groups (sudo's) are read from /etc/group where they
	 * matter: the kernel keeps one gid per process. */
	if (setregid(a->gid, a->gid) < 0 || setreuid(a->uid, a->uid) < 0) {
		fprintf(stderr, "%s: cannot become %s: %s\n", prog, a->name, strerror(errno));
		return -1;
	}
	if (chdir(a->home) < 0) {
		fprintf(stderr, "%s: home %s: %s; starting in /\n", prog, a->home, strerror(errno));
		chdir("/");
	}
	const char *term = getenv("TERM");
	char term_copy[64];
	snprintf(term_copy, sizeof term_copy, "%s", term ? term : "vt100");
	clearenv();
	setenv("HOME", a->home, 1);
	setenv("USER", a->name, 1);
	setenv("LOGNAME", a->name, 1);
	setenv("SHELL", a->shell, 1);
	setenv("PATH", a->uid == 0 ? "/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/bin:/bin", 1);
	setenv("TERM", term_copy, 1);
	return 0;
}

int read_password(const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	int restore = 0;
	fputs(prompt, stdout);
	fflush(stdout);
	if (tcgetattr(0, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(0, TCSAFLUSH, &quiet) == 0;
	}
	size_t n = 0;
	int r = 0;
	for (;;) {
		char c;
		ssize_t got = read(0, &c, 1);
		if (got <= 0) {
			r = -1;
			break;
		}
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 < len)
			buf[n++] = c;
	}
	buf[n] = 0;
	if (restore) {
		tcsetattr(0, TCSAFLUSH, &old);
		fputs("\n", stdout);
		fflush(stdout);
	}
	return r;
}

int account_enter_schemes(const char *name, const char *prog)
{
	char list[MAX_SCHEMES * 32 + 2];
	int n = account_schemes(name, list, sizeof list);
	if (n < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, LOGIN_SCHEMES_PATH, strerror(errno));
		return -1;
	}
	if (n == 0) {
		fprintf(stderr, "%s: %s lists no schemes for %s\n", prog, LOGIN_SCHEMES_PATH, name);
		return -1;
	}
	size_t len = 0;
	for (int i = 0; i < n; i++) {
		if (!strcmp(list + len, "*"))
			return 0; /* every scheme: nothing to narrow */
		len += strlen(list + len) + 1;
	}
	int error;
	if (redox_demux(syscall2(SYS_MKNS, (uint64_t)list, len), &error) < 0) {
		fprintf(stderr, "%s: cannot limit schemes: %s\n", prog, strerror(error));
		return -1;
	}
	return 0;
}
