/*
 * x86_64's hooks of kernel/arch/arch.h that are not inline: interrupt
 * lines on the I/O APIC, contexts' kernel stacks and TLS bases, user-mode
 * frames, CPU identification, stopping the machine, and bring-up.
 */
#define LOG_MODULE "arch"
#include <freestanding/io.h>
#include <freestanding/string.h>
#include <redox/abi/types.h>

#include "../arch.h"
#include "acpi.h"
#include "gdt.h"
#include "tlb.h"
#include "../../boot.h"
#include "../../lib/log.h"

#define RFLAGS_IOPL (3ULL << 12)
#define RFLAGS_DF   (1ULL << 10)
#define RFLAGS_USER 0xCD5ULL /* arithmetic flags and DF: a user's to set */
#define DEBUG_EXIT  0xF4     /* QEMU's isa-debug-exit */
#define KBC_COMMAND 0x64
#define KBC_RESET   0xFE

extern void syscall_return(void);
extern void context_first_run(void);

_Noreturn void arch_halt(void)
{
	cpu_halt_forever();
}

/* ---- interrupt lines ---- */

void arch_irq_line_handler(uint32_t line, irq_handler handler, void *ctx)
{
	interrupt_set_handler((uint8_t)(IRQ_VECTOR_BASE + line), handler, ctx);
}

void arch_irq_line_mask(uint32_t line, bool masked)
{
	ioapic_set_masked(line, masked);
}

/* How many GSIs the I/O APICs have: version register 1, bits 16..23 = last pin. */
uint32_t arch_irq_line_count(void)
{
	uint32_t count = 16;
	for (uint32_t i = 0; i < madt.ioapic_count; i++) {
		volatile uint32_t *base = phys_to_virt(madt.ioapics[i].phys);
		base[0] = 1;
		uint32_t pins = ((base[4] >> 16) & 0xFF) + 1;
		if (madt.ioapics[i].gsi_base + pins > count)
			count = madt.ioapics[i].gsi_base + pins;
	}
	return count < IRQ_COUNT ? count : IRQ_COUNT;
}

void arch_irq_eoi(void)
{
	lapic_eoi();
}

void arch_send_reschedule(struct cpu *cpu)
{
	lapic_send_ipi(cpu->apic_id, VECTOR_RESCHEDULE);
}

void arch_timer_start(void)
{
	lapic_timer_start();
}

/* ---- paging ---- */

void arch_paging_cpu_init(void)
{
	/* NX needs EFER.NXE; global pages need CR4.PGE. */
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | (1 << 11));
	uint64_t cr4;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | (1 << 7)));
}

/* ---- contexts ---- */

/* switch.asm's frame: a return into context_first_run with r12 = entry, r13 = arg. */
uint64_t arch_context_stack_init(uint64_t top, void (*entry)(void *), void *arg)
{
	uint64_t *sp = (uint64_t *)top;
	*--sp = 0;
	*--sp = 0;
	*--sp = (uint64_t)context_first_run;
	*--sp = 0;               /* rbx */
	*--sp = 0;               /* rbp */
	*--sp = (uint64_t)entry; /* r12 */
	*--sp = (uint64_t)arg;   /* r13 */
	*--sp = 0;               /* r14 */
	*--sp = 0;               /* r15 */
	return (uint64_t)sp;
}

void arch_context_set_arg(uint64_t saved_sp, void *arg)
{
	((uint64_t *)saved_sp)[2] = (uint64_t)arg; /* r13, as laid out above */
}

void arch_set_kernel_stack(struct cpu *cpu, uint64_t top)
{
	cpu->kernel_stack_top = top; /* the syscall entry's */
	cpu->tss.rsp[0] = top;       /* interrupts' */
}

struct io_bitmap *arch_io_bitmap(struct cpu *cpu)
{
	return &cpu->tss.io;
}

/*
 * FS and GS bases are per context: a process may load a selector into
 * FS/GS (which changes the base), and nothing it does may reach the next
 * process's TLS. In the kernel the user's GS base sits in KERNEL_GS_BASE.
 */
void arch_user_tls_save(uint64_t *tls, uint64_t *tls2)
{
	*tls = rdmsr(MSR_FS_BASE);
	*tls2 = rdmsr(MSR_KERNEL_GS_BASE);
}

void arch_user_tls_load(uint64_t tls, uint64_t tls2)
{
	__asm__ volatile("mov %0, %%fs" : : "r"(0) : "memory");
	wrmsr(MSR_FS_BASE, tls);
	wrmsr(MSR_KERNEL_GS_BASE, tls2);
}

/* ---- user mode ---- */

void arch_user_frame_init(struct interrupt_frame *frame, uint64_t entry, uint64_t stack,
                          uint64_t arg)
{
	*frame = (struct interrupt_frame){0};
	frame->rip = entry;
	frame->cs = GDT_USER_CODE | RPL_USER;
	frame->rflags = 0x202;
	frame->rsp = stack;
	frame->ss = GDT_USER_DATA | RPL_USER;
	frame->rdi = arg;
}

/* Out through the syscall exit path, which restores the whole frame. */
_Noreturn void arch_enter_user(struct interrupt_frame *frame)
{
	__asm__ volatile("mov %0, %%rsp\n"
	                 "jmp syscall_return\n"
	                 :
	                 : "r"(frame)
	                 : "memory");
	__builtin_unreachable();
}

/* user space reads a handler's frame as struct redox_sigregs (redox/abi/types.h) */
_Static_assert(__builtin_offsetof(struct interrupt_frame, rip) ==
                   __builtin_offsetof(struct redox_sigregs, rip),
               "signal regs: rip");
