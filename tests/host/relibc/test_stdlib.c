/*
 * qsort (against glibc's order, and a comparison count bound on sorted,
 * reversed, equal and adversarial inputs), qsort_r, bsearch, abs/div,
 * and the pseudo-random generators.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <limits.h>
#include "test.h"
#include "rl.h"

static long comparisons;

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	comparisons++;
	return (x > y) - (x < y);
}

struct rec {
	char key[5];
	char payload[8]; /* an odd-sized element: 13 bytes */
};

static int cmp_rec(const void *a, const void *b, void *arg)
{
	int dir = *(int *)arg;
	return dir * memcmp(((const struct rec *)a)->key, ((const struct rec *)b)->key, 5);
}

static int is_sorted(const int *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (v[i - 1] > v[i])
			return 0;
	}
	return 1;
}

static void qsort_cases(void)
{
	static int a[5000], b[5000];
	for (int i = 0; i < 2000; i++) {
		size_t n = t_rand() % (i < 1900 ? 60 : 5000);
		int range = (int)(t_rand() % 3 == 0 ? 5 : 1000000);
		for (size_t k = 0; k < n; k++)
			a[k] = b[k] = (int)(t_rand() % (unsigned)range);
		rl_qsort(a, n, sizeof a[0], cmp_int);
		qsort(b, n, sizeof b[0], cmp_int);
		CHECK_QUIET(!memcmp(a, b, n * sizeof a[0]), "qsort n=%zu", n);
	}
	/* comparisons stay O(n log n) on the classic bad inputs */
	enum { N = 100000 };
	static int v[N];
	const double bound = 3.0 * N * log2(N);
	for (int shape = 0; shape < 5; shape++) {
		for (int k = 0; k < N; k++) {
			switch (shape) {
			case 0:
				v[k] = k;
				break;
			case 1:
				v[k] = N - k;
				break;
			case 2:
				v[k] = 7;
				break;
			case 3:
				v[k] = k < N / 2 ? k : N - k;
				break; /* organ pipe */
			default:
				v[k] = k % 2 ? k : N - k;
				break; /* sawtooth */
			}
		}
		comparisons = 0;
		rl_qsort(v, N, sizeof v[0], cmp_int);
		CHECK(is_sorted(v, N));
		CHECK_QUIET(comparisons < bound, "shape %d: %ld comparisons", shape, comparisons);
	}
	/* odd element size through qsort_r, both directions */
	static struct rec r[777];
	for (int k = 0; k < 777; k++) {
		for (int j = 0; j < 5; j++)
			r[k].key[j] = (char)('a' + t_rand() % 26);
		snprintf(r[k].payload, sizeof r[k].payload, "%d", k);
	}
	int dir = -1;
	rl_qsort_r(r, 777, sizeof r[0], cmp_rec, &dir);
	int ok = 1;
	for (int k = 1; k < 777; k++)
		ok &= memcmp(r[k - 1].key, r[k].key, 5) >= 0;
	CHECK(ok);
}

static void misc_cases(void)
{
	int v[100];
	for (int i = 0; i < 100; i++)
		v[i] = i * 3;
	for (int key = -1; key < 302; key++) {
		int *p = rl_bsearch(&key, v, 100, sizeof v[0], cmp_int);
		CHECK_QUIET(key % 3 == 0 && key >= 0 && key < 300 ? p && *p == key : p == NULL,
		            "bsearch %d", key);
	}
	CHECK(rl_bsearch(v, v, 0, sizeof v[0], cmp_int) == NULL);
	CHECK_INT(rl_abs(-5), 5);
	CHECK_INT(rl_labs(LONG_MIN + 1), LONG_MAX);
	rl_div_t d = rl_div(-7, 2);
	CHECK(d.quot == -3 && d.rem == -1);
	rl_srand(1);
	int first = rl_rand();
	rl_srand(1);
	CHECK_INT(rl_rand(), first);
	long sum = 0;
	int in_range = 1;
	for (int i = 0; i < 100000; i++) {
		int x = rl_rand();
		in_range &= x >= 0 && x <= 0x7fffffff;
		sum += x & 1;
	}
	CHECK(in_range);
	CHECK(sum > 49000 && sum < 51000); /* the low bit is not stuck */
	unsigned seed = 5;
	int r1 = rl_rand_r(&seed);
	CHECK(r1 >= 0 && seed != 5);
	/* drand48 follows POSIX exactly, so it matches glibc */
	rl_srand48(1234);
	srand48(1234);
	int same = 1;
	for (int i = 0; i < 1000; i++)
		same &= rl_drand48() == drand48() && rl_lrand48() == lrand48();
	CHECK(same);
}

const char *rl_getprogname(void);

void test_stdlib(void)
{
	qsort_cases();
	misc_cases();
	/* the hook gives the tests' name, as glibc's short name is argv[0]'s last part */
	CHECK_STR(rl_getprogname(), program_invocation_short_name);
}
