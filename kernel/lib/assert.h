/*
 * KASSERT: an invariant the code relies on, checked. A false one panics
 * with the condition, file and line (as xv6's sched() checks do); state
 * that is wrong stops the machine before it spreads.
 */
#ifndef KERNEL_LIB_ASSERT_H
#define KERNEL_LIB_ASSERT_H

_Noreturn void panic(const char *format, ...) __attribute__((format(printf, 1, 2)));

#define KASSERT(cond)                                                                              \
	do {                                                                                       \
		if (__builtin_expect(!(cond), 0))                                                  \
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__);          \
	} while (0)

#endif
