/*
 * Private to redoxfs/lib: the in-memory index of one large directory
 * (dirindex.c), used by dir.c.
 */
#ifndef REDOXFS_DIRINDEX_H
#define REDOXFS_DIRINDEX_H

#include "rw.h"

/* Directories smaller than this are scanned; larger ones indexed. */
#define RFS_DIX_MIN (8 * REDOXFS_BLOCK_SIZE)

struct rfs_dix_ent {
	uint32_t hash, ino; /* ino 0: removed */
	uint64_t pos;       /* byte position of the record */
	uint32_t name;      /* offset in names */
	uint8_t len;
};

struct rfs_dix {
	uint32_t ino;
	uint64_t size;
	struct rfs_dix_ent *ents;
	size_t nents, ecap;
	uint32_t *table; /* entry index + 1; 0 empty */
	size_t tcap;
	char *names;
	size_t names_len, names_cap;
	uint16_t *chunks; /* per chunk: where its terminator is */
	size_t nchunks, ccap;
	size_t room_from;       /* chunks before it have no room */
	size_t last, last_slot; /* what the last find found */
};

/* The index of `d`, (re)built if needed; NULL for small directories or
 * when it cannot be built (the caller scans instead). */
struct rfs_dix *rfs_dix_for(struct redoxfs *fs, const struct redoxfs_node *d);
int rfs_dix_build(struct redoxfs *fs, const struct redoxfs_node *d);
void rfs_dix_drop(struct redoxfs *fs);
int rfs_dix_find(struct rfs_dix *x, const char *name, size_t len, uint32_t *ino, uint64_t *pos);
/* A chunk with `need` bytes after its terminator: its number and *at, or -1. */
int64_t rfs_dix_room(struct rfs_dix *x, size_t need, uint64_t *at);
/* After dir.c wrote a record at pos (d already grown if it appended). */
bool rfs_dix_added(struct redoxfs *fs, struct rfs_dix *x, const struct redoxfs_node *d,
                   const char *name, size_t len, uint32_t ino, uint64_t pos);
/* After dir.c removed the record at pos (the one the last find found). */
void rfs_dix_removed(struct redoxfs *fs, const struct redoxfs_node *d, uint64_t pos,
                     bool chunk_emptied);

#endif
