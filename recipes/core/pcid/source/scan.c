/*
 * Bus walk: every function of bus 0 and of the buses behind PCI-to-PCI
 * bridges, with its ids, class, BARs (sized by writing all ones with
 * decoding off) and the GSI its INTx pin arrives on.
 *
 * INTx routing without AML: on QEMU's q35 (host bridge 8086:29c0) the
 * ICH9 routes PIRQ A..H to I/O APIC inputs 16..23; slots 25..31 go
 * through the DxxIR registers (reset value: INTA..D -> PIRQ A..D), the
 * others INTx -> PIRQ E..H by (slot + pin) % 4, and devices behind a
 * bridge swizzle their pin up to the slot on bus 0. Elsewhere (i440fx)
 * the firmware's Interrupt Line register holds the ISA IRQ.
 */
#include <stdio.h>
#include <string.h>

#include "pcid.h"

static bool q35;

static uint32_t q35_gsi(uint8_t slot, uint8_t pin0)
{
	unsigned pirq = slot >= 25 && slot != 30 ? pin0 : (slot + pin0) % 4 + 4;
	return 16 + pirq;
}

static void size_bars(struct pci_dev *d)
{
	uint8_t b = d->bus, s = d->dev, f = d->func;
	uint16_t cmd = pci_read16(b, s, f, 0x04);
	pci_write16(b, s, f, 0x04, cmd & ~3); /* decoding off while sizing */
	for (int i = 0; i < 6; i++) {
		uint16_t off = (uint16_t)(0x10 + 4 * i);
		uint32_t orig = pci_read32(b, s, f, off);
		pci_write32(b, s, f, off, 0xFFFFFFFF);
		uint32_t mask = pci_read32(b, s, f, off);
		pci_write32(b, s, f, off, orig);
		struct pci_bar *bar = &d->bars[i];
		if (orig & 1) {
			bar->io = true;
			bar->addr = orig & ~3u;
			bar->size = mask & ~3u ? (uint16_t)(~(mask & ~3u) + 1) : 0;
			continue;
		}
		uint64_t addr = orig & ~15u, m = mask & ~15u;
		if (((orig >> 1) & 3) == 2 && i < 5) {
			uint32_t orig_hi = pci_read32(b, s, f, off + 4);
			pci_write32(b, s, f, off + 4, 0xFFFFFFFF);
			uint32_t mask_hi = pci_read32(b, s, f, off + 4);
			pci_write32(b, s, f, off + 4, orig_hi);
			addr |= (uint64_t)orig_hi << 32;
			m |= (uint64_t)mask_hi << 32;
			bar->is64 = true;
			bar->addr = addr;
			bar->size = m ? ~m + 1 : 0;
			i++; /* the upper half is not a BAR of its own */
			continue;
		}
		bar->addr = addr;
		bar->size = m ? (uint32_t)(~(uint32_t)m + 1) : 0;
	}
	pci_write16(b, s, f, 0x04, cmd);
}

/* root_slot/pin_shift: the bus-0 slot this bus hangs off and the swizzle so far. */
static int scan_bus(uint8_t bus, int root_slot, struct pci_dev *out, int n, int max, int depth)
{
	for (uint8_t dev = 0; dev < 32; dev++) {
		for (uint8_t func = 0; func < 8; func++) {
			uint32_t id = pci_read32(bus, dev, func, 0);
			if ((id & 0xFFFF) == 0xFFFF) {
				if (func == 0)
					break;
				continue;
			}
			uint32_t cls = pci_read32(bus, dev, func, 0x08);
			uint8_t header = (uint8_t)(pci_read32(bus, dev, func, 0x0C) >> 16);
			if (bus == 0 && dev == 0 && func == 0 && id == 0x29C08086)
				q35 = true;
			if (n < max && (header & 0x7F) == 0) {
				struct pci_dev *d = &out[n++];
				memset(d, 0, sizeof *d);
				d->bus = bus;
				d->dev = dev;
				d->func = func;
				d->vendor = (uint16_t)id;
				d->device = (uint16_t)(id >> 16);
				d->class = (uint8_t)(cls >> 24);
				d->subclass = (uint8_t)(cls >> 16);
				d->interface = (uint8_t)(cls >> 8);
				d->revision = (uint8_t)cls;
				uint32_t irq = pci_read32(bus, dev, func, 0x3C);
				d->irq_pin = (uint8_t)(irq >> 8);
				d->gsi = ~0u;
				if (d->irq_pin >= 1 && d->irq_pin <= 4) {
					uint8_t slot = bus == 0 ? dev : (uint8_t)root_slot;
					uint8_t pin0 = (uint8_t)(d->irq_pin - 1);
					if (bus != 0)
						pin0 = (uint8_t)((pin0 + dev) % 4);
					if (q35)
						d->gsi = q35_gsi(slot, pin0);
					else if ((irq & 0xFF) && (irq & 0xFF) != 0xFF)
						d->gsi = irq & 0xFF;
				}
				snprintf(d->addr, sizeof d->addr, "%02x:%02x.%x", bus, dev, func);
				size_bars(d);
			} else if ((header & 0x7F) == 1 && depth < 8) {
				uint8_t secondary =
				    (uint8_t)(pci_read32(bus, dev, func, 0x18) >> 8);
				if (secondary > bus)
					n = scan_bus(secondary, bus == 0 ? dev : root_slot, out, n,
					             max, depth + 1);
			}
			if (func == 0 && !(header & 0x80))
				break; /* not multi-function */
		}
	}
	return n;
}

int pci_scan(struct pci_dev *out, int max)
{
	return scan_bus(0, 0, out, 0, max, 0);
}
