/*
 * Stage 2's main: find the root filesystem, load boot/kernel and
 * boot/initfs from it, describe the machine to the kernel (memory map,
 * RSDP, environment: REDOXFS_UUID names the filesystem redoxfsd mounts
 * from disk), and jump to the kernel in long mode. Only a live medium (a
 * CD, or a disk whose MBR disk signature says "LIVE": ../medium.c) gets
 * the whole RedoxFS partition copied into memory, for redoxfsd to serve
 * from RAM.
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

#include "bios.h"

struct e820_entry {
	uint64_t base, size;
	uint32_t type, acpi;
} __attribute__((packed));

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

/* The whole partition at `base`; its size, or 0 when it does not fit. */
static uint64_t load_live(const struct e820_entry *e820, uint32_t count,
                          const struct partition *root, uint64_t base)
{
	uint64_t size = root->sectors * DISK_SECTOR_SIZE;
	if (!ram_holds(e820, count, base, base + size + PAGE_SIZE + KERNEL_STACK_SIZE)) {
		print("bootloader: no room for a %llu MiB live filesystem\n",
		      (unsigned long long)(size >> 20));
		return 0;
	}
	live_load(root, base);
	return size;
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
	const char *why;
	bool cd;
	if (!medium_find_root(&root, &cd, &why))
		fail("boot disk: %s", why);
	if (!bootfs_mount(&root))
		fail("the RedoxFS %s at LBA %llu does not mount",
		     cd ? "image on the CD" : "partition", (unsigned long long)root.first_lba);

	if (!e820_count || !ram)
		fail("the BIOS gives no E820 memory map; this loader cannot go on without one");

	struct loaded_kernel kernel;
	elf_inspect_kernel("boot/kernel", &kernel);
	if (!ram_holds(e820, e820_count, kernel.phys_start, kernel.phys_end))
		fail("boot/kernel needs %llx..%llx, which is not usable RAM here (E820)",
		     (unsigned long long)kernel.phys_start, (unsigned long long)kernel.phys_end);
	elf_load_kernel("boot/kernel", &kernel);
	print("bootloader: kernel %llu KiB at %llx, entry %llx\n",
	      (unsigned long long)((kernel.phys_end - kernel.phys_start) >> 10),
	      (unsigned long long)kernel.phys_start, (unsigned long long)kernel.entry);

	uint64_t next = align_up(kernel.phys_end, PAGE_SIZE);
	uint64_t initfs_base = next, initfs_size = 0;
	int64_t size = bootfs_size("boot/initfs");
	if (size > 0) {
		initfs_size = (uint64_t)size;
		if (!ram_holds(e820, e820_count, initfs_base, initfs_base + initfs_size))
			fail("boot/initfs needs %llx..%llx, which is not usable RAM here (E820)",
			     (unsigned long long)initfs_base,
			     (unsigned long long)(initfs_base + initfs_size));
		if (!bootfs_read("boot/initfs", 0, (void *)initfs_base, initfs_size))
			fail("boot/initfs: read error");
		next = align_up(initfs_base + initfs_size, PAGE_SIZE);
		print("bootloader: initfs %llu KiB at %llx\n",
		      (unsigned long long)(initfs_size >> 10), (unsigned long long)initfs_base);
	} else {
		print("bootloader: no boot/initfs\n");
	}
	bool live = medium_live(cd);
	uint64_t live_base = next,
	         live_size = live ? load_live(e820, e820_count, &root, live_base) : 0;
	if (cd && !live_size)
		fail("a live CD needs its whole filesystem in RAM: add memory");
	next = align_up(live_base + live_size, PAGE_SIZE);

	/* One page: args, then the memory areas, then the environment. */
	void *page = (void *)next;
	memset(page, 0, PAGE_SIZE);
	struct redox_memory_area *areas = bootargs_areas(page);
	uint32_t max_areas = bootargs_max_areas(PAGE_SIZE);
	if (e820_count > max_areas)
		e820_count = max_areas;
	for (uint32_t i = 0; i < e820_count; i++) {
		areas[i].base = e820[i].base;
		areas[i].size = e820[i].size;
		areas[i].kind = e820_kind(e820[i].type);
	}
	struct boot_handover h = {
	    .platform = "bios",
	    .kernel = kernel,
	    .initfs_base = initfs_base,
	    .initfs_size = initfs_size,
	    .live_base = live_base,
	    .live_size = live_size,
	    .stack_base = next + PAGE_SIZE,
	    .root = root,
	    .uuid = bootfs_uuid(),
	};
	h.rsdp = acpi_find_rsdp(&h.rsdp_size);
	video_init(&h);
	struct redox_boot_args *args = bootargs_finish(page, PAGE_SIZE, e820_count, &h);
	bootargs_enter_kernel(kernel.entry, args,
	                      REDOX_PHYS_OFFSET + h.stack_base + KERNEL_STACK_SIZE);
}
