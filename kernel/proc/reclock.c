/*
 * POSIX record locks (fcntl F_GETLK, F_SETLK, F_SETLKW). A file is known
 * by its scheme plus the device and inode its fstat reports, so every
 * open of the same file meets the same locks; the owner is the process
 * (its threads share them). F_SETLKW sleeps until the range is free, or
 * returns EINTR when a signal comes. A process's locks on a file go when
 * it closes any descriptor of that file (not one opened with O_STAT, as
 * stat() does), all of them when it ends; each
 * change wakes the sleepers to look again. No deadlock detection.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>
#include <reclock/reclock.h>

#include "reclock.h"
#include "process.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../mm/usercopy.h"
#include "../sched/sched.h"
#include "../scheme/scheme.h"

static struct spinlock table_lock;
static struct reclock *table;
static struct wait_queue waiters;

static int64_t file_key(struct file *f, uint64_t key[3], struct redox_stat *st)
{
	if (!f->scheme->ops->fstat)
		return -EINVAL;
	int64_t r = f->scheme->ops->fstat(f->scheme->data, f->id, st);
	if (r < 0)
		return r;
	key[0] = (uint64_t)f->scheme;
	key[1] = st->dev;
	key[2] = st->ino;
	return 0;
}

/* The bytes fl names, as [*start, *end] (end RECLOCK_EOF: to the end). */
static int64_t range_of(struct file *f, const struct redox_flock *fl, const struct redox_stat *st,
                        uint64_t *start, uint64_t *end)
{
	int64_t base, s, e;
	switch (fl->whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		if (!f->scheme->ops->seek)
			return -EINVAL;
		base = f->scheme->ops->seek(f->scheme->data, f->id, 0, SEEK_CUR);
		if (base < 0)
			return base;
		break;
	case SEEK_END:
		base = (int64_t)st->size;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, fl->start, &s))
		return -EOVERFLOW;
	if (fl->len > 0) {
		if (__builtin_add_overflow(s, fl->len - 1, &e))
			return -EOVERFLOW;
	} else if (fl->len < 0) {
		e = s - 1;
		if (__builtin_add_overflow(s, fl->len, &s))
			return -EINVAL;
	} else {
		e = -1; /* to the end of the file */
	}
	if (s < 0 || (fl->len != 0 && e < s))
		return -EINVAL;
	*start = (uint64_t)s;
	*end = fl->len == 0 ? RECLOCK_EOF : (uint64_t)e;
	return 0;
}

static void free_chain(struct reclock *n)
{
	while (n) {
		struct reclock *next = n->next;
		kfree(n);
		n = next;
	}
}

/* F_GETLK: the first lock in the way, or type F_UNLCK. */
static int64_t get_lock(struct reclock *req, uint64_t arg, struct redox_flock *fl)
{
	uint64_t flags = spin_lock_irqsave(&table_lock);
	struct reclock *c = reclock_conflict(table, req);
	if (c) {
		fl->type = (int16_t)c->type;
		fl->whence = SEEK_SET;
		fl->start = (int64_t)c->start;
		fl->len = c->end == RECLOCK_EOF ? 0 : (int64_t)(c->end - c->start + 1);
		fl->pid = (int32_t)c->owner;
	} else {
		fl->type = F_UNLCK;
	}
	spin_unlock_irqrestore(&table_lock, flags);
	return copy_to_user(arg, fl, sizeof *fl);
}

/* F_SETLK, F_SETLKW: wait (or not) until nothing is in the way, then set. */
static int64_t set_lock(struct reclock *req, bool wait)
{
	struct reclock *spare[2] = {kzalloc(sizeof(struct reclock)),
	                            kzalloc(sizeof(struct reclock))};
	struct reclock *freed = 0;
	int64_t r = 0;
	if (!spare[0] || !spare[1]) {
		r = -ENOLCK;
		goto out;
	}
	uint64_t flags = spin_lock_irqsave(&table_lock);
	while (req->type != RECLOCK_UNLOCK && reclock_conflict(table, req)) {
		if (!wait) {
			r = -EAGAIN;
			break;
		}
		if (!wait_queue_sleep(&waiters, &table_lock)) {
			r = -EINTR;
			break;
		}
	}
	if (r == 0) {
		reclock_set(&table, req, spare, &freed);
		wait_queue_wake_all(&waiters); /* a lock given up or narrowed */
	}
	spin_unlock_irqrestore(&table_lock, flags);
out:
	kfree(spare[0]);
	kfree(spare[1]);
	free_chain(freed);
	return r;
}

int64_t reclock_fcntl(struct process *p, struct file *f, uint64_t cmd, uint64_t arg)
{
	struct redox_flock fl;
	int64_t r = copy_from_user(&fl, arg, sizeof fl);
	if (r < 0)
		return r;
	if (fl.type != F_RDLCK && fl.type != F_WRLCK && fl.type != F_UNLCK)
		return -EINVAL;
	struct redox_stat st;
	struct reclock req = {.owner = p->pid, .type = fl.type};
	r = file_key(f, req.key, &st);
	if (r == 0)
		r = range_of(f, &fl, &st, &req.start, &req.end);
	if (r < 0)
		return r;
	if (cmd == F_GETLK)
		return fl.type == F_UNLCK ? -EINVAL : get_lock(&req, arg, &fl);
	/* a read lock needs the file open for reading, a write lock for writing */
	uint64_t mode = f->flags & O_ACCMODE;
	if ((fl.type == F_RDLCK && !(mode & O_RDONLY)) ||
	    (fl.type == F_WRLCK && !(mode & O_WRONLY)))
		return -EBADF;
	return set_lock(&req, cmd == F_SETLKW);
}

static void release(uint32_t pid, const uint64_t *key)
{
	struct reclock *freed = 0;
	uint64_t flags = spin_lock_irqsave(&table_lock);
	if (reclock_release(&table, pid, key, &freed))
		wait_queue_wake_all(&waiters);
	spin_unlock_irqrestore(&table_lock, flags);
	free_chain(freed);
}

void reclock_file_closed(struct process *p, struct file *f)
{
	/* a descriptor opened with O_STAT only names the file for stat(),
	 * access() and the like, which on other systems open nothing: its
	 * close must not drop the locks (SQLite stats its locked database) */
	if (f->flags & O_STAT)
		return;
	uint64_t flags = spin_lock_irqsave(&table_lock);
	bool has = reclock_owner_has(table, p->pid);
	spin_unlock_irqrestore(&table_lock, flags);
	uint64_t key[3];
	struct redox_stat st;
	if (has && file_key(f, key, &st) == 0)
		release(p->pid, key);
}

void reclock_process_gone(uint32_t pid)
{
	release(pid, 0);
}
