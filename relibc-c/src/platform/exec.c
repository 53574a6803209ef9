/*
 * Running programs: the exec family over execve (execvp searches $PATH,
 * whose folders are separated by ';' when it names schemes, which hold
 * ':', and by ':' otherwise),
 * system and popen/pclose through /bin/sh, _Exit, vfork (a fork), and
 * temporary files (mkstemp, mkdtemp, tmpfile).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stdio/file.h"

#define SHELL         "/bin/sh"
#define DEFAULT_PATH  "/usr/bin;/bin"
#define MAX_LIST_ARGS 64

__relibc_noreturn void _Exit(int status)
{
	_exit(status);
}

pid_t vfork(void)
{
	return fork();
}

/* No supplementary groups exist: the list is empty. */
int getgroups(int n, gid_t list[])
{
	(void)list;
	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/') || strchr(file, ':'))
		return execve(file, argv, envp);
	const char *path = getenv("PATH");
	if (!path)
		path = DEFAULT_PATH;
	size_t flen = strlen(file);
	int error = ENOENT;
	/* ';' separates when the list has one or starts with a scheme path
	 * ("file:/usr/bin"), else the POSIX ':' (PATH=/usr/bin:/bin, which
	 * shells also read) */
	size_t to_colon = strcspn(path, ":");
	int scheme_first = path[to_colon] && to_colon < strcspn(path, "/");
	const char *sep = strchr(path, ';') || scheme_first ? ";" : ":";
	while (*path) {
		size_t len = strcspn(path, sep);
		char full[4096];
		if (len && len + flen + 2 <= sizeof full) {
			memcpy(full, path, len);
			full[len] = '/';
			memcpy(full + len + 1, file, flen + 1);
			execve(full, argv, envp);
			/* keep looking past missing files; remember a real failure */
			if (errno != ENOENT && errno != ENOTDIR && errno != ENODEV)
				error = errno;
		}
		path += len + (path[len] == *sep);
	}
	errno = error;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Gathers execl's variable arguments; envp too when want_env. */
#define COLLECT(first, want_env)                                                                   \
	char *args[MAX_LIST_ARGS];                                                                 \
	char *const *envp = environ;                                                               \
	int n = 0;                                                                                 \
	va_list ap;                                                                                \
	va_start(ap, first);                                                                       \
	for (const char *a = first; a; a = va_arg(ap, const char *)) {                             \
		if (n == MAX_LIST_ARGS - 1) {                                                      \
			va_end(ap);                                                                \
			errno = E2BIG;                                                             \
			return -1;                                                                 \
		}                                                                                  \
		args[n++] = (char *)a;                                                             \
	}                                                                                          \
	args[n] = 0;                                                                               \
	if (want_env)                                                                              \
		envp = va_arg(ap, char *const *);                                                  \
	va_end(ap);

int execl(const char *path, const char *arg, ...)
{
	COLLECT(arg, 0)
	return execve(path, args, envp);
}

int execle(const char *path, const char *arg, ...)
{
	COLLECT(arg, 1)
	return execve(path, args, envp);
}

int execlp(const char *file, const char *arg, ...)
{
	COLLECT(arg, 0)
	return execvpe(file, args, envp);
}

/* What system() changed in the caller, put back on return or cancellation. */
struct system_state {
	struct sigaction old_int, old_quit;
	sigset_t old_mask;
};

static void system_restore(void *p)
{
	struct system_state *s = p;
	sigaction(SIGINT, &s->old_int, 0);
	sigaction(SIGQUIT, &s->old_quit, 0);
	sigprocmask(SIG_SETMASK, &s->old_mask, 0);
}

/* A cancellation point (its wait): the caller's signal state is put back first. */
int system(const char *cmd)
{
	if (!cmd)
		return access(SHELL, X_OK) == 0;
	struct sigaction ign = {.sa_handler = SIG_IGN};
	struct system_state st;
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &st.old_mask);
	sigaction(SIGINT, &ign, &st.old_int);
	sigaction(SIGQUIT, &ign, &st.old_quit);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		system_restore(&st);
		execl(SHELL, "sh", "-c", cmd, (char *)0);
		_exit(127);
	}
	pthread_cleanup_push(system_restore, &st);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	pthread_cleanup_pop(0);
	int saved = errno;
	system_restore(&st);
	errno = saved;
	return status;
}

