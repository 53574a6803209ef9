/*
 * What the BIOS and UEFI loaders share: the platform part (bios/ or uefi/)
 * provides the console and byte-addressed reads of the boot medium; the
 * shared part finds the root filesystem in the GPT or on a CD (medium.c,
 * gpt.c, iso9660.c), reads its files (bootfs.c), loads the kernel ELF (elf.c), copies the whole
 * partition for live mode (live.c) and writes the boot arguments
 * (bootargs.c).
 */
#ifndef BOOTLOADER_LOADER_H
#define BOOTLOADER_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <freestanding/string.h>
#include <redox/abi/bootargs.h>

#ifndef BOOTLOADER_VERSION
#define BOOTLOADER_VERSION "0.0.0"
#endif

#define PAGE_SIZE         4096ULL
#define KERNEL_STACK_SIZE (128 * 1024ULL)

static inline uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* Platform: the console, and reads of the boot medium at byte offsets. */
void print(const char *format, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fail(const char *format, ...) __attribute__((format(printf, 1, 2)));
int disk_read(uint64_t offset, void *buffer, size_t length);

/* gpt.c: partitions of a GPT disk that starts `base` bytes into the medium */
struct partition {
	uint64_t first_lba; /* 512-byte sectors from the start of the medium */
	uint64_t sectors;
};
/* False when there is no GPT at base or no partition of that type; *why says which. */
bool gpt_find_partition(uint64_t base, const char *type_guid, struct partition *out,
                        const char **why);

/* iso9660.c: the byte offset and size of a file in the root directory of a CD */
bool iso9660_find(const char *name, uint64_t *offset, uint64_t *size);

/* medium.c: the root filesystem on the medium: a GPT partition, or a file on a CD */
bool medium_find_root(struct partition *root, bool *cd, const char **why);
/* Live mode: on a CD, or a disk whose MBR signature says "LIVE" */
bool medium_live(bool cd);

/* bootfs.c: files of the root filesystem */
bool bootfs_mount(const struct partition *part);
/* Size of a regular file, or -1 when missing. */
int64_t bootfs_size(const char *path);
bool bootfs_read(const char *path, uint64_t offset, void *buffer, uint64_t length);
/* The mounted filesystem's uuid (16 bytes). */
const uint8_t *bootfs_uuid(void);

/* elf.c: the kernel ELF, checked (inspect) and copied to its physical addresses (load) */
struct loaded_kernel {
	uint64_t entry;
	uint64_t phys_start, phys_end;
};
void elf_inspect_kernel(const char *path, struct loaded_kernel *out);
void elf_load_kernel(const char *path, struct loaded_kernel *out);

/* live.c: the whole partition copied to `base` (the caller made sure it fits) */
void live_load(const struct partition *root, uint64_t base);

/* modes.c: the video mode list and menu */
struct video_mode {
	uint32_t id; /* the platform's mode number */
	uint32_t width, height;
};
#define MODES_TIMEOUT_MS 3000
struct modes_input {
	void *ctx;
	int (*read_key)(void *ctx); /* a character, or -1 when none is waiting */
	void (*sleep_ms)(void *ctx, uint32_t ms);
};
void modes_sort(struct video_mode *m, uint32_t n);
uint32_t modes_default(const struct video_mode *m, uint32_t n);
/* Shows the menu and returns the chosen index (def without a key within the timeout). */
uint32_t modes_menu(const struct video_mode *m, uint32_t n, uint32_t def,
                    const struct modes_input *in);

/*
 * bootargs.c: one page (or more) holding struct redox_boot_args, the memory
 * areas, then the environment. The platform fills the areas it returns.
 */
struct boot_handover {
	const char *platform; /* "bios" or "uefi" */
	struct loaded_kernel kernel;
	uint64_t initfs_base, initfs_size;
	uint64_t live_base, live_size; /* 0 size: no live copy */
	uint64_t rsdp, rsdp_size;
	uint64_t stack_base;
	struct partition root;
	const uint8_t *uuid; /* the root filesystem's, 16 bytes */
	/* 0 width: no framebuffer */
	uint64_t fb_addr;
	uint32_t fb_width, fb_height, fb_stride;
};
struct redox_memory_area *bootargs_areas(void *page);
/* How many areas fit in a page of this size, leaving room for the environment. */
uint32_t bootargs_max_areas(size_t page_size);
struct redox_boot_args *bootargs_finish(void *page, size_t page_size, uint32_t area_count,
                                        const struct boot_handover *h);
_Noreturn void bootargs_enter_kernel(uint64_t entry, const struct redox_boot_args *args,
                                     uint64_t stack_top);

#endif
