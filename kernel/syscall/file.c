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
#include "../proc/reclock.h"
#include "../proc/signal.h"
#include "../scheme/scheme.h"

int64_t sys_open(struct syscall_args *args, const char *path, uint64_t flags)
{
	struct process *p = args->process;
	struct caller who = {p->pid, p->euid, p->egid, 0};
	struct file *f;
	/* a file made here gets the mode the caller asked for less its umask */
	uint64_t open_flags = flags & O_CREAT ? flags & ~(uint64_t)p->umask : flags;
	int64_t r = file_open(path, p->default_scheme, open_flags, &who, &f);
	if (r < 0)
		return r;
	r = fd_install(p, f, flags & O_CLOEXEC);
	if (r < 0)
		file_put(f);
	return r;
}

/* Resolve the scheme of a path call; *rest = the reference inside it. */
static struct scheme *path_scheme(struct process *p, const char *path, const char **rest)
{
	const char *c = path;
	while (*c && *c != ':' && *c != '/')
		c++;
	if (*c == ':') {
		*rest = c + 1;
		return scheme_find(path, (size_t)(c - path));
	}
	*rest = path;
	return scheme_find(p->default_scheme, strlen(p->default_scheme));
}

static const char *scheme_name(const struct scheme *s)
{
	return s->name;
}

#define PATH_CALL(name, call, ...)                                                                 \
	int64_t sys_##name(struct syscall_args *args, const char *path __VA_ARGS__)                \
	{                                                                                          \
		struct process *p = args->process;                                                 \
		struct caller who = {p->pid, p->euid, p->egid, 0};                                 \
		const char *rest;                                                                  \
		struct scheme *s = path_scheme(p, path, &rest);                                    \
		if (!s)                                                                            \
			return -ENODEV;                                                            \
		if (!scheme_allowed(p, scheme_name(s), strlen(scheme_name(s))))                    \
			return -EACCES;                                                            \
		if (!s->ops->name)                                                                 \
			return -ENOENT;                                                            \
		return call;                                                                       \
	}

PATH_CALL(chmod, s->ops->chmod(s->data, rest, (uint16_t)mode, &who), , uint64_t mode)
PATH_CALL(rmdir, s->ops->rmdir(s->data, rest, &who))
PATH_CALL(unlink, s->ops->unlink(s->data, rest, &who))

int64_t sys_close(struct syscall_args *args, uint64_t fd)
{
	return fd_close(args->process, fd);
}

/* Redox's dup takes a buffer: empty means "the same file", else a
 * scheme-specific request (e.g. a pipe's other end) that makes a new handle. */
static int64_t dup_file(struct process *p, uint64_t fd, uint64_t buf, uint64_t len,
                        struct file **out)
{
	struct file *f = fd_get(p, fd);
	if (!f)
		return -EBADF;
	if (len == 0) {
		*out = f;
		return 0;
	}
	char req[256];
	if (len > sizeof req) {
		file_put(f);
		return -EINVAL;
	}
	if (copy_from_user(req, buf, len) < 0) {
		file_put(f);
		return -EFAULT;
	}
	if (!f->scheme->ops->dup) {
		file_put(f);
		return -EBADF;
	}
	struct caller who = file_caller(f, p);
	int64_t id = f->scheme->ops->dup(f->scheme->data, f->id, req, len, &who);
	if (id < 0) {
		file_put(f);
		return id;
	}
	int64_t r = file_new(f->scheme, (uint64_t)id, f->flags, out);
	file_put(f);
	return r;
}

int64_t sys_dup(struct syscall_args *args, uint64_t fd, uint64_t buf, uint64_t len)
{
	struct file *f;
	int64_t r = dup_file(args->process, fd, buf, len, &f);
	if (r < 0)
		return r;
	r = fd_install(args->process, f, false);
	if (r < 0)
		file_put(f);
	return r;
}

int64_t sys_dup2(struct syscall_args *args, uint64_t fd, uint64_t new_fd, uint64_t buf,
                 uint64_t len)
{
	struct process *p = args->process;
	uint64_t target = new_fd;
	if (target >= rlimit_nofile(p)) /* MAX_FILES at most */
		return -EBADF;
	if (fd == target && len == 0)
		return fd_get_check(p, target) ? (int64_t)target : -EBADF;
	struct file *f;
	int64_t r = dup_file(p, fd, buf, len, &f);
	if (r < 0)
		return r;
	fd_replace(p, target, f);
	return (int64_t)target;
}

/* Run `body` with f = the descriptor's file and who = its caller record. */
#define WITH_FILE(body)                                                                            \
	struct file *f = fd_get(args->process, fd);                                                \
	if (!f)                                                                                    \
		return -EBADF;                                                                     \
	struct caller who = file_caller(f, args->process);                                         \
	(void)who;                                                                                 \
	int64_t r = (body);                                                                        \
	file_put(f);                                                                               \
	return r;

#define OP(name) (f->scheme->ops->name)

int64_t sys_read(struct syscall_args *args, uint64_t fd, void *buf, uint64_t len)
{
	/* a later piece of a large read never waits (dispatch.c) */
	WITH_FILE(((who.flags |= args->nonblock ? O_NONBLOCK : 0),
	           !(f->flags & O_RDONLY) ? -EBADF /* O_WRONLY or access mode 0 */
	           : OP(read)             ? OP(read)(f->scheme->data, f->id, (void *)buf, len, &who)
	                                  : -EBADF))
}

