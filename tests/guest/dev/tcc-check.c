/*
 * tcc-check: compiled by tcc on the booted system (tests/bats/dev.bats).
 * It exercises what a tcc-built program gets from relibc-c: stdio with
 * formatting, errno (thread-local: tcc's linker lays out the TLS block),
 * malloc, string functions, the math library (-lm), setjmp, and threads
 * (-lpthread) each with its own errno. Prints how many checks passed.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pass, total;

static void check(int ok, const char *what)
{
	total++;
	if (ok)
		pass++;
	else
		printf("tcc-check: FAIL %s\n", what);
}

static void *thread_errno(void *arg)
{
	errno = (int)(long)arg;
	for (volatile int i = 0; i < 100000; i++)
		;
	return (void *)(long)errno;
}

static jmp_buf jb;

static void jump(int v)
{
	longjmp(jb, v);
}

int main(void)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%d %5.2f %s %x", 42, 3.14159, "ok", 255);
	check(strcmp(buf, "42  3.14 ok ff") == 0, "snprintf");
	errno = 0;
	check(strtol("99999999999999999999", 0, 10) == 9223372036854775807L && errno == ERANGE,
	      "strtol ERANGE sets errno");
	char *p = malloc(100000);
	check(p != 0, "malloc");
	memset(p, 'x', 100000);
	p[99999] = 0;
	check(strlen(p) == 99999, "memset/strlen");
	free(p);
	check(fabs(sqrt(2.0) - 1.41421356) < 1e-8, "sqrt");
	check(fabs(sin(M_PI / 2) - 1.0) < 1e-12, "sin");
	check(fabs(pow(2.0, 10.0) - 1024.0) < 1e-12, "pow");
	/* math.h's classification without compiler builtins */
	volatile double zero = 0.0, tiny = 1e-310, big = 1e308;
	check(isnan(NAN) && isnan(zero / zero) && !isnan(1.0), "isnan");
	check(isinf(HUGE_VAL) && isinf(big * 10) && isinf(-INFINITY) && !isinf(big), "isinf");
	check(fpclassify(zero) == FP_ZERO && fpclassify(tiny) == FP_SUBNORMAL &&
	          fpclassify(1.5f) == FP_NORMAL && fpclassify(NAN) == FP_NAN,
	      "fpclassify");
	check(signbit(-zero) && !signbit(zero) && signbit(-1.0f), "signbit");
	check(!isgreater(NAN, 1.0) && isless(1.0, 2.0) && isfinite(big) && !isfinite(HUGE_VALF),
	      "comparisons");
	volatile int v = setjmp(jb);
	if (v == 0)
		jump(7);
	check(v == 7, "setjmp/longjmp");
	pthread_t t[4];
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], 0, thread_errno, (void *)(i + 100));
	errno = 5;
	int own = 1;
	for (long i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		own &= (long)r == i + 100;
	}
	check(own && errno == 5, "each thread has its own errno");
	printf("tcc-check: %d/%d checks passed\n", pass, total);
	return pass == total ? 0 : 1;
}
