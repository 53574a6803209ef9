/*
 * Userspace schemes, Redox's classic packet protocol. A root process
 * opens ":name" with O_CREAT (root.c) and becomes the provider of
 * "name:". Every call on "name:" becomes a struct redox_packet queued for
 * the provider: a = the syscall number, b = the handle id (or the path),
 * c/d = a buffer and its length (or plain arguments). The provider reads
 * packets from its ":name" handle, does the work, and writes each packet
 * back with a = the result (a negative errno for errors). A packet the
 * provider writes with id 0 and a = SYS_FEVENT reports readiness of
 * handle b (flags c).
 *
 * Buffers: the kernel copies the caller's data into fresh frames mapped
 * into the provider at a per-request window (and copies results back
 * after the reply), so a provider never sees the caller's memory and a
 * caller's pointer never reaches the provider. The caller sleeps until the
 * reply; if the provider dies every waiting and later call fails with EIO.
 *
 * fmap is the one way memory is shared: the packet carries a copy of the
 * caller's struct redox_map (c/d as a buffer) and the provider answers with
 * the address, in its own address space, of pages it owns holding the bytes
 * [offset, offset+size). While the reply is handled, in the provider's
 * context, the kernel takes a reference to each of those frames; the caller
 * then maps the same frames (MAP_SHARED) or copies of them (MAP_PRIVATE).
 * Frames are reference-counted (frame_ref/frame_put), so the caller's
 * mapping stays valid when the provider unmaps them or exits. A provider
 * that unmaps the pages from another thread while it replies is not
 * guarded against (providers are root and single-threaded today).
 */
#define LOG_MODULE "scheme::user"
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/syscall.h>
#include <redox/abi/types.h>

#include "scheme.h"
#include "user.h"
#include "../lib/log.h"
#include "../mm/frame.h"
#include "../mm/heap.h"
#include "../mm/paging.h"
#include "../mm/usermem.h"
#include "../proc/process.h"
#include "../sched/sched.h"

#define WINDOW_BASE 0x0000600000000000ULL
#define WINDOW_SIZE (4ULL << 20) /* the largest buffer one request carries */
#define WINDOWS     64
/* The largest fmap a provider answers: 256 MiB (a 4K screen is 32 MiB). */
#define FMAP_SHARE_MAX (256ULL << 20)
/* Each provider's windows get their own range: one process may provide
 * several schemes (the netstack: udp, tcp, icmp, netcfg), and their
 * windows must not share addresses in its address space. 1024 ranges of
 * 256 MiB, handed out in turn. */
#define WINDOW_RANGES 1024

struct request {
	struct redox_packet packet;
	struct wait_queue wait;
	bool taken, replied, abandoned;
	int64_t result;
	int window;              /* -1: none */
	uint64_t pages, *frames; /* the buffer's frames */
	/* fmap: how many pages the reply must name, and the frames it did */
	uint64_t share_pages, *shared;
	bool share_write;
	struct request *next;
};

struct provider {
	struct spinlock lock;
	struct scheme *scheme;
	uint32_t pid;
	uint64_t cr3;
	struct request *queue;    /* waiting to be read, oldest first */
	struct request *inflight; /* read, waiting for the reply */
	struct wait_queue readers;
	bool dead;
	uint64_t next_id;
	uint64_t windows;               /* bitmap of windows in use */
	uint64_t window_base;           /* this provider's range of windows */
	struct wait_queue window_free;  /* callers waiting for a window */
	struct provider_handle *handle; /* for readiness of the provider handle */
};

static void free_frames(struct request *r)
{
	for (uint64_t i = 0; i < r->pages; i++)
		if (r->frames[i])
			frame_free(r->frames[i]);
	kfree(r->frames);
	r->frames = 0;
	r->pages = 0;
}

/* Copy `len` bytes between a kernel/user buffer and the request's frames. */
static void frames_copy(struct request *r, void *buf, uint64_t len, bool to_frames)
{
	uint8_t *p = buf;
	for (uint64_t i = 0; len; i++) {
		uint64_t n = len < PAGE_SIZE ? len : PAGE_SIZE;
		uint8_t *frame = phys_to_virt(r->frames[i]);
		if (to_frames)
			memcpy(frame, p, n);
		else
			memcpy(p, frame, n);
		p += n;
		len -= n;
	}
}

