/*
 * File syscalls over schemes. Path calls (open, chmod, rmdir, unlink)
 * pick the scheme from the path; handle calls find the open file behind
 * the descriptor and pass the scheme its handle id and the caller.
 */
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/signal.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../proc/namespace.h"
#include "../mm/usercopy.h"
#include "../proc/process.h"
#include "../proc/signal.h"
#include "../scheme/scheme.h"

int64_t sys_open(struct syscall_args *args)
{
	struct process *p = args->process;
	struct caller who = {p->pid, p->euid, p->egid, 0};
	struct file *f;
	/* a file made here gets the mode the caller asked for less its umask */
	uint64_t flags = args->c & O_CREAT ? args->c & ~(uint64_t)p->umask : args->c;
	int64_t r = file_open(args->path, p->default_scheme, flags, &who, &f);
	if (r < 0)
		return r;
	r = fd_install(p, f, args->c & O_CLOEXEC);
	if (r < 0)
		file_put(f);
	return r;
}

/* Resolve the scheme of a path call; *rest = the reference inside it. */
static struct scheme *path_scheme(struct syscall_args *args, const char **rest)
{
	const char *path = args->path, *c = path;
	while (*c && *c != ':' && *c != '/')
		c++;
	if (*c == ':') {
		*rest = c + 1;
		return scheme_find(path, (size_t)(c - path));
	}
	*rest = path;
	return scheme_find(args->process->default_scheme, strlen(args->process->default_scheme));
}

static const char *scheme_name(const struct scheme *s)
{
	return s->name;
}

#define PATH_CALL(name, call)                                                                      \
	int64_t sys_##name(struct syscall_args *args)                                              \
	{                                                                                          \
		struct process *p = args->process;                                                 \
		struct caller who = {p->pid, p->euid, p->egid, 0};                                 \
		const char *rest;                                                                  \
		struct scheme *s = path_scheme(args, &rest);                                       \
		if (!s)                                                                            \
			return -ENODEV;                                                            \
		if (!scheme_allowed(p, scheme_name(s), strlen(scheme_name(s))))                    \
			return -EACCES;                                                            \
		if (!s->ops->name)                                                                 \
			return -ENOENT;                                                            \
		return call;                                                                       \
	}

PATH_CALL(chmod, s->ops->chmod(s->data, rest, (uint16_t)args->c, &who))
PATH_CALL(rmdir, s->ops->rmdir(s->data, rest, &who))
PATH_CALL(unlink, s->ops->unlink(s->data, rest, &who))

int64_t sys_close(struct syscall_args *args)
{
	return fd_close(args->process, args->a);
}

/* Redox's dup takes a buffer: empty means "the same file", else a
 * scheme-specific request (e.g. a pipe's other end) that makes a new handle. */
static int64_t dup_file(struct syscall_args *args, struct file **out)
{
	struct file *f = fd_get(args->process, args->a);
	if (!f)
		return -EBADF;
	if (args->c == 0) {
		*out = f;
		return 0;
	}
	char req[256];
	if (args->c > sizeof req) {
		file_put(f);
		return -EINVAL;
	}
	if (copy_from_user(req, args->b, args->c) < 0) {
		file_put(f);
		return -EFAULT;
	}
	if (!f->scheme->ops->dup) {
		file_put(f);
		return -EBADF;
	}
	struct caller who = file_caller(f, args->process);
	int64_t id = f->scheme->ops->dup(f->scheme->data, f->id, req, args->c, &who);
	if (id < 0) {
		file_put(f);
		return id;
	}
	int64_t r = file_new(f->scheme, (uint64_t)id, f->flags, out);
	file_put(f);
	return r;
}

int64_t sys_dup(struct syscall_args *args)
{
	struct file *f;
	int64_t r = dup_file(args, &f);
	if (r < 0)
		return r;
	r = fd_install(args->process, f, false);
	if (r < 0)
		file_put(f);
	return r;
}

int64_t sys_dup2(struct syscall_args *args)
{
	struct process *p = args->process;
	uint64_t target = args->b;
	if (target >= MAX_FILES)
		return -EBADF;
	if (args->a == target && args->d == 0)
		return fd_get_check(p, target) ? (int64_t)target : -EBADF;
	struct file *f;
	struct syscall_args dup_args = *args;
	dup_args.b = args->c; /* dup2(fd, newfd, buf, len) */
	dup_args.c = args->d;
	int64_t r = dup_file(&dup_args, &f);
	if (r < 0)
		return r;
	fd_replace(p, target, f);
	return (int64_t)target;
}

/* Run `body` with f = the descriptor's file and who = its caller record. */
#define WITH_FILE(body)                                                                            \
	struct file *f = fd_get(args->process, args->a);                                           \
	if (!f)                                                                                    \
		return -EBADF;                                                                     \
	struct caller who = file_caller(f, args->process);                                         \
	(void)who;                                                                                 \
	int64_t r = (body);                                                                        \
	file_put(f);                                                                               \
	return r;

#define OP(name) (f->scheme->ops->name)

