/*
 * Helpers for the RedoxFS host tests: an in-memory disk that can record
 * its writes (for the crash test), malloc hooks; checks are
 * tests/host/check.h's REQUIRE (stop at the first failure) and OK below.
 */
#ifndef REDOXFS_TEST_UTIL_H
#define REDOXFS_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "redoxfs/fsck.h"
#include "redoxfs/reader.h"
#include "redoxfs/redoxfs.h"

#define CHECK_SHARED_COUNTERS
#include "../check.h"

/* An expression that must be 0 (or >= 0); prints the error otherwise. */
#define OK(expr)                                                                                   \
	do {                                                                                       \
		long long r_ = (long long)(expr);                                                  \
		CHECK_RESULT(r_ >= 0, "%s returned %lld", #expr, r_);                              \
		if (r_ < 0)                                                                        \
			exit(1);                                                                   \
	} while (0)

struct write_rec {
	uint64_t off;
	size_t len;
	uint8_t *data;
};

struct memdisk {
	uint8_t *data;
	size_t size;
	struct redoxfs_io io;
	bool record;
	struct write_rec *log;
	size_t nlog, cap_log;
	unsigned long reads, writes, flushes;
	bool fail_writes; /* make every write fail with -EIO */
};

void md_init(struct memdisk *md, size_t size);
void md_free(struct memdisk *md);
void md_clear_log(struct memdisk *md);

extern const struct redoxfs_hooks test_hooks;
extern struct redoxfs_time test_clock; /* what the hooks' now() returns */

/* Format a fresh filesystem on md and mount it. */
struct redoxfs *fresh_fs(struct memdisk *md, size_t size);
struct redoxfs *remount(struct memdisk *md, struct redoxfs *fs);

/* Whole-file helpers on paths. */
uint32_t path_ino(struct redoxfs *fs, const char *path); /* 0 if missing */
uint32_t put_file(struct redoxfs *fs, const char *path, const void *data, size_t len);
/* Read a whole file; *len gets its size. Caller frees. */
uint8_t *get_file(struct redoxfs *fs, const char *path, size_t *len);

/* fsck on the in-memory image; returns 0 clean / 1 damaged. */
int fsck_md(struct memdisk *md, char *msg, size_t msglen);

void fill_pattern(uint8_t *buf, size_t len, uint32_t seed);
uint32_t rng_next(uint64_t *state);

#endif
