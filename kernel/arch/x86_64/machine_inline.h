/*
 * The inline hooks of kernel/arch/arch.h for x86_64: the ones on hot paths
 * (spinlocks, the scheduler, page-table edits) that must not cost a call.
 */
#ifndef KERNEL_ARCH_X86_64_MACHINE_INLINE_H
#define KERNEL_ARCH_X86_64_MACHINE_INLINE_H

#define RFLAGS_IF (1ULL << 9)

static inline irq_flags_t arch_irq_save(void)
{
	uint64_t flags;
	__asm__ volatile("pushfq; pop %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(irq_flags_t flags)
{
	if (flags & RFLAGS_IF)
		__asm__ volatile("sti" : : : "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline bool arch_irq_enabled(void)
{
	uint64_t flags;
	__asm__ volatile("pushfq; pop %0" : "=r"(flags));
	return flags & RFLAGS_IF;
}

/* sti's one-instruction shadow: no interrupt slips in before the hlt. */
static inline void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

static inline void arch_cpu_relax(void)
{
	__builtin_ia32_pause();
}

static inline uint32_t arch_cpu_index(void)
{
	return this_cpu()->index;
}

static inline void arch_space_load(uint64_t root)
{
	write_cr3(root);
}

static inline void arch_tlb_flush_page(uint64_t virt)
{
	__asm__ volatile("invlpg (%0)" : : "r"(virt) : "memory");
}

static inline uint64_t arch_fault_address(void)
{
	return read_cr2();
}

static inline bool arch_frame_from_user(const struct interrupt_frame *frame)
{
	return frame_from_user(frame);
}

static inline uint64_t arch_frame_pc(const struct interrupt_frame *frame)
{
	return frame->rip;
}

static inline uint64_t arch_frame_sp(const struct interrupt_frame *frame)
{
	return frame->rsp;
}

static inline uint64_t arch_frame_retval(const struct interrupt_frame *frame)
{
	return frame->rax;
}

static inline uint64_t arch_cycles(void)
{
	return rdtsc();
}

#endif
