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

struct caller {
	uint32_t pid, uid, gid;
};

struct scheme_ops {
	/* Returns a handle id (>= 0) or -errno. `path` is the part after "name:". */
	int64_t (*open)(void *data, const char *path, uint64_t flags, const struct caller *who);
	int64_t (*read)(void *data, uint64_t id, void *buf, size_t len);
	int64_t (*write)(void *data, uint64_t id, const void *buf, size_t len);
	int64_t (*seek)(void *data, uint64_t id, int64_t offset, int whence);
	int64_t (*fstat)(void *data, uint64_t id, struct redox_stat *st);
	int64_t (*fpath)(void *data, uint64_t id, char *buf, size_t len);
	int64_t (*close)(void *data, uint64_t id);
};

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
};

int scheme_register(const char *name, const struct scheme_ops *ops, void *data);
struct scheme *scheme_find(const char *name, size_t len);

/* Open "scheme:reference" (no scheme: default_scheme) for `who`. */
int64_t file_open(const char *path, const char *default_scheme, uint64_t flags,
		  const struct caller *who, struct file **out);
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* The kernel's own schemes */
void debug_scheme_init(void);
void initfs_scheme_init(uint64_t phys, uint64_t size);
/* Find a whole initfs file for the kernel itself (e.g. init). */
const void *initfs_lookup(const char *path, uint64_t *size);

#endif
