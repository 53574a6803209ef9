/*
 * The network adapter scheme over a NIC backend (see net.h): one event
 * loop (event:) over the scheme's requests, the interrupt line and a
 * timer. Received frames are pulled from the device into a small queue;
 * a read takes the oldest, a blocking read with none waiting is answered
 * when one comes (the kernel lets a provider reply later), and every
 * frames handle gets an EVENT_READ readiness event when frames arrive.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <redox/abi/flags.h>
#include <redox/abi/net.h>
#include <redox/abi/syscall.h>
#include <redox/abi/types.h>

#include "net.h"

#define PACKETS     16
#define MAX_HANDLES 64
#define RXQ         64 /* frames kept between the device and readers */
#define WAITERS     32 /* blocked reads */

enum kind { FRAMES, MAC, LINK };
enum { EV_SCHEME = 1, EV_IRQ, EV_TIMER };

struct handle {
	bool used, nonblock;
	enum kind kind;
	uint64_t offset;
};

static struct net_backend *be;
static const char *me;
static char scheme_name[32];
static struct handle handles[MAX_HANDLES];
static uint8_t rxq[RXQ][NET_FRAME_MAX];
static uint16_t rxq_len[RXQ];
static unsigned rxq_head, rxq_count;
static struct redox_packet waiters[WAITERS];
static unsigned waiter_count;
static int scheme_fd, timer_fd;
static bool irq_seen, polling, link_up;
static unsigned unannounced; /* timer ticks that found frames no interrupt told of */
static uint64_t frames_in, frames_out, irqs;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	write(1, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1));
}

static void reply(struct redox_packet *p)
{
	write(scheme_fd, p, sizeof *p);
}

/* Move frames from the device into the queue; true if any came. */
static bool pull(void)
{
	bool any = false;
	while (rxq_count < RXQ) {
		unsigned slot = (rxq_head + rxq_count) % RXQ;
		size_t n = be->recv(be->ctx, rxq[slot], NET_FRAME_MAX);
		if (!n)
			break;
		rxq_len[slot] = (uint16_t)n;
		rxq_count++;
		frames_in++;
		any = true;
	}
	return any;
}

/* The oldest frame into a reader's buffer (a frame longer than the buffer is cut). */
static int64_t take(void *buf, size_t len)
{
	size_t n = rxq_len[rxq_head] < len ? rxq_len[rxq_head] : len;
	memcpy(buf, rxq[rxq_head], n);
	rxq_head = (rxq_head + 1) % RXQ;
	rxq_count--;
	return (int64_t)n;
}

static int64_t read_text(struct handle *h, const void *data, size_t size, void *buf, size_t len)
{
	size_t n = h->offset < size ? size - h->offset : 0;
	n = n < len ? n : len;
	memcpy(buf, (const uint8_t *)data + h->offset, n);
	h->offset += n;
	return (int64_t)n;
}

static int64_t do_open(const struct redox_packet *p)
{
	if (p->uid != 0) {
		say("%s: uid %u refused: %s: is for root only\n", me, p->uid, scheme_name);
		return -EACCES;
	}
	const char *s = (const char *)p->b;
	size_t len = p->c;
	while (len && *s == '/')
		s++, len--;
	enum kind kind;
	if (!len)
		kind = FRAMES;
	else if (len == strlen(NET_ADAPTER_MAC) && !memcmp(s, NET_ADAPTER_MAC, len))
		kind = MAC;
	else if (len == strlen(NET_ADAPTER_LINK) && !memcmp(s, NET_ADAPTER_LINK, len))
		kind = LINK;
	else
		return -ENOENT;
	for (int i = 0; i < MAX_HANDLES; i++)
		if (!handles[i].used) {
			handles[i] = (struct handle){true, (p->d & O_NONBLOCK) != 0, kind, 0};
			return i + 1;
		}
	return -EMFILE;
}

