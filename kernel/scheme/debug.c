/*
 * debug: the kernel console on COM1. Writes go out on the serial port (the
 * log the tests read). Input comes from the serial port's receive
 * interrupt (IRQ 4) through a small line discipline: characters are echoed,
 * backspace erases, and a read returns whole lines (blocking until Enter,
 * or EAGAIN with O_NONBLOCK). Raw input for editors comes with termios.
 */
#include <stdbool.h>
#include <freestanding/io.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"
#include "../arch/x86_64/apic.h"
#include "../arch/x86_64/interrupt.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"
#include "../sched/sched.h"

#define DEBUG_WRITE_MAX 4096
#define INPUT_SIZE      4096
#define LINE_MAX_CHARS  1024
#define COM1_IRQ        4

static struct scheme *debug_scheme;
static struct spinlock input_lock;
static struct wait_queue readers;
static char input[INPUT_SIZE]; /* completed lines, a ring */
static size_t input_head, input_count;
static char line[LINE_MAX_CHARS]; /* the line being typed */
static size_t line_len;

/* input_lock held */
static void input_push(char c)
{
	if (input_count == INPUT_SIZE)
		return; /* nobody reads: drop */
	input[(input_head + input_count) % INPUT_SIZE] = c;
	input_count++;
}

static void receive(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	bool line_done = false;
	uint64_t flags = spin_lock_irqsave(&input_lock);
	while (inb(COM1 + 5) & 1) {
		char c = (char)inb(COM1);
		if (c == '\r')
			c = '\n';
		if (c == 0x7F || c == '\b') {
			if (line_len) {
				line_len--;
				kprintf("\b \b");
			}
		} else if (c == '\n') {
			for (size_t i = 0; i < line_len; i++)
				input_push(line[i]);
			input_push('\n');
			line_len = 0;
			line_done = true;
			kprintf("\n");
		} else if (line_len < LINE_MAX_CHARS) {
			line[line_len++] = c;
			kprintf("%c", c);
		}
	}
	if (line_done)
		wait_queue_wake_all(&readers);
	spin_unlock_irqrestore(&input_lock, flags);
	lapic_eoi();
	if (line_done && debug_scheme)
		scheme_event(debug_scheme, 0, EVENT_READ);
}

static int64_t debug_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)path;
	(void)flags;
	(void)who;
	return 0;
}

static int64_t debug_write(void *data, uint64_t id, const void *buf, size_t len,
                           const struct caller *who)
{
	(void)data;
	(void)id;
	(void)who;
	/* The log lock is held with interrupts off while printing: keep each
	 * write short (a short write count is allowed) so no caller can stall
	 * every CPU for long. */
	if (len > DEBUG_WRITE_MAX)
		len = DEBUG_WRITE_MAX;
	kprintf("%.*s", (int)len, (const char *)buf);
	return (int64_t)len;
}

static int64_t debug_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	(void)id;
	uint64_t flags = spin_lock_irqsave(&input_lock);
	while (input_count == 0) {
		if (who->flags & O_NONBLOCK) {
			spin_unlock_irqrestore(&input_lock, flags);
			return -EAGAIN;
		}
		if (!wait_queue_sleep(&readers, &input_lock) && sched_current()->interrupted) {
			spin_unlock_irqrestore(&input_lock, flags);
			return -EINTR;
		}
	}
	/* up to the end of one line, as a terminal in canonical mode does */
	size_t n = 0;
	char *out = buf;
	while (n < len && input_count) {
		char c = input[input_head];
		input_head = (input_head + 1) % INPUT_SIZE;
		input_count--;
		out[n++] = c;
		if (c == '\n')
			break;
	}
	spin_unlock_irqrestore(&input_lock, flags);
	return (int64_t)n;
}

static int64_t debug_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	(void)id;
	return (flags & EVENT_WRITE) | (input_count && (flags & EVENT_READ) ? EVENT_READ : 0);
}

static int64_t debug_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	(void)id;
	st->mode = MODE_CHR | 0666;
	return 0;
}

static int64_t debug_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	(void)id;
	const char name[] = "debug:";
	size_t n = len < sizeof name - 1 ? len : sizeof name - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = name[i];
	return (int64_t)n;
}

static const struct scheme_ops debug_ops = {
    .open = debug_open,
    .read = debug_read,
    .write = debug_write,
    .fevent = debug_fevent,
    .fstat = debug_fstat,
    .fpath = debug_fpath,
};

void debug_scheme_init(void)
{
	scheme_register("debug", &debug_ops, 0, &debug_scheme);
	irq_reserve(COM1_IRQ);
	interrupt_set_handler(IRQ_VECTOR_BASE + COM1_IRQ, receive, 0);
	outb(COM1 + 1, 0x01); /* interrupt on received data */
	ioapic_set_masked(COM1_IRQ, false);
}