int64_t sys_read(struct syscall_args *args)
{
	/* a later piece of a large read never waits (dispatch.c) */
	WITH_FILE(((who.flags |= args->nonblock ? O_NONBLOCK : 0),
	           !(f->flags & O_RDONLY) ? -EBADF /* O_WRONLY or access mode 0 */
	           : OP(read) ? OP(read)(f->scheme->data, f->id, (void *)args->b, args->c, &who)
	                      : -EBADF))
}

static int64_t write_file(struct syscall_args *args){
    WITH_FILE(!(f->flags & O_WRONLY) ? -EBADF /* O_RDONLY or access mode 0 */
              : OP(write) ? OP(write)(f->scheme->data, f->id, (const void *)args->b, args->c, &who)
                          : -EBADF)}

/* POSIX: a write nobody will read (a pipe without readers) raises SIGPIPE in
 * the writer as well as failing with EPIPE, so `yes | head` ends quietly. */
int64_t sys_write(struct syscall_args *args)
{
	int64_t r = write_file(args);
	if (r == -EPIPE)
		signal_send(args->process, SIGPIPE);
	return r;
}

int64_t sys_lseek(struct syscall_args *args){
    WITH_FILE(OP(seek) ? OP(seek)(f->scheme->data, f->id, (int64_t)args->b, (int)args->c)
                       : -ESPIPE)}

int64_t sys_fstat(struct syscall_args *args)
{
	if (args->c < sizeof(struct redox_stat))
		return -EINVAL;
	struct redox_stat *st = (struct redox_stat *)args->b;
	*st = (struct redox_stat){0};
	WITH_FILE(OP(fstat) ? OP(fstat)(f->scheme->data, f->id, st) : -EBADF)
}

int64_t sys_fstatvfs(struct syscall_args *args)
{
	if (args->c < sizeof(struct redox_statvfs))
		return -EINVAL;
	struct redox_statvfs *st = (struct redox_statvfs *)args->b;
	*st = (struct redox_statvfs){0};
	WITH_FILE(OP(fstatvfs) ? OP(fstatvfs)(f->scheme->data, f->id, st) : -EBADF)
}

int64_t sys_fpath(struct syscall_args *args){
    WITH_FILE(OP(fpath) ? OP(fpath)(f->scheme->data, f->id, (char *)args->b, args->c) : -EBADF)}

int64_t sys_frename(struct syscall_args *args){
    WITH_FILE(OP(frename) ? OP(frename)(f->scheme->data, f->id, args->path, &who) : -EBADF)}

/* FEVENT(fd, flags): which of flags are ready on fd now. */
int64_t sys_fevent(struct syscall_args *args){
    WITH_FILE(OP(fevent) ? OP(fevent)(f->scheme->data, f->id, args->b) : 0)}

int64_t sys_fsync(struct syscall_args *args){
    WITH_FILE(OP(fsync) ? OP(fsync)(f->scheme->data, f->id) : 0)}

int64_t sys_ftruncate(struct syscall_args *args){
    WITH_FILE(OP(ftruncate) ? OP(ftruncate)(f->scheme->data, f->id, args->b) : -EBADF)}

int64_t sys_futimens(struct syscall_args *args)
{
	if (args->c < 2 * sizeof(struct redox_timespec))
		return -EINVAL;
	WITH_FILE(OP(futimens)
	              ? OP(futimens)(f->scheme->data, f->id, (const struct redox_timespec *)args->b)
	              : -EBADF)
}

int64_t sys_fchmod(struct syscall_args *args){
    WITH_FILE(OP(fchmod) ? OP(fchmod)(f->scheme->data, f->id, (uint16_t)args->b) : -EBADF)}

int64_t sys_fchown(struct syscall_args *args){
    WITH_FILE(OP(fchown) ? OP(fchown)(f->scheme->data, f->id, (uint32_t)args->b, (uint32_t)args->c)
                         : -EBADF)}

int64_t sys_fcntl(struct syscall_args *args)
{
	struct process *p = args->process;
	switch (args->b) {
	case F_GETFD:
		if (!fd_get_check(p, args->a))
			return -EBADF;
		return fd_cloexec(p, args->a) ? O_CLOEXEC : 0;
	case F_SETFD:
		if (!fd_get_check(p, args->a))
			return -EBADF;
		fd_set_cloexec(p, args->a, args->c & O_CLOEXEC);
		return 0;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: {
		struct file *f = fd_get(p, args->a);
		if (!f)
			return -EBADF;
		int64_t r = fd_install_from(p, f, args->c, args->b == F_DUPFD_CLOEXEC);
		if (r < 0)
			file_put(f);
		return r;
	}
	case F_GETFL: {
		WITH_FILE((int64_t)f->flags)
	}
	case F_SETFL: {
		/* Only the status flags change; the access mode is fixed at open. */
		struct file *f = fd_get(p, args->a);
		if (!f)
			return -EBADF;
		uint64_t changeable = O_NONBLOCK | O_APPEND;
		f->flags = (f->flags & ~changeable) | (args->c & changeable);
		int64_t r = f->scheme->ops->fcntl
		                ? f->scheme->ops->fcntl(f->scheme->data, f->id, F_SETFL, f->flags)
		                : 0;
		file_put(f);
		return r;
	}
	default: {
		WITH_FILE(OP(fcntl) ? OP(fcntl)(f->scheme->data, f->id, args->b, args->c) : -EINVAL)
	}
	}
}
