/*
 * The scheme layer (see scheme.h): packets in, operations called, replies
 * out; blocked requests kept and retried; readiness events.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <redox/abi/flags.h>
#include <redox/abi/syscall.h>

#include "scheme.h"

#define MAX_SCHEMES 8
#define MAX_HANDLES 512
#define MAX_WAITING 256
#define PACKETS     16

static struct {
	const struct scheme_ops *ops;
	int fd;
} schemes[MAX_SCHEMES];
static int scheme_count;
static struct handle handles[MAX_HANDLES];

struct waiting {
	int fd;
	struct redox_packet p;
	struct handle *nh; /* a waiting dup's new handle */
};
static struct waiting waiting[MAX_WAITING];
static int waiting_count;

int scheme_register(const struct scheme_ops *ops)
{
	char path[32];
	snprintf(path, sizeof path, ":%s", ops->name);
	int fd = open(path, O_CREAT | O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "netstack: cannot provide %s: %s\n", ops->name, strerror(errno));
		return -1;
	}
	schemes[scheme_count].ops = ops;
	schemes[scheme_count++].fd = fd;
	return fd;
}

static const struct scheme_ops *ops_of(int fd)
{
	for (int i = 0; i < scheme_count; i++)
		if (schemes[i].fd == fd)
			return schemes[i].ops;
	return 0;
}

static int fd_of(const struct scheme_ops *ops)
{
	for (int i = 0; i < scheme_count; i++)
		if (schemes[i].ops == ops)
			return schemes[i].fd;
	return -1;
}

struct handle *handle_new(const struct scheme_ops *ops)
{
	for (int i = 0; i < MAX_HANDLES; i++)
		if (!handles[i].used) {
			handles[i] = (struct handle){.used = true, .ops = ops};
			return &handles[i];
		}
	return 0;
}

void handle_free(struct handle *h)
{
	free(h->value);
	h->value = 0;
	if (h->data && h->ops->close)
		h->ops->close(h);
	h->used = false;
	h->data = 0;
}

static uint64_t id_of(const struct handle *h)
{
	return (uint64_t)(h - handles) + 1;
}

static struct handle *lookup(const struct scheme_ops *ops, uint64_t id)
{
	if (id < 1 || id > MAX_HANDLES)
		return 0;
	struct handle *h = &handles[id - 1];
	return h->used && h->ops == ops ? h : 0;
}

static int64_t do_open(const struct scheme_ops *ops, const struct redox_packet *p)
{
	char path[256];
	const char *s = (const char *)p->b;
	size_t len = p->c;
	while (len && *s == '/')
		s++, len--;
	if (len >= sizeof path)
		return -ENAMETOOLONG;
	memcpy(path, s, len);
	path[len] = 0;
	struct handle *h = handle_new(ops);
	if (!h)
		return -EMFILE;
	h->nonblock = (p->d & O_NONBLOCK) != 0;
	h->uid = p->uid;
	int r = ops->open(h, path, p->d, p->uid);
	if (r < 0) {
		handle_free(h);
		return r;
	}
	return (int64_t)id_of(h);
}

static bool is_option(const char *buf, size_t len)
{
	return (len > 4 && !memcmp(buf, "opt/", 4)) || (len > 9 && !memcmp(buf, "shutdown/", 9));
}

/* dup(h, "opt/...") or "shutdown/...": a handle reading the answer */
static int64_t do_option(const struct scheme_ops *ops, struct handle *h, const char *buf,
                         size_t len, uint32_t uid)
{
	char req[64], out[64] = "";
	if (!ops->option)
		return -ENOPROTOOPT;
	if (len >= sizeof req)
		return -EINVAL;
	memcpy(req, buf, len);
	req[len] = 0;
	int r = ops->option(h, req, out, sizeof out);
	if (r < 0)
		return r;
	struct handle *nh = handle_new(ops);
	if (!nh)
		return -EMFILE;
	nh->uid = uid;
	nh->value = strdup(out);
	if (!nh->value) {
		handle_free(nh);
		return -ENOMEM;
	}
	return (int64_t)id_of(nh);
}

/* The requests an option's answer handle takes. */
static int64_t value_packet(struct handle *h, struct redox_packet *p)
{
	size_t len = strlen(h->value);
	switch (p->a) {
	case SYS_READ: {
		size_t at = h->offset < len ? (size_t)h->offset : len;
		size_t n = len - at < p->d ? len - at : p->d;
		memcpy((void *)p->c, h->value + at, n);
		h->offset += n;
		return (int64_t)n;
	}
	case SYS_FEVENT:
		return (int64_t)(EVENT_READ & p->c);
	case SYS_FCNTL:
		return p->c == F_GETFL ? O_RDONLY : 0;
	case SYS_CLOSE:
		handle_free(h);
		return 0;
	default:
		return -EBADF;
	}
}

