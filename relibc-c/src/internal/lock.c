/*
 * The library's own lock for short critical sections (allocator,
 * environment, keys, stdio): a futex word (0 free, 1 locked, 2 locked
 * and waited for), so a waiter sleeps instead of spinning through the
 * holder's time slice.
 */
#include "internal/internal.h"
#include "internal/thread.h"

void __relibc_lock(__relibc_spinlock *l)
{
	int c = 0;
	if (__atomic_compare_exchange_n(&l->locked, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	for (int spin = 0; spin < 100; spin++) {
		__builtin_ia32_pause();
		c = 0;
		if (__atomic_load_n(&l->locked, __ATOMIC_RELAXED) == 0 &&
		    __atomic_compare_exchange_n(&l->locked, &c, 1, 0, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return;
	}
	while (__atomic_exchange_n(&l->locked, 2, __ATOMIC_ACQUIRE) != 0)
		__relibc_futex_wait(&l->locked, 2, 0, CLOCK_MONOTONIC);
}

void __relibc_unlock(__relibc_spinlock *l)
{
	if (__atomic_exchange_n(&l->locked, 0, __ATOMIC_RELEASE) == 2)
		__relibc_futex_wake(&l->locked, 1);
}
