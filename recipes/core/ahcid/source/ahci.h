/*
 * ahcid: the AHCI (SATA) driver. hba.c drives the controller (reset,
 * port start, command slots, DMA through per-slot bounce buffers,
 * interrupts); main.c takes the device from pcid's environment and serves
 * the disks through the shared disk: scheme (common/driver/disk.c).
 */
#ifndef AHCID_AHCI_H
#define AHCID_AHCI_H

#include <stdbool.h>
#include <stdint.h>
#include <driver/disk.h>
#include <driver/driver.h>

#define AHCI_PORTS 32
#define SLOT_BYTES (64 * 1024) /* one bounce buffer per command slot */
#define MAX_SLOTS  32

struct ahci_port {
	int index;               /* HBA port number */
	volatile uint32_t *regs; /* its 0x80 bytes of registers */
	struct dma_buf mem;      /* command list, received FIS, command tables */
	struct dma_buf bounce;   /* SLOT_BYTES per slot */
	uint64_t sectors;
	char model[41];
};

struct ahci {
	volatile uint32_t *abar;
	int slots;     /* command slots used per port */
	int irq_fd;    /* -1: polling */
	bool irq_seen; /* has an interrupt ever arrived */
	int port_count;
	struct ahci_port ports[DISK_MAX];
};

/* Reset the HBA and start every port with a disk; 0 or -errno. */
int ahci_init(struct ahci *a, void *abar, int irq_fd);
/* The disk backend's run(): every request, several in flight per port. */
void ahci_run(void *ctx, struct disk_req *reqs, int count);

#endif
