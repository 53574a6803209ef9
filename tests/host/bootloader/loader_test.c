/*
 * Host tests of the bootloaders' shared code (recipes/core/bootloader/
 * source): finding the root filesystem on a GPT disk and on an ISO 9660 CD
 * (medium.c, gpt.c, iso9660.c) over an in-memory medium, the video mode
 * list and menu (modes.c) with scripted keys, and the boot arguments
 * (bootargs.c). This file plays the platform: print, fail, disk_read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redox/abi/disk.h>

#include "loader.h"

#include "../check.h"

/* ---- the platform ---- */

static char printed[8192];
static size_t printed_len;
static jmp_buf failed;

void print(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int n = vsnprintf(printed + printed_len, sizeof printed - printed_len, format, args);
	va_end(args);
	if (n > 0 && printed_len + (size_t)n < sizeof printed)
		printed_len += (size_t)n;
}

_Noreturn void fail(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vsnprintf(printed, sizeof printed, format, args);
	va_end(args);
	longjmp(failed, 1);
}

static uint8_t *medium;
static size_t medium_size;

int disk_read(uint64_t offset, void *buffer, size_t length)
{
	if (offset > medium_size || length > medium_size - offset)
		return -1; /* past the end, as a cut-short medium */
	memcpy(buffer, medium + offset, length);
	return 0;
}

