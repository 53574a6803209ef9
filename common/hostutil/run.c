/*
 * Running programs from the host tools: fork, optional folder, log file
 * and extra environment, wait (see hostutil.h).
 */
#define _GNU_SOURCE
#include "hostutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* In the child: set up its folder, output and stdin; exits 127 on failure. */
static void child_setup(const char *cwd, const char *log, char *const env[])
{
	if (cwd && chdir(cwd) < 0) {
		fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, cwd,
		        strerror(errno));
		_exit(127);
	}
	if (log) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd < 0) {
			fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, log,
			        strerror(errno));
			_exit(127);
		}
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	for (size_t i = 0; env && env[i]; i++)
		putenv(env[i]);
	int null = open("/dev/null", O_RDONLY);
	if (null >= 0) {
		dup2(null, 0);
		close(null);
	}
}

int run_program(char *const argv[], const char *cwd, const char *log, char *const env[])
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		child_setup(cwd, log, env);
		execvp(argv[0], argv);
		fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, argv[0],
		        strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

bool have_program(const char *name)
{
	const char *path = getenv("PATH");
	if (!path)
		return false;
	char *copy = xstrdup(path);
	bool found = false;
	for (char *save, *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *full = path_join(dir, name);
		found = access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}
