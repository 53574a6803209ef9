/*
 * The boot arguments, checked and reachable through the direct map.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <stddef.h>
#include <stdint.h>
#include <redox/abi/bootargs.h>
#include <freestanding/string.h>

struct boot_info {
	const struct redox_boot_args *args;
	const struct redox_memory_area *areas;
	size_t area_count;
	const char *env;
	size_t env_size;
};

static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)(phys + REDOX_PHYS_OFFSET);
}

/* Panics when the arguments are not the bootloader's. */
void boot_info_parse(uint64_t args_phys, struct boot_info *out);
/* The value of KEY in the environment block, in a static copy; NULL if unset. */
const char *boot_env_get(const struct boot_info *boot, const char *key);

#endif
