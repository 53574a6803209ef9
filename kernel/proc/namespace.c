/*
 * Scheme namespaces (see namespace.h) and SYS_MKNS.
 *
 * SYS_MKNS(names, len): `names` is a list of scheme names, each ended by
 * NUL ("file\0pipe\0"). The calling process, and the children it starts
 * from then on, may open only those schemes (EACCES for the others).
 * Upstream Redox makes a namespace (mkns) and enters it (setrens) in two
 * calls; ours does both at once, returns 0, and refuses (EACCES) a name
 * the caller could not open itself, so a list never widens.
 */
#include "namespace.h"

#include <freestanding/string.h>
#include <redox/abi/errno.h>

#include "process.h"
#include "../mm/heap.h"
#include "../syscall/syscall.h"

#define NS_MAX_NAMES 64
#define NS_NAME_MAX  32
#define NS_LIST_MAX  (NS_MAX_NAMES * NS_NAME_MAX)

struct scheme_ns {
	int refs;
	int count;
	char names[NS_MAX_NAMES][NS_NAME_MAX];
};

struct scheme_ns *ns_get(struct scheme_ns *ns)
{
	if (ns)
		__atomic_add_fetch(&ns->refs, 1, __ATOMIC_RELAXED);
	return ns;
}

void ns_put(struct scheme_ns *ns)
{
	if (ns && !__atomic_sub_fetch(&ns->refs, 1, __ATOMIC_ACQ_REL))
		kfree(ns);
}

static bool ns_has(const struct scheme_ns *ns, const char *name, size_t len)
{
	if (!ns)
		return true;
	for (int i = 0; i < ns->count; i++)
		if (strlen(ns->names[i]) == len && !memcmp(ns->names[i], name, len))
			return true;
	return false;
}

bool scheme_allowed(const struct process *p, const char *name, size_t len)
{
	return !p || ns_has(p->ns, name, len);
}

int64_t sys_mkns(struct syscall_args *args, uint64_t names, uint64_t len)
{
	uint64_t addr = names;
	if (len == 0 || len > NS_LIST_MAX)
		return -EINVAL;
	if (!user_buffer_ok(args, addr, len, 0))
		return -EFAULT;
	char *list = kmalloc(len);
	struct scheme_ns *ns = kzalloc(sizeof *ns);
	int64_t r = 0;
	if (!list || !ns) {
		r = -ENOMEM;
		goto out;
	}
	memcpy(list, (const void *)addr, len);
	if (list[len - 1] != 0) {
		r = -EINVAL;
		goto out;
	}
	struct process *p = args->process;
	for (size_t at = 0; at < len;) {
		size_t n = strlen(list + at);
		if (n == 0 || n >= NS_NAME_MAX || ns->count == NS_MAX_NAMES) {
			r = -EINVAL;
			goto out;
		}
		if (!ns_has(p->ns, list + at, n)) {
			r = -EACCES;
			goto out;
		}
		memcpy(ns->names[ns->count++], list + at, n + 1);
		at += n + 1;
	}
	ns->refs = 1;
	struct scheme_ns *old = p->ns;
	p->ns = ns;
	ns = old; /* dropped below */
out:
	kfree(list);
	if (r < 0)
		kfree(ns);
	else
		ns_put(ns);
	return r;
}
