/*
 * redoxfsd: the root filesystem daemon. main.c finds the filesystem (the
 * bootloader's live copy in memory), mounts it and runs the packet loop;
 * scheme.c answers each request of the "file:" scheme.
 */
#ifndef REDOXFSD_H
#define REDOXFSD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <redox/abi/types.h>
#include <redoxfs/format.h>
#include <redoxfs/redoxfs.h>

/* Serve the filesystem `fs` (mounted read-write); lazy: commit only in
 * scheme_flush() and on fsync, not after every change. */
void scheme_init(struct redoxfs *fs, bool lazy);
/* Changes since the last commit? */
bool scheme_dirty(void);
/* Commit what changed since the last commit (0 when nothing did). */
int scheme_flush(void);

/* disk.c: the filesystem on a disk: scheme, found by uuid, with a block cache. */
struct disk;
/* Find the partition holding RedoxFS `uuid` ("xxxxxxxx-xxxx-..."): its io, or
 * NULL with *why set. `where` gets "disk.ahci0:0p3". */
const struct redoxfs_io *disk_find(const char *uuid, char *where, size_t len, const char **why);
/* mmap.c: file mappings shared with clients through fmap (see there). */
int64_t fmap_answer(struct redoxfs *fs, uint64_t handle, uint32_t ino, const struct redox_map *m,
                    bool may_read, bool may_write);
void fmap_overlay_read(uint32_t ino, uint64_t offset, void *buf, uint64_t len);
void fmap_update_write(uint32_t ino, uint64_t offset, const void *buf, uint64_t len);
void fmap_truncate(uint32_t ino, uint64_t size);
/* Write shared mappings of ino back to the file (fsync). */
int fmap_sync(struct redoxfs *fs, uint32_t ino);
/* The handle closes: write back what it mapped, free what nobody maps;
 * 1 when something was written, 0 when not, or -errno. */
int fmap_close(struct redoxfs *fs, uint64_t handle);
/* The replies are written: private buffers (already copied) can go. */
void fmap_after_replies(void);

/* Answer one request: the value for the reply's `a` (a result or -errno). */
int64_t scheme_handle(const struct redox_packet *p);

#endif
