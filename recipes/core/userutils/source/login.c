/*
 * login: asks for a user name and password on the terminal (standard
 * input), checks them against /etc/passwd and /etc/shadow, and starts the
 * user's shell as that user: scheme list from /etc/login_schemes.toml,
 * gid and uid, home folder, environment, /etc/motd. A wrong name or
 * password is refused after a delay (the same for both), and login exits:
 * getty runs it again. No lock-out: the delay only slows one console.
 */
#include "account.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FAIL_DELAY_S 2

static void hostname(char *buf, size_t len)
{
	snprintf(buf, len, "redox");
	FILE *f = fopen("/etc/hostname", "r");
	if (!f)
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\r\n")] = 0;
	fclose(f);
}

static void show_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	char buf[1024];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	close(fd);
	fflush(stdout);
}

/* Start the account's shell; returns only on failure. */
static int start_shell(const struct account *a)
{
	if (account_enter_schemes(a->name, "login") < 0 || account_become(a, "login") < 0)
		return 1;
	show_file("/etc/motd");
	const char *base = strrchr(a->shell, '/');
	char argv0[64];
	snprintf(argv0, sizeof argv0, "-%s", base ? base + 1 : a->shell);
	char *argv[] = {argv0, 0};
	execv(a->shell, argv);
	fprintf(stderr, "login: %s: %s\n", a->shell, strerror(errno));
	return 1;
}

int main(void)
{
	char host[64], name[64], password[256], hash[512];
	hostname(host, sizeof host);
	for (;;) {
		printf("%s login: ", host);
		fflush(stdout);
		if (!fgets(name, sizeof name, stdin))
			return 1;
		name[strcspn(name, "\r\n")] = 0;
		if (name[0])
			break;
	}
	struct account a;
	int known = account_find(name, 0, &a) == 0;
	int has_line = known && account_shadow(name, hash, sizeof hash) == 0;
	int ok;
	if (has_line && !hash[0]) {
		ok = 1; /* no password: in at once, as upstream */
	} else {
		if (read_password("Password: ", password, sizeof password) < 0)
			return 1;
		ok = has_line && account_check_password(hash, password);
		explicit_bzero(password, sizeof password);
	}
	if (!ok) {
		sleep(FAIL_DELAY_S);
		printf("Login incorrect\n\n");
		fflush(stdout);
		return 1;
	}
	return start_shell(&a);
}
