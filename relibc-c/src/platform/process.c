/*
 * Process control: exit (with atexit handlers), _exit, abort, fork,
 * waitpid, the id queries, execve (static ELF programs, and "#!" scripts
 * through their interpreter), and the C program's entry (__relibc_start,
 * called by crt0 with the initial stack pointer).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <redox/abi/limits.h>
#include <redox/abi/types.h>

#include "cancel.h"
#include "sys.h"

#define ATEXIT_MAX 32

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;
extern char **environ;

/* stdio flushes its buffers through this hook once it exists. */
__attribute__((weak)) void __relibc_stdio_exit(void)
{
}

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

__relibc_noreturn void _exit(int status)
{
	for (;;)
		redox_sys_exit(status & 0xFF);
}

__relibc_noreturn void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	__relibc_stdio_exit();
	_exit(status);
}

__relibc_noreturn void abort(void)
{
	/* SIGABRT cannot be blocked away here: unblock it, then raise it. */
	uint64_t set = 1ULL << SIGABRT;
	redox_sys_sigprocmask(SIG_UNBLOCK, &set, 0);
	redox_sys_kill(getpid(), SIGABRT);
	/* a handler returned: do it the hard way */
	struct redox_sigaction dfl = {0};
	redox_sys_sigaction(SIGABRT, &dfl, 0, 0);
	redox_sys_kill(getpid(), SIGABRT);
	__asm__ volatile("ud2");
	_exit(127);
}

void __relibc_fork_prepare(void);
void __relibc_fork_after(int child);

pid_t fork(void)
{
	__relibc_fork_prepare();
	pid_t pid = (pid_t)__sys_result(redox_sys_clone(0));
	__relibc_fork_after(pid == 0);
	return pid;
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return (pid_t)__sys_result(redox_cp_waitpid(pid, status, (uint64_t)options));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

pid_t getpid(void)
{
	return (pid_t)redox_sys_getpid();
}

pid_t getppid(void)
{
	return (pid_t)redox_sys_getppid();
}

uid_t getuid(void)
{
	return (uid_t)redox_sys_getuid();
}

uid_t geteuid(void)
{
	return (uid_t)redox_sys_geteuid();
}

gid_t getgid(void)
{
	return (gid_t)redox_sys_getgid();
}

gid_t getegid(void)
{
	return (gid_t)redox_sys_getegid();
}

int main(int argc, char **argv, char **envp);

/* Constructors of the program and its libraries (lld defines the bounds). */
extern void (*__init_array_start[])(int, char **, char **) __attribute__((weak));
extern void (*__init_array_end[])(int, char **, char **) __attribute__((weak));

__relibc_noreturn void __relibc_start(uint64_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	environ = argv + argc + 1;
	for (void (**f)(int, char **, char **) = __init_array_start; f && f < __init_array_end; f++)
		(*f)(argc, argv, environ);
	exit(main(argc, argv, environ));
}

/* execve: open the program (any scheme) and replace this process with it. */
#define SCRIPT_DEPTH_MAX 4
static int execve_depth(const char *path, char *const argv[], char *const envp[], int depth);

/*
 * A script ("#!INTERPRETER [ARG]" on its first line): run the interpreter
 * with the optional argument, the script's path and the arguments after
 * argv[0]. -1 with ENOEXEC if fd is not a script.
 */
static int exec_script(int fd, const char *path, char *const argv[], char *const envp[], int depth)
{
	char line[256];
	ssize_t n = lseek(fd, 0, SEEK_SET) == 0 ? read(fd, line, sizeof line - 1) : -1;
	if (n < 2 || line[0] != '#' || line[1] != '!' || depth >= SCRIPT_DEPTH_MAX) {
		errno = ENOEXEC;
		return -1;
	}
	line[n] = 0;
	char *end = strchr(line, '\n');
	if (!end) {
		errno = ENOEXEC; /* a first line too long to be a #! line */
		return -1;
	}
	*end = 0;
	char *interp = line + 2;
	while (*interp == ' ' || *interp == '\t')
		interp++;
	char *arg = interp + strcspn(interp, " \t");
	if (*arg) {
		*arg++ = 0;
		while (*arg == ' ' || *arg == '\t')
			arg++;
		size_t len = strlen(arg);
		while (len && (arg[len - 1] == ' ' || arg[len - 1] == '\t' || arg[len - 1] == '\r'))
			arg[--len] = 0;
	}
	if (!*interp) {
		errno = ENOEXEC;
		return -1;
	}
	size_t argc = 0;
	while (argv && argv[argc])
		argc++;
	char **nargv = malloc((argc + 3) * sizeof *nargv);
	if (!nargv)
		return -1;
	int k = 0;
	nargv[k++] = interp;
	if (*arg)
		nargv[k++] = arg;
	nargv[k++] = (char *)path;
	for (size_t i = 1; i < argc; i++)
		nargv[k++] = argv[i];
	nargv[k] = 0;
	int r = execve_depth(interp, nargv, envp, depth + 1);
	int saved = errno;
	free(nargv);
	errno = saved;
	return r;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return execve_depth(path, argv, envp, 0);
}

static int execve_depth(const char *path, char *const argv[], char *const envp[], int depth)
{
	struct exec_slice {
		uint64_t ptr, len;
	};
	uint64_t argc = 0, envc = 0;
	while (argv && argv[argc])
		argc++;
	while (envp && envp[envc])
		envc++;
	if (argc > REDOX_ARGV_MAX || envc > REDOX_ARGV_MAX) {
		errno = E2BIG;
		return -1;
	}
	/* the kernel copies these before it replaces the image, so a failure can free them */
	struct exec_slice *args = malloc((argc + envc + 1) * sizeof *args);
	if (!args)
		return -1;
	struct exec_slice *vars = args + argc;
	for (uint64_t i = 0; i < argc; i++)
		args[i] = (struct exec_slice){(uint64_t)argv[i], strlen(argv[i])};
	for (uint64_t i = 0; i < envc; i++)
		vars[i] = (struct exec_slice){(uint64_t)envp[i], strlen(envp[i])};
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int saved = errno;
		free(args);
		errno = saved;
		return -1;
	}
	long r = __sys_result(redox_sys_fexec(fd, args, argc, vars, envc));
	free(args);
	if (r < 0 && errno == ENOEXEC)
		r = exec_script(fd, path, argv, envp, depth);
	int saved = errno;
	close(fd);
	errno = saved;
	return (int)r;
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__sys_result(redox_sys_setpgid(pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__sys_result(redox_sys_getpgid(pid));
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

int setreuid(uid_t ruid, uid_t euid)
{
	return (int)__sys_result(redox_sys_setreuid((int)ruid, (int)euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return (int)__sys_result(redox_sys_setregid((int)rgid, (int)egid));
}

int setuid(uid_t uid)
{
	return setreuid(uid, uid);
}

int setgid(gid_t gid)
{
	return setregid(gid, gid);
}

int sched_yield(void)
{
	return (int)__sys_result(redox_sys_yield());
}