_Static_assert(__builtin_offsetof(struct interrupt_frame, rax) ==
                   __builtin_offsetof(struct redox_sigregs, rax),
               "signal regs: rax");
_Static_assert(__builtin_offsetof(struct interrupt_frame, ss) ==
                   __builtin_offsetof(struct redox_sigregs, ss),
               "signal regs: ss");

void arch_frame_call(struct interrupt_frame *frame, uint64_t entry, uint64_t sp, uint64_t arg)
{
	frame->rip = entry;
	frame->rsp = sp;
	frame->rdi = arg;
	frame->rflags &= ~RFLAGS_DF; /* clear on function entry, as the ABI wants */
}

void arch_frame_sanitize_user(struct interrupt_frame *frame)
{
	frame->cs = GDT_USER_CODE | RPL_USER;
	frame->ss = GDT_USER_DATA | RPL_USER;
	frame->rflags = (frame->rflags & RFLAGS_USER) | 0x202; /* IF on */
	frame->vector = 0; /* return with iretq: every register as it was */
	frame->error = 0;
}

void arch_frame_set_io_level(struct interrupt_frame *frame, uint64_t level)
{
	frame->rflags = (frame->rflags & ~RFLAGS_IOPL) | (level << 12);
}

/* ---- time ---- */

uint64_t arch_cycles_per_second(void)
{
	return tsc_per_second();
}

/* ---- the machine ---- */

static void cpuid(uint32_t leaf, uint32_t out[4])
{
	__asm__ volatile("cpuid"
	                 : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3])
	                 : "a"(leaf), "c"(0));
}

void arch_cpu_identify(struct arch_cpu_identity *id)
{
	uint32_t r[4];
	*id = (struct arch_cpu_identity){.model = "unknown"};
	cpuid(0, r);
	memcpy(id->vendor, &r[1], 4); /* ebx, edx, ecx spell it */
	memcpy(id->vendor + 4, &r[3], 4);
	memcpy(id->vendor + 8, &r[2], 4);
	cpuid(0x80000000, r);
	if (r[0] >= 0x80000004) {
		char model[49];
		for (uint32_t i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, r);
			memcpy(model + 16 * i, r, 16);
		}
		model[48] = 0;
		const char *m = model;
		while (*m == ' ')
			m++;
		memcpy(id->model, m, strlen(m) + 1);
	}
	cpuid(1, r);
	id->family = (r[0] >> 8) & 0xF;
	id->model_number = (r[0] >> 4) & 0xF;
	if (id->family == 0xF)
		id->family += (r[0] >> 20) & 0xFF;
	if (id->family >= 6)
		id->model_number |= ((r[0] >> 16) & 0xF) << 4;
	id->stepping = r[0] & 0xF;
}

static void halt_cpu(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	cpu_halt_forever();
}

_Noreturn void arch_machine_stop(bool reset)
{
	cpu_interrupts_off();
	if (reset) {
		outb(KBC_COMMAND, KBC_RESET); /* the keyboard controller pulses the reset line */
		udelay(100000);
		/* still here: a triple fault resets too */
		struct {
			uint16_t limit;
			uint64_t base;
		} __attribute__((packed)) none = {0, 0};
		__asm__ volatile("lidt %0; int3" : : "m"(none));
	}
	acpi_power_off();
	udelay(100000);
	outb(DEBUG_EXIT, 0); /* no ACPI power-off: QEMU's isa-debug-exit, status 1 */
	interrupt_set_handler(VECTOR_HALT, halt_cpu, 0);
	lapic_broadcast_ipi(VECTOR_HALT);
	cpu_halt_forever();
}

_Noreturn void arch_debug_exit(uint8_t code)
{
	outb(DEBUG_EXIT, code);
	cpu_halt_forever();
}

/* ---- bring-up ---- */

/* Interrupt stacks for the boot CPU until cpu_setup makes real ones. */
static uint8_t early_ist[2][4096] __attribute__((aligned(16)));

/*
 * Before anything can fault: our own GDT (the bootloader's is in low
 * memory, which paging_init unmaps), the IDT, and GS for the per-CPU data,
 * so an early fault prints a panic instead of triple-faulting.
 */
void arch_early_init(void)
{
	idt_init();
	gdt_load(&cpus[0].gdt, &cpus[0].tss, (uint64_t)early_ist[0] + sizeof early_ist[0],
	         (uint64_t)early_ist[1] + sizeof early_ist[1]);
	idt_load();
	cpus[0].self = &cpus[0];
	wrmsr(MSR_GS_BASE, (uint64_t)&cpus[0]);
}

void arch_init(const struct boot_info *boot)
{
	cpus[0].index = 0;
	cpu_setup(&cpus[0]);
	acpi_init(boot->args->hwdesc_base);
	lapic_init();
	cpus[0].apic_id = lapic_id();
	cpus[0].online = 1;
	lapic_calibrate();
	ioapic_init();
}

static void spurious_interrupt(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
}

void arch_init_vectors(irq_handler timer, irq_handler reschedule)
{
	interrupt_set_handler(VECTOR_TIMER, timer, 0);
	interrupt_set_handler(VECTOR_SPURIOUS, spurious_interrupt, 0);
	interrupt_set_handler(VECTOR_RESCHEDULE, reschedule, 0);
	tlb_init();
	syscall_cpu_init();
}

uint32_t arch_start_cpus(void)
{
	return smp_start_aps();
}
