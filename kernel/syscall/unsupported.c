/*
 * Calls of upstream's list (abi/include/redox/abi/syscall_list.h) this
 * kernel does not provide yet, each refused on purpose with ENOSYS. A call
 * in the list with no handler anywhere fails the kernel's link, so a
 * forgotten one cannot turn into ENOSYS unnoticed; these are the ones
 * decided.
 */
#include <redox/abi/errno.h>

#include "syscall.h"

/* Hard links: RedoxFS has one name per node here. */
int64_t sys_link(struct syscall_args *args)
{
	(void)args;
	return -ENOSYS;
}

/* Passing descriptors between processes: no scheme needs it yet. */
int64_t sys_sendfd(struct syscall_args *args)
{
	(void)args;
	return -ENOSYS;
}

/* Directory entries: directories are read as text (read on the handle). */
int64_t sys_getdents(struct syscall_args *args)
{
	(void)args;
	return -ENOSYS;
}

/* relibc-c's realloc of mappings copies instead. */
int64_t sys_mremap(struct syscall_args *args)
{
	(void)args;
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

int64_t sys_setrens(struct syscall_args *args)
{
	(void)args;
	return -ENOSYS;
}
