/*
 * event: readiness queues (Redox's classic fevent model). A process opens
 * "event:", writes struct redox_event {id = fd, flags = EVENT_READ|WRITE,
 * data} to watch one of its files (flags 0 stops watching), and reads
 * struct redox_event records back as files become ready. Schemes report
 * readiness with scheme_event(); a watch also reports at once what is
 * ready when it is made.
 */
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/types.h>

#include "scheme.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../proc/process.h"
#include "../sched/sched.h"

#define QUEUE_EVENTS 64

struct watch {
	struct scheme *scheme;
	uint64_t handle;
	uint64_t fd, flags, data;
	struct event_queue *queue;
	struct watch *next;     /* in the global list */
	struct watch *next_own; /* in its queue's list */
};

struct event_queue {
	struct redox_event pending[QUEUE_EVENTS];
	uint32_t count;
	struct wait_queue readers;
	struct watch *watches;
	bool closed;
};

/* One lock for all queues and watches: scheme_event may run in interrupts. */
static struct spinlock lock;
static struct watch *all_watches;

/* lock held */
static void queue_push(struct event_queue *q, uint64_t fd, uint64_t flags, uint64_t data)
{
	KASSERT(spin_held(&lock));
	for (uint32_t i = 0; i < q->count; i++)
		if (q->pending[i].id == fd && q->pending[i].data == data) {
			q->pending[i].flags |= flags;
			return;
		}
	if (q->count < QUEUE_EVENTS)
		q->pending[q->count++] = (struct redox_event){fd, flags, data};
}

void scheme_event(struct scheme *s, uint64_t handle, uint64_t flags)
{
	uint64_t irq = spin_lock_irqsave(&lock);
	for (struct watch *w = all_watches; w; w = w->next)
		if (w->scheme == s && w->handle == handle && (w->flags & flags)) {
			queue_push(w->queue, w->fd, w->flags & flags, w->data);
			wait_queue_wake_all(&w->queue->readers);
		}
	spin_unlock_irqrestore(&lock, irq);
}

static int64_t event_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)path;
	(void)flags;
	(void)who;
	struct event_queue *q = kzalloc(sizeof *q);
	return q ? handle_from_ptr(q) : -ENOMEM;
}

/* lock held */
static void unwatch(struct event_queue *q, uint64_t fd)
{
	KASSERT(spin_held(&lock));
	for (struct watch **w = &q->watches; *w;) {
		struct watch *cur = *w;
		if (cur->fd != fd) {
			w = &cur->next_own;
			continue;
		}
		*w = cur->next_own;
		for (struct watch **g = &all_watches; *g; g = &(*g)->next)
			if (*g == cur) {
				*g = cur->next;
				break;
			}
		kfree(cur);
	}
}

static int64_t event_write(void *data, uint64_t id, const void *buf, size_t len,
                           const struct caller *who)
{
	(void)data;
	struct event_queue *q = (struct event_queue *)ptr_from_handle(id);
	const struct redox_event *events = buf;
	size_t n = len / sizeof *events;
	struct process *p = proc_by_pid(who->pid);
	for (size_t i = 0; i < n; i++) {
		struct file *f = p ? fd_get(p, events[i].id) : 0;
		if (!f) {
			proc_put(p);
			return i ? (int64_t)(i * sizeof *events) : -EBADF;
		}
		struct watch *w = events[i].flags ? kzalloc(sizeof *w) : 0;
		uint64_t irq = spin_lock_irqsave(&lock);
		unwatch(q, events[i].id);
		if (w) {
			*w = (struct watch){f->scheme,      f->id, events[i].id, events[i].flags,
			                    events[i].data, q,     all_watches,  q->watches};
			all_watches = w;
			q->watches = w;
		}
		spin_unlock_irqrestore(&lock, irq);
		if (events[i].flags && !w) {
			file_put(f);
			proc_put(p);
			return -ENOMEM;
		}
		/* What is ready already is reported now (no lock: fevent may take its own). */
		int64_t ready =
		    f->scheme->ops->fevent
		        ? f->scheme->ops->fevent(f->scheme->data, f->id, events[i].flags)
		        : 0;
		file_put(f);
		if (ready > 0 && w)
			scheme_event(w->scheme, w->handle, (uint64_t)ready);
	}
	proc_put(p);
	return (int64_t)(n * sizeof *events);
}

static int64_t event_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	struct event_queue *q = (struct event_queue *)ptr_from_handle(id);
	size_t max = len / sizeof(struct redox_event);
	if (max == 0)
		return -EINVAL;
	uint64_t irq = spin_lock_irqsave(&lock);
	while (q->count == 0) {
		if (who->flags & O_NONBLOCK) {
			spin_unlock_irqrestore(&lock, irq);
			return -EAGAIN;
		}
		if (!wait_queue_sleep(&q->readers, &lock) && sched_current()->interrupted) {
			spin_unlock_irqrestore(&lock, irq);
			return -EINTR;
		}
	}
	size_t n = q->count < max ? q->count : max;
	memcpy(buf, q->pending, n * sizeof(struct redox_event));
	memmove(q->pending, q->pending + n, (q->count - n) * sizeof(struct redox_event));
	q->count -= (uint32_t)n;
	spin_unlock_irqrestore(&lock, irq);
	return (int64_t)(n * sizeof(struct redox_event));
}

static int64_t event_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	struct event_queue *q = (struct event_queue *)ptr_from_handle(id);
	return q->count && (flags & EVENT_READ) ? EVENT_READ : 0;
}

static int64_t event_close(void *data, uint64_t id)
{
	(void)data;
	struct event_queue *q = (struct event_queue *)ptr_from_handle(id);
	uint64_t irq = spin_lock_irqsave(&lock);
	while (q->watches)
		unwatch(q, q->watches->fd);
	spin_unlock_irqrestore(&lock, irq);
	kfree(q);
	return 0;
}

static int64_t event_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	(void)id;
	size_t n = len < 6 ? len : 6;
	memcpy(buf, "event:", n);
	return (int64_t)n;
}

static const struct scheme_ops event_ops = {
    .open = event_open,
    .read = event_read,
    .write = event_write,
    .fevent = event_fevent,
    .fpath = event_fpath,
    .close = event_close,
};

void event_scheme_init(void)
{
	scheme_register("event", &event_ops, 0, 0);
}
