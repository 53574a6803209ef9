/*
 * Process syscalls: exit, getpid/getppid, yield, clone (fork), waitpid,
 * and the uid/gid queries.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "syscall.h"
#include "../mm/usermem.h"
#include "../proc/process.h"

int64_t sys_exit(struct syscall_args *args)
{
	proc_exit(WAIT_EXITED((int)args->a));
}

int64_t sys_getpid(struct syscall_args *args)
{
	return args->process->pid;
}

int64_t sys_getppid(struct syscall_args *args)
{
	return args->process->ppid;
}

int64_t sys_yield(struct syscall_args *args)
{
	(void)args;
	sched_yield();
	return 0;
}

int64_t sys_clone(struct syscall_args *args)
{
	if (args->a & (CLONE_VM | CLONE_THREAD))
		return -ENOSYS; /* threads: with the threads work */
	return proc_fork(args->frame);
}

int64_t sys_waitpid(struct syscall_args *args)
{
	if (args->b && !user_buffer_ok(args, args->b, sizeof(int), 1))
		return -EFAULT;
	int status = 0;
	int64_t r = proc_waitpid((int64_t)args->a, &status, args->c);
	if (r > 0 && args->b)
		*(int *)args->b = status;
	return r;
}

int64_t sys_getuid(struct syscall_args *args)
{
	return args->process->uid;
}

int64_t sys_geteuid(struct syscall_args *args)
{
	return args->process->euid;
}

int64_t sys_getgid(struct syscall_args *args)
{
	return args->process->gid;
}

int64_t sys_getegid(struct syscall_args *args)
{
	return args->process->egid;
}
