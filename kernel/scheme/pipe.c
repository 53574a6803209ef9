/*
 * pipe: the kernel's pipes, made by SYS_PIPE2 (kernel/syscall/pipe.c), not
 * opened by path. A pipe is a 64 KiB ring with a count of read-end and
 * write-end handles. Reads block until there is data or no writer is
 * left (then 0: end of file); writes block until everything went in, or
 * fail with EPIPE once no reader is left. Handle ids are the pipe's
 * handle_from_ptr() with bit 0 set for the write end, so every handle of one end
 * shares an id and event watches on it see all of its readiness changes.
 */
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../proc/account.h"
#include "../sched/sched.h"

#define PIPE_SIZE (64 * 1024)
#define END_WRITE 1ULL

struct pipe {
	struct spinlock lock;
	uint8_t *buf;
	size_t head, count; /* data is buf[head .. head+count) modulo PIPE_SIZE */
	int readers, writers;
	struct wait_queue read_wait, write_wait;
	uint32_t uid; /* the creator, charged for the buffer */
};

static struct scheme *pipe_scheme;

static struct pipe *pipe_of(uint64_t id)
{
	return ptr_from_handle(id & ~END_WRITE);
}

static uint64_t read_id(struct pipe *p)
{
	return (uint64_t)handle_from_ptr(p);
}

static uint64_t write_id(struct pipe *p)
{
	return (uint64_t)handle_from_ptr(p) | END_WRITE;
}

static bool interrupted(bool slept)
{
	return !slept && sched_current()->interrupted;
}

static int64_t pipe_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	if (id & END_WRITE)
		return -EBADF;
	struct pipe *p = pipe_of(id);
	if (len == 0)
		return 0;
	uint64_t irq = spin_lock_irqsave(&p->lock);
	while (p->count == 0 && p->writers > 0) {
		if (who->flags & O_NONBLOCK) {
			spin_unlock_irqrestore(&p->lock, irq);
			return -EAGAIN;
		}
		if (interrupted(wait_queue_sleep(&p->read_wait, &p->lock))) {
			spin_unlock_irqrestore(&p->lock, irq);
			return -EINTR;
		}
	}
	size_t n = len < p->count ? len : p->count;
	/* at most two pieces: up to the end of the ring, then from its start */
	size_t first = PIPE_SIZE - p->head < n ? PIPE_SIZE - p->head : n;
	memcpy(buf, p->buf + p->head, first);
	memcpy((uint8_t *)buf + first, p->buf, n - first);
	p->head = (p->head + n) % PIPE_SIZE;
	p->count -= n;
	if (n)
		wait_queue_wake_all(&p->write_wait);
	spin_unlock_irqrestore(&p->lock, irq);
	if (n)
		scheme_event(pipe_scheme, write_id(p), EVENT_WRITE);
	return (int64_t)n;
}

static int64_t pipe_write(void *data, uint64_t id, const void *buf, size_t len,
                          const struct caller *who)
{
	(void)data;
	if (!(id & END_WRITE))
		return -EBADF;
	struct pipe *p = pipe_of(id);
	size_t done = 0;
	int64_t error = 0;
	uint64_t irq = spin_lock_irqsave(&p->lock);
	while (done < len) {
		if (p->readers == 0) {
			error = -EPIPE;
			break;
		}
		if (p->count == PIPE_SIZE) {
			if (who->flags & O_NONBLOCK) {
				error = -EAGAIN;
				break;
			}
			if (interrupted(wait_queue_sleep(&p->write_wait, &p->lock))) {
				error = -EINTR;
				break;
			}
			continue;
		}
		size_t tail = (p->head + p->count) % PIPE_SIZE;
		size_t n = len - done;
		if (n > PIPE_SIZE - p->count)
			n = PIPE_SIZE - p->count;
		if (n > PIPE_SIZE - tail)
			n = PIPE_SIZE - tail; /* the rest goes in the next round, from index 0 */
		memcpy(p->buf + tail, (const uint8_t *)buf + done, n);
		p->count += n;
		done += n;
		wait_queue_wake_all(&p->read_wait);
		if (done < len && p->count == PIPE_SIZE) {
			/* full: let readers see what is there before sleeping for room */
			spin_unlock_irqrestore(&p->lock, irq);
			scheme_event(pipe_scheme, read_id(p), EVENT_READ);
			irq = spin_lock_irqsave(&p->lock);
		}
	}
	spin_unlock_irqrestore(&p->lock, irq);
	if (done)
		scheme_event(pipe_scheme, read_id(p), EVENT_READ);
	return done ? (int64_t)done : error;
}

