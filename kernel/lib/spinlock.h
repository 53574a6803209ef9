/*
 * Spinlocks. The irqsave variants also disable interrupts on this CPU, so
 * an interrupt handler on the same CPU cannot deadlock on the lock.
 */
#ifndef KERNEL_LIB_SPINLOCK_H
#define KERNEL_LIB_SPINLOCK_H

#include <stdint.h>

#include "../arch/arch.h"

struct spinlock {
	volatile uint32_t locked;
};

static inline void spin_lock(struct spinlock *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			arch_cpu_relax();
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

static inline uint64_t spin_lock_irqsave(struct spinlock *lock)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(lock);
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *lock, uint64_t flags)
{
	spin_unlock(lock);
	arch_irq_restore(flags);
}

#endif
