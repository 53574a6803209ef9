/*
 * The AHCI controller: HBA reset, port start, and commands.
 *
 * Each port gets one DMA block: the command list (32 headers, 1 KiB), the
 * received-FIS area (256 bytes) and one 256-byte command table per slot
 * (the H2D register FIS and one PRD entry), plus a bounce buffer of
 * SLOT_BYTES per slot. A request is cut into chunks of at most
 * SLOT_BYTES; as many chunks as there are free slots go out at once
 * (READ/WRITE DMA EXT, FLUSH CACHE EXT), and completions are collected
 * on the interrupt (irq:N, from pcid's PCID_IRQ), or by polling when the
 * interrupt never arrives. A task-file error fails the commands in
 * flight with EIO and restarts the port.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ahci.h"

/* HBA registers (32-bit words) */
#define HBA_CAP 0
#define HBA_GHC 1
#define HBA_IS  2
#define HBA_PI  3
/* port registers */
#define PX_CLB  0
#define PX_CLBU 1
#define PX_FB   2
#define PX_FBU  3
#define PX_IS   4
#define PX_IE   5
#define PX_CMD  6
#define PX_TFD  8
#define PX_SIG  9
#define PX_SSTS 10
#define PX_SERR 12
#define PX_CI   14

#define CMD_ST  (1u << 0)
#define CMD_FRE (1u << 4)
#define CMD_FR  (1u << 14)
#define CMD_CR  (1u << 15)
#define IS_TFES (1u << 30)

#define ATA_READ_DMA_EXT  0x25
#define ATA_WRITE_DMA_EXT 0x35
#define ATA_FLUSH_EXT     0xEA
#define ATA_IDENTIFY      0xEC

#define TABLES_OFFSET 4096 /* command tables after the list and the FIS area */
#define TABLE_SIZE    256

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

/* Wait until (reg & mask) == want, up to ms; true if it happened. */
static bool wait_reg(volatile uint32_t *reg, uint32_t mask, uint32_t want, unsigned ms)
{
	uint64_t end = now_ms() + ms;
	while ((*reg & mask) != want) {
		if (now_ms() > end)
			return false;
		sched_yield();
	}
	return true;
}

static void port_stop(struct ahci_port *p)
{
	p->regs[PX_CMD] &= ~CMD_ST;
	wait_reg(&p->regs[PX_CMD], CMD_CR, 0, 500);
	p->regs[PX_CMD] &= ~CMD_FRE;
	wait_reg(&p->regs[PX_CMD], CMD_FR, 0, 500);
}

static void port_start(struct ahci_port *p)
{
	p->regs[PX_SERR] = ~0u;
	p->regs[PX_IS] = ~0u;
	p->regs[PX_CMD] |= CMD_FRE;
	wait_reg(&p->regs[PX_TFD], 0x88, 0, 1000); /* BSY and DRQ clear */
	p->regs[PX_CMD] |= CMD_ST;
}

/* Fill slot s of port p with an ATA command; data in its bounce buffer. */
static void build(struct ahci *a, struct ahci_port *p, int s, uint8_t cmd, uint64_t lba,
                  uint32_t count, uint32_t bytes, bool write)
{
	(void)a;
	volatile uint32_t *hdr = (volatile uint32_t *)((uint8_t *)p->mem.virt + 32 * s);
	uint8_t *table = (uint8_t *)p->mem.virt + TABLES_OFFSET + TABLE_SIZE * s;
	uint64_t table_phys = p->mem.phys + TABLES_OFFSET + TABLE_SIZE * (uint64_t)s;
	memset(table, 0, TABLE_SIZE);
	uint8_t *fis = table;
	fis[0] = 0x27; /* host to device */
	fis[1] = 0x80; /* command */
	fis[2] = cmd;
	fis[4] = (uint8_t)lba;
	fis[5] = (uint8_t)(lba >> 8);
	fis[6] = (uint8_t)(lba >> 16);
	fis[7] = 1 << 6; /* LBA mode */
	fis[8] = (uint8_t)(lba >> 24);
	fis[9] = (uint8_t)(lba >> 32);
	fis[10] = (uint8_t)(lba >> 40);
	fis[12] = (uint8_t)count;
	fis[13] = (uint8_t)(count >> 8);
	uint32_t prdtl = bytes ? 1 : 0;
	if (bytes) {
		uint64_t buf = p->bounce.phys + (uint64_t)s * SLOT_BYTES;
		volatile uint32_t *prd = (volatile uint32_t *)(table + 0x80);
		prd[0] = (uint32_t)buf;
		prd[1] = (uint32_t)(buf >> 32);
		prd[2] = 0;
		prd[3] = (bytes - 1) | (1u << 31);
	}
	hdr[0] = 5 | (write ? 1u << 6 : 0) | prdtl << 16;
	hdr[1] = 0;
	hdr[2] = (uint32_t)table_phys;
	hdr[3] = (uint32_t)(table_phys >> 32);
}

