/*
 * The RedoxFS on-disk format (version 1): block size, header ring, block
 * pointers, nodes, directory chunks. docs/redoxfs.md describes the same
 * structures in prose. All integers are little-endian; the structs below
 * have no padding and match the disk byte for byte on x86_64.
 */
#ifndef REDOXFS_FORMAT_H
#define REDOXFS_FORMAT_H

#include <stdint.h>

#define REDOXFS_BLOCK_SIZE   4096
#define REDOXFS_BLOCK_SHIFT  12
#define REDOXFS_VERSION      1
#define REDOXFS_SIGNATURE    "RedoxFS" /* 8 bytes with its NUL */
#define REDOXFS_HEADER_SLOTS 4         /* blocks 0..3: the header ring */
#define REDOXFS_HEADER_SIZE  512       /* written as one sector */
#define REDOXFS_MIN_BLOCKS   16

/* Block pointer: where a block is and the CRC32C its 4096 bytes must have. */
struct redoxfs_ptr {
	uint64_t block; /* 0 = no block (block 0 is a header slot) */
	uint32_t crc;
	uint32_t reserved; /* 0 */
};

#define REDOXFS_PTRS_PER_BLOCK 256

/*
 * Header slot n holds the header of every generation g with g % 4 == n.
 * Only its first 512 bytes are used; the rest of the slot is zero.
 */
struct redoxfs_header {
	char signature[8];        /* 0x000 "RedoxFS\0" */
	uint32_t version;         /* 0x008 */
	uint32_t block_size;      /* 0x00C 4096 */
	uint64_t generation;      /* 0x010 commit counter, 1 after mkfs */
	uint8_t uuid[16];         /* 0x018 */
	uint64_t size;            /* 0x028 filesystem bytes, a multiple of 4096 */
	struct redoxfs_ptr root;  /* 0x030 inode tree, top level */
	struct redoxfs_ptr space; /* 0x040 space-map node */
	uint64_t free_blocks;     /* 0x050 */
	uint32_t next_ino;        /* 0x058 inode numbers are never reused */
	uint32_t reserved0;       /* 0x05C */
	uint64_t time_sec;        /* 0x060 commit time */
	uint32_t time_nsec;       /* 0x068 */
	uint8_t reserved[400];    /* 0x06C zero */
	uint32_t crc;             /* 0x1FC CRC32C of bytes 0x000..0x1FB */
};

/*
 * Inode tree: REDOXFS_TREE_LEVELS levels of 256-pointer blocks indexed by
 * the bytes of the 32-bit inode number, most significant byte first; a
 * level-0 entry points to the node block. Empty tree blocks are freed.
 */
#define REDOXFS_TREE_LEVELS 4
#define REDOXFS_ROOT_INO    1

/* Node: one per file, directory or symlink, one block each. */
#define REDOXFS_NODE_MAGIC  0x4e534652u /* "RFSN" */
#define REDOXFS_SPACE_MAGIC 0x4d534652u /* "RFSM": the space-map node */
#define REDOXFS_NODE_PTRS   240
#define REDOXFS_INLINE_MAX  (REDOXFS_NODE_PTRS * 16)
#define REDOXFS_MAX_HEIGHT  3
#define REDOXFS_NODE_INLINE 0x01 /* flags: data lives in the node itself */

struct redoxfs_node {
	uint32_t magic;      /* 0x000 */
	uint32_t ino;        /* 0x004 this node's inode number (0: space map) */
	uint16_t mode;       /* 0x008 type | permissions */
	uint8_t flags;       /* 0x00A REDOXFS_NODE_* */
	uint8_t height;      /* 0x00B levels of indirect blocks below ptrs */
	uint32_t uid;        /* 0x00C */
	uint32_t gid;        /* 0x010 */
	uint32_t links;      /* 0x014 */
	uint64_t size;       /* 0x018 */
	uint64_t ctime;      /* 0x020 */
	uint64_t mtime;      /* 0x028 */
	uint64_t atime;      /* 0x030 */
	uint32_t ctime_nsec; /* 0x038 */
	uint32_t mtime_nsec; /* 0x03C */
	uint32_t atime_nsec; /* 0x040 */
	uint32_t parent;     /* 0x044 directories: the containing directory */
	uint8_t reserved[184];
	union { /* 0x100 */
		struct redoxfs_ptr ptrs[REDOXFS_NODE_PTRS];
		uint8_t data[REDOXFS_INLINE_MAX];
	};
};

/*
 * Data of a node (height h): ptrs[i] covers 256^h blocks; each level of
 * indirect block splits its range in 256. Block index b of the data is
 * ptrs[b >> 8h], then entry (b >> 8(l)) & 255 of the level-l block.
 */

/*
 * Directory data: 1024-byte chunks. A chunk is a run of records
 * {u32 ino, u8 name_len, name[name_len]} (unaligned). name_len == 0 ends
 * the chunk (the rest is zero); ino == 0 with name_len > 0 is a hole
 * left by a removed entry.
 */
#define REDOXFS_DIR_CHUNK   1024
#define REDOXFS_DIR_REC_HDR 5
#define REDOXFS_NAME_MAX    255
#define REDOXFS_SYMLINK_MAX 4095

_Static_assert(sizeof(struct redoxfs_ptr) == 16, "ptr layout");
_Static_assert(sizeof(struct redoxfs_header) == REDOXFS_HEADER_SIZE, "header layout");
_Static_assert(sizeof(struct redoxfs_node) == REDOXFS_BLOCK_SIZE, "node layout");
_Static_assert(__builtin_offsetof(struct redoxfs_node, ptrs) == 256, "node layout");
_Static_assert(__builtin_offsetof(struct redoxfs_header, crc) == 0x1FC, "header layout");

#endif
