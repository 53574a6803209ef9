/*
 * init: process 1. It runs the commands of initfs:etc/init.rc, one per
 * line, then reaps orphaned processes forever.
 *
 *   echo TEXT        print TEXT
 *   export K=V       set an environment variable for later commands
 *   unset K          remove one
 *   run FILE         run another script
 *   # ...            a comment
 *   anything else    a program and its arguments: spawn it and wait
 * $NAME in a line is replaced by the variable's value.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 32

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 1)
		n = sizeof line - 1;
	write(1, line, (size_t)n);
}

/* Expand $NAME references into out. */
static void expand(const char *in, char *out, size_t size)
{
	size_t o = 0;
	while (*in && o + 1 < size) {
		if (*in == '$' && (in[1] == '_' || (in[1] >= 'A' && in[1] <= 'Z') ||
				   (in[1] >= 'a' && in[1] <= 'z'))) {
			char name[64];
			size_t n = 0;
			in++;
			while ((*in == '_' || (*in >= 'A' && *in <= 'Z') || (*in >= 'a' && *in <= 'z') ||
				(*in >= '0' && *in <= '9')) &&
			       n + 1 < sizeof name)
				name[n++] = *in++;
			name[n] = 0;
			const char *v = getenv(name);
			while (v && *v && o + 1 < size)
				out[o++] = *v++;
		} else {
			out[o++] = *in++;
		}
	}
	out[o] = 0;
}

static void run_script(const char *path);

static void spawn(char **argv)
{
	pid_t pid = fork();
	if (pid < 0) {
		say("init: fork: %s\n", strerror(errno));
		return;
	}
	if (pid == 0) {
		execv(argv[0], argv);
		say("init: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) == pid && status != 0) {
		if (WIFSIGNALED(status))
			say("init: %s: killed by signal %d\n", argv[0], WTERMSIG(status));
		else
			say("init: %s: exit status %d\n", argv[0], WEXITSTATUS(status));
	}
}

static void run_line(char *line)
{
	char expanded[1024];
	expand(line, expanded, sizeof expanded);
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	for (char *tok = strtok(expanded, " \t"); tok && argc < MAX_ARGS; tok = strtok(0, " \t"))
		argv[argc++] = tok;
	argv[argc] = 0;
	if (argc == 0 || argv[0][0] == '#')
		return;
	if (!strcmp(argv[0], "echo")) {
		for (int i = 1; i < argc; i++)
			say("%s%s", argv[i], i + 1 < argc ? " " : "");
		say("\n");
	} else if (!strcmp(argv[0], "export") && argc == 2 && strchr(argv[1], '=')) {
		char *eq = strchr(argv[1], '=');
		*eq = 0;
		setenv(argv[1], eq + 1, 1);
	} else if (!strcmp(argv[0], "unset") && argc == 2) {
		unsetenv(argv[1]);
	} else if (!strcmp(argv[0], "run") && argc == 2) {
		run_script(argv[1]);
	} else {
		spawn(argv);
	}
}

static void run_script(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		say("init: %s: %s\n", path, strerror(errno));
		return;
	}
	size_t cap = 16384;
	char *text = malloc(cap);
	ssize_t len = 0, n;
	while (text && (n = read(fd, text + len, cap - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	if (!text) {
		say("init: %s: out of memory\n", path);
		return;
	}
	text[len] = 0;
	char *save = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(0, "\n", &save))
		run_line(line);
	free(text);
}

int main(void)
{
	run_script("initfs:etc/init.rc");
	for (;;) {
		int status;
		if (waitpid(-1, &status, 0) < 0 && errno == ECHILD)
			sleep(1);
	}
}