/* Give the request a window in the provider with `len` bytes of frames (pv locked). */
static int64_t window_map(struct provider *pv, struct request *r, uint64_t len)
{
	r->window = -1;
	if (len == 0)
		return 0;
	int w = -1;
	for (;;) {
		for (int i = 0; i < WINDOWS && w < 0; i++)
			if (!(pv->windows & (1ULL << i)))
				w = i;
		if (w >= 0)
			break;
		/* all windows busy: wait for a reply to free one, as a slow file would */
		if (!wait_queue_sleep(&pv->window_free, &pv->lock) && sched_current()->interrupted)
			return -EINTR;
		if (pv->dead)
			return -EIO;
	}
	r->pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	r->frames = kzalloc(r->pages * sizeof(uint64_t));
	if (!r->frames)
		return -ENOMEM;
	uint64_t base = pv->window_base + (uint64_t)w * WINDOW_SIZE;
	for (uint64_t i = 0; i < r->pages; i++) {
		r->frames[i] = frame_alloc();
		if (!r->frames[i] ||
		    !paging_map(pv->cr3, base + i * PAGE_SIZE, r->frames[i],
		                PTE_USER | PTE_WRITE | PTE_NO_EXECUTE | PTE_LENT | PTE_MAY_WRITE)) {
			for (uint64_t j = 0; j < i; j++)
				paging_unmap(pv->cr3, base + j * PAGE_SIZE);
			free_frames(r);
			return -ENOMEM;
		}
	}
	pv->windows |= 1ULL << w;
	r->window = w;
	return (int64_t)base;
}

/* In the provider's context (so invlpg reaches its TLB): take the window back. */
static void window_unmap(struct provider *pv, struct request *r)
{
	if (r->window < 0)
		return;
	uint64_t base = pv->window_base + (uint64_t)r->window * WINDOW_SIZE;
	for (uint64_t i = 0; i < r->pages; i++)
		paging_unmap(pv->cr3, base + i * PAGE_SIZE);
	pv->windows &= ~(1ULL << r->window);
	r->window = -1;
	wait_queue_wake_all(&pv->window_free);
}

/* Where a call's buffer goes in the packet. */
enum layout {
	PLAIN,  /* no buffer: b, c, d as given */
	BUFFER, /* b = handle id, c = buffer, d = its length */
	PATH,   /* b = path, c = its length, d as given (flags, mode) */
};

/* One call to the provider; returns its result. */
struct call_args {
	const struct caller *who;
	uint64_t op;    /* SYS_OPEN, SYS_READ, ...: the packet's a */
	uint64_t id;    /* the provider's handle, for calls on one */
	const void *in; /* what the provider reads from the buffer */
	uint64_t in_len;
	void *out; /* where what it writes there comes back */
	uint64_t out_len;
	uint64_t c, d; /* plain arguments (PLAIN; d also for PATH) */
	enum layout layout;
	/* fmap: the reply is an address of share_pages pages in the provider;
	 * their frames (referenced) come back in *shared (kfree the array) */
	uint64_t share_pages;
	bool share_write;
	uint64_t **shared;
};

static void put_shared(uint64_t *frames, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (frames[i])
			frame_put(frames[i]);
	kfree(frames);
}

/*
 * An fmap reply (pv locked, in the provider's context): reference the
 * frames behind [addr, addr + pages) of the provider. Only its own pages
 * (or pages shared with it) count: no physical mappings, no windows.
 */
