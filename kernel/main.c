/*
 * Where the kernel starts in C: read what the bootloader handed over,
 * bring up memory, CPU tables, interrupts, clocks and the other CPUs,
 * register the kernel's schemes, start init, and become the scheduler.
 */
#define LOG_MODULE "start"
#include <redox/abi/bootargs.h>

#include "arch/arch.h"
#include "boot.h"
#include "grant/grant.h"
#include "lib/log.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "proc/process.h"
#include "scheme/scheme.h"
#include "sched/sched.h"
#include "time/clock.h"

static const char *memory_kind_name(uint32_t kind)
{
	switch (kind) {
	case REDOX_MEMORY_FREE:
		return "free";
	case REDOX_MEMORY_RECLAIM:
		return "reclaimable";
	default:
		return "reserved";
	}
}

static void log_boot_args(const struct boot_info *boot)
{
	const struct redox_boot_args *a = boot->args;
	log_info("Kernel: %llx:%llx", (unsigned long long)a->kernel_base,
	         (unsigned long long)(a->kernel_base + a->kernel_size));
	log_info("Stack: %llx:%llx", (unsigned long long)a->stack_base,
	         (unsigned long long)(a->stack_base + a->stack_size));
	log_info("Env: %llx:%llx", (unsigned long long)a->env_base,
	         (unsigned long long)(a->env_base + a->env_size));
	log_info("RSDP: %llx:%llx", (unsigned long long)a->hwdesc_base,
	         (unsigned long long)(a->hwdesc_base + a->hwdesc_size));
	log_info("Bootstrap (initfs): %llx:%llx", (unsigned long long)a->bootstrap_base,
	         (unsigned long long)(a->bootstrap_base + a->bootstrap_size));
	uint64_t free_bytes = 0;
	for (size_t i = 0; i < boot->area_count; i++) {
		const struct redox_memory_area *m = &boot->areas[i];
		log_info("Memory: %016llx:%016llx %s", (unsigned long long)m->base,
		         (unsigned long long)(m->base + m->size), memory_kind_name(m->kind));
		if (m->kind == REDOX_MEMORY_FREE)
			free_bytes += m->size;
	}
	log_info("Memory: %llu MiB free", (unsigned long long)(free_bytes >> 20));
}

static void timer_interrupt(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	arch_irq_eoi();
	if (this_cpu()->index == 0)
		itimer_tick(); /* timer signals, at the tick's 10 ms resolution */
	struct context *cur = this_cpu()->current;
	if (cur && cur->process)
		rlimit_cpu_tick(cur->process); /* CPU time, RLIMIT_CPU */
	sched_tick();
}

/* Another CPU queued work: returning from the interrupt lets the idle loop see it. */
static void reschedule_interrupt(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	arch_irq_eoi();
}

static uint64_t env_hex(const struct boot_info *boot, const char *key)
{
	const char *v = boot_env_get(boot, key);
	uint64_t n = 0;
	for (; v && *v; v++) {
		int d = *v >= '0' && *v <= '9'   ? *v - '0'
		        : *v >= 'a' && *v <= 'f' ? *v - 'a' + 10
		        : *v >= 'A' && *v <= 'F' ? *v - 'A' + 10
		                                 : -1;
		if (d < 0)
			return 0;
		n = n * 16 + (uint64_t)d;
	}
	return n;
}

/*
 * The bootloader's copy of the root filesystem (in the span frame.c keeps
 * reserved): root may map it through memory:physical, for redoxfsd.
 */
static void grant_live_filesystem(const struct boot_info *boot)
{
	uint64_t addr = env_hex(boot, "REDOXFS_LIVE_ADDR"),
	         size = env_hex(boot, "REDOXFS_LIVE_SIZE");
	const struct redox_boot_args *a = boot->args;
	if (!addr || !size)
		return;
	if (addr < a->kernel_base || addr + size > a->stack_base) {
		log_error("live filesystem %llx:%llx is outside the boot span; ignored",
		          (unsigned long long)addr, (unsigned long long)(addr + size));
		return;
	}
	memory_phys_grant(addr, size);
	log_info("Live filesystem: %llx:%llx (%llu MiB)", (unsigned long long)addr,
	         (unsigned long long)(addr + size), (unsigned long long)(size >> 20));
}

static void start_init(const struct boot_info *boot)
{
	const char *path = boot_env_get(boot, "INIT");
	if (!path)
		path = "bin/init";
	uint64_t size;
	const void *image = initfs_lookup(path, &size);
	if (!image) {
		log_error("no init: initfs:%s does not exist", path);
		return;
	}
	const char *argv[] = {path, 0};
	int64_t pid = proc_spawn("init", image, size, argv, 0);
	if (pid < 0)
		log_error("cannot start initfs:%s: error %lld", path, (long long)-pid);
	else
		log_info("started initfs:%s as process %lld", path, (long long)pid);
}

void kmain(uint64_t args_phys)
{
	log_init();
	arch_early_init(); /* before anything can fault */
	log_info("Redox OS starting...");

	struct boot_info boot;
	boot_info_parse(args_phys, &boot);
	log_boot_args(&boot);

	frame_init(&boot);
	paging_init();
	arch_init(&boot);
	clock_init();
	arch_init_vectors(timer_interrupt, reschedule_interrupt);
	sched_init();
	proc_init();

	debug_scheme_init();
	event_scheme_init();
	root_scheme_init();
	initfs_scheme_init(boot.args->bootstrap_base, boot.args->bootstrap_size);
	pipe_scheme_init();
	null_scheme_init();
	time_scheme_init();
	memory_scheme_init();
	grant_live_filesystem(&boot);
	sys_scheme_init(boot.env, boot.env_size);
	serio_scheme_init(); /* before irq: it reserves IRQ 1 and 12 */
	irq_scheme_init();
	grant_scheme_init();

	uint32_t online = arch_start_cpus();
	log_info("%u CPUs online", online);

	start_init(&boot);
	sched_cpu_start();
}
