/*
 * The read-write RedoxFS API: format, mount, namespace and data
 * operations, commit. A `struct redoxfs *` holds all state (no globals),
 * so a daemon can serve several filesystems. Memory comes from the hooks
 * given at mount; no libc is used.
 *
 * Changes are copy-on-write and invisible on disk until
 * redoxfs_commit(), which makes all of them durable at once; unmounting
 * without commit drops them. Inodes are named by number; the path
 * helpers resolve names for tools. All functions return 0 (or a count)
 * on success and a negative REDOXFS_E* value on failure. After an I/O
 * error in the middle of an update the handle refuses further changes
 * (-REDOXFS_EIO): the last commit on disk stays intact.
 */
#ifndef REDOXFS_REDOXFS_H
#define REDOXFS_REDOXFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "redoxfs/common.h"

struct redoxfs;

struct redoxfs_hooks {
	void *(*alloc)(size_t size); /* NULL on failure */
	void (*free)(void *ptr);
	/* Current time for timestamps; NULL: timestamps are 0. */
	void (*now)(struct redoxfs_time *t);
};

/* Write an empty filesystem (just a root directory, mode 0755, owned by
 * 0:0) of `size` bytes (rounded down to 4 KiB) at `offset`. */
int redoxfs_format(const struct redoxfs_io *io, uint64_t offset, uint64_t size,
                   const uint8_t uuid[16], const struct redoxfs_hooks *hooks);

/* io->write may be NULL for a read-only mount. */
int redoxfs_mount(struct redoxfs **out, const struct redoxfs_io *io, uint64_t offset,
                  const struct redoxfs_hooks *hooks);
/* Frees the handle; uncommitted changes are dropped. */
void redoxfs_unmount(struct redoxfs *fs);
/* Make every change since the last commit durable, atomically. */
int redoxfs_commit(struct redoxfs *fs);

struct redoxfs_info {
	uint8_t uuid[16];
	uint64_t generation; /* of the last commit */
	uint64_t blocks;     /* total 4 KiB blocks */
	uint64_t free;       /* blocks available now */
	uint32_t next_ino;
};
void redoxfs_info(struct redoxfs *fs, struct redoxfs_info *info);

/* ---- names ---- */
uint32_t redoxfs_root(struct redoxfs *fs);
int redoxfs_lookup(struct redoxfs *fs, uint32_t dir, const char *name, size_t len, uint32_t *ino);
/* Resolve a '/'-separated path from the root; "." and ".." work. With
 * `follow`, symlinks are followed (also in the last component). */
int redoxfs_lookup_path(struct redoxfs *fs, const char *path, bool follow, uint32_t *ino);

/* mode = REDOXFS_MODE_FILE or _DIR | permissions. */
int redoxfs_create(struct redoxfs *fs, uint32_t dir, const char *name, uint16_t mode, uint32_t uid,
                   uint32_t gid, uint32_t *ino);
int redoxfs_mkdir(struct redoxfs *fs, uint32_t dir, const char *name, uint16_t perm, uint32_t uid,
                  uint32_t gid, uint32_t *ino);
int redoxfs_symlink(struct redoxfs *fs, uint32_t dir, const char *name, const char *target,
                    uint32_t uid, uint32_t gid, uint32_t *ino);
/* Another name for a non-directory. */
int redoxfs_link(struct redoxfs *fs, uint32_t ino, uint32_t dir, const char *name);
/* Remove a non-directory entry; the node goes with its last link. */
int redoxfs_unlink(struct redoxfs *fs, uint32_t dir, const char *name);
/* The same for a file someone still has open: the entry goes now, the
 * node stays with no links until redoxfs_release (at its last close). A
 * crash in between leaves a node with no links, which fsck reports. */
int redoxfs_unlink_open(struct redoxfs *fs, uint32_t dir, const char *name);
/* Free node `ino` if it has no links left (nothing otherwise). */
int redoxfs_release(struct redoxfs *fs, uint32_t ino);
int redoxfs_rmdir(struct redoxfs *fs, uint32_t dir, const char *name);
/* POSIX rename: replaces a file, or an empty directory with a directory. */
int redoxfs_rename(struct redoxfs *fs, uint32_t old_dir, const char *old_name, uint32_t new_dir,
                   const char *new_name);

struct redoxfs_dirent {
	uint32_t ino;
	uint8_t name_len;
	char name[255 + 1]; /* NUL-terminated */
};
/* Start with *cookie = 0. Returns 1 with an entry, 0 at the end. */
int redoxfs_readdir(struct redoxfs *fs, uint32_t dir, uint64_t *cookie, struct redoxfs_dirent *ent);

/* ---- nodes ---- */
int redoxfs_stat(struct redoxfs *fs, uint32_t ino, struct redoxfs_stat *st);
/* Reading never writes: atime is only what utimens sets. */
int64_t redoxfs_read(struct redoxfs *fs, uint32_t ino, uint64_t offset, void *buf, size_t len);
/* May write less than asked when the disk fills; -REDOXFS_ENOSPC if
 * nothing fits. Holes read as zeros. */
int64_t redoxfs_write(struct redoxfs *fs, uint32_t ino, uint64_t offset, const void *buf,
                      size_t len);
int redoxfs_truncate(struct redoxfs *fs, uint32_t ino, uint64_t size);
/* Symlink target into buf (not NUL-terminated); returns its length. */
int64_t redoxfs_readlink(struct redoxfs *fs, uint32_t ino, char *buf, size_t len);
int redoxfs_chmod(struct redoxfs *fs, uint32_t ino, uint16_t perm);
int redoxfs_chown(struct redoxfs *fs, uint32_t ino, uint32_t uid, uint32_t gid);
/* NULL leaves that time alone. */
int redoxfs_utimens(struct redoxfs *fs, uint32_t ino, const struct redoxfs_time *atime,
                    const struct redoxfs_time *mtime);

#endif
