/*
 * The disk: scheme over a block backend (see disk.h). GPT partitions are
 * read once at start-up (primary header at LBA 1, entries it names; the
 * header and entry CRCs are not checked: a disk whose GPT is damaged
 * still shows whole).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <redox/abi/flags.h>
#include <redox/abi/syscall.h>
#include <redox/abi/types.h>

#include "disk.h"

#define PACKETS     32
#define MAX_PARTS   16
#define MAX_HANDLES 256

struct part {
	int disk, number; /* number 0: the whole disk */
	uint64_t first, sectors;
};

struct handle {
	bool used, listing;
	int part;
	uint64_t offset;
};

static struct disk_backend *be;
static const char *me;
static char scheme_name[32];
static struct part parts[DISK_MAX * (MAX_PARTS + 1)];
static int part_count;
static struct handle handles[MAX_HANDLES];
static char listing[1024];
static size_t listing_len;

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

static int run_one(struct disk_req *r)
{
	be->run(be->ctx, r, 1);
	return r->status;
}

static void read_gpt(int disk)
{
	uint32_t ss = be->sector_size[disk];
	uint8_t *buf = aligned_alloc(4096, 16384);
	struct disk_req r = {.disk = disk, .lba = 1, .count = 1, .buf = buf};
	if (!buf || run_one(&r) || memcmp(buf, "EFI PART", 8)) {
		free(buf);
		return;
	}
	uint64_t entries_lba;
	uint32_t count, size;
	memcpy(&entries_lba, buf + 72, 8);
	memcpy(&count, buf + 80, 4);
	memcpy(&size, buf + 84, 4);
	if (size < 128 || size > 512 || count > 128)
		count = 0;
	uint64_t per = ss / size, lba = ~0ULL;
	for (uint32_t i = 0; i < count && part_count < (int)(sizeof parts / sizeof parts[0]); i++) {
		if (entries_lba + i / per != lba) {
			lba = entries_lba + i / per;
			r = (struct disk_req){.disk = disk, .lba = lba, .count = 1, .buf = buf};
			if (run_one(&r))
				break;
		}
		const uint8_t *e = buf + (i % per) * size;
		static const uint8_t zero[16];
		if (!memcmp(e, zero, 16))
			continue;
		uint64_t first, last;
		memcpy(&first, e + 32, 8);
		memcpy(&last, e + 40, 8);
		if (last < first || last >= be->sectors[disk])
			continue;
		parts[part_count++] = (struct part){disk, (int)i + 1, first, last - first + 1};
	}
	free(buf);
}

static int64_t do_open(const struct redox_packet *p)
{
	if (p->uid != 0) {
		say("%s: uid %u refused: %s: is for root only\n", me, p->uid, scheme_name);
		return -EACCES;
	}
	char path[32];
	size_t len = p->c;
	const char *s = (const char *)p->b;
	while (len && *s == '/')
		s++, len--;
	if (len >= sizeof path)
		return -ENOENT;
	memcpy(path, s, len);
	path[len] = 0;
	int slot = -1;
	for (int i = 0; i < MAX_HANDLES && slot < 0; i++)
		if (!handles[i].used)
			slot = i;
	if (slot < 0)
		return -EMFILE;
	struct handle *h = &handles[slot];
	if (!len) {
		*h = (struct handle){.used = true, .listing = true};
		return slot + 1;
	}
	for (int i = 0; i < part_count; i++) {
		char name[16];
		if (parts[i].number)
			snprintf(name, sizeof name, "%dp%d", parts[i].disk, parts[i].number);
		else
			snprintf(name, sizeof name, "%d", parts[i].disk);
		if (!strcmp(name, path)) {
			*h = (struct handle){.used = true, .part = i};
			return slot + 1;
		}
	}
	return -ENOENT;
}

/* Turn a read/write packet into a request; 0, a result to reply now, or -errno. */
static int64_t prepare(const struct redox_packet *p, struct handle *h, struct disk_req *r)
{
	const struct part *pt = &parts[h->part];
	uint32_t ss = be->sector_size[pt->disk];
	uint64_t size = pt->sectors * ss, len = p->d;
	if (h->offset % ss || len % ss)
		return -EINVAL;
	if (h->offset >= size)
		return 0;
	if (len > size - h->offset)
		len = size - h->offset;
	if (!len)
		return 0;
	*r = (struct disk_req){.disk = pt->disk,
	                       .write = p->a == SYS_WRITE,
	                       .lba = pt->first + h->offset / ss,
	                       .count = (uint32_t)(len / ss),
	                       .buf = (void *)p->c};
	return 1;
}

