/*
 * FPU and SSE for user programs. The kernel itself is built without them
 * (-mno-sse -mno-80387), so user registers only need saving when the
 * scheduler switches between contexts, with fxsave/fxrstor.
 */
#include <freestanding/string.h>

#include "../arch.h"
#include "../../sched/sched.h"

static uint8_t initial_state[512] __attribute__((aligned(16)));
static int initial_ready;

void fpu_init_cpu(void)
{
	uint64_t cr0, cr4;
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 &= ~((1ULL << 2) | (1ULL << 3)); /* EM, TS off */
	cr0 |= 1ULL << 1;                    /* MP */
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= (1ULL << 9) | (1ULL << 10); /* OSFXSR, OSXMMEXCPT */
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	if (!initial_ready) {
		uint32_t mxcsr = 0x1F80; /* all exceptions masked, round to nearest */
		__asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
		__asm__ volatile("fxsave %0" : "=m"(initial_state));
		initial_ready = 1;
	}
}

void arch_fpu_reset_state(uint8_t *state)
{
	memcpy(state, initial_state, sizeof initial_state);
}

void arch_fpu_save(uint8_t *state)
{
	__asm__ volatile("fxsave (%0)" : : "r"(state) : "memory");
}

void arch_fpu_restore(const uint8_t *state)
{
	__asm__ volatile("fxrstor (%0)" : : "r"(state) : "memory");
}
