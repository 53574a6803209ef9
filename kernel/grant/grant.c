/*
 * Driver grants (see grant.h) and the "grant:" scheme that fills them.
 *
 *   grant:self, grant:PID   root, itself unconfined, opens and writes lines:
 *       mem BASE SIZE       a physical range the process may map (a BAR)
 *       irq N               an interrupt line it may open as irq:N
 *       dma BYTES           how much memory SYS_PHYSALLOC may give it in all
 *       scheme PREFIX       schemes it may provide: PREFIX, or names starting
 *                           with it ("disk." allows disk.pci-00-1f.2)
 *       ports BASE COUNT    I/O ports it may use: each CPU's TSS I/O bitmap
 *                           opens them while the process runs (SYS_IOPL, all
 *                           ports, stays refused to a confined process)
 *   (numbers in C notation: 0x.. hex or decimal). The first line makes the
 *   process confined. Reading a grant: handle lists the table in the same
 *   form, then "dma-used BYTES".
 * Every refusal of a confined process is logged with its pid and name.
 */
#define LOG_MODULE "grant"
#include <stdbool.h>
#include <fmt/fmt.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "grant.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../proc/process.h"
#include "../scheme/scheme.h"

#define MAX_TABLES 64
#define MAX_MEM    8
#define MAX_IRQ    4
#define MAX_PORTS  4
#define MAX_DMA    64
#define MAX_SCHEME 32

struct range {
	uint64_t base, size;
};

struct table {
	uint32_t pid; /* 0: a free slot */
	struct range mem[MAX_MEM];
	struct range ports[MAX_PORTS];
	uint32_t irq[MAX_IRQ];
	int mem_count, port_count, irq_count, dma_count;
	uint64_t dma_limit, dma_used;
	struct range dma[MAX_DMA];
	char scheme[MAX_SCHEME]; /* "": none */
};

static struct table tables[MAX_TABLES];
static struct spinlock lock;
static uint32_t io_generation = 1; /* bumped whenever a table changes */

/* Under lock. */
static struct table *find(uint32_t pid)
{
	for (int i = 0; i < MAX_TABLES; i++)
		if (tables[i].pid == pid && pid)
			return &tables[i];
	return 0;
}

static struct table *find_or_make(uint32_t pid)
{
	struct table *t = find(pid);
	for (int i = 0; !t && i < MAX_TABLES; i++)
		if (!tables[i].pid) {
			t = &tables[i];
			memset(t, 0, sizeof *t);
			t->pid = pid;
		}
	return t;
}

static void refuse(uint32_t pid, const char *fmt, unsigned long long a, unsigned long long b)
{
	char what[96];
	fmt_snprintf(what, sizeof what, fmt, a, b);
	struct process *p = proc_by_pid(pid);
	log_warn("pid %u (%s) refused: %s", (unsigned)pid, p ? p->name : "?", what);
	if (p)
		proc_put(p);
}

void grant_io_switch(struct cpu *cpu, const struct process *p)
{
	struct io_bitmap *io = arch_io_bitmap(cpu);
	uint32_t pid = p ? p->pid : 0;
	if (!io || (io->owner == pid && io->generation == io_generation))
		return;
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = pid ? find(pid) : 0;
	if (t && t->port_count) {
		memset(io->map, 0xFF, sizeof io->map);
		for (int i = 0; i < t->port_count; i++)
			for (uint64_t port = t->ports[i].base;
			     port < t->ports[i].base + t->ports[i].size; port++)
				io->map[port / 8] &= (uint8_t) ~(1u << (port % 8));
		io->owner = pid;
	} else if (io->owner) {
		memset(io->map, 0xFF, sizeof io->map);
		io->owner = 0;
	}
	io->generation = io_generation;
	spin_unlock_irqrestore(&lock, f);
}