static void new_medium(size_t size)
{
	free(medium);
	medium = calloc(1, size);
	medium_size = size;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* ---- GPT and CD ---- */

/* GPT_TYPE_REDOXFS 52445846-5300-4F53-8000-524F4F544653 on disk */
static const uint8_t redoxfs_type[16] = {0x46, 0x58, 0x44, 0x52, 0x00, 0x53, 0x53, 0x4F,
                                         0x80, 0x00, 0x52, 0x4F, 0x4F, 0x54, 0x46, 0x53};

static void make_gpt(uint64_t first, uint64_t last, int slot)
{
	new_medium(64 * 1024);
	uint8_t *h = medium + 512;
	memcpy(h, "EFI PART", 8);
	put64(h + 72, 2);   /* entries LBA */
	put32(h + 80, 128); /* entry count */
	put32(h + 84, 128); /* entry size */
	uint8_t *e = medium + 2 * 512 + slot * 128;
	memcpy(e, redoxfs_type, 16);
	put64(e + 32, first);
	put64(e + 40, last);
}

static void test_gpt(void)
{
	struct partition p;
	const char *why = 0;
	bool cd = true;
	make_gpt(4096, 8191, 2);
	CHECK(medium_find_root(&p, &cd, &why));
	CHECK(!cd && p.first_lba == 4096 && p.sectors == 4096);

	make_gpt(4096, 8191, 2);
	memset(medium + 2 * 512 + 2 * 128, 0x11, 16); /* some other type */
	CHECK(!medium_find_root(&p, &cd, &why));
	CHECK(why && !strcmp(why, "no RedoxFS partition in the GPT"));

	new_medium(64 * 1024); /* blank: no GPT, no CD */
	CHECK(!medium_find_root(&p, &cd, &why));
	CHECK(!strcmp(why, "no GPT"));

	new_medium(600); /* shorter than a GPT header */
	CHECK(!medium_find_root(&p, &cd, &why));
	CHECK(!strcmp(why, "cannot read the GPT header"));

	/* live mode: a CD, or a disk whose MBR signature says LIVE */
	make_gpt(4096, 8191, 2);
	CHECK(!medium_live(false));
	CHECK(medium_live(true));
	memcpy(medium + 440, "LIVE", 4);
	CHECK(medium_live(false));
}

/* Writes a directory record at r; returns its length. */
static uint8_t dir_record(uint8_t *r, uint32_t lba, uint32_t size, uint8_t flags, const char *name)
{
	uint8_t n = (uint8_t)(strlen(name) ? strlen(name) : 1); /* "." and ".." are 1 byte */
	r[0] = (uint8_t)(33 + n + (n % 2 == 0));
	put32(r + 2, lba);
	put32(r + 10, size);
	r[25] = flags;
	r[32] = n;
	memcpy(r + 33, name, n);
	return r[0];
}

static void make_iso(const char *name, uint32_t size)
{
	new_medium(40 * 2048);
	uint8_t *pvd = medium + 16 * 2048;
	pvd[0] = 1;
	memcpy(pvd + 1, "CD001", 5);
	pvd[128] = 0x00;
	pvd[129] = 0x08; /* 2048-byte blocks */
	dir_record(pvd + 156, 20, 2048, 2, "");
	uint8_t *dir = medium + 20 * 2048;
	dir += dir_record(dir, 20, 2048, 2, "");
	dir += dir_record(dir, 20, 2048, 2, "\1");
	dir += dir_record(dir, 21, 100, 2, "ROOTFS.IMG"); /* a folder of that name: skipped */
	dir += dir_record(dir, 22, 2048, 0, "README.TXT;1");
	dir_record(dir, 24, size, 0, name);
}

static void test_iso(void)
{
	struct partition p;
	const char *why = 0;
	bool cd = false;
	make_iso("ROOTFS.IMG;1", 8192);
	CHECK(medium_find_root(&p, &cd, &why));
	CHECK(cd && p.first_lba == 24 * 4 && p.sectors == 16);

	make_iso("rootfs.img", 4096); /* no version suffix, lower case */
	CHECK(medium_find_root(&p, &cd, &why) && cd && p.sectors == 8);

	make_iso("ROOTFS.IMG.OLD;1", 8192);
	CHECK(!medium_find_root(&p, &cd, &why));
	CHECK(!strcmp(why, "no GPT"));

	make_iso("ROOTFS.IMG;1", 0);
	CHECK(!medium_find_root(&p, &cd, &why));
	CHECK(!strcmp(why, "the CD's ROOTFS.IMG is empty"));

	make_iso("ROOTFS.IMG;1", 8192);
	medium_size = 20 * 2048; /* cut before the root directory */
	CHECK(!medium_find_root(&p, &cd, &why));
}

/* ---- live copy from a cut-short medium ---- */

static void test_live(void)
{
	new_medium(64 * 1024);
	for (size_t i = 0; i < medium_size; i++)
		medium[i] = (uint8_t)(i * 7);
	struct partition p = {.first_lba = 8, .sectors = 64};
	static uint8_t copy[64 * 512];
	printed_len = 0;
	if (!setjmp(failed)) {
		live_load(&p, (uint64_t)copy);
		CHECK(!memcmp(copy, medium + 8 * 512, sizeof copy));
	} else {
		CHECK(!"live_load failed on a whole medium");
	}
	medium_size = 40 * 512;
	if (!setjmp(failed)) {
		live_load(&p, (uint64_t)copy);
		CHECK(!"live_load went on past the end of the medium");
	} else {
		CHECK(strstr(printed, "the root filesystem: read error at 0 of 0 MiB"));
		CHECK(strstr(printed, "cut short"));
	}
}

/* ---- video modes ---- */

static const char *script;

static int scripted_key(void *ctx)
{
	(void)ctx;
	return script && *script ? *script++ : -1;
}

static uint32_t slept;

static void count_sleep(void *ctx, uint32_t ms)
{
	(void)ctx;
	slept += ms;
}

static uint32_t menu(const struct video_mode *m, uint32_t n, uint32_t def, const char *keys)
{
	const struct modes_input in = {0, scripted_key, count_sleep};
	script = keys;
	slept = 0;
	printed_len = 0;
	return modes_menu(m, n, def, &in);
}

static void test_modes(void)
{
	struct video_mode m[] = {{7, 1920, 1200}, {3, 800, 600},   {9, 1024, 768},
	                         {1, 640, 480},   {5, 1280, 1024}, {2, 1024, 600}};
	uint32_t n = sizeof m / sizeof m[0];
	modes_sort(m, n);
	CHECK(m[0].width == 640 && m[1].width == 800 && m[2].height == 600 && m[3].height == 768 &&
	      m[5].width == 1920);
	uint32_t def = modes_default(m, n);
	CHECK(m[def].id == 9);
	CHECK(modes_default(m, 3) == 2);     /* no 1024x768: 1024x600 is largest */
	CHECK(modes_default(m + 5, 1) == 0); /* only too-large modes: the smallest */

	CHECK(menu(m, n, def, 0) == def && slept == MODES_TIMEOUT_MS);
	CHECK(strstr(printed, "   4) 1024x768 *\n") && strstr(printed, "   1) 640x480\n"));
	CHECK(menu(m, n, def, "2\r") == 1);
	CHECK(menu(m, n, def, "\r") == def && slept == 0);
	CHECK(menu(m, n, def, "\033") == def);
	CHECK(menu(m, n, def, "9\r5\r") == 4 && strstr(printed, "no mode 9; 1 to 6"));
	CHECK(menu(m, 1, 0, "3\r") == 0 && printed_len == 0); /* one mode: no menu */
}

/* ---- boot arguments ---- */

static void test_bootargs(void)
{
	static uint8_t page[8192] __attribute__((aligned(16)));
	memset(page, 0, sizeof page);
	struct redox_memory_area *areas = bootargs_areas(page);
	CHECK((uint8_t *)areas == page + sizeof(struct redox_boot_args));
	CHECK(bootargs_max_areas(4096) >= 128);
	areas[0] = (struct redox_memory_area){0, 0x9f000, REDOX_MEMORY_FREE, 0};
	areas[1] = (struct redox_memory_area){0x100000, 0x7ff00000, REDOX_MEMORY_FREE, 0};
	struct boot_handover h = {
	    .platform = "uefi",
	    .kernel = {0xffffffff80200000, 0x200000, 0x245000},
	    .initfs_base = 0x246000,
	    .initfs_size = 0x1000,
	    .live_base = 0x1500000,
	    .live_size = 0x4000000,
	    .rsdp = 0x7f77d014,
	    .rsdp_size = 36,
	    .stack_base = 0x5509000,
	    .root = {4096, 131072},
	    .uuid =
	        (const uint8_t *)"\x01\x23\x45\x67\x89\xab\xcd\xef\x00\x11\x22\x33\x44\x55\x66\x77",
	    .fb_addr = 0xc0000000,
	    .fb_width = 1024,
	    .fb_height = 768,
	    .fb_stride = 1024,
	};
	struct redox_boot_args *a = bootargs_finish(page, sizeof page, 2, &h);
	CHECK(a->magic == REDOX_BOOT_MAGIC);
	CHECK(a->kernel_base == 0x200000 && a->kernel_size == 0x45000);
	CHECK(a->stack_base == 0x5509000 && a->stack_size == KERNEL_STACK_SIZE);
	CHECK(a->areas_base == (uint64_t)areas && a->areas_size == 2 * sizeof *areas);
	CHECK(a->bootstrap_base == 0x246000 && a->bootstrap_size == 0x1000);
	CHECK(a->hwdesc_base == 0x7f77d014 && a->hwdesc_size == 36);
	CHECK(a->env_base == (uint64_t)(areas + 2));
	char env[600] = {0};
	memcpy(env, (const char *)a->env_base, a->env_size < 599 ? a->env_size : 599);
	CHECK(!strcmp(env, "BOOTLOADER=uefi\nRSDP=7f77d014\nREDOXFS_LBA=4096\n"
	                   "REDOXFS_SECTORS=131072\n"
	                   "REDOXFS_UUID=01234567-89ab-cdef-0011-223344556677\n"
	                   "REDOXFS_LIVE_ADDR=1500000\n"
	                   "REDOXFS_LIVE_SIZE=4000000\nFRAMEBUFFER_ADDR=c0000000\n"
	                   "FRAMEBUFFER_WIDTH=400\nFRAMEBUFFER_HEIGHT=300\n"
	                   "FRAMEBUFFER_STRIDE=400\n"));

	h.live_size = 0;
	h.fb_width = 0;
	h.uuid = 0;
	h.platform = "bios";
	a = bootargs_finish(page, 4096, 2, &h);
	memset(env, 0, sizeof env);
	memcpy(env, (const char *)a->env_base, a->env_size);
	CHECK(!strcmp(env, "BOOTLOADER=bios\nRSDP=7f77d014\nREDOXFS_LBA=4096\n"
	                   "REDOXFS_SECTORS=131072\n"));
}

int main(void)
{
	test_gpt();
	test_iso();
	test_live();
	test_modes();
	test_bootargs();
	free(medium);
	return check_done("bootloader");
}
