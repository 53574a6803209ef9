/*
 * Spinlocks. The irqsave variants also disable interrupts on this CPU, so
 * an interrupt handler on the same CPU cannot deadlock on the lock. A lock
 * knows which CPU holds it: releasing another CPU's lock, or taking one
 * this CPU already holds, panics instead of corrupting what it guards, and
 * spin_held() lets a function assert that its caller took the lock.
 */
#ifndef KERNEL_LIB_SPINLOCK_H
#define KERNEL_LIB_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "assert.h"
#include "../arch/arch.h"

struct spinlock {
	volatile uint32_t locked;
	uint32_t owner; /* 1 + the holding CPU's index; 0: free */
};

static inline uint32_t spin_self(void)
{
	return arch_cpu_index() + 1;
}

/* Held by this CPU (a context holding a lock does not migrate: interrupts
 * or preemption are off while it is held). */
static inline bool spin_held(const struct spinlock *lock)
{
	return __atomic_load_n(&lock->locked, __ATOMIC_RELAXED) &&
	       __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == spin_self();
}

static inline bool spin_trylock(struct spinlock *lock)
{
	if (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		return false;
	__atomic_store_n(&lock->owner, spin_self(), __ATOMIC_RELAXED);
	return true;
}

static inline void spin_lock(struct spinlock *lock)
{
	KASSERT(!spin_held(lock)); /* this CPU would wait for itself */
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			arch_cpu_relax();
	__atomic_store_n(&lock->owner, spin_self(), __ATOMIC_RELAXED);
}

static inline void spin_unlock(struct spinlock *lock)
{
	KASSERT(spin_held(lock));
	__atomic_store_n(&lock->owner, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

/* Only for a panic, which must print whoever held the log. */
static inline void spin_break(struct spinlock *lock)
{
	lock->owner = 0;
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

static inline irq_flags_t spin_lock_irqsave(struct spinlock *lock)
{
	irq_flags_t flags = arch_irq_save();
	spin_lock(lock);
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *lock, irq_flags_t flags)
{
	spin_unlock(lock);
	arch_irq_restore(flags);
}

#endif
