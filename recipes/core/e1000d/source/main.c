/*
 * e1000d: the Intel 8254x network driver (QEMU's -device e1000). pcid
 * starts it for the ids in e1000d.toml with BAR0 (the register window) and
 * the interrupt line in its environment, confined to that manifest. It
 * resets the controller (whatever a killed predecessor left running),
 * reads the MAC address (the receive address register the EEPROM loads,
 * or the EEPROM itself), sets up one receive and one transmit ring of
 * legacy descriptors in DMA memory with a 2 KiB buffer per entry, and
 * serves the network adapter scheme (common/driver/net.c). Received
 * frames come on the interrupt (INTx through irq:N; polling when it never
 * arrives); link changes are logged.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <driver/driver.h>
#include <driver/net.h>

#include "e1000.h"

#define RX_COUNT 128
#define TX_COUNT 128
#define BUF_SIZE 2048

static struct {
	volatile uint8_t *regs;
	struct dma_buf rx_ring, tx_ring, rx_bufs, tx_bufs;
	unsigned rx_next;          /* the next descriptor the device fills */
	unsigned tx_tail, tx_done; /* next free / oldest not yet reclaimed */
} e;

static uint32_t rd(unsigned off)
{
	return *(volatile uint32_t *)(e.regs + off);
}

static void wr(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(e.regs + off) = v;
}

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static bool eeprom_read(uint8_t word, uint16_t *out)
{
	wr(REG_EERD, (uint32_t)word << 8 | EERD_START);
	for (uint64_t end = now_ms() + 100; now_ms() < end;) {
		uint32_t v = rd(REG_EERD);
		if (v & EERD_DONE) {
			*out = (uint16_t)(v >> 16);
			return true;
		}
	}
	return false;
}

static void read_mac(uint8_t mac[6])
{
	uint32_t lo = rd(REG_RAL0), hi = rd(REG_RAH0);
	if (hi & RAH_AV) {
		for (int i = 0; i < 4; i++)
			mac[i] = (uint8_t)(lo >> (8 * i));
		mac[4] = (uint8_t)hi;
		mac[5] = (uint8_t)(hi >> 8);
		return;
	}
	for (uint8_t w = 0; w < 3; w++) {
		uint16_t v = 0;
		eeprom_read(w, &v);
		mac[2 * w] = (uint8_t)v;
		mac[2 * w + 1] = (uint8_t)(v >> 8);
	}
	wr(REG_RAL0, (uint32_t)mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 |
	                 (uint32_t)mac[3] << 24);
	wr(REG_RAH0, (uint32_t)mac[4] | (uint32_t)mac[5] << 8 | RAH_AV);
}

static int init(uint8_t mac[6])
{
	wr(REG_IMC, ~0u);
	wr(REG_CTRL, rd(REG_CTRL) | CTRL_RST);
	uint64_t end = now_ms() + 500;
	while (rd(REG_CTRL) & CTRL_RST) {
		if (now_ms() > end)
			return -ETIMEDOUT;
		sched_yield();
	}
	wr(REG_IMC, ~0u);
	rd(REG_ICR);
	int err = driver_dma_alloc(&e.rx_ring, RX_COUNT * sizeof(struct rx_desc));
	if (!err)
		err = driver_dma_alloc(&e.tx_ring, TX_COUNT * sizeof(struct tx_desc));
	if (!err)
		err = driver_dma_alloc(&e.rx_bufs, (uint64_t)RX_COUNT * BUF_SIZE);
	if (!err)
		err = driver_dma_alloc(&e.tx_bufs, (uint64_t)TX_COUNT * BUF_SIZE);
	if (err)
		return err;
	read_mac(mac);
	for (unsigned i = 0; i < 128; i++)
		wr(REG_MTA + 4 * i, 0);
	struct rx_desc *rx = e.rx_ring.virt;
	for (unsigned i = 0; i < RX_COUNT; i++)
		rx[i] = (struct rx_desc){.addr = e.rx_bufs.phys + (uint64_t)i * BUF_SIZE};
	struct tx_desc *tx = e.tx_ring.virt;
	for (unsigned i = 0; i < TX_COUNT; i++)
		tx[i] = (struct tx_desc){.addr = e.tx_bufs.phys + (uint64_t)i * BUF_SIZE,
		                         .status = DESC_DD};
	wr(REG_RDBAL, (uint32_t)e.rx_ring.phys);
	wr(REG_RDBAH, (uint32_t)(e.rx_ring.phys >> 32));
	wr(REG_RDLEN, RX_COUNT * sizeof(struct rx_desc));
	wr(REG_RDH, 0);
	wr(REG_RDT, RX_COUNT - 1);
	wr(REG_RDTR, 0);
	wr(REG_TDBAL, (uint32_t)e.tx_ring.phys);
	wr(REG_TDBAH, (uint32_t)(e.tx_ring.phys >> 32));
	wr(REG_TDLEN, TX_COUNT * sizeof(struct tx_desc));
	wr(REG_TDH, 0);
	wr(REG_TDT, 0);
	wr(REG_TIPG, TIPG_DEFAULT);
	wr(REG_TCTL, TCTL_EN | TCTL_PSP | TCTL_CT(0x0F) | TCTL_COLD(0x40));
	wr(REG_RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC);
	wr(REG_CTRL, (rd(REG_CTRL) | CTRL_SLU | CTRL_ASDE));
	wr(REG_IMS, INT_RXT0 | INT_RXO | INT_RXDMT0 | INT_LSC);
	return 0;
}

