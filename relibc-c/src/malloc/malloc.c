/*
 * The allocator. Memory comes from the platform's page hooks
 * (__relibc_pages_alloc/__relibc_pages_free, mmap-like: page granular,
 * any page-aligned sub-range may be given back).
 *
 * Small requests (<= 8 KiB) are served from 32 size classes; each class
 * owns "slabs", 64 KiB chunks aligned to 64 KiB with a header at the
 * start, so free() finds a block's header by masking its address. Chunks
 * come from 1 MiB regions and go back to a cache when a slab empties.
 * Larger requests get their own mapping, also with a header at a 64 KiB
 * boundary below the pointer; a few freed ones (up to 1 MiB each, 8 MiB
 * in all) are kept for reuse. One lock guards everything.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include "internal/internal.h"

#define CHUNK     ((size_t)1 << 16)
#define REGION    (16 * CHUNK)
#define HDR       64 /* header size; the first block's offset */
#define NCLASSES  32
#define SMALL_MAX 8192
#define CACHE_MAX 32 /* free chunks kept before returning them */
/* freed large mappings kept for reuse: how many, how big, how much in all */
#define LARGE_CACHE      8
#define LARGE_CACHE_ITEM ((size_t)1 << 20)
#define LARGE_CACHE_ALL  ((size_t)8 << 20)
#define SLAB_MAGIC       0x51ab51abu
#define LARGE_MAGIC      0x1a79e1a7u

struct chunk {
	uint32_t magic;
	uint32_t cls;
	/* slab: */
	struct chunk *prev, *next; /* the class's list of slabs with room */
	void *free_list;           /* freed blocks, linked through their first word */
	uint32_t block_size, nblocks, used, bump;
	/* large: */
	char *map_base;
	size_t map_len;
};
_Static_assert(sizeof(struct chunk) <= HDR, "chunk header fits before the first block");

static __relibc_spinlock lock;
static struct chunk *partial[NCLASSES];
static struct chunk *chunk_cache; /* free chunks, linked through ->next */
static size_t cache_count;
static struct {
	char *base;
	size_t len;
} large_cache[LARGE_CACHE];
static size_t large_cached;

static size_t class_size(unsigned idx)
{
	if (idx < 8)
		return 16 * (idx + 1);
	unsigned b = 7 + (idx - 8) / 4, j = (idx - 8) % 4;
	return ((size_t)1 << b) + (j + 1) * ((size_t)1 << (b - 2));
}

static unsigned class_of(size_t size)
{
	if (size <= 128)
		return size ? (unsigned)((size + 15) / 16 - 1) : 0;
	size_t s = size - 1;
	unsigned b = 63 - (unsigned)__builtin_clzl(s);
	return 8 + (b - 7) * 4 + (unsigned)((s >> (b - 2)) & 3);
}

static size_t page_round(size_t n)
{
	return (n + RELIBC_PAGE_SIZE - 1) & ~(RELIBC_PAGE_SIZE - 1);
}