static int64_t share_collect(struct provider *pv, struct request *r, uint64_t addr)
{
	KASSERT(spin_held(&pv->lock));
	uint64_t len = r->share_pages * PAGE_SIZE;
	if ((addr & (PAGE_SIZE - 1)) || addr >= USER_END || len > USER_END - addr)
		return -EFAULT;
	r->shared = kzalloc(r->share_pages * sizeof(uint64_t));
	if (!r->shared)
		return -ENOMEM;
	for (uint64_t i = 0; i < r->share_pages; i++) {
		uint64_t pte = 0, phys = paging_translate(pv->cr3, addr + i * PAGE_SIZE, &pte);
		int64_t err = 0;
		if (!phys || !(pte & PTE_USER) || !(pte & (PTE_OWNED | PTE_SHARED)))
			err = -EFAULT;
		else if (r->share_write && !(pte & PTE_WRITE))
			err = -EACCES;
		else if (!frame_ref(phys & PTE_ADDR_MASK))
			err = -ENOMEM;
		if (err) {
			put_shared(r->shared, i);
			r->shared = 0;
			return err;
		}
		r->shared[i] = phys & PTE_ADDR_MASK;
	}
	return 0;
}

static int64_t call(struct provider *pv, const struct call_args *ca)
{
	const struct caller *who = ca->who;
	uint64_t a = ca->op, b = ca->id, in_len = ca->in_len, out_len = ca->out_len, c = ca->c,
	         d = ca->d;
	const void *in = ca->in;
	void *out = ca->out;
	enum layout layout = ca->layout;
	bool c_is_buffer = layout != PLAIN;
	struct request *r = kzalloc(sizeof *r);
	if (!r)
		return -ENOMEM;
	r->window = -1; /* a call without a buffer owns no window (window_unmap skips it) */
	r->share_pages = ca->share_pages;
	r->share_write = ca->share_write;
	uint64_t len = in ? in_len : out ? out_len : 0;
	if (len > WINDOW_SIZE)
		len = WINDOW_SIZE; /* a short read or write; callers loop */
	uint64_t flags = spin_lock_irqsave(&pv->lock);
	if (pv->dead) {
		spin_unlock_irqrestore(&pv->lock, flags);
		kfree(r);
		return -EIO;
	}
	int64_t at = c_is_buffer ? window_map(pv, r, len) : 0;
	if (at < 0) {
		spin_unlock_irqrestore(&pv->lock, flags);
		kfree(r);
		return at;
	}
	if (in && len)
		frames_copy(r, (void *)in, len, true);
	r->packet = (struct redox_packet){
	    .id = ++pv->next_id,
	    .pid = who->pid,
	    .uid = who->uid,
	    .gid = who->gid,
	    .a = a,
	    .b = layout == PATH ? (uint64_t)at : b,
	    .c = layout == PATH     ? len
	         : layout == BUFFER ? (uint64_t)at
	                            : c,
	    .d = layout == BUFFER ? len : d,
	};
	struct request **tail = &pv->queue;
	while (*tail)
		tail = &(*tail)->next;
	*tail = r;
	wait_queue_wake_all(&pv->readers);
	struct scheme *root = root_scheme();
	while (!r->replied && !pv->dead) {
		spin_unlock_irqrestore(&pv->lock, flags);
		if (root)
			scheme_event(root, (uint64_t)handle_from_ptr(pv), EVENT_READ);
		flags = spin_lock_irqsave(&pv->lock);
		if (r->replied || pv->dead)
			break;
		if (!wait_queue_sleep(&r->wait, &pv->lock) && sched_current()->interrupted &&
		    !r->replied && !pv->dead) {
			/* killed or signalled: the reply, if any, is dropped when it comes */
			r->abandoned = true;
			spin_unlock_irqrestore(&pv->lock, flags);
			return -EINTR;
		}
	}
	int64_t result = r->replied ? r->result : -EIO;
	bool dead = !r->replied;
	if (dead) {
		/* still queued or in flight at a dead provider: unlink it */
		for (struct request **q = &pv->queue; *q; q = &(*q)->next)
			if (*q == r) {
				*q = r->next;
				break;
			}
		for (struct request **q = &pv->inflight; *q; q = &(*q)->next)
			if (*q == r) {
				*q = r->next;
				break;
			}
	}
	spin_unlock_irqrestore(&pv->lock, flags);
	if (!dead && out && result >= 0 && r->frames)
		frames_copy(r, out, len, false);
	free_frames(r);
	if (ca->shared && result >= 0 && r->shared)
		*ca->shared = r->shared;
	else if (r->shared)
		put_shared(r->shared, r->share_pages);
	kfree(r);
	return result;
}

