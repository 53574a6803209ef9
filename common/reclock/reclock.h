/*
 * POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW) as a list of byte
 * ranges, each held by one owner (a process) on one file (a key the
 * caller makes, e.g. scheme + device + inode). The kernel keeps one list
 * for the whole system; this file is the range logic only (no allocation,
 * no locking: the caller passes spare nodes and frees what comes back),
 * so it is the same code in the kernel and in its host test.
 *
 * Invariant: an owner's locks on one file never overlap, and adjacent
 * ones of the same type are merged (as Linux does, so F_GETLK reports the
 * same ranges).
 */
#ifndef COMMON_RECLOCK_H
#define COMMON_RECLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define RECLOCK_READ   0          /* F_RDLCK */
#define RECLOCK_WRITE  1          /* F_WRLCK */
#define RECLOCK_UNLOCK 2          /* F_UNLCK */
#define RECLOCK_EOF    UINT64_MAX /* last byte of a lock "to the end of the file" */

struct reclock {
	struct reclock *next;
	uint64_t key[3];
	uint32_t owner;
	int type;            /* RECLOCK_READ or RECLOCK_WRITE */
	uint64_t start, end; /* bytes start..end, inclusive */
};

/* The first lock of another owner on req's file and bytes that req's
 * type cannot share (a write lock conflicts with any, a read lock with
 * write locks); NULL if none. req->type is READ or WRITE. */
struct reclock *reclock_conflict(struct reclock *list, const struct reclock *req);

/*
 * Set req (READ or WRITE) or remove (UNLOCK) req's owner's locks on
 * req's bytes, splitting and merging that owner's ranges; conflicts are
 * the caller's to check first. spare[0], spare[1]: nodes the call may
 * use (a used one is set to NULL; two are always enough). Nodes taken
 * out of the list are chained onto *freed.
 */
void reclock_set(struct reclock **list, const struct reclock *req, struct reclock *spare[2],
                 struct reclock **freed);

/* Remove every lock of owner on file key (key NULL: on every file),
 * chaining them onto *freed; returns whether there were any. */
bool reclock_release(struct reclock **list, uint32_t owner, const uint64_t *key,
                     struct reclock **freed);

/* Whether owner holds any lock at all. */
bool reclock_owner_has(const struct reclock *list, uint32_t owner);

#endif
