/*
 * Calls of upstream's list (abi/include/redox/abi/syscall_list.h) this
 * kernel does not provide yet, each refused on purpose with ENOSYS. A call
 * in the list with no handler anywhere fails the kernel's link, so a
 * forgotten one cannot turn into ENOSYS unnoticed; these are the ones
 * decided.
 */
#include <redox/abi/errno.h>

#include "syscall.h"

/* Hard links: no scheme call carries them yet (the redoxfs library has
 * redoxfs_link; redoxfsd, the kernel and relibc-c's link() do not). */
int64_t sys_link(struct syscall_args *args, const char *from, const char *to)
{
	(void)args;
	(void)from;
	(void)to;
	return -ENOSYS;
}

/* Passing descriptors between processes: no scheme needs it yet. */
int64_t sys_sendfd(struct syscall_args *args, uint64_t fd, uint64_t send_fd, uint64_t flags,
                   uint64_t arg)
{
	(void)args;
	(void)fd;
	(void)send_fd;
	(void)flags;
	(void)arg;
	return -ENOSYS;
}

/* Directory entries: directories are read as text (read on the handle). */
int64_t sys_getdents(struct syscall_args *args, uint64_t fd, uint64_t buf, uint64_t len,
                     uint64_t opaque)
{
	(void)args;
	(void)fd;
	(void)buf;
	(void)len;
	(void)opaque;
	return -ENOSYS;
}

/* relibc-c's realloc of mappings copies instead. */
int64_t sys_mremap(struct syscall_args *args, uint64_t addr, uint64_t old_len, uint64_t new_len,
                   uint64_t flags)
{
	(void)args;
	(void)addr;
	(void)old_len;
	(void)new_len;
	(void)flags;
	return -ENOSYS;
}

/* Upstream's old numbered namespaces: SYS_MKNS (proc/namespace.c) replaces them. */
int64_t sys_getns(struct syscall_args *args)
{
	(void)args;
	return -ENOSYS;
}

int64_t sys_getens(struct syscall_args *args)
{
	(void)args;
	return -ENOSYS;
}

int64_t sys_setrens(struct syscall_args *args, uint64_t rns, uint64_t ens)
{
	(void)args;
	(void)rns;
	(void)ens;
	return -ENOSYS;
}