/* One request; false when it waits for a frame (kept, answered later). */
static bool handle_packet(struct redox_packet *p)
{
	if (p->a == SYS_OPEN) {
		p->a = (uint64_t)do_open(p);
		return true;
	}
	if ((p->a & SYS_CLASS) == SYS_CLASS_PATH) {
		p->a = (uint64_t)-ENOENT;
		return true;
	}
	struct handle *h =
	    p->b >= 1 && p->b <= MAX_HANDLES && handles[p->b - 1].used ? &handles[p->b - 1] : 0;
	if (!h) {
		p->a = (uint64_t)-EBADF;
		return true;
	}
	int64_t r;
	switch (p->a) {
	case SYS_READ:
		if (h->kind == MAC) {
			r = read_text(h, be->mac, NET_MAC_LEN, (void *)p->c, p->d);
		} else if (h->kind == LINK) {
			const char *t = be->link(be->ctx) ? "up\n" : "down\n";
			r = read_text(h, t, strlen(t), (void *)p->c, p->d);
		} else if (rxq_count || pull()) {
			r = take((void *)p->c, p->d);
		} else if (h->nonblock) {
			r = -EAGAIN;
		} else if (waiter_count < WAITERS) {
			waiters[waiter_count++] = *p;
			return false;
		} else {
			r = -EAGAIN;
		}
		break;
	case SYS_WRITE:
		if (h->kind != FRAMES)
			r = -EBADF;
		else if (p->d < NET_FRAME_MIN_IN || p->d > NET_FRAME_MAX)
			r = -EINVAL;
		else if ((r = be->send(be->ctx, (const uint8_t *)p->c, p->d)) == 0) {
			r = (int64_t)p->d;
			frames_out++;
		}
		break;
	case SYS_LSEEK:
		h->offset = p->d == SEEK_SET ? p->c : h->offset;
		r = (int64_t)h->offset;
		break;
	case SYS_FSTAT: {
		if (p->d < sizeof(struct redox_stat)) {
			r = -EINVAL;
			break;
		}
		struct redox_stat *st = (struct redox_stat *)p->c;
		memset(st, 0, sizeof *st);
		st->mode = h->kind == FRAMES ? MODE_CHR | 0600 : MODE_FILE | 0400;
		st->size = h->kind == MAC ? NET_MAC_LEN : 0;
		r = 0;
		break;
	}
	case SYS_FPATH: {
		char path[64];
		int n = snprintf(path, sizeof path, "%s:%s", scheme_name,
		                 h->kind == MAC    ? NET_ADAPTER_MAC
		                 : h->kind == LINK ? NET_ADAPTER_LINK
		                                   : "");
		size_t m = (size_t)n < p->d ? (size_t)n : p->d;
		memcpy((void *)p->c, path, m);
		r = (int64_t)m;
		break;
	}
	case SYS_FEVENT:
		r = (int64_t)(p->c & (EVENT_WRITE |
		                      (h->kind != FRAMES || rxq_count || pull() ? EVENT_READ : 0)));
		break;
	case SYS_FCNTL:
		if (p->c == F_SETFL)
			h->nonblock = (p->d & O_NONBLOCK) != 0;
		r = p->c == F_GETFL ? O_RDWR | (h->nonblock ? O_NONBLOCK : 0) : 0;
		break;
	case SYS_FSYNC:
		r = 0;
		break;
	case SYS_CLOSE:
		h->used = false;
		r = 0;
		break;
	default:
		r = -EINVAL;
	}
	p->a = (uint64_t)r;
	return true;
}

/* Frames arrived: answer blocked reads, then tell the other handles. */
static void deliver(void)
{
	unsigned kept = 0;
	for (unsigned i = 0; i < waiter_count; i++) {
		struct redox_packet *p = &waiters[i];
		struct handle *h = &handles[p->b - 1];
		if (!h->used) {
			p->a = (uint64_t)-EBADF;
			reply(p);
		} else if (rxq_count) {
			p->a = (uint64_t)take((void *)p->c, p->d);
			reply(p);
		} else {
			waiters[kept++] = *p;
		}
	}
	waiter_count = kept;
	if (!rxq_count)
		return;
	for (int i = 0; i < MAX_HANDLES; i++)
		if (handles[i].used && handles[i].kind == FRAMES) {
			struct redox_packet ev = {
			    .a = SYS_FEVENT, .b = (uint64_t)i + 1, .c = EVENT_READ};
			reply(&ev);
		}
}

