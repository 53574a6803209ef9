/*
 * The scheme registry and open files (see scheme.h).
 */
#define LOG_MODULE "scheme"
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>

#include "scheme.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../proc/account.h"
#include "../proc/namespace.h"
#include "../proc/process.h"

#define MAX_SCHEMES 64

static struct scheme *schemes[MAX_SCHEMES];
static struct spinlock lock;

int scheme_register(const char *name, const struct scheme_ops *ops, void *data, struct scheme **out)
{
	size_t len = strlen(name);
	if (len >= sizeof schemes[0]->name) /* "" is the root scheme ":" */
		return -EINVAL;
	struct scheme *s = kzalloc(sizeof *s);
	if (!s)
		return -ENOMEM;
	memcpy(s->name, name, len);
	s->ops = ops;
	s->data = data;
	uint64_t f = spin_lock_irqsave(&lock);
	int free_slot = -1;
	for (int i = 0; i < MAX_SCHEMES; i++) {
		if (schemes[i] && !strcmp(schemes[i]->name, name)) {
			spin_unlock_irqrestore(&lock, f);
			kfree(s);
			return -EEXIST;
		}
		if (!schemes[i] && free_slot < 0)
			free_slot = i;
	}
	if (free_slot >= 0)
		schemes[free_slot] = s;
	spin_unlock_irqrestore(&lock, f);
	if (free_slot < 0) {
		kfree(s);
		return -ENOSPC;
	}
	if (out)
		*out = s;
	return 0;
}

/* The struct stays allocated: open files may still point at it. */
void scheme_unregister(struct scheme *s)
{
	uint64_t f = spin_lock_irqsave(&lock);
	for (int i = 0; i < MAX_SCHEMES; i++)
		if (schemes[i] == s)
			schemes[i] = 0;
	spin_unlock_irqrestore(&lock, f);
}

struct caller file_caller(const struct file *f, const struct process *p)
{
	return (struct caller){p->pid, p->euid, p->egid, f->flags};
}

struct scheme *scheme_find(const char *name, size_t len)
{
	struct scheme *found = 0;
	uint64_t f = spin_lock_irqsave(&lock);
	for (int i = 0; i < MAX_SCHEMES && !found; i++)
		if (schemes[i] && strlen(schemes[i]->name) == len &&
		    !memcmp(schemes[i]->name, name, len))
			found = schemes[i];
	spin_unlock_irqrestore(&lock, f);
	return found;
}

int64_t file_open(const char *path, const char *default_scheme, uint64_t flags,
                  const struct caller *who, struct file **out)
{
	const char *colon = path;
	while (*colon && *colon != ':' && *colon != '/')
		colon++;
	struct scheme *s;
	const char *reference;
	if (*colon == ':') {
		s = scheme_find(path, (size_t)(colon - path));
		reference = colon + 1;
	} else {
		s = scheme_find(default_scheme, strlen(default_scheme));
		reference = path;
	}
	if (!s)
		return -ENODEV;
	struct process *caller = proc_by_pid(who->pid);
	bool allowed = scheme_allowed(caller, s->name, strlen(s->name));
	proc_put(caller);
	if (!allowed)
		return -EACCES;
	if (!s->ops->open)
		return -ENOENT;
	int64_t id = s->ops->open(s->data, reference, flags, who);
	if (id < 0)
		return id;
	return file_new(s, (uint64_t)id, flags, out);
}

int64_t file_new(struct scheme *s, uint64_t id, uint64_t flags, struct file **out)
{
	struct process *p = proc_current();
	uint32_t owner = p ? p->acct_uid : 0;
	int64_t err = -EMFILE;
	struct file *file = 0;
	if (account_charge(owner, ACCOUNT_FILES, 1)) {
		err = -ENOMEM;
		file = kzalloc(sizeof *file);
		if (!file)
			account_uncharge(owner, ACCOUNT_FILES, 1);
	}
	if (!file) {
		if (s->ops->close)
			s->ops->close(s->data, id);
		return err;
	}
	file->scheme = s;
	file->id = id;
	file->flags = flags;
	file->refs = 1;
	file->owner = owner;
	*out = file;
	return 0;
}

struct file *file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
	return f;
}

void file_put(struct file *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (f->scheme->ops->close)
		f->scheme->ops->close(f->scheme->data, f->id);
	account_uncharge(f->owner, ACCOUNT_FILES, 1);
	kfree(f);
}
