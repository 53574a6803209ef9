/*
 * A test-and-set spin lock for the library's own short critical
 * sections (allocator, environment) until the platform offers futexes.
 */
#include "internal/internal.h"

void __relibc_lock(__relibc_spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
	}
}

void __relibc_unlock(__relibc_spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}
