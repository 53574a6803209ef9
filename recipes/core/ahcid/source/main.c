/*
 * ahcid: started by pcid for class 1 subclass 6 (SATA, AHCI) with the
 * device in its environment (PCID_DEVICE, PCID_BAR5 = the ABAR, PCID_IRQ)
 * and confined to its manifest (initfs:etc/pcid.d/ahcid.toml). It maps
 * the ABAR, opens its interrupt line, starts the controller and serves
 * every disk on it as disk.ahciN: (common/driver/disk.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ahci.h"

static struct ahci ahci;

int main(void)
{
	const char *dev = getenv("PCID_DEVICE");
	uint64_t addr, size;
	if (!dev || !driver_pcid_bar(5, &addr, &size)) {
		printf("ahcid: no device (start it through pcid: PCID_DEVICE, PCID_BAR5)\n");
		return 1;
	}
	void *abar = driver_map_mmio(addr, size);
	if (!abar) {
		printf("ahcid: %s: cannot map BAR5 at 0x%llx: %s\n", dev, (unsigned long long)addr,
		       strerror(errno));
		return 1;
	}
	int irq_fd = -1;
	const char *irq = getenv("PCID_IRQ");
	if (irq) {
		char path[32];
		snprintf(path, sizeof path, "irq:%s", irq);
		irq_fd = open(path, O_RDWR);
		if (irq_fd < 0)
			printf("ahcid: %s: %s; polling\n", path, strerror(errno));
	}
	int err = ahci_init(&ahci, abar, irq_fd);
	if (err) {
		printf("ahcid: %s: controller reset failed: %s\n", dev, strerror(-err));
		return 1;
	}
	static struct disk_backend b = {.driver = "ahci", .run = ahci_run, .ctx = &ahci};
	b.disks = ahci.port_count;
	for (int i = 0; i < ahci.port_count; i++) {
		b.sectors[i] = ahci.ports[i].sectors;
		b.sector_size[i] = 512;
	}
	fflush(stdout);
	return disk_serve("ahcid", &b);
}
