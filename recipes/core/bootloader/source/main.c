/*
 * Stage 2's main: find the root filesystem, load boot/kernel and
 * boot/initfs from it, describe the machine to the kernel (memory map,
 * RSDP, environment: REDOXFS_UUID names the filesystem redoxfsd mounts
 * from disk), and jump to the kernel in long mode. Only a live disk (the
 * live ISO: bytes 440..443 of the MBR, the disk signature, are "LIVE")
 * gets the whole RedoxFS partition copied into memory, for redoxfsd to
 * serve from RAM.
 *
 * Physical memory the bootloader hands over, in order after the kernel:
 *   initfs | live filesystem | one page of boot args + memory areas +
 *   environment | stack
 * The kernel keeps kernel_base .. stack_base + stack_size reserved, so the
 * live copy stays untouched; the environment names it with
 * REDOXFS_LIVE_ADDR and REDOXFS_LIVE_SIZE (hex). Without RAM for it the
 * system boots without those lines.
 */
#include <redox/abi/bootargs.h>
#include <redox/abi/disk.h>
#include <fmt/fmt.h>

#include "loader.h"

#ifndef BOOTLOADER_VERSION
#define BOOTLOADER_VERSION "0.0.0"
#endif

#define PAGE_SIZE         4096ULL
#define KERNEL_STACK_SIZE (128 * 1024ULL)

struct e820_entry {
	uint64_t base, size;
	uint32_t type, acpi;
} __attribute__((packed));

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static uint32_t e820_kind(uint32_t type)
{
	switch (type) {
	case 1:
		return REDOX_MEMORY_FREE;
	case 3: /* ACPI reclaimable */
		return REDOX_MEMORY_RECLAIM;
	default:
		return REDOX_MEMORY_RESERVED;
	}
}

/* Does one usable E820 area hold [base, end)? */
static bool ram_holds(const struct e820_entry *e820, uint32_t count, uint64_t base, uint64_t end)
{
	for (uint32_t i = 0; i < count; i++)
		if (e820[i].type == 1 && e820[i].base <= base && end <= e820[i].base + e820[i].size)
			return true;
	return false;
}

/* The whole partition at `base`, read in 16 MiB pieces; its size, or 0 when it does not fit. */
static uint64_t load_live(const struct e820_entry *e820, uint32_t count,
                          const struct partition *root, uint64_t base)
{
	uint64_t size = root->sectors * DISK_SECTOR_SIZE, chunk = 16ULL << 20;
	if (!ram_holds(e820, count, base, base + size + PAGE_SIZE + KERNEL_STACK_SIZE)) {
		print("bootloader: no room for a %llu MiB live filesystem\n",
		      (unsigned long long)(size >> 20));
		return 0;
	}
	for (uint64_t done = 0; done < size; done += chunk) {
		uint64_t n = size - done < chunk ? size - done : chunk;
		if (disk_read(root->first_lba * DISK_SECTOR_SIZE + done, (void *)(base + done), n))
			fail("the RedoxFS partition: read error at %llu MiB",
			     (unsigned long long)(done >> 20));
	}
	print("bootloader: live filesystem %llu MiB at %llx\n", (unsigned long long)(size >> 20),
	      (unsigned long long)base);
	return size;
}

static _Noreturn void enter_kernel(uint64_t entry, uint64_t args, uint64_t stack_top)
{
	__asm__ volatile("mov %1, %%rsp\n"
	                 "xor %%ebp, %%ebp\n"
	                 "jmp *%0\n"
	                 :
	                 : "r"(entry), "r"(stack_top), "D"(args)
	                 : "memory");
	__builtin_unreachable();
}