/* Sleep until the HBA interrupts (or 20 ms pass when polling); clears the status. */
static void wait_event(struct ahci *a, struct ahci_port *p, uint32_t busy)
{
	if (a->irq_fd >= 0) {
		struct pollfd pf = {a->irq_fd, POLLIN, 0};
		int r = poll(&pf, 1, a->irq_seen ? 5000 : 1000);
		if (r == 1) {
			uint64_t count;
			if (read(a->irq_fd, &count, sizeof count) == sizeof count)
				a->irq_seen = true;
		} else if (!a->irq_seen && (p->regs[PX_CI] & busy) != busy) {
			printf("ahcid: no interrupt arrived on irq:%s; polling from now on\n",
			       getenv("PCID_IRQ"));
			fflush(stdout);
			close(a->irq_fd);
			a->irq_fd = -1;
		}
	} else {
		sched_yield();
	}
	uint32_t is = a->abar[HBA_IS];
	for (int i = 0; i < a->port_count; i++)
		a->ports[i].regs[PX_IS] = a->ports[i].regs[PX_IS];
	a->abar[HBA_IS] = is;
	if (a->irq_fd >= 0 && a->irq_seen) {
		uint64_t ack = 0;
		write(a->irq_fd, &ack, sizeof ack);
	}
}

/* One command, waited for: IDENTIFY at start-up. */
static int run_sync(struct ahci *a, struct ahci_port *p, uint8_t cmd, uint32_t bytes)
{
	build(a, p, 0, cmd, 0, 0, bytes, false);
	p->regs[PX_CI] = 1;
	uint64_t end = now_ms() + 5000;
	while (p->regs[PX_CI] & 1) {
		if (p->regs[PX_IS] & IS_TFES || now_ms() > end)
			return -EIO;
		wait_event(a, p, 1);
	}
	return p->regs[PX_TFD] & 1 ? -EIO : 0;
}

static void ata_string(const uint16_t *words, int n, char *out)
{
	for (int i = 0; i < n; i++) {
		out[2 * i] = (char)(words[i] >> 8);
		out[2 * i + 1] = (char)words[i];
	}
	out[2 * n] = 0;
	for (int i = 2 * n - 1; i >= 0 && out[i] == ' '; i--)
		out[i] = 0;
}

static int port_init(struct ahci *a, struct ahci_port *p)
{
	int err = driver_dma_alloc(&p->mem, TABLES_OFFSET + TABLE_SIZE * MAX_SLOTS);
	if (!err)
		err = driver_dma_alloc(&p->bounce, (uint64_t)SLOT_BYTES * (uint64_t)a->slots);
	if (err)
		return err;
	port_stop(p);
	p->regs[PX_CLB] = (uint32_t)p->mem.phys;
	p->regs[PX_CLBU] = (uint32_t)(p->mem.phys >> 32);
	p->regs[PX_FB] = (uint32_t)(p->mem.phys + 1024);
	p->regs[PX_FBU] = (uint32_t)((p->mem.phys + 1024) >> 32);
	port_start(p);
	p->regs[PX_IE] = 0x7DC000FF; /* completions and every error */
	err = run_sync(a, p, ATA_IDENTIFY, 512);
	if (err)
		return err;
	const uint16_t *id = p->bounce.virt;
	p->sectors = (uint64_t)id[100] | (uint64_t)id[101] << 16 | (uint64_t)id[102] << 32 |
	             (uint64_t)id[103] << 48;
	if (!p->sectors)
		p->sectors = (uint64_t)id[60] | (uint64_t)id[61] << 16;
	ata_string(id + 27, 20, p->model);
	return 0;
}

