/*
 * qsort and qsort_r: introsort. Quicksort with a median-of-three pivot
 * (Tukey's ninther on big ranges) and insertion sort for short runs; if
 * the recursion gets deeper than 2 log2(n) (adversarial input) the range
 * is finished with heapsort, so the worst case is O(n log n). Sorted and
 * reversed input are fast.
 */
#include <stdlib.h>
#include <stdint.h>

typedef int (*cmp_r)(const void *, const void *, void *);

struct ctx {
	size_t size;
	cmp_r cmp;
	void *arg;
};

static void swap(char *a, char *b, size_t size)
{
	if (a == b)
		return;
	if (size == 8 && !(((uintptr_t)a | (uintptr_t)b) & 7)) {
		uint64_t t = *(uint64_t *)a;
		*(uint64_t *)a = *(uint64_t *)b;
		*(uint64_t *)b = t;
		return;
	}
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static int cmp(const struct ctx *c, const char *a, const char *b)
{
	return c->cmp(a, b, c->arg);
}

static char *median3(const struct ctx *c, char *a, char *b, char *m)
{
	if (cmp(c, a, b) < 0)
		return cmp(c, b, m) < 0 ? b : (cmp(c, a, m) < 0 ? m : a);
	return cmp(c, a, m) < 0 ? a : (cmp(c, b, m) < 0 ? m : b);
}

static void insertion(char *base, size_t n, const struct ctx *c)
{
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i; j > 0; j--) {
			char *x = base + j * c->size, *y = x - c->size;
			if (cmp(c, y, x) <= 0)
				break;
			swap(x, y, c->size);
		}
	}
}

static void sift_down(char *base, size_t root, size_t n, const struct ctx *c)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n &&
		    cmp(c, base + child * c->size, base + (child + 1) * c->size) < 0)
			child++;
		if (cmp(c, base + root * c->size, base + child * c->size) >= 0)
			return;
		swap(base + root * c->size, base + child * c->size, c->size);
		root = child;
	}
}

static void heapsort(char *base, size_t n, const struct ctx *c)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, c);
	for (size_t end = n - 1; end > 0; end--) {
		swap(base, base + end * c->size, c->size);
		sift_down(base, 0, end, c);
	}
}

static void introsort(char *base, size_t n, unsigned depth, const struct ctx *c)
{
	size_t size = c->size;
	while (n > 16) {
		if (depth-- == 0) {
			heapsort(base, n, c);
			return;
		}
		/* the pivot: median of three, or of three medians for big ranges */
		char *mid = median3(c, base, base + (n / 2) * size, base + (n - 1) * size);
		if (n > 128) {
			size_t step = (n / 8) * size;
			char *lo = median3(c, base, base + step, base + 2 * step);
			char *hi = median3(c, base + (n - 1) * size - 2 * step,
			                   base + (n - 1) * size - step, base + (n - 1) * size);
			char *m2 = median3(c, base + (n / 2) * size - step, base + (n / 2) * size,
			                   base + (n / 2) * size + step);
			mid = median3(c, lo, m2, hi);
		}
		swap(base, mid, size);
		/* Hoare partition around base[0]; equal keys split evenly */
		size_t i = 0, j = n;
		for (;;) {
			do
				i++;
			while (i < n && cmp(c, base + i * size, base) < 0);
			do
				j--;
			while (cmp(c, base + j * size, base) > 0);
			if (i >= j)
				break;
			swap(base + i * size, base + j * size, size);
		}
		swap(base, base + j * size, size);
		/* recurse into the smaller side, loop on the larger */
		size_t left = j, right = n - j - 1;
		if (left < right) {
			introsort(base, left, depth, c);
			base += (j + 1) * size;
			n = right;
		} else {
			introsort(base + (j + 1) * size, right, depth, c);
			n = left;
		}
	}
	insertion(base, n, c);
}

void qsort_r(void *base, size_t n, size_t size, cmp_r cmp_fn, void *arg)
{
	if (n < 2 || size == 0)
		return;
	struct ctx c = {size, cmp_fn, arg};
	unsigned depth = 2 * (64 - (unsigned)__builtin_clzl(n));
	introsort(base, n, depth, &c);
}

static int call_plain(const void *a, const void *b, void *fn)
{
	return ((int (*)(const void *, const void *))fn)(a, b);
}

void qsort(void *base, size_t n, size_t size, int (*cmp_fn)(const void *, const void *))
{
	qsort_r(base, n, size, call_plain, (void *)cmp_fn);
}
