/*
 * Schemes: every resource is a URL "scheme:reference". A scheme is a table
 * of operations on handle ids; an open file (struct file, shared by dup'd
 * descriptors) pairs a scheme with one of its ids. Kernel schemes
 * implement the operations directly; userspace schemes (user.c) forward
 * them as packets to the providing process.
 *
 * Buffers passed to read/write/fstat/fpath have already been checked by
 * the syscall dispatcher; schemes may use them directly.
 */
#ifndef KERNEL_SCHEME_SCHEME_H
#define KERNEL_SCHEME_SCHEME_H

#include <stddef.h>
#include <stdint.h>
#include <redox/abi/types.h>

/* Who is calling, and through which open file (for operations on handles). */
struct caller {
	uint32_t pid, uid, gid;
	uint64_t flags; /* the open file's O_* flags (O_NONBLOCK, access mode); 0 for path calls */
};

/*
 * Every operation returns >= 0 on success or -errno. Operations a scheme
 * leaves NULL fail the way Redox's do: path calls with ENOENT, handle
 * calls with EBADF (ESPIPE for seek, EINVAL for fcntl).
 */
struct scheme_ops {
	/* path calls; `path` is the part after "name:" */
	int64_t (*open)(void *data, const char *path, uint64_t flags, const struct caller *who);
	int64_t (*chmod)(void *data, const char *path, uint16_t mode, const struct caller *who);
	int64_t (*rmdir)(void *data, const char *path, const struct caller *who);
	int64_t (*unlink)(void *data, const char *path, const struct caller *who);
	/* handle calls */
	int64_t (*dup)(void *data, uint64_t id, const char *buf, size_t len,
	               const struct caller *who);
	int64_t (*read)(void *data, uint64_t id, void *buf, size_t len, const struct caller *who);
	int64_t (*write)(void *data, uint64_t id, const void *buf, size_t len,
	                 const struct caller *who);
	int64_t (*seek)(void *data, uint64_t id, int64_t offset, int whence);
	int64_t (*fcntl)(void *data, uint64_t id, uint64_t cmd, uint64_t arg);
	/* Register interest in `flags` (EVENT_READ/WRITE); returns those ready now. */
	int64_t (*fevent)(void *data, uint64_t id, uint64_t flags);
	/* Map into the caller's address space (kernel schemes); returns the address. */
	int64_t (*fmap)(void *data, uint64_t id, const struct redox_map *map,
	                const struct caller *who);
	int64_t (*fpath)(void *data, uint64_t id, char *buf, size_t len);
	int64_t (*frename)(void *data, uint64_t id, const char *path, const struct caller *who);
	int64_t (*fstat)(void *data, uint64_t id, struct redox_stat *st);
	int64_t (*fstatvfs)(void *data, uint64_t id, struct redox_statvfs *st);
	int64_t (*fsync)(void *data, uint64_t id);
	int64_t (*ftruncate)(void *data, uint64_t id, uint64_t length);
	int64_t (*futimens)(void *data, uint64_t id, const struct redox_timespec *times);
	int64_t (*fchmod)(void *data, uint64_t id, uint16_t mode);
	int64_t (*fchown)(void *data, uint64_t id, uint32_t uid, uint32_t gid);
	int64_t (*close)(void *data, uint64_t id);
};

/*
 * Kernel schemes that use a kernel object's address as the handle id:
 * ids must be non-negative (negative means -errno), so the id is the
 * object's offset in the direct map.
 */
#include <redox/abi/bootargs.h>
static inline int64_t handle_from_ptr(const void *p)
{
	return (int64_t)((uint64_t)p - REDOX_PHYS_OFFSET);
}

static inline void *ptr_from_handle(uint64_t id)
{
	return (void *)(id + REDOX_PHYS_OFFSET);
}

struct scheme {
	char name[32];
	const struct scheme_ops *ops;
	void *data;
};

struct file {
	struct scheme *scheme;
	uint64_t id;
	uint64_t flags; /* O_* given at open (access mode, O_APPEND, O_NONBLOCK) */
	int refs;
	uint32_t owner; /* whose account (proc/account.h) holds it: who opened it */
};

/* Make a scheme reachable as "name:"; *out (if given) receives it. */
int scheme_register(const char *name, const struct scheme_ops *ops, void *data,
                    struct scheme **out);
/* Forget a scheme (its provider went away); open files keep their pointer. */
void scheme_unregister(struct scheme *s);
struct scheme *scheme_find(const char *name, size_t len);

/* Open "scheme:reference" (no scheme: default_scheme) for `who`. */
int64_t file_open(const char *path, const char *default_scheme, uint64_t flags,
                  const struct caller *who, struct file **out);
/* An open file for a handle a scheme just made, charged to the calling
 * process's user (forks and dups of the descriptor share it); on failure
 * the handle is closed: -EMFILE past the user's limit, or -ENOMEM. */
int64_t file_new(struct scheme *s, uint64_t id, uint64_t flags, struct file **out);
struct file *file_get(struct file *f);
void file_put(struct file *f);
/* The caller record for an operation on f by process p. */
struct process;
struct caller file_caller(const struct file *f, const struct process *p);

/*
 * Readiness changed on (s, id): wake event queues that watch it. Schemes
 * call this whenever data arrives or room appears (event.c).
 */
void scheme_event(struct scheme *s, uint64_t id, uint64_t flags);

/* The kernel's own schemes */
void debug_scheme_init(void);
void event_scheme_init(void);
void root_scheme_init(void);
void initfs_scheme_init(uint64_t phys, uint64_t size);
/* Find a whole initfs file for the kernel itself (e.g. init). */
const void *initfs_lookup(const char *path, uint64_t *size);

/* More kernel schemes: pipe, time, irq, memory, sys, serio */
void pipe_scheme_init(void);
void time_scheme_init(void);
void memory_scheme_init(void);
void sys_scheme_init(const char *env, size_t env_size); /* sys:env shows the boot environment */
void serio_scheme_init(void); /* reserves its IRQs: before irq_scheme_init */
void irq_scheme_init(void);
void null_scheme_init(void); /* null: and zero: */
/* SYS_PIPE2: a new pipe's read and write ends (flags: O_NONBLOCK); its
 * buffer is charged to uid's kernel-buffer account. */
int64_t pipe_create(uint64_t flags, uint32_t uid, struct file **read_end, struct file **write_end);
/* A kernel driver owns IRQ n, so irq:n cannot be opened. */
void irq_reserve(uint32_t n);
/* memory.c: physical mappings, and the frames SYS_PHYSALLOC hands out */
enum { MEMORY_CACHE_WB, MEMORY_CACHE_UC, MEMORY_CACHE_WT, MEMORY_CACHE_WC };
int64_t memory_map_physical(struct process *p, const struct redox_map *map, int cache);
/* Map referenced frames (a user scheme's fmap) into p where map says: the
 * same frames (MAP_SHARED, the default) or copies (MAP_PRIVATE, charged as
 * anonymous memory). Consumes the references; returns the address. */
int64_t memory_map_frames(struct process *p, const struct redox_map *map, uint64_t *frames,
                          uint64_t count);
int64_t memory_phys_alloc(uint64_t size);
int64_t memory_phys_free(uint64_t phys, uint64_t size);
/* Boot: RAM the kernel keeps reserved that root may map (as if PHYSALLOC made it). */
void memory_phys_grant(uint64_t phys, uint64_t size);
/* sys:log: log.c hands every byte it prints to this ring. */
void sys_log_append(const char *text, size_t len);

#endif
