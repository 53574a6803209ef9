/*
 * Process syscalls: exit, getpid/getppid, yield, clone (fork), waitpid,
 * ids (uid/gid, process groups), umask, and the working directory.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include <freestanding/string.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../mm/usermem.h"
#include "../mm/usercopy.h"
#include "../proc/process.h"
#include "../scheme/scheme.h"

int64_t sys_exit(struct syscall_args *args, int64_t status)
{
	(void)args;
	proc_exit(WAIT_EXITED((int)status));
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

int64_t sys_clone(struct syscall_args *args, uint64_t flags)
{
	if (flags & (CLONE_VM | CLONE_THREAD))
		return -EINVAL; /* threads are made by SYS_CLONE_THREAD (proc/thread.c) */
	return proc_fork(args->frame);
}

int64_t sys_waitpid(struct syscall_args *args, int64_t pid, uint64_t status, uint64_t options)
{
	if (status && !user_buffer_ok(args, status, sizeof(int), 1))
		return -EFAULT;
	int code = 0;
	int64_t r = proc_waitpid(pid, &code, options);
	if (r > 0 && status && copy_to_user(status, &code, sizeof code) < 0)
		return -EFAULT;
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

int64_t sys_setpgid(struct syscall_args *args, int64_t pid, int64_t pgid)
{
	struct process *self = args->process;
	uint32_t target = pid ? (uint32_t)pid : self->pid;
	struct process *p = proc_by_pid(target);
	int64_t group = pgid ? pgid : (int64_t)target;
	int64_t r = !p || (p != self && p->ppid != self->pid) ? -ESRCH : group < 0 ? -EINVAL : 0;
	if (r == 0)
		p->pgid = (uint32_t)group;
	proc_put(p);
	return r;
}

int64_t sys_getpgid(struct syscall_args *args, int64_t pid)
{
	if (!pid)
		return args->process->pgid;
	struct process *p = proc_by_pid((uint32_t)pid);
	int64_t r = p ? (int64_t)p->pgid : -ESRCH;
	proc_put(p);
	return r;
}

/* setreuid/setregid: -1 keeps a value; only root may pick any id. */
static int64_t set_ids(struct process *p, uint64_t real, uint64_t effective, uint32_t *r,
                       uint32_t *e)
{
	bool root = p->euid == 0;
	uint32_t nr = real == (uint64_t)-1 || real == 0xFFFFFFFF ? *r : (uint32_t)real;
	uint32_t ne =
	    effective == (uint64_t)-1 || effective == 0xFFFFFFFF ? *e : (uint32_t)effective;
	if (!root && ((nr != *r && nr != *e) || (ne != *r && ne != *e)))
		return -EPERM;
	*r = nr;
	*e = ne;
	return 0;
}

int64_t sys_setreuid(struct syscall_args *args, int64_t ruid, int64_t euid)
{
	struct process *p = args->process;
	uint32_t new_uid = p->uid, new_euid = p->euid;
	int64_t r = set_ids(p, (uint64_t)ruid, (uint64_t)euid, &new_uid, &new_euid);
	if (r == 0)
		r = proc_change_account(p, new_uid); /* the new user's limits apply from now */
	if (r == 0) {
		p->uid = new_uid;
		p->euid = new_euid;
	}
	return r;
}

int64_t sys_setregid(struct syscall_args *args, int64_t rgid, int64_t egid)
{
	struct process *p = args->process;
	uint32_t euid = p->euid;
	int64_t r = set_ids(p, rgid, egid, &p->gid, &p->egid);
	p->euid = euid;
	return r;
}

int64_t sys_umask(struct syscall_args *args, uint64_t mask)
{
	struct process *p = args->process;
	uint32_t old = p->umask;
	p->umask = (uint32_t)mask & 0777;
	return old;
}

/* chdir(path): the directory must open as one. */
int64_t sys_chdir(struct syscall_args *args, uint64_t path, uint64_t path_len)
{
	struct process *p = args->process;
	struct caller who = {p->pid, p->euid, p->egid, 0};
	struct file *f;
	int64_t r = syscall_copy_path(args, path, path_len, &args->path);
	if (r < 0)
		return r;
	r = file_open(args->path, p->default_scheme, O_RDONLY | O_DIRECTORY, &who, &f);
	if (r < 0)
		return r;
	struct redox_stat st = {0};
	r = f->scheme->ops->fstat ? f->scheme->ops->fstat(f->scheme->data, f->id, &st) : 0;
	file_put(f);
	if (r < 0)
		return r;
	if (st.mode && (st.mode & MODE_TYPE) != MODE_DIR)
		return -ENOTDIR;
	size_t n = strlen(args->path);
	if (n >= sizeof p->cwd)
		return -ENAMETOOLONG;
	memcpy(p->cwd, args->path, n + 1);
	return 0;
}

/* getcwd(buf, len): the length written (without a NUL when it fills buf exactly). */
int64_t sys_getcwd(struct syscall_args *args, uint64_t buf, uint64_t len)
{
	struct process *p = args->process;
	size_t n = strlen(p->cwd);
	if (n + 1 > len)
		return -ERANGE;
	if (copy_to_user(buf, p->cwd, n + 1) < 0)
		return -EFAULT;
	return (int64_t)n;
}