FILE *popen(const char *cmd, const char *mode)
{
	int reading = mode[0] == 'r';
	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && mode[1] != 'e')) {
		errno = EINVAL;
		return 0;
	}
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0)
		return 0;
	int mine = reading ? fds[0] : fds[1], theirs = reading ? fds[1] : fds[0];
	FILE *f = fdopen(mine, reading ? "r" : "w");
	if (!f) {
		int saved = errno;
		close(fds[0]);
		close(fds[1]);
		errno = saved;
		return 0;
	}
	fflush(0); /* a child must not inherit buffered output */
	pid_t pid = fork();
	if (pid == 0) {
		int target = reading ? 1 : 0;
		if (theirs == target) {
			fcntl(theirs, F_SETFD, 0);
		} else if (dup2(theirs, target) < 0) {
			_exit(127);
		}
		execl(SHELL, "sh", "-c", cmd, (char *)0);
		_exit(127);
	}
	int saved = errno;
	close(theirs);
	if (pid < 0) {
		fclose(f);
		errno = saved;
		return 0;
	}
	if (mode[1] != 'e')
		fcntl(mine, F_SETFD, 0);
	f->pid = pid;
	return f;
}

int pclose(FILE *f)
{
	pid_t pid = f->pid;
	if (pid <= 0) {
		errno = ECHILD;
		return -1;
	}
	__stdio_close(f, 0);
	int status;
	pid_t r;
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	return r < 0 ? -1 : status;
}

/* Replaces the trailing "XXXXXX" with letters until make(name) does not give EEXIST. */
static int make_unique(char *tmpl, int (*make)(const char *name))
{
	static const char letters[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long counter;
	size_t len = strlen(tmpl);
	if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX")) {
		errno = EINVAL;
		return -1;
	}
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	unsigned long long seed = (unsigned long long)ts.tv_nsec ^
	                          ((unsigned long long)getpid() << 32) ^
	                          (counter++ * 0x9E3779B97F4A7C15ULL);
	for (int tries = 0; tries < 1000; tries++) {
		unsigned long long v = seed;
		for (int i = 0; i < 6; i++) {
			tmpl[len - 6 + i] = letters[v % 62];
			v /= 62;
		}
		int r = make(tmpl);
		if (r >= 0 || errno != EEXIST)
			return r;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	}
	errno = EEXIST;
	return -1;
}

static int make_file(const char *name)
{
	return open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int make_dir(const char *name)
{
	return mkdir(name, 0700);
}

int mkstemp(char *tmpl)
{
	return make_unique(tmpl, make_file);
}

char *mkdtemp(char *tmpl)
{
	return make_unique(tmpl, make_dir) < 0 ? 0 : tmpl;
}

/*
 * tmpfile's stream removes its file at fclose rather than at once:
 * redoxfsd forgets a file's data when its last name goes, even while it
 * is open, so the name stays until the stream is closed (a program that
 * dies first leaves it in P_tmpdir).
 */
struct tmp_file {
	int fd;
	char name[sizeof P_tmpdir "/tmpfile.XXXXXX"];
};

static ssize_t tmp_read(void *c, char *buf, size_t n)
{
	return read(((struct tmp_file *)c)->fd, buf, n);
}

static ssize_t tmp_write(void *c, const char *buf, size_t n)
{
	return write(((struct tmp_file *)c)->fd, buf, n);
}

static int tmp_seek(void *c, off_t *off, int whence)
{
	off_t r = lseek(((struct tmp_file *)c)->fd, *off, whence);
	if (r < 0)
		return -1;
	*off = r;
	return 0;
}

static int tmp_close(void *c)
{
	struct tmp_file *t = c;
	int r = close(t->fd);
	unlink(t->name);
	free(t);
	return r;
}

FILE *tmpfile(void)
{
	static const cookie_io_functions_t ops = {tmp_read, tmp_write, tmp_seek, tmp_close};
	struct tmp_file *t = malloc(sizeof *t);
	if (!t)
		return 0;
	strcpy(t->name, P_tmpdir "/tmpfile.XXXXXX");
	t->fd = mkstemp(t->name);
	if (t->fd < 0) {
		free(t);
		return 0;
	}
	fcntl(t->fd, F_SETFD, FD_CLOEXEC);
	FILE *f = __stdio_new(t->fd, F_READ | F_WRITE, &ops, t);
	if (!f) {
		int saved = errno;
		tmp_close(t);
		errno = saved;
	}
	return f;
}