/* One request: its result, or -EAGAIN-and-kept (returns 1 then: no reply now). */
static int64_t handle_packet(int fd, const struct scheme_ops *ops, struct redox_packet *p,
                             struct handle **nhp, bool *kept)
{
	*kept = false;
	if (p->a == SYS_OPEN)
		return do_open(ops, p);
	if ((p->a & SYS_CLASS) == SYS_CLASS_PATH)
		return -ENOENT;
	struct handle *h = lookup(ops, p->b);
	if (!h)
		return -EBADF;
	if (h->value)
		return value_packet(h, p);
	int64_t r;
	switch (p->a) {
	case SYS_READ:
		r = ops->read ? ops->read(h, (void *)p->c, p->d) : -EBADF;
		break;
	case SYS_WRITE:
		r = ops->write ? ops->write(h, (const void *)p->c, p->d) : -EBADF;
		break;
	case SYS_DUP: {
		struct handle *nh = *nhp;
		if (!nh && is_option((const char *)p->c, p->d))
			return do_option(ops, h, (const char *)p->c, p->d, p->uid);
		if (!nh) {
			if (!ops->dup)
				return -EINVAL;
			nh = handle_new(ops);
			if (!nh)
				return -EMFILE;
			nh->uid = p->uid;
			nh->nonblock = h->nonblock;
		}
		r = ops->dup(h, nh, (const char *)p->c, p->d);
		if (r == 0)
			return (int64_t)id_of(nh);
		if (r == -EAGAIN && !h->nonblock) {
			*nhp = nh;
			break;
		}
		handle_free(nh);
		*nhp = 0;
		return r;
	}
	case SYS_FPATH: {
		char path[256];
		int n = snprintf(path, sizeof path, "%s:", ops->name);
		size_t m = (size_t)n + ops->fpath(h, path + n, sizeof path - (size_t)n);
		m = m < p->d ? m : p->d;
		memcpy((void *)p->c, path, m);
		return (int64_t)m;
	}
	case SYS_FSTAT: {
		if (p->d < sizeof(struct redox_stat))
			return -EINVAL;
		struct redox_stat *st = (struct redox_stat *)p->c;
		memset(st, 0, sizeof *st);
		st->mode = MODE_SOCK | 0666;
		st->uid = h->uid;
		return 0;
	}
	case SYS_FEVENT:
		return (int64_t)(ops->ready(h) & p->c);
	case SYS_FCNTL:
		if (p->c == F_SETFL)
			h->nonblock = (p->d & O_NONBLOCK) != 0;
		return p->c == F_GETFL ? O_RDWR | (h->nonblock ? O_NONBLOCK : 0) : 0;
	case SYS_LSEEK:
		if (p->d != SEEK_SET)
			return -ESPIPE;
		h->offset = p->c;
		return (int64_t)h->offset;
	case SYS_FSYNC:
		return 0;
	case SYS_CLOSE:
		handle_free(h);
		return 0;
	default:
		return -EINVAL;
	}
	(void)fd;
	if (r == -EAGAIN && !h->nonblock)
		*kept = true;
	return r;
}

static void keep(int fd, const struct redox_packet *p, struct handle *nh)
{
	if (waiting_count == MAX_WAITING) {
		struct redox_packet r = *p;
		r.a = (uint64_t)-EAGAIN;
		write(fd, &r, sizeof r);
		if (nh)
			handle_free(nh);
		return;
	}
	waiting[waiting_count++] = (struct waiting){fd, *p, nh};
}

void scheme_serve(int fd)
{
	const struct scheme_ops *ops = ops_of(fd);
	struct redox_packet packets[PACKETS];
	ssize_t n;
	while ((n = read(fd, packets, sizeof packets)) > 0) {
		for (size_t i = 0; i < (size_t)n / sizeof packets[0]; i++) {
			struct redox_packet *p = &packets[i];
			struct handle *nh = 0;
			bool kept;
			int64_t r = handle_packet(fd, ops, p, &nh, &kept);
			if (kept || (r == -EAGAIN && nh)) {
				keep(fd, p, nh);
				continue;
			}
			p->a = (uint64_t)r;
			write(fd, p, sizeof *p);
		}
	}
}

void scheme_retry(void)
{
	int count = waiting_count;
	waiting_count = 0;
	struct waiting copy[MAX_WAITING];
	memcpy(copy, waiting, (size_t)count * sizeof copy[0]);
	for (int i = 0; i < count; i++) {
		struct waiting *w = &copy[i];
		const struct scheme_ops *ops = ops_of(w->fd);
		struct handle *h = lookup(ops, w->p.b);
		int64_t r;
		bool kept = false;
		if (!h) {
			if (w->nh)
				handle_free(w->nh);
			r = -EBADF;
		} else {
			r = handle_packet(w->fd, ops, &w->p, &w->nh, &kept);
		}
		if (kept || (r == -EAGAIN && w->nh)) {
			waiting[waiting_count++] = *w;
			continue;
		}
		struct redox_packet reply = w->p;
		reply.a = (uint64_t)r;
		write(w->fd, &reply, sizeof reply);
	}
	for (int i = 0; i < MAX_HANDLES; i++) {
		struct handle *h = &handles[i];
		if (!h->used || !h->data || h->value || !h->ops->ready)
			continue;
		unsigned now = h->ops->ready(h);
		if (now & ~h->reported) {
			struct redox_packet ev = {.a = SYS_FEVENT, .b = id_of(h), .c = now};
			write(fd_of(h->ops), &ev, sizeof ev);
		}
		h->reported = now;
	}
}
