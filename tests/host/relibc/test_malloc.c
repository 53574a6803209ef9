/*
 * The allocator: a random workload of malloc/calloc/realloc/free whose
 * blocks are filled and verified (overlap or corruption shows up), every
 * size class and large sizes, alignment requests, error cases, and
 * memory going back to the page hook when freed.
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include "test.h"
#include "rl.h"

struct slot {
	unsigned char *p;
	size_t n;
	unsigned char tag;
};

/* the bytes of a block that carry the pattern: all of a small one, the
 * ends and a byte per page of a large one (to keep the test fast) */
static size_t next_index(size_t i, size_t n)
{
	if (n <= 8192 || i < 2048 || i + 2048 >= n)
		return i + 1;
	size_t j = i + 4096;
	return j + 2048 < n ? j : n - 2048;
}

static int verify(const struct slot *s)
{
	for (size_t i = 0; i < s->n; i = next_index(i, s->n)) {
		if (s->p[i] != (unsigned char)(s->tag + i))
			return 0;
	}
	return 1;
}

static void fill(struct slot *s)
{
	for (size_t i = 0; i < s->n; i = next_index(i, s->n))
		s->p[i] = (unsigned char)(s->tag + i);
}

static size_t random_size(void)
{
	switch (t_rand() % 8) {
	case 0:
		return t_rand() % 17;
	case 1:
		return 100000 + t_rand() % 300000;
	case 2:
		return t_rand() % 20000;
	default:
		return t_rand() % 600;
	}
}

static void workload(void)
{
	enum { SLOTS = 2000 };
	static struct slot s[SLOTS];
	long base = t_pages_mapped;
	int bad = 0;
	for (int i = 0; i < 60000; i++) {
		struct slot *x = &s[t_rand() % SLOTS];
		if (x->p) {
			bad += !verify(x);
			if (t_rand() % 3 == 0) {
				size_t n = random_size();
				unsigned char *q = rl_realloc(x->p, n);
				if (!q) {
					bad++;
					continue;
				}
				/* the common prefix moved intact */
				size_t keep = n < x->n ? n : x->n;
				x->p = q;
				for (size_t k = 0; k < keep && k < 2048; k++)
					bad += q[k] != (unsigned char)(x->tag + k);
				x->n = n;
				fill(x);
				continue;
			}
			rl_free(x->p);
			x->p = NULL;
			continue;
		}
		x->n = random_size();
		x->tag = (unsigned char)t_rand();
		if (t_rand() % 4 == 0) {
			x->p = rl_calloc(1, x->n);
			for (size_t k = 0; x->p && k < x->n; k++)
				bad += x->p[k] != 0;
		} else {
			x->p = rl_malloc(x->n);
		}
		if (!x->p || ((uintptr_t)x->p & 15) || rl_malloc_usable_size(x->p) < x->n) {
			bad++;
			continue;
		}
		fill(x);
	}
	for (int i = 0; i < SLOTS; i++) {
		if (s[i].p) {
			bad += !verify(&s[i]);
			rl_free(s[i].p);
			s[i].p = NULL;
		}
	}
	CHECK_INT(bad, 0);
	/* everything freed: at most the caches (chunks, one slab per class, large) stay */
	CHECK_QUIET(t_pages_mapped - base <= (32 + 32) * 65536L + (8L << 20),
	            "%ld bytes still mapped", t_pages_mapped - base);
}

static void classes_and_alignment(void)
{
	/* every small size once, distinct and writable */
	for (size_t n = 0; n <= 9000; n += 1 + n / 16) {
		unsigned char *a = rl_malloc(n), *b = rl_malloc(n);
		CHECK_QUIET(a && b && a != b && ((uintptr_t)a & 15) == 0, "malloc(%zu)", n);
		memset(a, 1, n);
		memset(b, 2, n);
		CHECK_QUIET(n == 0 || (a[n - 1] == 1 && b[0] == 2), "overlap at %zu", n);
		rl_free(a);
		rl_free(b);
	}
	for (size_t align = 1; align <= (1u << 20); align *= 2) {
		void *p = NULL;
		int r = rl_posix_memalign(&p, align, 100);
		if (align < sizeof(void *)) {
			CHECK_INT(r, EINVAL);
			continue;
		}
		CHECK_QUIET(r == 0 && p && ((uintptr_t)p % align) == 0, "posix_memalign %zu",
		            align);
		memset(p, 0xab, 100);
		rl_free(p);
		p = rl_aligned_alloc(align, 5000);
		CHECK_QUIET(p && ((uintptr_t)p % align) == 0, "aligned_alloc %zu", align);
		rl_free(p);
	}
	void *v = rl_valloc(10);
	CHECK(v && ((uintptr_t)v & 4095) == 0);
	rl_free(v);
	rl_errno = 0;
	CHECK(rl_aligned_alloc(24, 10) == NULL && rl_errno == EINVAL);
	rl_errno = 0;
	CHECK(rl_calloc(SIZE_MAX / 2, 3) == NULL && rl_errno == ENOMEM);
	CHECK(rl_malloc(SIZE_MAX - 100) == NULL);
	CHECK(rl_reallocarray(NULL, SIZE_MAX / 2, 3) == NULL);
	rl_free(NULL);
	/* a large block goes back to the hook on free */
	long before = t_pages_mapped;
	void *big = rl_malloc(10 << 20);
	CHECK(big && t_pages_mapped - before >= (10 << 20));
	memset(big, 7, 10 << 20);
	rl_free(big);
	CHECK_INT(t_pages_mapped, before);
	/* realloc grows in place while the mapping has room */
	char *r = rl_malloc(100000);
	size_t usable = rl_malloc_usable_size(r);
	CHECK(rl_realloc(r, usable) == r);
	r = rl_realloc(r, 10);
	CHECK(r != NULL);
	rl_free(r);
}

void test_malloc(void)
{
	classes_and_alignment();
	workload();
}