/* The provider reads packets (provider side, root.c). */
int64_t provider_read(struct provider *pv, void *buf, size_t len, bool nonblock)
{
	size_t max = len / sizeof(struct redox_packet), n = 0;
	if (max == 0)
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&pv->lock);
	while (!pv->queue) {
		if (nonblock) {
			spin_unlock_irqrestore(&pv->lock, flags);
			return -EAGAIN;
		}
		if (!wait_queue_sleep(&pv->readers, &pv->lock) && sched_current()->interrupted) {
			spin_unlock_irqrestore(&pv->lock, flags);
			return -EINTR;
		}
	}
	struct redox_packet *out = buf;
	while (pv->queue && n < max) {
		struct request *r = pv->queue;
		pv->queue = r->next;
		out[n++] = r->packet;
		r->taken = true;
		r->next = pv->inflight;
		pv->inflight = r;
	}
	spin_unlock_irqrestore(&pv->lock, flags);
	return (int64_t)(n * sizeof(struct redox_packet));
}

/* The provider writes replies (and readiness events). */
int64_t provider_write(struct provider *pv, const void *buf, size_t len)
{
	const struct redox_packet *in = buf;
	size_t n = len / sizeof *in;
	for (size_t i = 0; i < n; i++) {
		if (in[i].id == 0 && in[i].a == SYS_FEVENT) {
			scheme_event(pv->scheme, in[i].b, in[i].c);
			continue;
		}
		uint64_t flags = spin_lock_irqsave(&pv->lock);
		struct request *r = 0;
		for (struct request **q = &pv->inflight; *q; q = &(*q)->next)
			if ((*q)->packet.id == in[i].id) {
				r = *q;
				*q = r->next;
				break;
			}
		if (!r) {
			spin_unlock_irqrestore(&pv->lock, flags);
			continue; /* a reply nobody waits for */
		}
		window_unmap(pv, r);
		r->result = (int64_t)in[i].a;
		r->replied = true;
		if (r->abandoned) {
			spin_unlock_irqrestore(&pv->lock, flags);
			free_frames(r);
			kfree(r);
			continue;
		}
		if (r->share_pages && r->result >= 0) {
			int64_t err = share_collect(pv, r, (uint64_t)r->result);
			if (err < 0)
				r->result = err;
		}
		wait_queue_wake_all(&r->wait);
		spin_unlock_irqrestore(&pv->lock, flags);
	}
	return (int64_t)(n * sizeof *in);
}

bool provider_has_requests(struct provider *pv)
{
	return pv->queue != 0;
}

/* The provider is gone: fail everything, now and later. */
void provider_close(struct provider *pv)
{
	scheme_unregister(pv->scheme);
	uint64_t flags = spin_lock_irqsave(&pv->lock);
	pv->dead = true;
	/* Usually in the provider's own context (close, exit): its windows go now. */
	for (struct request *r = pv->queue; r; r = r->next) {
		window_unmap(pv, r);
		wait_queue_wake_all(&r->wait);
	}
	for (struct request *r = pv->inflight; r; r = r->next) {
		window_unmap(pv, r);
		wait_queue_wake_all(&r->wait);
	}
	wait_queue_wake_all(&pv->window_free);
	uint64_t space = pv->cr3;
	pv->cr3 = 0;
	spin_unlock_irqrestore(&pv->lock, flags);
	if (space)
		user_free_space(space); /* the hold provider_create took */
	log_info("provider of %s: (pid %u) closed", pv->scheme->name, pv->pid);
	/* pv stays allocated: files on "name:" still point at it and must see `dead`. */
}

/* The operations of a userspace scheme: each is one packet. */
#define PV ((struct provider *)data)

static int64_t u_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	return call(PV, &(struct call_args){.who = who,
	                                    .op = SYS_OPEN,
	                                    .in = path,
	                                    .in_len = strlen(path),
	                                    .d = flags,
	                                    .layout = PATH});
}

static int64_t u_chmod(void *data, const char *path, uint16_t mode, const struct caller *who)
{
	return call(PV, &(struct call_args){.who = who,
	                                    .op = SYS_CHMOD,
	                                    .in = path,
	                                    .in_len = strlen(path),
	                                    .d = mode,
	                                    .layout = PATH});
}

