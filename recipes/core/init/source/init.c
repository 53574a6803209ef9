/*
 * init: process 1. It runs the commands of initfs:etc/init.rc, one per
 * line, then reaps orphaned processes forever.
 *
 *   echo TEXT        print TEXT
 *   export K=V       set an environment variable for later commands
 *   unset K          remove one
 *   cd DIR           change the working directory
 *   run FILE         run another script
 *   run.d DIR...     run every regular file in the folders as a script, in
 *                    the order of their names (a name in a later folder
 *                    replaces the same name in an earlier one); each is
 *                    announced as "init: running DIR/NAME"
 *   critical CMD ARGS  spawn and wait; if it fails, say so and run nothing
 *                    more (the system cannot go on without it: the root
 *                    filesystem, say); init then only reaps
 *   nowait CMD ARGS  start a program without waiting for it (a daemon that
 *                    does not put itself into the background)
 *   respawn CMD ARGS start the program once every script of the boot has
 *                    run (so the login prompt comes last, not between
 *                    later scripts' lines), and again whenever it ends
 *                    (getty: each login session ends with its process)
 *   stdio FILE       open FILE as standard input, output and error
 *   # ...            a comment
 *   anything else    a program and its arguments: spawn it and wait
 * A command that fails is logged with its exit status (or signal) and the
 * script carries on with the next line.
 * $NAME in a line is replaced by the variable's value. A program name
 * without '/' or ':' is looked up in the folders of $PATH (separated by
 * ';', since scheme paths hold ':'), e.g. PATH=file:/usr/bin.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS    32
#define MAX_SCRIPTS 256
#define MAX_RESPAWN 8

/* Programs started with `respawn`: their arguments and current pid. */
static struct respawn {
	char *argv[MAX_ARGS + 1];
	pid_t pid;
	time_t started;
} respawns[MAX_RESPAWN];
static int nrespawns;

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
			while ((*in == '_' || (*in >= 'A' && *in <= 'Z') ||
			        (*in >= 'a' && *in <= 'z') || (*in >= '0' && *in <= '9')) &&
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

/* execv, looking a bare name up in $PATH; returns only on failure (errno set). */
static void exec_path(char **argv)
{
	const char *name = argv[0], *path = getenv("PATH");
	if (strchr(name, '/') || strchr(name, ':') || !path) {
		execv(name, argv);
		return;
	}
	int error = ENOENT;
	while (*path) {
		size_t len = strcspn(path, ";");
		char full[512];
		int n = snprintf(full, sizeof full, "%.*s/%s", (int)len, path, name);
		if (len && n < (int)sizeof full) {
			execv(full, argv);
			if (errno != ENOENT)
				error = errno;
		}
		path += len + (path[len] == ';');
	}
	errno = error;
}

/* Log a command that did not succeed. */
static void report(const char *name, int status)
{
	if (WIFSIGNALED(status))
		say("init: %s: killed by signal %d\n", name, WTERMSIG(status));
	else if (status != 0)
		say("init: %s: exit status %d\n", name, WEXITSTATUS(status));
}

static int stopped;     /* a critical command failed: run nothing more */
static int last_status; /* of the last command waited for */

/* The child's pid (waited for when `wait`), or -1 when it did not start. */
static pid_t spawn(char **argv, int wait)
{
	last_status = -1;
	pid_t pid = fork();
	if (pid < 0) {
		say("init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		exec_path(argv);
		say("init: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (!wait)
		return pid; /* reaped by main's loop */
	int status;
	if (waitpid(pid, &status, 0) == pid) {
		report(argv[0], status);
		last_status = status;
	}
	return pid;
}

static void respawn_add(char **argv)
{
	if (nrespawns == MAX_RESPAWN) {
		say("init: respawn %s: more than %d programs\n", argv[0], MAX_RESPAWN);
		return;
	}
	struct respawn *r = &respawns[nrespawns];
	int i = 0;
	for (; argv[i]; i++)
		if (!(r->argv[i] = strdup(argv[i]))) {
			say("init: respawn %s: out of memory\n", argv[0]);
			return;
		}
	r->argv[i] = 0;
	r->pid = -1; /* started by respawn_all at the end of boot */
	nrespawns++;
}

static void respawn_all(void)
{
	for (int i = 0; i < nrespawns; i++) {
		respawns[i].started = time(0);
		respawns[i].pid = spawn(respawns[i].argv, 0);
	}
}

/* A child ended: start it again if it is a respawned one. */
static void reaped(pid_t pid, int status)
{
	for (int i = 0; i < nrespawns; i++) {
		struct respawn *r = &respawns[i];
		if (r->pid != pid)
			continue;
		if (WIFSIGNALED(status))
			report(r->argv[0], status);
		/* one that fails at once must not take the CPU: a second between tries */
		if (time(0) - r->started < 1)
			sleep(1);
		r->started = time(0);
		r->pid = spawn(r->argv, 0);
		return;
	}
}

/* stdio FILE: the file as descriptors 0, 1 and 2 (for later commands). */
static void set_stdio(const char *path)
{
	int fd = open(path, O_RDWR);
	if (fd < 0) {
		say("init: stdio %s: %s\n", path, strerror(errno));
		return;
	}
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

struct script {
	char name[256];
	const char *dir;
};

static int script_order(const void *a, const void *b)
{
	return strcmp(((const struct script *)a)->name, ((const struct script *)b)->name);
}

/* Add the names listed in folder `dir` to the scripts (a same name is replaced). */
static size_t list_scripts(const char *dir, struct script *scripts, size_t count)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		if (errno != ENOENT) /* a folder nothing installed into is fine */
			say("init: run.d: %s: %s\n", dir, strerror(errno));
		return count;
	}
	static char text[16384];
	ssize_t len = 0, n;
	while (len < (ssize_t)sizeof text - 1 &&
	       (n = read(fd, text + len, sizeof text - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	text[len] = 0;
	char *save = 0;
	for (char *name = strtok_r(text, "\n", &save); name; name = strtok_r(0, "\n", &save)) {
		size_t i = 0;
		while (i < count && strcmp(scripts[i].name, name))
			i++;
		if (i == count && (count == MAX_SCRIPTS || strlen(name) >= sizeof scripts[i].name))
			continue;
		if (i == count)
			strcpy(scripts[count++].name, name);
		scripts[i].dir = dir;
	}
	return count;
}

static void run_dirs(int argc, char **argv)
{
	struct script *scripts = calloc(MAX_SCRIPTS, sizeof *scripts); /* run.d may nest */
	size_t count = 0;
	if (!scripts) {
		say("init: run.d: out of memory\n");
		return;
	}
	for (int i = 0; i < argc; i++)
		count = list_scripts(argv[i], scripts, count);
	qsort(scripts, count, sizeof scripts[0], script_order);
	for (size_t i = 0; i < count; i++) {
		char path[512];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", scripts[i].dir, scripts[i].name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		say("init: running %s\n", path);
		run_script(path);
	}
	free(scripts);
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
	if (argc == 0 || argv[0][0] == '#' || stopped)
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
	} else if (!strcmp(argv[0], "cd") && argc == 2) {
		if (chdir(argv[1]) < 0)
			say("init: cd %s: %s\n", argv[1], strerror(errno));
	} else if (!strcmp(argv[0], "run") && argc == 2) {
		run_script(argv[1]);
	} else if (!strcmp(argv[0], "run.d") && argc >= 2) {
		run_dirs(argc - 1, argv + 1);
	} else if (!strcmp(argv[0], "critical") && argc >= 2) {
		if (spawn(argv + 1, 1) < 0 || last_status != 0) {
			say("init: %s failed and the system cannot go on without it: stopping here "
			    "(the initfs has no shell to drop to)\n",
			    argv[1]);
			stopped = 1;
		}
	} else if (!strcmp(argv[0], "nowait") && argc >= 2) {
		spawn(argv + 1, 0);
	} else if (!strcmp(argv[0], "respawn") && argc >= 2) {
		respawn_add(argv + 1);
	} else if (!strcmp(argv[0], "stdio") && argc == 2) {
		set_stdio(argv[1]);
	} else {
		spawn(argv, 1);
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
	respawn_all();
	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid > 0)
			reaped(pid, status);
		else if (errno == ECHILD)
			sleep(1);
	}
}
