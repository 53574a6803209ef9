/*
 * The boot arguments both loaders hand the kernel
 * (abi/include/redox/abi/bootargs.h), laid out in one block:
 *   struct redox_boot_args | memory areas | environment ("KEY=value\n")
 * and the jump into the kernel.
 */
#include <fmt/fmt.h>

#include "loader.h"

/* What the environment needs at most; the rest of the block is for areas. */
#define ENV_ROOM 512

struct redox_memory_area *bootargs_areas(void *page)
{
	return (struct redox_memory_area *)((struct redox_boot_args *)page + 1);
}

uint32_t bootargs_max_areas(size_t page_size)
{
	return (uint32_t)((page_size - sizeof(struct redox_boot_args) - ENV_ROOM) /
	                  sizeof(struct redox_memory_area));
}

struct redox_boot_args *bootargs_finish(void *page, size_t page_size, uint32_t area_count,
                                        const struct boot_handover *h)
{
	struct redox_boot_args *args = page;
	struct redox_memory_area *areas = bootargs_areas(page);
	char *env = (char *)(areas + area_count);
	size_t room = page_size - (size_t)(env - (char *)page);
	size_t len = fmt_snprintf(env, room,
	                          "BOOTLOADER=%s\nRSDP=%llx\nREDOXFS_LBA=%llu\n"
	                          "REDOXFS_SECTORS=%llu\n",
	                          h->platform, (unsigned long long)h->rsdp,
	                          (unsigned long long)h->root.first_lba,
	                          (unsigned long long)h->root.sectors);
	const uint8_t *u = h->uuid;
	if (u && len < room)
		len += fmt_snprintf(env + len, room - len,
		                    "REDOXFS_UUID=%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		                    "%02x%02x%02x%02x%02x%02x\n",
		                    u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		                    u[10], u[11], u[12], u[13], u[14], u[15]);
	if (h->live_size && len < room)
		len += fmt_snprintf(
		    env + len, room - len, "REDOXFS_LIVE_ADDR=%llx\nREDOXFS_LIVE_SIZE=%llx\n",
		    (unsigned long long)h->live_base, (unsigned long long)h->live_size);
	if (h->fb_width && len < room)
		len += fmt_snprintf(env + len, room - len,
		                    "FRAMEBUFFER_ADDR=%llx\nFRAMEBUFFER_WIDTH=%x\n"
		                    "FRAMEBUFFER_HEIGHT=%x\nFRAMEBUFFER_STRIDE=%x\n",
		                    (unsigned long long)h->fb_addr, h->fb_width, h->fb_height,
		                    h->fb_stride);
	if (len >= room)
		len = room - 1;

	args->magic = REDOX_BOOT_MAGIC;
	args->kernel_base = h->kernel.phys_start;
	args->kernel_size = h->kernel.phys_end - h->kernel.phys_start;
	args->stack_base = h->stack_base;
	args->stack_size = KERNEL_STACK_SIZE;
	args->env_base = (uint64_t)env;
	args->env_size = len;
	args->hwdesc_base = h->rsdp;
	args->hwdesc_size = h->rsdp_size;
	args->areas_base = (uint64_t)areas;
	args->areas_size = area_count * sizeof *areas;
	args->bootstrap_base = h->initfs_base;
	args->bootstrap_size = h->initfs_size;
	return args;
}

_Noreturn void bootargs_enter_kernel(uint64_t entry, const struct redox_boot_args *args,
                                     uint64_t stack_top)
{
	/* Mask the legacy PICs: the kernel uses the APICs. */
	__asm__ volatile("outb %%al, $0x21; outb %%al, $0xA1" : : "a"(0xFF));
	__asm__ volatile("mov %1, %%rsp\n"
	                 "xor %%ebp, %%ebp\n"
	                 "jmp *%0\n"
	                 :
	                 : "r"(entry), "r"(stack_top), "D"(args)
	                 : "memory");
	__builtin_unreachable();
}