static int64_t u_rmdir(void *data, const char *path, const struct caller *who)
{
	return call(
	    PV,
	    &(struct call_args){
	        .who = who, .op = SYS_RMDIR, .in = path, .in_len = strlen(path), .layout = PATH});
}

static int64_t u_unlink(void *data, const char *path, const struct caller *who)
{
	return call(
	    PV,
	    &(struct call_args){
	        .who = who, .op = SYS_UNLINK, .in = path, .in_len = strlen(path), .layout = PATH});
}

static int64_t u_dup(void *data, uint64_t id, const char *buf, size_t len, const struct caller *who)
{
	return call(
	    PV,
	    &(struct call_args){
	        .who = who, .op = SYS_DUP, .id = id, .in = buf, .in_len = len, .layout = BUFFER});
}

/* A provider's byte count is believed only up to the buffer it was given. */
static int64_t count_checked(int64_t result, size_t len)
{
	uint64_t max = len < WINDOW_SIZE ? len : WINDOW_SIZE;
	return result > 0 && (uint64_t)result > max ? -EIO : result;
}

static int64_t u_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	return count_checked(call(PV, &(struct call_args){.who = who,
	                                                  .op = SYS_READ,
	                                                  .id = id,
	                                                  .out = buf,
	                                                  .out_len = len,
	                                                  .layout = BUFFER}),
	                     len);
}

static int64_t u_write(void *data, uint64_t id, const void *buf, size_t len,
                       const struct caller *who)
{
	return count_checked(call(PV, &(struct call_args){.who = who,
	                                                  .op = SYS_WRITE,
	                                                  .id = id,
	                                                  .in = buf,
	                                                  .in_len = len,
	                                                  .layout = BUFFER}),
	                     len);
}

static const struct caller kernel_caller = {0, 0, 0, 0};

static int64_t u_seek(void *data, uint64_t id, int64_t offset, int whence)
{
	return call(PV, &(struct call_args){.who = &kernel_caller,
	                                    .op = SYS_LSEEK,
	                                    .id = id,
	                                    .c = (uint64_t)offset,
	                                    .d = (uint64_t)whence});
}

static int64_t u_fcntl(void *data, uint64_t id, uint64_t cmd, uint64_t arg)
{
	return call(PV, &(struct call_args){
	                    .who = &kernel_caller, .op = SYS_FCNTL, .id = id, .c = cmd, .d = arg});
}

static int64_t u_fevent(void *data, uint64_t id, uint64_t flags)
{
	return call(
	    PV, &(struct call_args){.who = &kernel_caller, .op = SYS_FEVENT, .id = id, .c = flags});
}

static int64_t u_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	return count_checked(call(PV, &(struct call_args){.who = &kernel_caller,
	                                                  .op = SYS_FPATH,
	                                                  .id = id,
	                                                  .out = buf,
	                                                  .out_len = len,
	                                                  .layout = BUFFER}),
	                     len);
}

static int64_t u_frename(void *data, uint64_t id, const char *path, const struct caller *who)
{
	return call(PV, &(struct call_args){.who = who,
	                                    .op = SYS_FRENAME,
	                                    .id = id,
	                                    .in = path,
	                                    .in_len = strlen(path),
	                                    .layout = BUFFER});
}

static int64_t u_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	return call(PV, &(struct call_args){.who = &kernel_caller,
	                                    .op = SYS_FSTAT,
	                                    .id = id,
	                                    .out = st,
	                                    .out_len = sizeof *st,
	                                    .layout = BUFFER});
}

static int64_t u_fstatvfs(void *data, uint64_t id, struct redox_statvfs *st)
{
	return call(PV, &(struct call_args){.who = &kernel_caller,
	                                    .op = SYS_FSTATVFS,
	                                    .id = id,
	                                    .out = st,
	                                    .out_len = sizeof *st,
	                                    .layout = BUFFER});
}

static int64_t u_fsync(void *data, uint64_t id)
{
	return call(PV, &(struct call_args){.who = &kernel_caller, .op = SYS_FSYNC, .id = id});
}