void stage2_main(const struct e820_entry *e820, uint32_t e820_count, uint8_t drive)
{
	(void)drive;
	console_init();
	print("Redox OS Bootloader " BOOTLOADER_VERSION " on bios\n");

	uint64_t ram = 0;
	for (uint32_t i = 0; i < e820_count; i++)
		if (e820[i].type == 1)
			ram += e820[i].size;
	print("bootloader: %u memory areas, %llu MiB usable\n", e820_count,
	      (unsigned long long)(ram >> 20));

	struct partition root;
	if (!gpt_find_partition(GPT_TYPE_REDOXFS, &root))
		fail("no RedoxFS partition (type %s) in the GPT", GPT_TYPE_REDOXFS);
	if (!bootfs_mount(&root))
		fail("the RedoxFS partition at LBA %llu does not mount",
		     (unsigned long long)root.first_lba);

	struct loaded_kernel kernel;
	elf_load_kernel("boot/kernel", &kernel);
	print("bootloader: kernel %llu KiB at %llx, entry %llx\n",
	      (unsigned long long)((kernel.phys_end - kernel.phys_start) >> 10),
	      (unsigned long long)kernel.phys_start, (unsigned long long)kernel.entry);

	uint64_t next = align_up(kernel.phys_end, PAGE_SIZE);
	uint64_t initfs_base = next, initfs_size = 0;
	int64_t size = bootfs_size("boot/initfs");
	if (size > 0) {
		initfs_size = (uint64_t)size;
		if (!bootfs_read("boot/initfs", 0, (void *)initfs_base, initfs_size))
			fail("boot/initfs: read error");
		next = align_up(initfs_base + initfs_size, PAGE_SIZE);
		print("bootloader: initfs %llu KiB at %llx\n",
		      (unsigned long long)(initfs_size >> 10), (unsigned long long)initfs_base);
	} else {
		print("bootloader: no boot/initfs\n");
	}
	uint8_t mbr[512];
	bool live = !disk_read(0, mbr, sizeof mbr) && !memcmp(mbr + 440, "LIVE", 4);
	uint64_t live_base = next,
	         live_size = live ? load_live(e820, e820_count, &root, live_base) : 0;
	next = align_up(live_base + live_size, PAGE_SIZE);

	/* One page: args, then the memory areas, then the environment. */
	struct redox_boot_args *args = (struct redox_boot_args *)next;
	memset(args, 0, PAGE_SIZE);
	struct redox_memory_area *areas = (struct redox_memory_area *)(args + 1);
	uint32_t max_areas = 128;
	if (e820_count > max_areas)
		e820_count = max_areas;
	for (uint32_t i = 0; i < e820_count; i++) {
		areas[i].base = e820[i].base;
		areas[i].size = e820[i].size;
		areas[i].kind = e820_kind(e820[i].type);
	}
	char *env = (char *)(areas + e820_count);
	size_t env_room = PAGE_SIZE - (size_t)((uint64_t)env - next);
	uint64_t rsdp_size;
	uint64_t rsdp = acpi_find_rsdp(&rsdp_size);
	size_t env_len = fmt_snprintf(env, env_room,
	                              "BOOTLOADER=bios\nRSDP=%llx\nREDOXFS_LBA=%llu\n"
	                              "REDOXFS_SECTORS=%llu\n",
	                              (unsigned long long)rsdp, (unsigned long long)root.first_lba,
	                              (unsigned long long)root.sectors);
	const uint8_t *u = bootfs_uuid();
	if (env_len < env_room)
		env_len += fmt_snprintf(env + env_len, env_room - env_len,
		                        "REDOXFS_UUID=%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		                        "%02x%02x%02x%02x%02x%02x\n",
		                        u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		                        u[10], u[11], u[12], u[13], u[14], u[15]);
	if (live_size && env_len < env_room)
		env_len +=
		    fmt_snprintf(env + env_len, env_room - env_len,
		                 "REDOXFS_LIVE_ADDR=%llx\nREDOXFS_LIVE_SIZE=%llx\n",
		                 (unsigned long long)live_base, (unsigned long long)live_size);
	next += PAGE_SIZE;
	uint64_t stack_base = next;

	args->magic = REDOX_BOOT_MAGIC;
	args->kernel_base = kernel.phys_start;
	args->kernel_size = kernel.phys_end - kernel.phys_start;
	args->stack_base = stack_base;
	args->stack_size = KERNEL_STACK_SIZE;
	args->env_base = (uint64_t)env;
	args->env_size = env_len;
	args->hwdesc_base = rsdp;
	args->hwdesc_size = rsdp_size;
	args->areas_base = (uint64_t)areas;
	args->areas_size = e820_count * sizeof *areas;
	args->bootstrap_base = initfs_base;
	args->bootstrap_size = initfs_size;

	/* Mask the legacy PICs: the kernel uses the APICs. */
	__asm__ volatile("outb %%al, $0x21; outb %%al, $0xA1" : : "a"(0xFF));
	enter_kernel(kernel.entry, (uint64_t)args,
	             REDOX_PHYS_OFFSET + stack_base + KERNEL_STACK_SIZE);
}
