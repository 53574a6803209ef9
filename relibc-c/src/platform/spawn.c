/*
 * posix_spawn: fork, then in the child the attributes (process group,
 * signal mask, default actions, real ids) and the file actions in order,
 * then exec. A failure anywhere in the child comes back to the parent as
 * an error number through a close-on-exec pipe, so posix_spawn returns
 * it (and reaps the child) instead of handing back a pid that exits 127.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ACT_OPEN, ACT_CLOSE, ACT_DUP2 };

struct __spawn_action {
	struct __spawn_action *next;
	int kind, fd, to, flags;
	mode_t mode;
	char *path;
};

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *a)
{
	a->__head = a->__tail = 0;
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *a)
{
	for (struct __spawn_action *x = a->__head, *next; x; x = next) {
		next = x->next;
		free(x->path);
		free(x);
	}
	a->__head = a->__tail = 0;
	return 0;
}

static int add(posix_spawn_file_actions_t *a, int kind, int fd, int to, const char *path, int flags,
               mode_t mode)
{
	if (fd < 0 || to < 0)
		return EBADF;
	struct __spawn_action *x = calloc(1, sizeof *x);
	if (!x || (path && !(x->path = strdup(path)))) {
		free(x);
		return ENOMEM;
	}
	x->kind = kind;
	x->fd = fd;
	x->to = to;
	x->flags = flags;
	x->mode = mode;
	if (a->__tail)
		a->__tail->next = x;
	else
		a->__head = x;
	a->__tail = x;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict a, int fd,
                                     const char *restrict path, int flags, mode_t mode)
{
	return add(a, ACT_OPEN, fd, 0, path, flags, mode);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *a, int fd)
{
	return add(a, ACT_CLOSE, fd, 0, 0, 0, 0);
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *a, int fd, int to)
{
	return add(a, ACT_DUP2, fd, to, 0, 0, 0);
}

int posix_spawnattr_init(posix_spawnattr_t *a)
{
	memset(a, 0, sizeof *a);
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *a)
{
	(void)a;
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *a, short flags)
{
	if (flags & ~(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
	              POSIX_SPAWN_SETSIGMASK))
		return EINVAL;
	a->__flags = flags;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict a, short *restrict flags)
{
	*flags = a->__flags;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *a, pid_t pgroup)
{
	a->__pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict a, pid_t *restrict pgroup)
{
	*pgroup = a->__pgroup;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict a, const sigset_t *restrict mask)
{
	a->__sigmask = *mask;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict a, sigset_t *restrict mask)
{
	*mask = a->__sigmask;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict a, const sigset_t *restrict set)
{
	a->__sigdefault = *set;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict a, sigset_t *restrict set)
{
	*set = a->__sigdefault;
	return 0;
}

/* In the child: 0, or the error number that stopped it. */
static int prepare(const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *attr,
                   int *report)
{
	short flags = attr ? attr->__flags : 0;
	if ((flags & POSIX_SPAWN_SETPGROUP) && setpgid(0, attr->__pgroup) < 0)
		return errno;
	if ((flags & POSIX_SPAWN_RESETIDS) &&
	    (setregid(-1, getgid()) < 0 || setreuid(-1, getuid()) < 0))
		return errno;
	if (flags & POSIX_SPAWN_SETSIGDEF)
		for (int sig = 1; sig < NSIG; sig++)
			if (sigismember(&attr->__sigdefault, sig) == 1 && sig != SIGKILL &&
			    sig != SIGSTOP)
				signal(sig, SIG_DFL);
	for (struct __spawn_action *x = actions ? actions->__head : 0; x; x = x->next) {
		int target = x->kind == ACT_DUP2 ? x->to : x->fd;
		if (target == *report) {
			/* keep the report pipe out of the way of the program's descriptors */
			int moved = fcntl(*report, F_DUPFD_CLOEXEC, target + 1);
			if (moved < 0)
				return errno;
			close(*report);
			*report = moved;
		}
		if (x->kind == ACT_CLOSE) {
			close(x->fd);
		} else if (x->kind == ACT_DUP2) {
			if (x->fd == x->to) {
				/* POSIX: the descriptor stays open across the exec */
				int fl = fcntl(x->fd, F_GETFD);
				if (fl < 0 || fcntl(x->fd, F_SETFD, fl & ~FD_CLOEXEC) < 0)
					return errno;
			} else if (dup2(x->fd, x->to) < 0) {
				return errno;
			}
		} else {
			int fd = open(x->path, x->flags, x->mode);
			if (fd < 0)
				return errno;
			if (fd != x->fd) {
				int r = dup2(fd, x->fd);
				close(fd);
				if (r < 0)
					return errno;
			}
		}
	}
	if ((flags & POSIX_SPAWN_SETSIGMASK) && sigprocmask(SIG_SETMASK, &attr->__sigmask, 0) < 0)
		return errno;
	return 0;
}

static int spawn(pid_t *restrict pid, const char *restrict path,
                 const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
                 char *const argv[], char *const envp[], int search)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return errno;
	pid_t child = fork();
	if (child < 0) {
		int e = errno;
		close(p[0]);
		close(p[1]);
		return e;
	}
	if (child == 0) {
		close(p[0]);
		int report = p[1];
		int e = prepare(actions, attr, &report);
		if (!e) {
			if (search)
				execvpe(path, argv, envp);
			else
				execve(path, argv, envp);
			e = errno;
		}
		write(report, &e, sizeof e);
		_exit(127);
	}
	close(p[1]);
	int e = 0;
	ssize_t n;
	while ((n = read(p[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(p[0]);
	if (n == (ssize_t)sizeof e && e) {
		waitpid(child, 0, 0);
		return e;
	}
	if (pid)
		*pid = child;
	return 0;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path,
                const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
                char *const argv[], char *const envp[])
{
	return spawn(pid, path, actions, attr, argv, envp, 0);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file,
                 const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
                 char *const argv[], char *const envp[])
{
	return spawn(pid, file, actions, attr, argv, envp, 1);
}