static int64_t write_file(struct syscall_args *args, uint64_t fd, const void *buf, uint64_t len){
    WITH_FILE(!(f->flags & O_WRONLY) ? -EBADF /* O_RDONLY or access mode 0 */
              : OP(write)            ? OP(write)(f->scheme->data, f->id, buf, len, &who)
                                     : -EBADF)}

/* POSIX: a write nobody will read (a pipe without readers) raises SIGPIPE in
 * the writer as well as failing with EPIPE, so `yes | head` ends quietly. */
int64_t sys_write(struct syscall_args *args, uint64_t fd, const void *buf, uint64_t len)
{
	int64_t r = write_file(args, fd, buf, len);
	if (r == -EPIPE)
		signal_send(args->process, SIGPIPE);
	return r;
}

int64_t sys_lseek(struct syscall_args *args, uint64_t fd, int64_t offset, int64_t whence){
    WITH_FILE(OP(seek) ? OP(seek)(f->scheme->data, f->id, (int64_t)offset, (int)whence) : -ESPIPE)}

int64_t sys_fstat(struct syscall_args *args, uint64_t fd, void *stat, uint64_t len)
{
	if (len < sizeof(struct redox_stat))
		return -EINVAL;
	struct redox_stat *st = (struct redox_stat *)stat;
	*st = (struct redox_stat){0};
	WITH_FILE(OP(fstat) ? OP(fstat)(f->scheme->data, f->id, st) : -EBADF)
}

int64_t sys_fstatvfs(struct syscall_args *args, uint64_t fd, void *stat, uint64_t len)
{
	if (len < sizeof(struct redox_statvfs))
		return -EINVAL;
	struct redox_statvfs *st = (struct redox_statvfs *)stat;
	*st = (struct redox_statvfs){0};
	WITH_FILE(OP(fstatvfs) ? OP(fstatvfs)(f->scheme->data, f->id, st) : -EBADF)
}

int64_t sys_fpath(struct syscall_args *args, uint64_t fd, void *buf, uint64_t len){
    WITH_FILE(OP(fpath) ? OP(fpath)(f->scheme->data, f->id, (char *)buf, len) : -EBADF)}

int64_t sys_frename(struct syscall_args *args, uint64_t fd, const char *path){
    WITH_FILE(OP(frename) ? OP(frename)(f->scheme->data, f->id, path, &who) : -EBADF)}

/* FEVENT(fd, flags): which of flags are ready on fd now. */
int64_t sys_fevent(struct syscall_args *args, uint64_t fd, uint64_t flags){
    WITH_FILE(OP(fevent) ? OP(fevent)(f->scheme->data, f->id, flags) : 0)}

int64_t sys_fsync(struct syscall_args *args,
                  uint64_t fd){WITH_FILE(OP(fsync) ? OP(fsync)(f->scheme->data, f->id) : 0)}

int64_t sys_ftruncate(struct syscall_args *args, uint64_t fd, uint64_t len){
    WITH_FILE(OP(ftruncate) ? OP(ftruncate)(f->scheme->data, f->id, len) : -EBADF)}

int64_t sys_futimens(struct syscall_args *args, uint64_t fd, const void *times, uint64_t len)
{
	if (len < 2 * sizeof(struct redox_timespec))
		return -EINVAL;
	WITH_FILE(OP(futimens)
	              ? OP(futimens)(f->scheme->data, f->id, (const struct redox_timespec *)times)
	              : -EBADF)
}

int64_t sys_fchmod(struct syscall_args *args, uint64_t fd, uint64_t mode){
    WITH_FILE(OP(fchmod) ? OP(fchmod)(f->scheme->data, f->id, (uint16_t)mode) : -EBADF)}

int64_t sys_fchown(struct syscall_args *args, uint64_t fd, uint64_t uid, uint64_t gid){
    WITH_FILE(OP(fchown) ? OP(fchown)(f->scheme->data, f->id, (uint32_t)uid, (uint32_t)gid)
                         : -EBADF)}

int64_t sys_fcntl(struct syscall_args *args, uint64_t fd, uint64_t cmd, uint64_t arg)
{
	struct process *p = args->process;
	switch (cmd) {
	case F_GETFD:
		if (!fd_get_check(p, fd))
			return -EBADF;
		return fd_cloexec(p, fd) ? O_CLOEXEC : 0;
	case F_SETFD:
		if (!fd_get_check(p, fd))
			return -EBADF;
		fd_set_cloexec(p, fd, arg & O_CLOEXEC);
		return 0;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: {
		struct file *f = fd_get(p, fd);
		if (!f)
			return -EBADF;
		int64_t r = fd_install_from(p, f, arg, cmd == F_DUPFD_CLOEXEC);
		if (r < 0)
			file_put(f);
		return r;
	}
	case F_GETFL: {
		WITH_FILE((int64_t)f->flags)
	}
	case F_SETFL: {
		/* Only the status flags change; the access mode is fixed at open. */
		struct file *f = fd_get(p, fd);
		if (!f)
			return -EBADF;
		uint64_t changeable = O_NONBLOCK | O_APPEND;
		f->flags = (f->flags & ~changeable) | (arg & changeable);
		int64_t r = f->scheme->ops->fcntl
		                ? f->scheme->ops->fcntl(f->scheme->data, f->id, F_SETFL, f->flags)
		                : 0;
		file_put(f);
		return r;
	}
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW: {
		WITH_FILE(reclock_fcntl(p, f, cmd, arg))
	}
	default: {
		WITH_FILE(OP(fcntl) ? OP(fcntl)(f->scheme->data, f->id, cmd, arg) : -EINVAL)
	}
	}
}
