/*
 * The architecture interface: everything generic kernel code (sched, proc,
 * mm, scheme, syscall, grant, time, lib) may ask of the machine. Generic
 * code includes this header and nothing under arch/<machine>/; a port to
 * another machine provides these hooks and the types below.
 *
 * The machine's header supplies the types and the small inline hooks:
 *   struct cpu              per-CPU data; generic fields: index, current,
 *                           idle, ticks, online (this_cpu(), cpus[], cpu_count)
 *   struct interrupt_frame  the registers saved at a kernel entry (syscall
 *                           decoding and signal frames read them by name)
 *   irq_handler             void (*)(struct interrupt_frame *, void *ctx)
 *   TIMER_HZ, IRQ_LINES_MAX, struct io_bitmap {map, owner, generation}
 */
#ifndef KERNEL_ARCH_ARCH_H
#define KERNEL_ARCH_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x86_64/machine.h"

struct boot_info;

typedef uint64_t irq_flags_t;

/* ---- interrupts on this CPU ---- */
static inline irq_flags_t arch_irq_save(void); /* disable; returns the old state */
static inline void arch_irq_restore(irq_flags_t flags);
static inline void arch_irq_enable(void);
static inline void arch_irq_disable(void);
static inline bool arch_irq_enabled(void);
/* Enable interrupts and sleep until one arrives, with no window between. */
static inline void arch_wait_for_interrupt(void);
static inline void arch_cpu_relax(void);     /* inside a spin loop */
static inline uint32_t arch_cpu_index(void); /* this CPU's index in cpus[] */
_Noreturn void arch_halt(void);              /* this CPU stops for good */

/* ---- interrupt lines (the irq: scheme's numbers) and vectors ---- */
void arch_irq_line_handler(uint32_t line, irq_handler handler, void *ctx);
void arch_irq_line_mask(uint32_t line, bool masked);
uint32_t arch_irq_line_count(void); /* how many lines the machine has */
void arch_irq_eoi(void);            /* from a handler: the interrupt is taken */
void arch_send_reschedule(struct cpu *cpu);
void arch_timer_start(void); /* this CPU's periodic TIMER_HZ tick */

/* ---- address spaces and the TLB ---- */
static inline void arch_space_load(uint64_t root);
static inline void arch_tlb_flush_page(uint64_t virt); /* this CPU only */
/* [start, end) of address space `root` changed: flush it on every other
 * CPU running in that space (the caller flushed its own). */
void arch_tlb_shootdown(uint64_t root, uint64_t start, uint64_t end);
static inline uint64_t arch_fault_address(void); /* of the page fault being handled */
void arch_paging_cpu_init(void);                 /* no-execute and global pages on */

/* ---- contexts ---- */
/* Lay out a new kernel stack (below `top`) so that the first switch to it
 * runs entry(arg); returns the stack pointer to save. */
uint64_t arch_context_stack_init(uint64_t top, void (*entry)(void *), void *arg);
void arch_context_set_arg(uint64_t saved_sp, void *arg);
void arch_context_switch(uint64_t *save_sp, uint64_t new_sp);
/* The kernel stack this CPU enters on from user mode. */
void arch_set_kernel_stack(struct cpu *cpu, uint64_t top);
/* The I/O-port permission map this CPU applies to user mode (a clear bit
 * opens that port; grant.c fills it per process), or NULL where the
 * machine has no port I/O. */
struct io_bitmap *arch_io_bitmap(struct cpu *cpu);
/* The user's thread pointers (TLS), live in the CPU while a context runs. */
void arch_user_tls_save(uint64_t *tls, uint64_t *tls2);
void arch_user_tls_load(uint64_t tls, uint64_t tls2);
void arch_fpu_reset_state(uint8_t *state);
void arch_fpu_save(uint8_t *state);
void arch_fpu_restore(const uint8_t *state);

/* ---- user mode ---- */
/* A frame that enters user mode at `entry` with stack `stack`, first
 * argument `arg`, interrupts on. */
void arch_user_frame_init(struct interrupt_frame *frame, uint64_t entry, uint64_t stack,
                          uint64_t arg);
static inline bool arch_frame_from_user(const struct interrupt_frame *frame);
static inline uint64_t arch_frame_pc(const struct interrupt_frame *frame);
static inline uint64_t arch_frame_sp(const struct interrupt_frame *frame);
static inline uint64_t arch_frame_retval(const struct interrupt_frame *frame);
/* Continue in user mode with a call of entry(arg) on stack `sp` (signal
 * handlers: the frame's other registers stay for the return). */
void arch_frame_call(struct interrupt_frame *frame, uint64_t entry, uint64_t sp, uint64_t arg);
/* A frame that came from user memory (sigreturn): user privilege, interrupts
 * on, no flag a user may not set; every register comes back as saved. */
void arch_frame_sanitize_user(struct interrupt_frame *frame);
_Noreturn void arch_enter_user(struct interrupt_frame *frame);
/* The user's I/O privilege (SYS_IOPL): 0..3. */
void arch_frame_set_io_level(struct interrupt_frame *frame, uint64_t level);

/* ---- time ---- */
static inline uint64_t arch_cycles(void); /* a counter at arch_cycles_per_second() */
uint64_t arch_cycles_per_second(void);
uint64_t arch_rtc_epoch_seconds(void); /* the battery clock, UTC */

/* ---- the console (kernel log and debug:) ---- */
void arch_console_init(void);
void arch_console_putc(char c);
int arch_console_getc(void);          /* a received byte, or -1 */
uint32_t arch_console_irq_line(void); /* its receive interrupt's line */
/* From now on, call handler (on that line's interrupt) when bytes arrive. */
void arch_console_rx_start(irq_handler handler);

/* ---- the machine ---- */
struct arch_cpu_identity {
	char vendor[13], model[49];
	uint32_t family, model_number, stepping;
};
void arch_cpu_identify(struct arch_cpu_identity *id);
/* Stop every CPU and reset or power off the machine. */
_Noreturn void arch_machine_stop(bool reset);
/* Tell an emulator's debug-exit device the status (tests end this way);
 * the CPU halts afterwards. */
_Noreturn void arch_debug_exit(uint8_t code);

/* ---- bring-up ---- */
void arch_early_init(void);                   /* traps, so an early fault panics */
void arch_init(const struct boot_info *boot); /* this CPU, interrupts, clocks */
void arch_init_vectors(irq_handler timer, irq_handler reschedule);
uint32_t arch_start_cpus(void); /* the others; returns how many are online */

/* ---- generic code the machine calls ---- */
/* A fault in user mode: the process layer ends the faulting process with
 * `signal` and returns true, or returns false (no process: kernel panic). */
bool user_exception(struct interrupt_frame *frame, const char *name, int signal);
/* A system call (the frame holds its number and arguments). */
void syscall_dispatch(struct interrupt_frame *frame);
/* Where a context first runs (switch.asm): drops the scheduler lock. */
void context_started(void);

#include "x86_64/machine_inline.h"

#endif