static int64_t u_ftruncate(void *data, uint64_t id, uint64_t length)
{
	return call(PV, &(struct call_args){
	                    .who = &kernel_caller, .op = SYS_FTRUNCATE, .id = id, .c = length});
}

static int64_t u_futimens(void *data, uint64_t id, const struct redox_timespec *times)
{
	return call(PV, &(struct call_args){.who = &kernel_caller,
	                                    .op = SYS_FUTIMENS,
	                                    .id = id,
	                                    .in = times,
	                                    .in_len = 2 * sizeof *times,
	                                    .layout = BUFFER});
}

static int64_t u_fchmod(void *data, uint64_t id, uint16_t mode)
{
	return call(
	    PV, &(struct call_args){.who = &kernel_caller, .op = SYS_FCHMOD, .id = id, .c = mode});
}

static int64_t u_fchown(void *data, uint64_t id, uint32_t uid, uint32_t gid)
{
	return call(PV, &(struct call_args){
	                    .who = &kernel_caller, .op = SYS_FCHOWN, .id = id, .c = uid, .d = gid});
}

static int64_t u_close(void *data, uint64_t id)
{
	return call(PV, &(struct call_args){.who = &kernel_caller, .op = SYS_CLOSE, .id = id});
}

/* The provider names its pages (see the head comment); map them here. */
static int64_t u_fmap(void *data, uint64_t id, const struct redox_map *map,
                      const struct caller *who)
{
	uint64_t size = (map->size + PAGE_SIZE - 1) & PAGE_MASK;
	if (size == 0 || size < map->size || size > FMAP_SHARE_MAX)
		return -EINVAL;
	uint64_t *frames = 0;
	int64_t r = call(PV, &(struct call_args){.who = who,
	                                         .op = SYS_FMAP,
	                                         .id = id,
	                                         .in = map,
	                                         .in_len = sizeof *map,
	                                         .layout = BUFFER,
	                                         .share_pages = size / PAGE_SIZE,
	                                         .share_write = map->flags & PROT_WRITE,
	                                         .shared = &frames});
	if (r < 0)
		return r;
	KASSERT(frames);
	struct process *p = proc_by_pid(who->pid);
	if (!p) {
		put_shared(frames, size / PAGE_SIZE);
		return -ESRCH;
	}
	r = memory_map_frames(p, map, frames, size / PAGE_SIZE);
	proc_put(p);
	kfree(frames);
	return r;
}

#undef PV

static const struct scheme_ops user_ops = {
    .open = u_open,
    .chmod = u_chmod,
    .rmdir = u_rmdir,
    .unlink = u_unlink,
    .dup = u_dup,
    .read = u_read,
    .write = u_write,
    .seek = u_seek,
    .fcntl = u_fcntl,
    .fevent = u_fevent,
    .fmap = u_fmap,
    .fpath = u_fpath,
    .frename = u_frename,
    .fstat = u_fstat,
    .fstatvfs = u_fstatvfs,
    .fsync = u_fsync,
    .ftruncate = u_ftruncate,
    .futimens = u_futimens,
    .fchmod = u_fchmod,
    .fchown = u_fchown,
    .close = u_close,
};

int64_t provider_create(const char *name, const struct caller *who, struct provider **out)
{
	struct process *p = proc_by_pid(who->pid);
	if (!p)
		return -ESRCH;
	struct provider *pv = kzalloc(sizeof *pv);
	if (!pv) {
		proc_put(p);
		return -ENOMEM;
	}
	pv->pid = who->pid;
	pv->cr3 = p->cr3;
	static uint64_t next_range;
	pv->window_base = WINDOW_BASE + __atomic_fetch_add(&next_range, 1, __ATOMIC_RELAXED) %
	                                    WINDOW_RANGES * WINDOWS * WINDOW_SIZE;
	/* windows are mapped into this space for as long as the provider handle
	 * lives, which may be after the process exits or execs: hold it */
	bool held = user_space_hold(pv->cr3);
	proc_put(p);
	if (!held) {
		kfree(pv);
		return -ENOMEM;
	}
	int r = scheme_register(name, &user_ops, pv, &pv->scheme);
	if (r < 0) {
		user_free_space(pv->cr3);
		kfree(pv);
		return r;
	}
	*out = pv;
	return 0;
}
