/*
 * What every userspace driver does with the kernel: read the boot
 * environment, map device memory (a BAR) through memory:physical, take
 * DMA memory (SYS_PHYSALLOC, mapped uncached, its physical address known),
 * and wait for its interrupt line on irq:N. A driver started by pcid is
 * confined to its manifest: the kernel refuses anything else (EPERM or
 * EACCES), so every failure here is reported to the caller.
 */
#ifndef COMMON_DRIVER_DRIVER_H
#define COMMON_DRIVER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/* KEY's value in sys:env, as hex; 0 when absent. */
uint64_t driver_env_hex(const char *key);
/* The boot environment's value of KEY into out (NUL-terminated); 0 when absent. */
int driver_env_str(const char *key, char *out, size_t len);

/* Map `size` bytes of device memory at `phys` uncached; NULL (errno set) on failure. */
void *driver_map_mmio(uint64_t phys, uint64_t size);

struct dma_buf {
	void *virt;
	uint64_t phys, size;
};
/* Contiguous, zeroed, uncached DMA memory; 0 or -errno. */
int driver_dma_alloc(struct dma_buf *buf, uint64_t size);

/* Read a pcid variable from the environment: PCID_BAR5 etc. as "addr size". */
int driver_pcid_bar(int n, uint64_t *addr, uint64_t *size);

#endif