static int64_t do_simple(const struct redox_packet *p, struct handle *h)
{
	const struct part *pt = &parts[h->part];
	uint64_t size = h->listing ? listing_len : pt->sectors * be->sector_size[pt->disk];
	switch (p->a) {
	case SYS_LSEEK: {
		int64_t base = p->d == SEEK_SET   ? 0
		               : p->d == SEEK_CUR ? (int64_t)h->offset
		                                  : (int64_t)size;
		if (p->d > SEEK_END || base + (int64_t)p->c < 0)
			return -EINVAL;
		h->offset = (uint64_t)(base + (int64_t)p->c);
		return (int64_t)h->offset;
	}
	case SYS_FSTAT: {
		if (p->d < sizeof(struct redox_stat))
			return -EINVAL;
		struct redox_stat *st = (struct redox_stat *)p->c;
		memset(st, 0, sizeof *st);
		st->mode = h->listing ? MODE_DIR | 0700 : MODE_FILE | 0600;
		st->size = size;
		st->blksize = h->listing ? 0 : be->sector_size[pt->disk];
		st->blocks = size / 512;
		return 0;
	}
	case SYS_FPATH: {
		char path[64];
		int n = h->listing   ? snprintf(path, sizeof path, "%s:", scheme_name)
		        : pt->number ? snprintf(path, sizeof path, "%s:%dp%d", scheme_name,
		                                pt->disk, pt->number)
		                     : snprintf(path, sizeof path, "%s:%d", scheme_name, pt->disk);
		size_t m = (size_t)n < p->d ? (size_t)n : p->d;
		memcpy((void *)p->c, path, m);
		return (int64_t)m;
	}
	case SYS_FEVENT:
		return (int64_t)(p->c & (EVENT_READ | EVENT_WRITE));
	case SYS_FCNTL:
		return p->c == F_GETFL ? O_RDWR : 0;
	case SYS_CLOSE:
		h->used = false;
		return 0;
	case SYS_READ:
		if (h->listing) {
			size_t n = h->offset < listing_len ? listing_len - h->offset : 0;
			n = n < p->d ? n : p->d;
			memcpy((void *)p->c, listing + h->offset, n);
			h->offset += n;
			return (int64_t)n;
		}
		return -EINVAL;
	default:
		return -EBADF;
	}
}

static void serve(int fd)
{
	static struct redox_packet packets[PACKETS];
	static struct disk_req reqs[PACKETS];
	static int req_of[PACKETS];
	for (;;) {
		ssize_t n = read(fd, packets, sizeof packets);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			say("%s: reading requests: %s\n", me, n < 0 ? strerror(errno) : "end");
			return;
		}
		int count = (int)((size_t)n / sizeof packets[0]), nreq = 0;
		for (int i = 0; i < count; i++) {
			struct redox_packet *p = &packets[i];
			req_of[i] = -1;
			if (p->a == SYS_OPEN) {
				p->a = (uint64_t)do_open(p);
				continue;
			}
			if ((p->a & SYS_CLASS) == SYS_CLASS_PATH) {
				p->a = (uint64_t)-ENOENT;
				continue;
			}
			struct handle *h =
			    p->b >= 1 && p->b <= MAX_HANDLES && handles[p->b - 1].used
			        ? &handles[p->b - 1]
			        : 0;
			if (!h) {
				p->a = (uint64_t)-EBADF;
			} else if ((p->a == SYS_READ || p->a == SYS_WRITE) && !h->listing) {
				int64_t r = prepare(p, h, &reqs[nreq]);
				if (r == 1) {
					h->offset += (uint64_t)reqs[nreq].count *
					             be->sector_size[reqs[nreq].disk];
					req_of[i] = nreq++;
				} else {
					p->a = (uint64_t)r;
				}
			} else if (p->a == SYS_FSYNC && !h->listing) {
				reqs[nreq] =
				    (struct disk_req){.disk = parts[h->part].disk, .flush = true};
				req_of[i] = nreq++;
			} else {
				p->a = (uint64_t)do_simple(p, h);
			}
		}
		if (nreq)
			be->run(be->ctx, reqs, nreq);
		for (int i = 0; i < count; i++) {
			int r = req_of[i];
			if (r < 0)
				continue;
			struct disk_req *q = &reqs[r];
			packets[i].a = q->status  ? (uint64_t)(int64_t)q->status
			               : q->flush ? 0
			                          : (uint64_t)q->count * be->sector_size[q->disk];
		}
		write(fd, packets, (size_t)count * sizeof packets[0]);
	}
}

int disk_serve(const char *name, struct disk_backend *b)
{
	be = b;
	me = name;
	for (int d = 0; d < b->disks; d++) {
		parts[part_count++] = (struct part){d, 0, 0, b->sectors[d]};
		read_gpt(d);
	}
	for (int i = 0; i < part_count; i++)
		listing_len +=
		    (size_t)(parts[i].number
		                 ? snprintf(listing + listing_len, sizeof listing - listing_len,
		                            "%dp%d\n", parts[i].disk, parts[i].number)
		                 : snprintf(listing + listing_len, sizeof listing - listing_len,
		                            "%d\n", parts[i].disk));
	int fd = -1;
	for (int n = 0; n < 8 && fd < 0; n++) {
		snprintf(scheme_name, sizeof scheme_name, "disk.%s%d", b->driver, n);
		char path[40];
		snprintf(path, sizeof path, ":%s", scheme_name);
		fd = open(path, O_CREAT | O_RDWR);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		say("%s: cannot provide a disk scheme: %s\n", me, strerror(errno));
		return 1;
	}
	for (int i = 0; i < part_count; i++)
		if (parts[i].number)
			say("%s: %s:%dp%d partition %d, %llu MiB\n", me, scheme_name, parts[i].disk,
			    parts[i].number, parts[i].number,
			    (unsigned long long)(parts[i].sectors * b->sector_size[parts[i].disk] >>
			                         20));
	say("%s: serving %s: (%d disk%s)\n", me, scheme_name, b->disks, b->disks == 1 ? "" : "s");
	const char *ready = getenv("PCID_READY_FD");
	if (ready) {
		int rfd = atoi(ready);
		char c = 0;
		write(rfd, &c, 1);
		close(rfd);
	}
	serve(fd);
	return 1;
}