static int64_t pipe_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	struct pipe *p = pipe_of(id);
	uint64_t irq = spin_lock_irqsave(&p->lock);
	int64_t ready = 0;
	if (id & END_WRITE) {
		if (p->count < PIPE_SIZE || p->readers == 0)
			ready = EVENT_WRITE; /* room, or a write would fail at once */
	} else if (p->count > 0 || p->writers == 0) {
		ready = EVENT_READ; /* data, or end of file */
	}
	spin_unlock_irqrestore(&p->lock, irq);
	return ready & (int64_t)flags;
}

/* dup with "read" or "write": a new handle on that end of the same pipe. */
static int64_t pipe_dup(void *data, uint64_t id, const char *buf, size_t len,
                        const struct caller *who)
{
	(void)data;
	(void)who;
	struct pipe *p = pipe_of(id);
	bool want_write;
	if (len == 4 && !memcmp(buf, "read", 4))
		want_write = false;
	else if (len == 5 && !memcmp(buf, "write", 5))
		want_write = true;
	else
		return -EINVAL;
	/* only the end one holds: a reader must not become a writer (or back) */
	if (want_write != ((id & END_WRITE) != 0))
		return -EACCES;
	uint64_t irq = spin_lock_irqsave(&p->lock);
	if (want_write)
		p->writers++;
	else
		p->readers++;
	spin_unlock_irqrestore(&p->lock, irq);
	return (int64_t)(want_write ? write_id(p) : read_id(p));
}

static int64_t pipe_close(void *data, uint64_t id)
{
	(void)data;
	struct pipe *p = pipe_of(id);
	bool is_write = id & END_WRITE;
	uint64_t irq = spin_lock_irqsave(&p->lock);
	int left;
	if (is_write) {
		left = --p->writers;
		if (!left)
			wait_queue_wake_all(&p->read_wait); /* end of file */
	} else {
		left = --p->readers;
		if (!left)
			wait_queue_wake_all(&p->write_wait); /* writers fail with EPIPE */
	}
	bool gone = p->readers == 0 && p->writers == 0;
	spin_unlock_irqrestore(&p->lock, irq);
	if (gone) {
		account_uncharge(p->uid, ACCOUNT_KBUF_BYTES, PIPE_SIZE);
		kfree(p->buf);
		kfree(p);
	} else if (!left) {
		if (is_write)
			scheme_event(pipe_scheme, read_id(p), EVENT_READ);
		else
			scheme_event(pipe_scheme, write_id(p), EVENT_WRITE);
	}
	return 0;
}

static int64_t pipe_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	struct pipe *p = pipe_of(id);
	st->mode = MODE_FIFO | 0600;
	st->size = p->count;
	st->blksize = PIPE_SIZE;
	return 0;
}

static int64_t pipe_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	(void)id;
	size_t n = len < 5 ? len : 5;
	memcpy(buf, "pipe:", n);
	return (int64_t)n;
}

static const struct scheme_ops pipe_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .dup = pipe_dup,
    .fevent = pipe_fevent,
    .fstat = pipe_fstat,
    .fpath = pipe_fpath,
    .close = pipe_close,
};

int64_t pipe_create(uint64_t flags, uint32_t uid, struct file **read_end, struct file **write_end)
{
	if (!pipe_scheme)
		return -ENODEV;
	if (!account_charge(uid, ACCOUNT_KBUF_BYTES, PIPE_SIZE))
		return -ENOMEM;
	struct pipe *p = kzalloc(sizeof *p);
	uint8_t *buf = p ? kmalloc(PIPE_SIZE) : 0;
	if (!buf) {
		kfree(p);
		account_uncharge(uid, ACCOUNT_KBUF_BYTES, PIPE_SIZE);
		return -ENOMEM;
	}
	p->buf = buf;
	p->uid = uid;
	p->readers = p->writers = 1;
	uint64_t status = flags & O_NONBLOCK;
	/* file_new closes the handle it could not wrap, which frees the pipe last */
	*read_end = *write_end = 0;
	int64_t r = file_new(pipe_scheme, read_id(p), O_RDONLY | status, read_end);
	int64_t w = file_new(pipe_scheme, write_id(p), O_WRONLY | status, write_end);
	if (r || w) {
		if (!r)
			file_put(*read_end);
		if (!w)
			file_put(*write_end);
		return r ? r : w;
	}
	return 0;
}

void pipe_scheme_init(void)
{
	scheme_register("pipe", &pipe_ops, 0, &pipe_scheme);
}