void grant_fork(uint32_t parent, uint32_t child)
{
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *from = find(parent);
	struct table *to = from ? find_or_make(child) : 0;
	if (to) {
		*to = *from;
		to->pid = child;
		/* the allocations stay the parent's to free; the child may map them */
	}
	spin_unlock_irqrestore(&lock, f);
	if (from && !to)
		log_error("no grant table left for pid %u", (unsigned)child);
}

void grant_exit(uint32_t pid)
{
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(pid);
	uint64_t kept = t ? t->dma_used : 0;
	if (t)
		t->pid = 0;
	io_generation++;
	spin_unlock_irqrestore(&lock, f);
	/* The device may still write there until its next driver resets it:
	 * the frames stay allocated rather than going back to the kernel. */
	if (kept)
		log_info("pid %u exited holding %llu KiB of DMA memory: kept", (unsigned)pid,
		         (unsigned long long)(kept >> 10));
}

bool grant_confined(uint32_t pid)
{
	uint64_t f = spin_lock_irqsave(&lock);
	bool r = find(pid) != 0;
	spin_unlock_irqrestore(&lock, f);
	return r;
}

bool grant_may_phys_syscalls(uint32_t pid, uint32_t uid)
{
	return uid == 0 || grant_confined(pid);
}

bool grant_may_open_physical(uint32_t pid, uint32_t uid)
{
	bool ok = grant_may_phys_syscalls(pid, uid);
	if (!ok)
		refuse(pid, "physical memory or interrupts (uid %llu, no manifest)", uid, 0);
	return ok;
}

static bool inside(const struct range *r, int count, uint64_t base, uint64_t size)
{
	for (int i = 0; i < count; i++)
		if (base >= r[i].base && size <= r[i].size && base - r[i].base <= r[i].size - size)
			return true;
	return false;
}

bool grant_may_map(uint32_t pid, uint64_t phys, uint64_t size)
{
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(pid);
	bool ok = !t || inside(t->mem, t->mem_count, phys, size) ||
	          inside(t->dma, t->dma_count, phys, size);
	spin_unlock_irqrestore(&lock, f);
	if (!ok)
		refuse(pid, "memory %llx+%llx is not in its manifest", phys, size);
	return ok;
}

bool grant_may_irq(uint32_t pid, uint32_t uid, uint32_t n)
{
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(pid);
	bool ok = !t && uid == 0;
	for (int i = 0; t && i < t->irq_count; i++)
		ok |= t->irq[i] == n;
	spin_unlock_irqrestore(&lock, f);
	if (!ok && t)
		refuse(pid, "irq:%llu is not in its manifest", n, 0);
	else if (!ok)
		refuse(pid, "irq:%llu (uid %llu, no manifest)", n, uid);
	return ok;
}

bool grant_may_provide(uint32_t pid, uint32_t uid, const char *name)
{
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(pid);
	size_t n = t ? strlen(t->scheme) : 0;
	bool ok = t ? n && !strncmp(name, t->scheme, n) : uid == 0;
	spin_unlock_irqrestore(&lock, f);
	if (!ok)
		refuse(pid, "providing a scheme (uid %llu)", uid, 0);
	return ok;
}

bool grant_may_dma(uint32_t pid, uint32_t uid, uint64_t size)
{
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(pid);
	bool ok = t ? t->dma_count < MAX_DMA && size <= t->dma_limit - t->dma_used : uid == 0;
	uint64_t used = t ? t->dma_used : 0;
	spin_unlock_irqrestore(&lock, f);
	if (!ok && t)
		refuse(pid, "DMA memory beyond its manifest's limit (%llu + %llu bytes)", used,
		       size);
	return ok;
}

void grant_dma_add(uint32_t pid, uint64_t phys, uint64_t size)
{
	size = (size + 4095) & ~4095ULL;
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(pid);
	if (t && t->dma_count < MAX_DMA) {
		t->dma[t->dma_count++] = (struct range){phys, size};
		t->dma_used += size;
	}
	spin_unlock_irqrestore(&lock, f);
}