int ahci_init(struct ahci *a, void *abar, int irq_fd)
{
	a->abar = abar;
	a->irq_fd = irq_fd;
	a->abar[HBA_GHC] |= 1u << 31; /* AHCI mode */
	a->abar[HBA_GHC] |= 1;        /* reset: whatever a previous driver left running */
	if (!wait_reg(&a->abar[HBA_GHC], 1, 0, 1000))
		return -ETIMEDOUT;
	a->abar[HBA_GHC] |= 1u << 31;
	uint32_t cap = a->abar[HBA_CAP], pi = a->abar[HBA_PI];
	a->slots = (int)((cap >> 8) & 31) + 1;
	if (a->slots > MAX_SLOTS)
		a->slots = MAX_SLOTS;
	a->abar[HBA_IS] = ~0u;
	a->abar[HBA_GHC] |= 2; /* interrupts on */
	for (int i = 0; i < AHCI_PORTS && a->port_count < DISK_MAX; i++) {
		if (!(pi & (1u << i)))
			continue;
		volatile uint32_t *regs = (volatile uint32_t *)((uint8_t *)abar + 0x100 + 0x80 * i);
		if ((regs[PX_SSTS] & 0xF) != 3 || regs[PX_SIG] == 0xEB140101)
			continue; /* no device, or ATAPI */
		struct ahci_port *p = &a->ports[a->port_count];
		p->index = i;
		p->regs = regs;
		int err = port_init(a, p);
		if (err) {
			printf("ahcid: port %d: not a disk (IDENTIFY: %s)\n", i, strerror(-err));
			continue;
		}
		printf("ahcid: port %d: %s, %llu MiB, %d command slots\n", i, p->model,
		       (unsigned long long)(p->sectors >> 11), a->slots);
		a->port_count++;
	}
	fflush(stdout);
	return 0;
}

struct chunk {
	struct disk_req *req;
	uint64_t lba;
	uint32_t count;
	uint8_t *buf;
};

void ahci_run(void *ctx, struct disk_req *reqs, int count)
{
	struct ahci *a = ctx;
	for (int i = 0; i < count; i++)
		reqs[i].status = 0;
	for (int pi = 0; pi < a->port_count; pi++) {
		struct ahci_port *p = &a->ports[pi];
		struct chunk slot_chunk[MAX_SLOTS];
		uint32_t busy = 0, per = SLOT_BYTES / 512;
		int next = 0;              /* the next request to cut */
		uint32_t done_in_next = 0; /* sectors of it already issued */
		for (;;) {
			/* issue into free slots */
			for (int s = 0; s < a->slots; s++) {
				if (busy & (1u << s))
					continue;
				while (next < count && reqs[next].disk != pi)
					next++;
				if (next >= count)
					break;
				struct disk_req *r = &reqs[next];
				struct chunk c = {r, r->lba + done_in_next, 0, 0};
				if (r->flush) {
					build(a, p, s, ATA_FLUSH_EXT, 0, 0, 0, false);
					next++;
				} else {
					c.count = r->count - done_in_next < per
					              ? r->count - done_in_next
					              : per;
					c.buf = (uint8_t *)r->buf + (uint64_t)done_in_next * 512;
					if (r->write)
						memcpy((uint8_t *)p->bounce.virt +
						           (uint64_t)s * SLOT_BYTES,
						       c.buf, c.count * 512);
					build(a, p, s,
					      r->write ? ATA_WRITE_DMA_EXT : ATA_READ_DMA_EXT,
					      c.lba, c.count, c.count * 512, r->write);
					done_in_next += c.count;
					if (done_in_next == r->count) {
						next++;
						done_in_next = 0;
					}
				}
				slot_chunk[s] = c;
				busy |= 1u << s;
				p->regs[PX_CI] = 1u << s;
			}
			if (!busy)
				break;
			wait_event(a, p, busy);
			uint32_t ci = p->regs[PX_CI];
			bool error = (p->regs[PX_IS] & IS_TFES) || (p->regs[PX_TFD] & 1);
			if (error) {
				/* the port stops at an error: fail what is in flight, restart it */
				for (int s = 0; s < a->slots; s++)
					if (busy & (1u << s))
						slot_chunk[s].req->status = -EIO;
				port_stop(p);
				port_start(p);
				busy = 0;
				continue;
			}
			for (int s = 0; s < a->slots; s++) {
				if (!(busy & (1u << s)) || (ci & (1u << s)))
					continue;
				struct chunk *c = &slot_chunk[s];
				if (!c->req->write && !c->req->flush)
					memcpy(c->buf,
					       (uint8_t *)p->bounce.virt + (uint64_t)s * SLOT_BYTES,
					       c->count * 512);
				busy &= ~(1u << s);
			}
		}
	}
}
