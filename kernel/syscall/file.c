/*
 * File syscalls over schemes: open, close, dup, dup2, read, write, lseek,
 * fstat, fpath.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../proc/process.h"
#include "../scheme/scheme.h"

int64_t sys_open(struct syscall_args *args)
{
	struct process *p = args->process;
	struct caller who = {p->pid, p->euid, p->egid};
	struct file *f;
	int64_t r = file_open(args->path, p->default_scheme, args->c, &who, &f);
	if (r < 0)
		return r;
	r = fd_install(p, f, args->c & O_CLOEXEC);
	if (r < 0)
		file_put(f);
	return r;
}

int64_t sys_close(struct syscall_args *args)
{
	return fd_close(args->process, args->a);
}

int64_t sys_dup(struct syscall_args *args)
{
	struct file *f = fd_get(args->process, args->a);
	if (!f)
		return -EBADF;
	int64_t r = fd_install(args->process, f, false);
	if (r < 0)
		file_put(f);
	return r;
}

int64_t sys_dup2(struct syscall_args *args)
{
	struct process *p = args->process;
	if (args->b >= MAX_FILES)
		return -EBADF;
	struct file *f = fd_get(p, args->a);
	if (!f)
		return -EBADF;
	if (args->a == args->b) {
		file_put(f);
		return (int64_t)args->b;
	}
	uint64_t flags = spin_lock_irqsave(&p->lock);
	struct file *old = p->files[args->b];
	p->files[args->b] = f;
	p->cloexec[args->b / 64] &= ~(1ULL << (args->b % 64));
	spin_unlock_irqrestore(&p->lock, flags);
	if (old)
		file_put(old);
	return (int64_t)args->b;
}

int64_t sys_read(struct syscall_args *args)
{
	struct file *f = fd_get(args->process, args->a);
	if (!f)
		return -EBADF;
	int64_t r = (f->flags & O_ACCMODE) == O_WRONLY ? -EBADF
		    : f->scheme->ops->read ? f->scheme->ops->read(f->scheme->data, f->id,
								   (void *)args->b, args->c)
					   : -EBADF;
	file_put(f);
	return r;
}

int64_t sys_write(struct syscall_args *args)
{
	struct file *f = fd_get(args->process, args->a);
	if (!f)
		return -EBADF;
	int64_t r = (f->flags & O_ACCMODE) == O_RDONLY ? -EBADF
		    : f->scheme->ops->write ? f->scheme->ops->write(f->scheme->data, f->id,
								     (const void *)args->b, args->c)
					    : -EBADF;
	file_put(f);
	return r;
}

int64_t sys_lseek(struct syscall_args *args)
{
	struct file *f = fd_get(args->process, args->a);
	if (!f)
		return -EBADF;
	int64_t r = f->scheme->ops->seek
			    ? f->scheme->ops->seek(f->scheme->data, f->id, (int64_t)args->b, (int)args->c)
			    : -ESPIPE;
	file_put(f);
	return r;
}

int64_t sys_fstat(struct syscall_args *args)
{
	if (args->c < sizeof(struct redox_stat))
		return -EINVAL;
	struct file *f = fd_get(args->process, args->a);
	if (!f)
		return -EBADF;
	struct redox_stat *st = (struct redox_stat *)args->b;
	*st = (struct redox_stat){0};
	int64_t r = f->scheme->ops->fstat ? f->scheme->ops->fstat(f->scheme->data, f->id, st)
					  : -EBADF;
	file_put(f);
	return r;
}

int64_t sys_fpath(struct syscall_args *args)
{
	struct file *f = fd_get(args->process, args->a);
	if (!f)
		return -EBADF;
	int64_t r = f->scheme->ops->fpath ? f->scheme->ops->fpath(f->scheme->data, f->id,
								  (char *)args->b, args->c)
					  : -EBADF;
	file_put(f);
	return r;
}