bool grant_dma_remove(uint32_t pid, uint64_t phys, uint64_t size)
{
	size = (size + 4095) & ~4095ULL;
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(pid);
	bool ok = !t;
	for (int i = 0; t && i < t->dma_count && !ok; i++)
		if (t->dma[i].base == phys && t->dma[i].size == size) {
			t->dma[i] = t->dma[--t->dma_count];
			t->dma_used -= size;
			ok = true;
		}
	spin_unlock_irqrestore(&lock, f);
	return ok;
}

/* ---- the grant: scheme ---- */

struct handle {
	uint32_t pid;
	size_t offset;
};

static int64_t grant_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)flags;
	if (who->uid != 0 || grant_confined(who->pid))
		return -EACCES;
	while (*path == '/')
		path++;
	uint32_t pid = 0;
	if (!strcmp(path, "self")) {
		pid = who->pid;
	} else {
		for (const char *c = path; *c; c++) {
			if (*c < '0' || *c > '9' || pid > MAX_PROCESSES)
				return -ENOENT;
			pid = pid * 10 + (uint32_t)(*c - '0');
		}
		struct process *p = pid ? proc_by_pid(pid) : 0;
		if (!p)
			return -ENOENT;
		proc_put(p);
	}
	struct handle *h = kzalloc(sizeof *h);
	if (!h)
		return -ENOMEM;
	h->pid = pid;
	return handle_from_ptr(h);
}

static const char *skip_space(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *number(const char *s, const char *end, uint64_t *out)
{
	s = skip_space(s, end);
	uint64_t v = 0, base = 10;
	if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2, base = 16;
	const char *start = s;
	for (; s < end; s++) {
		int d = *s >= '0' && *s <= '9'   ? *s - '0'
		        : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
		        : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
		                                 : 99;
		if (d >= (int)base)
			break;
		if (v > (~0ULL - (uint64_t)d) / base)
			return 0;
		v = v * base + (uint64_t)d;
	}
	*out = v;
	return s == start ? 0 : s;
}

static bool word(const char **s, const char *end, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(end - *s) > n && !memcmp(*s, w, n) && ((*s)[n] == ' ' || (*s)[n] == '\t')) {
		*s += n;
		return true;
	}
	return false;
}

/* One line: 0 or -EINVAL / -ENOSPC. Under lock. */
static int64_t add_line(struct table *t, const char *s, const char *end)
{
	uint64_t a = 0, b = 0;
	if (word(&s, end, "mem")) {
		if (!(s = number(s, end, &a)) || !(s = number(s, end, &b)) || !b || a + b < a)
			return -EINVAL;
		if (t->mem_count == MAX_MEM)
			return -ENOSPC;
		t->mem[t->mem_count++] = (struct range){a, b};
	} else if (word(&s, end, "ports")) {
		if (!(s = number(s, end, &a)) || !(s = number(s, end, &b)) || a + b > 0x10000)
			return -EINVAL;
		if (t->port_count == MAX_PORTS)
			return -ENOSPC;
		t->ports[t->port_count++] = (struct range){a, b};
	} else if (word(&s, end, "irq")) {
		if (!(s = number(s, end, &a)) || a >= 256)
			return -EINVAL;
		if (t->irq_count == MAX_IRQ)
			return -ENOSPC;
		t->irq[t->irq_count++] = (uint32_t)a;
	} else if (word(&s, end, "scheme")) {
		s = skip_space(s, end);
		size_t n = 0;
		while (s + n < end && s[n] != ' ' && s[n] != '\t')
			n++;
		if (!n || n >= MAX_SCHEME)
			return -EINVAL;
		memcpy(t->scheme, s, n);
		t->scheme[n] = 0;
		s += n;
	} else if (word(&s, end, "dma")) {
		if (!(s = number(s, end, &a)))
			return -EINVAL;
		t->dma_limit = a;
	} else {
		return -EINVAL;
	}
	return skip_space(s, end) == end ? 0 : -EINVAL;
}

