/*
 * getty TERMINAL: the start of a login session on a terminal (debug: is
 * the serial console). Makes the terminal standard input, output and
 * error (in a process group of its own, which the console makes its
 * foreground group: ^C then reaches the session, not init), prints
 * /etc/issue and runs login. init starts it with `respawn`,
 * so when the session ends (logout, or a failed login) a new getty prints
 * the banner again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: getty TERMINAL (e.g. getty debug:)\n");
		return 2;
	}
	setsid();
	int fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "getty: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (int i = 0; i < 3; i++)
		if (fd != i && dup2(fd, i) < 0) {
			fprintf(stderr, "getty: dup2: %s\n", strerror(errno));
			return 1;
		}
	if (fd > 2)
		close(fd);
	int issue = open("/etc/issue", O_RDONLY);
	if (issue >= 0) {
		char buf[1024];
		ssize_t n;
		while ((n = read(issue, buf, sizeof buf)) > 0)
			write(1, buf, (size_t)n);
		close(issue);
	}
	char *login_argv[] = {"login", 0};
	execv("/usr/bin/login", login_argv);
	fprintf(stderr, "getty: /usr/bin/login: %s\n", strerror(errno));
	return 1;
}
