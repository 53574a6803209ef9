/*
 * pcid: the PCI daemon. config.c reaches configuration space (ECAM from
 * ACPI's MCFG table, else the legacy 0xCF8/0xCFC ports), scan.c walks
 * the buses and sizes BARs, match.c reads the [[drivers]] tables and
 * matches devices, spawn.c starts each driver confined to its manifest
 * and restarts it when it dies; main.c puts them together.
 */
#ifndef PCID_H
#define PCID_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_DEVICES 64
#define MAX_DRIVERS 32
#define MAX_ARGS    8

struct pci_bar {
	uint64_t addr, size; /* size 0: no BAR */
	bool io, is64;
};

struct pci_dev {
	uint8_t bus, dev, func;
	uint16_t vendor, device;
	uint8_t class, subclass, interface, revision;
	uint8_t irq_pin; /* 1..4 = INTA..INTD, 0 none */
	uint32_t gsi;    /* where INTx arrives (irq:N); ~0 unknown */
	struct pci_bar bars[6];
	char addr[16]; /* "00:1f.2" */
};

/* config.c */
/* Find configuration space; returns "ECAM at ..." / "legacy ports" or NULL. */
const char *pci_config_init(char *how, unsigned len);
uint32_t pci_read32(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off);
void pci_write32(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off, uint32_t value);
uint16_t pci_read16(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off);
void pci_write16(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off, uint16_t value);
/* A value of the boot environment (sys:env), as hex; 0 when absent. */
uint64_t env_hex(const char *key);

/* scan.c: every function on every reachable bus; returns the count. */
int pci_scan(struct pci_dev *out, int max);

/* match.c */
struct driver {
	char name[32];
	int class, subclass, interface, vendor, device; /* -1: any */
	uint16_t ids_vendor[8];
	uint16_t ids_device[8][16];
	int ids_count, ids_len[8];
	char *argv[MAX_ARGS + 1];
	/* the manifest */
	uint8_t bars;      /* bit n: BAR n may be mapped */
	int irq_vectors;   /* 0: no interrupts */
	uint64_t dma;      /* bytes of DMA memory */
	char scheme[32];   /* schemes it may provide (a prefix) */
	uint32_t uid, gid; /* what it runs as */
	char file[64];     /* where it was defined */
};
/* Read every *.toml in dir; errors are printed, one line each. */
int drivers_load(const char *dir, struct driver *out, int max);
const struct driver *driver_match(const struct driver *drivers, int count, const struct pci_dev *d);

/* spawn.c */
/* Enable the device and start its driver; the pid or -1. */
int driver_start(const struct driver *drv, const struct pci_dev *dev, int ready_fd);
/* Wait for drivers forever, restarting any that dies (with backoff). */
_Noreturn void supervise(void);
void supervise_add(const struct driver *drv, const struct pci_dev *dev, int pid);

void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
