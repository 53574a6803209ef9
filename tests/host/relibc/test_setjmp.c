/*
 * setjmp/longjmp and sigsetjmp/siglongjmp: return values, locals and
 * callee-saved registers survive a jump out of deep recursion, the
 * signal mask is saved and restored only when asked.
 */
#include <stdio.h>
#include "test.h"
#include "rl.h"

/* dive() ends in longjmp, which the warning does not count as an exit */
#pragma GCC diagnostic ignored "-Winfinite-recursion"

static rl_jmp_buf env;
static rl_sigjmp_buf senv;

static int __attribute__((noinline)) dive(int depth, int val)
{
	volatile char pad[64];
	pad[depth % 64] = (char)depth;
	if (depth == 0)
		rl_longjmp(env, val);
	return dive(depth - 1, val) + pad[depth % 64];
}

/* keeps values in callee-saved registers across the setjmp */
static long __attribute__((noinline)) registers_survive(void)
{
	register long a = 11, b = 22, c = 33, d = 44, e = 55;
	__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e));
	if (rl_setjmp(env) == 0)
		dive(50, 3);
	__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e));
	return a + b + c + d + e;
}

void test_setjmp(void)
{
	volatile int count = 0;
	int r = rl_setjmp(env);
	count++;
	if (count == 1)
		dive(100, 7);
	CHECK_INT(r, 7);
	CHECK_INT(count, 2);

	count = 0;
	r = rl_setjmp(env);
	count++;
	if (count == 1)
		rl_longjmp(env, 0);
	CHECK_INT(r, 1); /* longjmp(env, 0) returns 1 */

	CHECK_INT(registers_survive(), 165);

	/* with the mask saved: siglongjmp puts it back */
	t_sigmask = 0x5;
	count = 0;
	r = rl_sigsetjmp(senv, 1);
	count++;
	if (count == 1) {
		t_sigmask = 0xff;
		rl_siglongjmp(senv, 9);
	}
	CHECK_INT(r, 9);
	CHECK_INT(t_sigmask, 0x5);

	/* without: the mask is left alone */
	count = 0;
	r = rl_sigsetjmp(senv, 0);
	count++;
	if (count == 1) {
		t_sigmask = 0xff;
		rl_siglongjmp(senv, 2);
	}
	CHECK_INT(r, 2);
	CHECK_INT(t_sigmask, 0xff);
}