/* maps len bytes aligned to `align` (a multiple of the page size) */
static char *map_aligned(size_t len, size_t align)
{
	size_t total = len + align - RELIBC_PAGE_SIZE;
	if (total < len)
		return NULL;
	char *raw = __relibc_pages_alloc(total);
	if (!raw)
		return NULL;
	char *start = (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	size_t head = (size_t)(start - raw), tail = total - head - len;
	if (head)
		__relibc_pages_free(raw, head);
	if (tail)
		__relibc_pages_free(start + len, tail);
	return start;
}

static struct chunk *get_chunk(void)
{
	if (!chunk_cache) {
		char *r = map_aligned(REGION, CHUNK);
		if (!r)
			return NULL;
		for (size_t off = 0; off < REGION; off += CHUNK) {
			struct chunk *c = (struct chunk *)(r + off);
			c->next = chunk_cache;
			chunk_cache = c;
			cache_count++;
		}
	}
	struct chunk *c = chunk_cache;
	chunk_cache = c->next;
	cache_count--;
	return c;
}

static void put_chunk(struct chunk *c)
{
	c->magic = 0;
	if (cache_count >= CACHE_MAX) {
		__relibc_pages_free(c, CHUNK);
		return;
	}
	c->next = chunk_cache;
	chunk_cache = c;
	cache_count++;
}

static void list_remove(struct chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		partial[c->cls] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
}

static void list_push(struct chunk *c)
{
	c->prev = NULL;
	c->next = partial[c->cls];
	if (c->next)
		c->next->prev = c;
	partial[c->cls] = c;
}

static void *small_alloc(unsigned cls)
{
	struct chunk *c = partial[cls];
	if (!c) {
		c = get_chunk();
		if (!c)
			return NULL;
		c->magic = SLAB_MAGIC;
		c->cls = cls;
		c->block_size = (uint32_t)class_size(cls);
		c->nblocks = (uint32_t)((CHUNK - HDR) / c->block_size);
		c->used = c->bump = 0;
		c->free_list = NULL;
		list_push(c);
	}
	void *p;
	if (c->free_list) {
		p = c->free_list;
		c->free_list = *(void **)p;
	} else {
		p = (char *)c + HDR + (size_t)c->bump * c->block_size;
		c->bump++;
	}
	if (++c->used == c->nblocks)
		list_remove(c);
	return p;
}

static void small_free(struct chunk *c, void *p)
{
	size_t off = (size_t)((char *)p - ((char *)c + HDR));
	if (off % c->block_size || c->used == 0)
		__builtin_trap(); /* not a block we handed out */
	int was_full = c->used == c->nblocks;
	*(void **)p = c->free_list;
	c->free_list = p;
	c->used--;
	if (was_full)
		list_push(c);
	else if (c->used == 0 && (c->prev || c->next)) {
		/* keep one slab per class; give the others back */
		list_remove(c);
		put_chunk(c);
	}
}

/* a mapping of its own; the pointer is `align`-aligned (align >= 16) */
static void *large_alloc(size_t size, size_t align)
{
	size_t off = align > HDR ? align : HDR;
	size_t base_align = align > CHUNK ? align : CHUNK;
	if (size > SIZE_MAX / 2 || align > SIZE_MAX / 4)
		return NULL;
	size_t len = page_round(off + size);
	char *base = NULL;
	if (base_align == CHUNK) {
		/* a cached mapping that fits without wasting more than half */
		for (int i = 0; i < LARGE_CACHE; i++) {
			if (large_cache[i].base && large_cache[i].len >= len &&
			    large_cache[i].len / 2 <= len) {
				base = large_cache[i].base;
				len = large_cache[i].len;
				large_cache[i].base = NULL;
				large_cached -= len;
				break;
			}
		}
	}
	if (!base)
		base = map_aligned(len, base_align);
	if (!base)
		return NULL;
	char *p = base + off;
	struct chunk *h = (struct chunk *)(base + ((off - 1) & ~(CHUNK - 1)));
	h->magic = LARGE_MAGIC;
	h->map_base = base;
	h->map_len = len;
	return p;
}

static struct chunk *header_of(void *p)
{
	struct chunk *c = (struct chunk *)(((uintptr_t)p - 1) & ~(uintptr_t)(CHUNK - 1));
	if (c->magic != SLAB_MAGIC && c->magic != LARGE_MAGIC)
		__builtin_trap(); /* free() of a pointer malloc never returned */
	return c;
}

static size_t usable(struct chunk *c, void *p)
{
	if (c->magic == SLAB_MAGIC)
		return c->block_size;
	return (size_t)(c->map_base + c->map_len - (char *)p);
}

static void *alloc_locked(size_t size, size_t align)
{
	if (align <= 16 && size <= SMALL_MAX)
		return small_alloc(class_of(size));
	if (align <= HDR && size <= SMALL_MAX) {
		/* blocks sit at HDR + k * block_size: a class that is a multiple works */
		for (unsigned cls = class_of(size); cls < NCLASSES; cls++) {
			if (class_size(cls) % align == 0)
				return small_alloc(cls);
		}
	}
	return large_alloc(size, align < 16 ? 16 : align);
}

static void *alloc(size_t size, size_t align)
{
	__relibc_lock(&lock);
	void *p = alloc_locked(size, align);
	__relibc_unlock(&lock);
	if (!p)
		errno = ENOMEM;
	return p;
}

void *malloc(size_t size)
{
	return alloc(size, 16);
}

void free(void *p)
{
	if (!p)
		return;
	__relibc_lock(&lock);
	struct chunk *c = header_of(p);
	if (c->magic == SLAB_MAGIC) {
		small_free(c, p);
		__relibc_unlock(&lock);
		return;
	}
	char *base = c->map_base;
	size_t len = c->map_len;
	c->magic = 0;
	if ((char *)c == base && len <= LARGE_CACHE_ITEM) {
		/* keep it for the next large request; evict to make room */
		for (int i = 0; i < LARGE_CACHE && large_cached + len > LARGE_CACHE_ALL; i++) {
			if (large_cache[i].base) {
				__relibc_pages_free(large_cache[i].base, large_cache[i].len);
				large_cached -= large_cache[i].len;
				large_cache[i].base = NULL;
			}
		}
		for (int i = 0; i < LARGE_CACHE; i++) {
			if (!large_cache[i].base) {
				large_cache[i].base = base;
				large_cache[i].len = len;
				large_cached += len;
				__relibc_unlock(&lock);
				return;
			}
		}
	}
	__relibc_unlock(&lock);
	__relibc_pages_free(base, len);
}

void *calloc(size_t n, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(total);
	if (p)
		memset(p, 0, total);
	return p;
}

void *realloc(void *p, size_t size)
{
	if (!p)
		return malloc(size);
	__relibc_lock(&lock);
	struct chunk *c = header_of(p);
	size_t have = usable(c, p);
	int is_small = c->magic == SLAB_MAGIC;
	__relibc_unlock(&lock);
	/* stay in place if it fits and a small block would not waste half */
	if (size <= have && (!is_small || size > have / 2 || have <= 16))
		return p;
	void *q = malloc(size);
	if (!q)
		return NULL;
	memcpy(q, p, size < have ? size : have);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, total);
}

size_t malloc_usable_size(void *p)
{
	if (!p)
		return 0;
	__relibc_lock(&lock);
	size_t n = usable(header_of(p), p);
	__relibc_unlock(&lock);
	return n;
}

static int valid_align(size_t align)
{
	return align && (align & (align - 1)) == 0;
}

int posix_memalign(void **out, size_t align, size_t size)
{
	if (!valid_align(align) || align < sizeof(void *))
		return EINVAL;
	void *p = alloc(size, align);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	if (!valid_align(align)) {
		errno = EINVAL;
		return NULL;
	}
	return alloc(size, align);
}

void *memalign(size_t align, size_t size)
{
	return aligned_alloc(align, size);
}

void *valloc(size_t size)
{
	return alloc(size, RELIBC_PAGE_SIZE);
}
