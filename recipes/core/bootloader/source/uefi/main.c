/*
 * The UEFI loader (EFI/BOOT/BOOTX64.EFI): find the root filesystem on the
 * disk this application came from (a GPT RedoxFS partition) or on a live
 * CD (ROOTFS.IMG in the ISO's root directory), load boot/kernel and
 * boot/initfs with the code the BIOS loader uses, copy the whole
 * filesystem into memory on a live medium (a CD, as the BIOS loader does;
 * otherwise redoxfsd mounts the disk), set a GOP
 * mode, end boot services and enter the kernel with the same
 * struct redox_boot_args.
 *
 * Physical memory handed over, in this order from the kernel's own
 * address up (the kernel keeps kernel_base .. stack end), each piece in the
 * lowest free RAM above the one before, so firmware areas may lie between:
 *   kernel | initfs | (live filesystem) | boot args (2 pages) +
 *   page tables + stack
 */
#include <redox/abi/disk.h>

#include "uefi.h"

#define ARGS_PAGES 2

efi_handle efi_image;
struct efi_system_table *efi_st;
struct efi_boot_services *efi_bs;

/* The first device with a root filesystem, the one we came from tried first. */
static void find_root(struct partition *root, bool *cd)
{
	uint32_t n = disk_count();
	const char *first_why = 0;
	for (uint32_t i = 0; i < n; i++) {
		const char *why = "unusable block size";
		if (disk_select(i) && medium_find_root(root, cd, &why))
			return;
		if (!first_why)
			first_why = why;
	}
	if (!n)
		fail("the firmware shows no disk or CD with media");
	fail("boot disk: %s (and no RedoxFS on the %u other device(s))", first_why, n - 1);
}

efi_status efi_main(efi_handle image, struct efi_system_table *st)
{
	efi_image = image;
	efi_st = st;
	efi_bs = st->boot_services;
	console_init();
	print("Redox OS Bootloader " BOOTLOADER_VERSION " on uefi\n");

	struct boot_handover h = {.platform = "uefi"};
	bool cd;
	find_root(&h.root, &cd);
	if (!bootfs_mount(&h.root))
		fail("the RedoxFS %s at LBA %llu does not mount (not RedoxFS, or damaged)",
		     cd ? "image on the CD" : "partition", (unsigned long long)h.root.first_lba);

	/* Each piece is claimed from the firmware before anything is loaded. */
	elf_inspect_kernel("boot/kernel", &h.kernel);
	memory_claim(h.kernel.phys_start, h.kernel.phys_end - h.kernel.phys_start, "boot/kernel");
	int64_t initfs = bootfs_size("boot/initfs");
	h.initfs_size = initfs > 0 ? (uint64_t)initfs : 0;
	h.initfs_base = h.initfs_size
	                    ? memory_place(h.kernel.phys_end, h.initfs_size, "boot/initfs")
	                    : align_up(h.kernel.phys_end, PAGE_SIZE);
	/* Live mode only on a live medium: otherwise redoxfsd mounts the disk. */
	bool live = medium_live(cd);
	h.live_base = align_up(h.initfs_base + h.initfs_size, PAGE_SIZE);
	if (live) {
		h.live_size = h.root.sectors * DISK_SECTOR_SIZE;
		h.live_base = memory_place(h.live_base, h.live_size, "the live filesystem");
	}
	uint64_t top = memory_top();
	uint64_t tail = (ARGS_PAGES + paging_pages(top)) * PAGE_SIZE + KERNEL_STACK_SIZE;
	uint64_t args_base = memory_place(h.live_base + h.live_size, tail, "the boot arguments");
	uint64_t tables = args_base + ARGS_PAGES * PAGE_SIZE;
	h.stack_base = tables + paging_pages(top) * PAGE_SIZE;

	elf_load_kernel("boot/kernel", &h.kernel);
	print("bootloader: kernel %llu KiB at %llx, entry %llx\n",
	      (unsigned long long)((h.kernel.phys_end - h.kernel.phys_start) >> 10),
	      (unsigned long long)h.kernel.phys_start, (unsigned long long)h.kernel.entry);
	if (h.initfs_size) {
		if (!bootfs_read("boot/initfs", 0, (void *)h.initfs_base, h.initfs_size))
			fail("boot/initfs: read error");
		print("bootloader: initfs %llu KiB at %llx\n",
		      (unsigned long long)(h.initfs_size >> 10), (unsigned long long)h.initfs_base);
	} else {
		print("bootloader: no boot/initfs\n");
	}
	if (live)
		live_load(&h.root, h.live_base);
	h.uuid = bootfs_uuid();
	h.rsdp = acpi_find_rsdp(&h.rsdp_size);
	if (!h.rsdp)
		print("bootloader: the firmware gives no ACPI RSDP; the kernel runs on one CPU\n");
	video_init(&h);

	void *page = (void *)args_base;
	memset(page, 0, ARGS_PAGES * PAGE_SIZE);
	print("bootloader: leaving the firmware\n");
	uint32_t count = memory_exit_boot_services(bootargs_areas(page),
	                                           bootargs_max_areas(ARGS_PAGES * PAGE_SIZE));
	uint64_t cr3 = paging_build((void *)tables, top);
	struct redox_boot_args *args = bootargs_finish(page, ARGS_PAGES * PAGE_SIZE, count, &h);
	/* this code and its stack are identity-mapped in the new tables too */
	__asm__ volatile("cli; mov %0, %%cr3" : : "r"(cr3) : "memory");
	bootargs_enter_kernel(h.kernel.entry, args,
	                      REDOX_PHYS_OFFSET + h.stack_base + KERNEL_STACK_SIZE);
}
