/*
 * search.h against glibc: the same random sequences of tsearch, tfind and
 * tdelete on both trees must find, insert and delete the same keys; our
 * twalk visits every node in order with the right VISIT values and stays
 * AVL-shallow; tdestroy frees every key; lfind/lsearch as glibc's.
 */
#include <search.h>
#include <stdlib.h>

#include "test.h"

typedef int (*cmp_fn)(const void *, const void *);
void *rl_tsearch(const void *key, void **rootp, cmp_fn compar);
void *rl_tfind(const void *key, void *const *rootp, cmp_fn compar);
void *rl_tdelete(const void *key, void **rootp, cmp_fn compar);
void rl_twalk(const void *root, void (*action)(const void *, VISIT, int));
void rl_tdestroy(void *root, void (*free_key)(void *));
void *rl_lfind(const void *key, const void *base, size_t *nelp, size_t width, cmp_fn compar);
void *rl_lsearch(const void *key, void *base, size_t *nelp, size_t width, cmp_fn compar);

#define KEYS 2000

static int keys[KEYS];

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* what a walk saw: the in-order keys, leaf/pre/end balance, the deepest node */
static int walk_keys[KEYS], walk_n, walk_depth, walk_bad;

static void record(const void *node, VISIT which, int depth)
{
	int key = **(int *const *)node;
	if (depth > walk_depth)
		walk_depth = depth;
	if (which == postorder || which == leaf) {
		if (walk_n < KEYS)
			walk_keys[walk_n++] = key;
	} else if (which != preorder && which != endorder) {
		walk_bad++;
	}
}

static int freed;
static void count_free(void *key)
{
	(void)key;
	freed++;
}

static void random_ops(void)
{
	void *ours = NULL, *theirs = NULL;
	int present[KEYS] = {0}, count = 0;
	for (int i = 0; i < KEYS; i++)
		keys[i] = i * 7 % KEYS;
	for (int step = 0; step < 40000; step++) {
		int *k = &keys[t_rand() % KEYS];
		unsigned op = (unsigned)(t_rand() % 3);
		if (op == 0) {
			void *a = rl_tsearch(k, &ours, cmp_int), *b = tsearch(k, &theirs, cmp_int);
			CHECK_QUIET(a && b && **(int **)a == **(int **)b, "tsearch %d", *k);
			if (!present[*k]) {
				present[*k] = 1;
				count++;
			}
		} else if (op == 1) {
			void *a = rl_tfind(k, &ours, cmp_int), *b = tfind(k, &theirs, cmp_int);
			CHECK_QUIET(!a == !b && (!a || **(int **)a == *k), "tfind %d", *k);
		} else {
			void *a = rl_tdelete(k, &ours, cmp_int), *b = tdelete(k, &theirs, cmp_int);
			CHECK_QUIET(!a == !b, "tdelete %d: ours %p, glibc %p", *k, a, b);
			if (present[*k]) {
				present[*k] = 0;
				count--;
			}
		}
		if (step % 5000 == 4999) {
			walk_n = walk_depth = walk_bad = 0;
			rl_twalk(ours, record);
			CHECK_INT(walk_n, count);
			CHECK_INT(walk_bad, 0);
			int sorted = 1, k2 = 0;
			for (int j = 0; j < KEYS; j++)
				if (present[j] && (k2 >= walk_n || walk_keys[k2++] != j))
					sorted = 0;
			CHECK(sorted);
			/* AVL: height < 1.45 log2(n + 2) */
			int log2n = 0;
			while ((1 << log2n) < count + 2)
				log2n++;
			CHECK_QUIET(walk_depth + 1 <= 3 * log2n / 2 + 1, "depth %d for %d nodes",
			            walk_depth, count);
		}
	}
	freed = 0;
	rl_tdestroy(ours, count_free);
	CHECK_INT(freed, count);
	tdestroy(theirs, count_free);
}

static void edges(void)
{
	int k = 5;
	CHECK(rl_tsearch(&k, NULL, cmp_int) == NULL);
	CHECK(rl_tfind(&k, NULL, cmp_int) == NULL);
	CHECK(rl_tdelete(&k, NULL, cmp_int) == NULL);
	void *root = NULL;
	CHECK(rl_tdelete(&k, &root, cmp_int) == NULL);
	void *n = rl_tsearch(&k, &root, cmp_int);
	CHECK(n && *(int **)n == &k);
	int k2 = 5; /* an equal key: the first one stays */
	CHECK(rl_tsearch(&k2, &root, cmp_int) == n && *(int **)n == &k);
	CHECK(rl_tdelete(&k2, &root, cmp_int) != NULL); /* the root: not NULL */
	CHECK(root == NULL);
	rl_twalk(NULL, record); /* nothing */
}

static void linear(void)
{
	int a[8] = {4, 8, 15, 16}, b[8] = {4, 8, 15, 16};
	size_t na = 4, nb = 4;
	for (int k = 0; k < 20; k++) {
		int *x = rl_lfind(&k, a, &na, sizeof(int), cmp_int);
		int *y = lfind(&k, b, &nb, sizeof(int), cmp_int);
		CHECK(!x == !y && (!x || x - a == y - b));
	}
	int k = 23;
	int *x = rl_lsearch(&k, a, &na, sizeof(int), cmp_int);
	int *y = lsearch(&k, b, &nb, sizeof(int), cmp_int);
	CHECK(na == 5 && nb == 5 && x == &a[4] && y == &b[4] && a[4] == 23);
	k = 8;
	CHECK(rl_lsearch(&k, a, &na, sizeof(int), cmp_int) == &a[1] && na == 5);
}

void test_search(void)
{
	random_ops();
	edges();
	linear();
}
