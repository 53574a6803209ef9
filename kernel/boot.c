/*
 * Checking and reading the boot arguments the bootloader passed
 * (abi/include/redox/abi/bootargs.h).
 */
#define LOG_MODULE "start"
#include "boot.h"
#include "lib/log.h"

void boot_info_parse(uint64_t args_phys, struct boot_info *out)
{
	const struct redox_boot_args *a = phys_to_virt(args_phys);
	if (a->magic != REDOX_BOOT_MAGIC)
		panic("boot arguments at %llx have a bad magic %llx", (unsigned long long)args_phys,
		      (unsigned long long)a->magic);
	out->args = a;
	out->areas = phys_to_virt(a->areas_base);
	out->area_count = a->areas_size / sizeof(struct redox_memory_area);
	out->env = phys_to_virt(a->env_base);
	out->env_size = a->env_size;
}

const char *boot_env_get(const struct boot_info *boot, const char *key)
{
	static char value[128];
	size_t key_len = strlen(key);
	const char *p = boot->env, *end = boot->env + boot->env_size;
	while (p < end) {
		const char *line_end = p;
		while (line_end < end && *line_end != '\n')
			line_end++;
		if ((size_t)(line_end - p) > key_len && !memcmp(p, key, key_len) &&
		    p[key_len] == '=') {
			size_t n = (size_t)(line_end - p) - key_len - 1;
			if (n >= sizeof value)
				n = sizeof value - 1;
			memcpy(value, p + key_len + 1, n);
			value[n] = 0;
			return value;
		}
		p = line_end + 1;
	}
	return 0;
}