static int64_t grant_write(void *data, uint64_t id, const void *buf, size_t len,
                           const struct caller *who)
{
	(void)data;
	struct handle *h = ptr_from_handle(id);
	if (who->uid != 0 || grant_confined(who->pid))
		return -EACCES; /* a confined process never widens a table, its own included */
	const char *s = buf, *end = s + len;
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find_or_make(h->pid);
	int64_t r = t ? 0 : -ENOSPC;
	while (!r && s < end) {
		const char *nl = s;
		while (nl < end && *nl != '\n')
			nl++;
		if (skip_space(s, nl) != nl)
			r = add_line(t, s, nl);
		s = nl + 1;
	}
	io_generation++;
	spin_unlock_irqrestore(&lock, f);
	if (r)
		return r;
	struct process *p = proc_by_pid(h->pid);
	if (h->pid == who->pid) { /* its own ports open now, not at its next switch */
		irq_flags_t flags = arch_irq_save(); /* no migration to another CPU half way */
		grant_io_switch(this_cpu(), p);
		arch_irq_restore(flags);
	}
	log_info("pid %u (%s) is confined to its manifest", (unsigned)h->pid, p ? p->name : "?");
	if (p)
		proc_put(p);
	return (int64_t)len;
}

static int64_t grant_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	(void)who;
	struct handle *h = ptr_from_handle(id);
	char *text = kmalloc(2048);
	if (!text)
		return -ENOMEM;
	size_t n = 0;
	uint64_t f = spin_lock_irqsave(&lock);
	struct table *t = find(h->pid);
	for (int i = 0; t && i < t->mem_count; i++)
		n += fmt_snprintf(text + n, 2048 - n, "mem 0x%llx 0x%llx\n",
		                  (unsigned long long)t->mem[i].base,
		                  (unsigned long long)t->mem[i].size);
	for (int i = 0; t && i < t->port_count; i++)
		n += fmt_snprintf(text + n, 2048 - n, "ports 0x%llx %llu\n",
		                  (unsigned long long)t->ports[i].base,
		                  (unsigned long long)t->ports[i].size);
	for (int i = 0; t && i < t->irq_count; i++)
		n += fmt_snprintf(text + n, 2048 - n, "irq %u\n", (unsigned)t->irq[i]);
	if (t && t->scheme[0])
		n += fmt_snprintf(text + n, 2048 - n, "scheme %s\n", t->scheme);
	if (t)
		n +=
		    fmt_snprintf(text + n, 2048 - n, "dma %llu\ndma-used %llu\n",
		                 (unsigned long long)t->dma_limit, (unsigned long long)t->dma_used);
	spin_unlock_irqrestore(&lock, f);
	int64_t r = 0;
	if (h->offset < n) {
		r = (int64_t)(n - h->offset < len ? n - h->offset : len);
		memcpy(buf, text + h->offset, (size_t)r);
		h->offset += (size_t)r;
	}
	kfree(text);
	return r;
}

static int64_t grant_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	struct handle *h = ptr_from_handle(id);
	char path[24];
	size_t n = fmt_snprintf(path, sizeof path, "grant:%u", (unsigned)h->pid);
	n = n < len ? n : len;
	memcpy(buf, path, n);
	return (int64_t)n;
}

static int64_t grant_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	(void)id;
	st->mode = MODE_FILE | 0600;
	return 0;
}

static int64_t grant_close(void *data, uint64_t id)
{
	(void)data;
	kfree(ptr_from_handle(id));
	return 0;
}

static const struct scheme_ops grant_ops = {
    .open = grant_open,
    .read = grant_read,
    .write = grant_write,
    .fpath = grant_fpath,
    .fstat = grant_fstat,
    .close = grant_close,
};

void grant_scheme_init(void)
{
	scheme_register("grant", &grant_ops, 0, 0);
}