static size_t e1000_recv(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	struct rx_desc *rx = e.rx_ring.virt;
	for (;;) {
		volatile struct rx_desc *d = &rx[e.rx_next];
		if (!(d->status & DESC_DD))
			return 0;
		size_t n = d->length;
		/* a frame in several buffers (cannot happen under 2 KiB) or with errors: dropped */
		bool good = (d->status & DESC_EOP) && !d->errors && n >= 14;
		if (good)
			memcpy(buf, (uint8_t *)e.rx_bufs.virt + (size_t)e.rx_next * BUF_SIZE,
			       n < len ? n : len);
		d->status = 0;
		wr(REG_RDT, e.rx_next); /* the slot just emptied goes back to the device */
		e.rx_next = (e.rx_next + 1) % RX_COUNT;
		if (good)
			return n < len ? n : len;
	}
}

static int e1000_send(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	struct tx_desc *tx = e.tx_ring.virt;
	volatile struct tx_desc *d = &tx[e.tx_tail];
	/* the ring is full while the slot after the tail is not yet sent */
	if (!(d->status & DESC_DD) || (e.tx_tail + 1) % TX_COUNT == e.tx_done) {
		while (e.tx_done != e.tx_tail && (tx[e.tx_done].status & DESC_DD))
			e.tx_done = (e.tx_done + 1) % TX_COUNT;
		if ((e.tx_tail + 1) % TX_COUNT == e.tx_done || !(d->status & DESC_DD))
			return -EAGAIN;
	}
	memcpy((uint8_t *)e.tx_bufs.virt + (size_t)e.tx_tail * BUF_SIZE, buf, len);
	d->length = (uint16_t)len;
	d->cmd = TXCMD_EOP | TXCMD_IFCS | TXCMD_RS;
	d->status = 0;
	e.tx_tail = (e.tx_tail + 1) % TX_COUNT;
	wr(REG_TDT, e.tx_tail);
	return 0;
}

static bool e1000_interrupt(void *ctx)
{
	(void)ctx;
	return rd(REG_ICR) != 0; /* reading clears the causes */
}

static bool e1000_link(void *ctx)
{
	(void)ctx;
	return (rd(REG_STATUS) & STATUS_LU) != 0;
}

int main(void)
{
	const char *dev = getenv("PCID_DEVICE");
	uint64_t addr, size;
	if (!dev || !driver_pcid_bar(0, &addr, &size)) {
		printf("e1000d: no device (start it through pcid: PCID_DEVICE, PCID_BAR0)\n");
		return 1;
	}
	e.regs = driver_map_mmio(addr, size);
	if (!e.regs) {
		printf("e1000d: %s: cannot map BAR0 at 0x%llx: %s\n", dev, (unsigned long long)addr,
		       strerror(errno));
		return 1;
	}
	static struct net_backend b = {.driver = "e1000",
	                               .recv = e1000_recv,
	                               .send = e1000_send,
	                               .interrupt = e1000_interrupt,
	                               .link = e1000_link};
	b.irq_fd = -1;
	const char *irq = getenv("PCID_IRQ");
	if (irq) {
		char path[32];
		snprintf(path, sizeof path, "irq:%s", irq);
		b.irq_fd = open(path, O_RDWR);
		if (b.irq_fd < 0)
			printf("e1000d: %s: cannot open %s: %s; polling\n", dev, path,
			       strerror(errno));
	}
	int err = init(b.mac);
	if (err) {
		printf("e1000d: %s: controller start failed: %s\n", dev,
		       strerror(err < 0 ? -err : EIO));
		return 1;
	}
	/* QEMU reports the link at once; real hardware takes a moment to negotiate */
	for (uint64_t end = now_ms() + 2000; !e1000_link(0) && now_ms() < end;)
		sched_yield();
	uint32_t status = rd(REG_STATUS);
	static const unsigned speeds[] = {10, 100, 1000, 1000};
	printf("e1000d: %s: %s, %u Mb/s %s duplex, irq %s, %d rx + %d tx descriptors\n", dev,
	       getenv("PCID_ID") ? getenv("PCID_ID") : "e1000", speeds[STATUS_SPEED(status)],
	       status & STATUS_FD ? "full" : "half", irq ? irq : "none", RX_COUNT, TX_COUNT);
	fflush(stdout);
	return net_serve("e1000d", &b);
}