static void arm_timer(unsigned ms)
{
	struct redox_timespec t;
	if (read(timer_fd, &t, sizeof t) != sizeof t)
		return;
	t.tv_nsec += (int32_t)(ms % 1000) * 1000000;
	t.tv_sec += ms / 1000 + t.tv_nsec / 1000000000;
	t.tv_nsec %= 1000000000;
	write(timer_fd, &t, sizeof t);
}

static int watch(int queue, int fd, uint64_t data)
{
	struct redox_event ev = {(uint64_t)fd, EVENT_READ, data};
	return write(queue, &ev, sizeof ev) == sizeof ev ? 0 : -1;
}

static void on_timer(void)
{
	bool up = be->link(be->ctx);
	if (up != link_up) {
		link_up = up;
		say("%s: %s: link %s\n", me, scheme_name, up ? "up" : "down");
	}
	/*
	 * Frames found at two ticks and never an interrupt: poll. One tick is
	 * not proof: a frame can land just before the tick, and on a loaded
	 * host the timer's event may be read before the interrupt's (seen
	 * with frames arriving unasked at boot, tests/bats/net-loss.bats).
	 */
	if (!polling && !irq_seen && pull() && (be->irq_fd < 0 || ++unannounced == 2)) {
		polling = true;
		say("%s: no interrupt arrived%s; polling every 10 ms\n", me,
		    be->irq_fd < 0 ? " (no irq line)" : "");
	}
	if (polling)
		pull();
	arm_timer(polling ? 10 : 1000);
}

static void on_irq(void)
{
	uint64_t count;
	if (read(be->irq_fd, &count, sizeof count) != sizeof count)
		return;
	if (be->interrupt(be->ctx))
		irqs++;
	irq_seen = true;
	write(be->irq_fd, &count, sizeof count);
	pull();
}

int net_serve(const char *name, struct net_backend *b)
{
	be = b;
	me = name;
	scheme_fd = -1;
	for (int n = 0; n < 8 && scheme_fd < 0; n++) {
		snprintf(scheme_name, sizeof scheme_name, "%s%s_%d", NET_ADAPTER_PREFIX, b->driver,
		         n);
		char path[40];
		snprintf(path, sizeof path, ":%s", scheme_name);
		scheme_fd = open(path, O_CREAT | O_RDWR | O_NONBLOCK);
		if (scheme_fd < 0 && errno != EEXIST)
			break;
	}
	if (scheme_fd < 0) {
		say("%s: cannot provide a network scheme: %s\n", me, strerror(errno));
		return 1;
	}
	int queue = open("event:", O_RDWR);
	timer_fd = open("time:4", O_RDWR);
	if (queue < 0 || timer_fd < 0 || watch(queue, scheme_fd, EV_SCHEME) ||
	    watch(queue, timer_fd, EV_TIMER) ||
	    (b->irq_fd >= 0 && watch(queue, b->irq_fd, EV_IRQ))) {
		say("%s: cannot set up its event queue: %s\n", me, strerror(errno));
		return 1;
	}
	link_up = b->link(b->ctx);
	say("%s: serving %s: MAC %02x:%02x:%02x:%02x:%02x:%02x, link %s\n", me, scheme_name,
	    b->mac[0], b->mac[1], b->mac[2], b->mac[3], b->mac[4], b->mac[5],
	    link_up ? "up" : "down");
	const char *ready = getenv("PCID_READY_FD");
	if (ready) {
		int rfd = atoi(ready);
		char c = 0;
		write(rfd, &c, 1);
		close(rfd);
	}
	arm_timer(1000);
	for (;;) {
		struct redox_packet packets[PACKETS];
		ssize_t n;
		while ((n = read(scheme_fd, packets, sizeof packets)) > 0) {
			for (size_t i = 0; i < (size_t)n / sizeof packets[0]; i++)
				if (handle_packet(&packets[i]))
					reply(&packets[i]);
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			say("%s: reading requests: %s\n", me, strerror(errno));
			return 1;
		}
		if (rxq_count)
			deliver();
		struct redox_event ev;
		if (read(queue, &ev, sizeof ev) != sizeof ev)
			continue;
		if (ev.data == EV_IRQ)
			on_irq();
		else if (ev.data == EV_TIMER)
			on_timer();
	}
}
