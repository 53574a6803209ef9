/*
 * redoxfsd: the root filesystem daemon. main.c finds the filesystem (the
 * bootloader's live copy in memory), mounts it and runs the packet loop;
 * scheme.c answers each request of the "file:" scheme.
 */
#ifndef REDOXFSD_H
#define REDOXFSD_H

#include <stdint.h>
#include <redox/abi/types.h>
#include <redoxfs/format.h>
#include <redoxfs/redoxfs.h>

/* Serve the filesystem `fs` (mounted read-write). */
void scheme_init(struct redoxfs *fs);
/* Answer one request: the value for the reply's `a` (a result or -errno). */
int64_t scheme_handle(const struct redox_packet *p);

#endif
