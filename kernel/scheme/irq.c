/*
 * irq: device interrupts for userspace drivers (root only). "irq:N"
 * (N in ISA numbering for 0..15, else a GSI): opening unmasks the line;
 * when it fires the kernel masks it, counts it and makes the handle
 * EVENT_READ-ready; read waits for that and returns the count (u64);
 * write (any 8 bytes, by custom the count read) acknowledges and unmasks
 * the line again. "irq:" lists the numbers a driver may open, one a line.
 */
#define LOG_MODULE "scheme::irq"
#include <stdbool.h>
#include <fmt/fmt.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"
#include "../arch/arch.h"
#include "../boot.h"
#include "../grant/grant.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../sched/sched.h"

struct line {
	uint64_t fired, acked; /* interrupts counted, and the count at the last ack */
	int opens;
	bool reserved; /* a kernel driver owns it */
	bool handler_set;
	struct wait_queue wait;
};

/* A handle on the listing "irq:" (ids below IRQ_LINES_MAX are lines). */
struct listing {
	size_t offset;
};

static struct spinlock lock;
static struct line lines[IRQ_LINES_MAX];
static uint32_t line_count; /* lines the I/O APICs can deliver */
static char names[IRQ_LINES_MAX * 4];
static size_t names_len;
static struct scheme *irq_scheme;

static bool is_line(uint64_t id)
{
	return id < IRQ_LINES_MAX;
}

/* Runs with interrupts off: mask first, so a level-triggered line stays quiet until the ack. */
static void irq_fired(struct interrupt_frame *frame, void *ctx)
{
	KASSERT(!arch_irq_enabled());
	(void)frame;
	uint32_t n = (uint32_t)(uint64_t)ctx;
	arch_irq_line_mask(n, true);
	arch_irq_eoi();
	spin_lock(&lock);
	lines[n].fired++;
	wait_queue_wake_all(&lines[n].wait);
	spin_unlock(&lock);
	scheme_event(irq_scheme, n, EVENT_READ);
}

static int64_t irq_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)flags;
	while (*path == '/')
		path++;
	if (!*path) {
		if (!grant_may_open_physical(who->pid, who->uid))
			return -EACCES;
		struct listing *l = kzalloc(sizeof *l);
		return l ? handle_from_ptr(l) : -ENOMEM;
	}
	uint32_t n = 0;
	for (const char *c = path; *c; c++) {
		if (*c < '0' || *c > '9' || n >= IRQ_LINES_MAX)
			return -ENOENT;
		n = n * 10 + (uint32_t)(*c - '0');
	}
	if (n >= line_count)
		return -ENOENT;
	if (!grant_may_irq(who->pid, who->uid, n))
		return -EACCES;
	uint64_t irq = spin_lock_irqsave(&lock);
	struct line *l = &lines[n];
	if (l->reserved) {
		spin_unlock_irqrestore(&lock, irq);
		return -EBUSY;
	}
	bool first = l->opens++ == 0;
	if (first)
		l->acked = l->fired; /* start clean: nothing pending from an earlier owner */
	bool install = !l->handler_set;
	l->handler_set = true;
	spin_unlock_irqrestore(&lock, irq);
	if (install)
		arch_irq_line_handler(n, irq_fired, (void *)(uint64_t)n);
	if (first)
		arch_irq_line_mask(n, false);
	return n;
}

static int64_t irq_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	if (!is_line(id)) {
		struct listing *l = ptr_from_handle(id);
		if (l->offset >= names_len)
			return 0;
		size_t n = names_len - l->offset < len ? names_len - l->offset : len;
		memcpy(buf, names + l->offset, n);
		l->offset += n;
		return (int64_t)n;
	}
	if (len < sizeof(uint64_t))
		return -EINVAL;
	struct line *l = &lines[id];
	uint64_t irq = spin_lock_irqsave(&lock);
	while (l->fired == l->acked) {
		if (who->flags & O_NONBLOCK) {
			spin_unlock_irqrestore(&lock, irq);
			return -EAGAIN;
		}
		if (!wait_queue_sleep(&l->wait, &lock) && sched_current()->interrupted) {
			spin_unlock_irqrestore(&lock, irq);
			return -EINTR;
		}
	}
	uint64_t count = l->fired;
	spin_unlock_irqrestore(&lock, irq);
	memcpy(buf, &count, sizeof count);
	return sizeof count;
}

static int64_t irq_write(void *data, uint64_t id, const void *buf, size_t len,
                         const struct caller *who)
{
	(void)data;
	(void)buf;
	(void)who;
	if (!is_line(id))
		return -EBADF;
	if (len < sizeof(uint64_t))
		return -EINVAL;
	uint64_t irq = spin_lock_irqsave(&lock);
	lines[id].acked = lines[id].fired;
	spin_unlock_irqrestore(&lock, irq);
	arch_irq_line_mask((uint32_t)id, false);
	return sizeof(uint64_t);
}

static int64_t irq_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	if (!is_line(id))
		return 0;
	uint64_t irq = spin_lock_irqsave(&lock);
	bool pending = lines[id].fired != lines[id].acked;
	spin_unlock_irqrestore(&lock, irq);
	return pending && (flags & EVENT_READ) ? EVENT_READ : 0;
}

static int64_t irq_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	char path[16];
	size_t n = is_line(id) ? fmt_snprintf(path, sizeof path, "irq:%u", (unsigned)id)
	                       : fmt_snprintf(path, sizeof path, "irq:");
	if (n > len)
		n = len;
	memcpy(buf, path, n);
	return (int64_t)n;
}

static int64_t irq_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	st->mode = is_line(id) ? MODE_CHR | 0600 : MODE_DIR | 0500;
	st->size = is_line(id) ? sizeof(uint64_t) : names_len;
	return 0;
}

static int64_t irq_close(void *data, uint64_t id)
{
	(void)data;
	if (!is_line(id)) {
		kfree(ptr_from_handle(id));
		return 0;
	}
	uint64_t irq = spin_lock_irqsave(&lock);
	bool last = --lines[id].opens == 0;
	spin_unlock_irqrestore(&lock, irq);
	if (last)
		arch_irq_line_mask((uint32_t)id, true);
	return 0;
}

static const struct scheme_ops irq_ops = {
    .open = irq_open,
    .read = irq_read,
    .write = irq_write,
    .fevent = irq_fevent,
    .fpath = irq_fpath,
    .fstat = irq_fstat,
    .close = irq_close,
};

void irq_reserve(uint32_t n)
{
	if (n < IRQ_LINES_MAX)
		lines[n].reserved = true;
}

/* After the kernel's own drivers reserved their lines (the listing leaves them out). */
void irq_scheme_init(void)
{
	line_count = arch_irq_line_count();
	for (uint32_t n = 0; n < line_count; n++)
		if (!lines[n].reserved)
			names_len += fmt_snprintf(names + names_len, sizeof names - names_len,
			                          "%u\n", (unsigned)n);
	scheme_register("irq", &irq_ops, 0, &irq_scheme);
	log_info("%u interrupt lines for drivers", (unsigned)line_count);
}
