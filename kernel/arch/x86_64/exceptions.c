/*
 * CPU exceptions: a readable dump (vector, error code, rip, registers,
 * stack trace) instead of a silent triple fault. Faults in the kernel are
 * fatal; faults in user mode go to the process layer, which kills only the
 * offending process.
 */
#define LOG_MODULE "arch::x86_64::exceptions"
#include <redox/abi/signal.h>

#include "../arch.h"
#include "../../lib/log.h"
#include "cpu.h"
#include "interrupt.h"
#include "../../mm/usercopy.h"

static const char *const exception_names[32] = {"divide error",
                                                "debug",
                                                "non-maskable interrupt",
                                                "breakpoint",
                                                "overflow",
                                                "bound range exceeded",
                                                "invalid opcode",
                                                "device not available",
                                                "double fault",
                                                "coprocessor segment overrun",
                                                "invalid TSS",
                                                "segment not present",
                                                "stack-segment fault",
                                                "general protection fault",
                                                "page fault",
                                                "reserved",
                                                "x87 floating-point error",
                                                "alignment check",
                                                "machine check",
                                                "SIMD floating-point error",
                                                "virtualization exception",
                                                "control protection",
                                                "reserved",
                                                "reserved",
                                                "reserved",
                                                "reserved",
                                                "reserved",
                                                "reserved",
                                                "hypervisor injection",
                                                "VMM communication",
                                                "security exception",
                                                "reserved"};

/* The signal a user-mode exception becomes. */
static int exception_signal(uint64_t vector)
{
	switch (vector) {
	case 0:  /* divide error */
	case 16: /* x87 floating point */
	case 19: /* SIMD floating point */
		return SIGFPE;
	case 6: /* invalid opcode */
		return SIGILL;
	default:
		return SIGSEGV;
	}
}

const char *exception_name(uint64_t vector)
{
	return vector < 32 ? exception_names[vector] : "interrupt";
}

void dump_frame(const struct interrupt_frame *f)
{
	kprintf("  RIP %016llx  CS %04llx  RFLAGS %016llx\n", (unsigned long long)f->rip,
	        (unsigned long long)f->cs, (unsigned long long)f->rflags);
	kprintf("  RSP %016llx  SS %04llx  CR2 %016llx  CR3 %016llx\n", (unsigned long long)f->rsp,
	        (unsigned long long)f->ss, (unsigned long long)read_cr2(),
	        (unsigned long long)read_cr3());
	kprintf("  RAX %016llx  RBX %016llx  RCX %016llx  RDX %016llx\n",
	        (unsigned long long)f->rax, (unsigned long long)f->rbx, (unsigned long long)f->rcx,
	        (unsigned long long)f->rdx);
	kprintf("  RSI %016llx  RDI %016llx  RBP %016llx\n", (unsigned long long)f->rsi,
	        (unsigned long long)f->rdi, (unsigned long long)f->rbp);
	kprintf("  R8  %016llx  R9  %016llx  R10 %016llx  R11 %016llx\n", (unsigned long long)f->r8,
	        (unsigned long long)f->r9, (unsigned long long)f->r10, (unsigned long long)f->r11);
	kprintf("  R12 %016llx  R13 %016llx  R14 %016llx  R15 %016llx\n",
	        (unsigned long long)f->r12, (unsigned long long)f->r13, (unsigned long long)f->r14,
	        (unsigned long long)f->r15);
}

/* Follow saved frame pointers while they stay in the kernel half. */
static void stack_trace(uint64_t rbp)
{
	kprintf("  stack trace:\n");
	for (int depth = 0; depth < 16 && rbp >= 0xFFFF800000000000ULL && !(rbp & 7); depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;
		if (!frame[1])
			break;
		kprintf("    %016llx\n", (unsigned long long)frame[1]);
		rbp = frame[0];
	}
}

/* The exception table (usercopy.asm, gathered by linker.ld). */
struct extable_entry {
	uint64_t fault, fixup;
};
extern const struct extable_entry __ex_table_start[], __ex_table_end[];

uint64_t extable_fixup(uint64_t rip)
{
	for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->fault == rip)
			return e->fixup;
	return 0;
}

void exception_handle(struct interrupt_frame *frame)
{
	const char *name = exception_name(frame->vector);
	if (!frame_from_user(frame) && (frame->vector == 14 || frame->vector == 13)) {
		/* a copy from or to user memory hit a bad page: it returns EFAULT */
		uint64_t fixup = extable_fixup(frame->rip);
		if (fixup) {
			frame->rip = fixup;
			return;
		}
	}
	if (frame_from_user(frame) && user_exception(frame, name, exception_signal(frame->vector)))
		return;
	cpu_interrupts_off();
	kprintf("KERNEL PANIC: CPU exception %llu (%s), error code %llx\n",
	        (unsigned long long)frame->vector, name, (unsigned long long)frame->error);
	dump_frame(frame);
	if (!frame_from_user(frame))
		stack_trace(frame->rbp);
	kprintf("HALT\n");
	cpu_halt_forever();
}
