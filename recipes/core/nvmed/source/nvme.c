/*
 * nvmed: the NVMe driver. pcid starts it for class 1 subclass 8 with the
 * controller's BAR0 and interrupt line in its environment, confined to
 * initfs:etc/pcid.d/nvmed.toml. It resets the controller, sets up the
 * admin queues, reads namespace 1's size and block size, makes one I/O
 * queue pair and serves the namespace as disk.nvmeN:0 (with its GPT
 * partitions) through the shared disk scheme (common/driver/disk.c).
 *
 * Up to SLOTS commands are in flight at once, each with its own 64 KiB
 * bounce buffer and PRP list; completions come on the interrupt (INTx
 * through irq:N) or, when none arrives, by polling the completion queue.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <driver/disk.h>
#include <driver/driver.h>

#define SLOTS      32
#define SLOT_BYTES (64 * 1024)
#define QUEUE      64 /* entries per queue (> SLOTS) */
#define PAGE       4096

#define REG_CAP  0x00
#define REG_CC   0x14
#define REG_CSTS 0x1C
#define REG_AQA  0x24
#define REG_ASQ  0x28
#define REG_ACQ  0x30

struct queue {
	struct dma_buf sq, cq;
	uint16_t tail, head, id;
	uint8_t phase;
};

static struct {
	volatile uint8_t *regs;
	unsigned stride;
	struct queue admin, io;
	struct dma_buf bounce, prps, identify;
	uint64_t sectors;
	uint32_t sector_size;
	int irq_fd;
	bool irq_seen;
} n;

static uint32_t rd32(unsigned off)
{
	return *(volatile uint32_t *)(n.regs + off);
}

static void wr32(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(n.regs + off) = v;
}

static void wr64(unsigned off, uint64_t v)
{
	wr32(off, (uint32_t)v);
	wr32(off + 4, (uint32_t)(v >> 32));
}

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static bool wait_ready(bool ready, unsigned ms)
{
	uint64_t end = now_ms() + ms;
	while ((rd32(REG_CSTS) & 1) != ready) {
		if (now_ms() > end)
			return false;
		sched_yield();
	}
	return true;
}

static void doorbell(struct queue *q, bool cq, uint16_t value)
{
	wr32(0x1000 + (2u * q->id + (cq ? 1 : 0)) * n.stride, value);
}

/* Queue one command: 16 dwords. */
static void submit(struct queue *q, const uint32_t cmd[16])
{
	memcpy((uint8_t *)q->sq.virt + (size_t)q->tail * 64, cmd, 64);
	q->tail = (uint16_t)((q->tail + 1) % QUEUE);
	doorbell(q, false, q->tail);
}

/* The next completion if there is one: its command id and status. */
static bool reap(struct queue *q, uint16_t *cid, uint16_t *status)
{
	volatile uint16_t *e = (volatile uint16_t *)((uint8_t *)q->cq.virt + (size_t)q->head * 16);
	if ((e[7] & 1) != q->phase)
		return false;
	*cid = e[6];
	*status = (uint16_t)(e[7] >> 1);
	q->head = (uint16_t)((q->head + 1) % QUEUE);
	if (!q->head)
		q->phase ^= 1;
	doorbell(q, true, q->head);
	return true;
}

/* Sleep until the interrupt (or a moment, polling). */
static void wait_event(struct queue *q)
{
	if (n.irq_fd < 0) {
		sched_yield();
		return;
	}
	struct pollfd pf = {n.irq_fd, POLLIN, 0};
	if (poll(&pf, 1, n.irq_seen ? 5000 : 1000) == 1) {
		uint64_t count;
		if (read(n.irq_fd, &count, sizeof count) == sizeof count) {
			n.irq_seen = true;
			write(n.irq_fd, &count, sizeof count);
		}
		return;
	}
	volatile uint16_t *e = (volatile uint16_t *)((uint8_t *)q->cq.virt + (size_t)q->head * 16);
	if (!n.irq_seen && (e[7] & 1) == q->phase) {
		printf("nvmed: no interrupt arrived on irq:%s; polling from now on\n",
		       getenv("PCID_IRQ"));
		fflush(stdout);
		close(n.irq_fd);
		n.irq_fd = -1;
	}
}

/* An admin command, waited for; its status (0 ok). */
static int admin(uint32_t cmd[16])
{
	static uint16_t next_cid;
	uint16_t want = ++next_cid;
	cmd[0] |= (uint32_t)want << 16;
	submit(&n.admin, cmd);
	uint64_t end = now_ms() + 5000;
	for (;;) {
		uint16_t cid, status;
		while (reap(&n.admin, &cid, &status))
			if (cid == want)
				return status;
		if (now_ms() > end)
			return -1;
		wait_event(&n.admin);
	}
}

static int queue_alloc(struct queue *q, uint16_t id)
{
	q->id = id;
	q->phase = 1;
	int err = driver_dma_alloc(&q->sq, QUEUE * 64);
	return err ? err : driver_dma_alloc(&q->cq, QUEUE * 16);
}

static int init(void)
{
	uint64_t cap = (uint64_t)rd32(REG_CAP) | (uint64_t)rd32(REG_CAP + 4) << 32;
	n.stride = 4u << ((cap >> 32) & 0xF);
	unsigned timeout = (unsigned)((cap >> 24) & 0xFF) * 500 + 500;
	wr32(REG_CC, 0); /* reset: whatever a previous driver left running */
	if (!wait_ready(false, timeout))
		return -ETIMEDOUT;
	int err = queue_alloc(&n.admin, 0);
	if (!err)
		err = queue_alloc(&n.io, 1);
	if (!err)
		err = driver_dma_alloc(&n.bounce, (uint64_t)SLOTS * SLOT_BYTES);
	if (!err)
		err = driver_dma_alloc(&n.prps, PAGE);
	if (!err)
		err = driver_dma_alloc(&n.identify, PAGE);
	if (err)
		return err;
	wr32(REG_AQA, (QUEUE - 1) << 16 | (QUEUE - 1));
	wr64(REG_ASQ, n.admin.sq.phys);
	wr64(REG_ACQ, n.admin.cq.phys);
	wr32(REG_CC, 1 | 6u << 16 | 4u << 20); /* enable; 64-byte SQ, 16-byte CQ entries */
	if (!wait_ready(true, timeout))
		return -ETIMEDOUT;
	uint32_t cmd[16] = {0x06, 1}; /* identify namespace 1 */
	cmd[6] = (uint32_t)n.identify.phys;
	cmd[7] = (uint32_t)(n.identify.phys >> 32);
	cmd[10] = 0;
	if (admin(cmd))
		return -EIO;
	const uint8_t *id = n.identify.virt;
	memcpy(&n.sectors, id, 8);
	uint32_t lbaf;
	memcpy(&lbaf, id + 128 + 4 * (id[26] & 0xF), 4);
	n.sector_size = 1u << ((lbaf >> 16) & 0xFF);
	uint32_t cq[16] = {0x05};
	cq[6] = (uint32_t)n.io.cq.phys;
	cq[7] = (uint32_t)(n.io.cq.phys >> 32);
	cq[10] = (QUEUE - 1) << 16 | 1;
	cq[11] = 1 | 2; /* contiguous, interrupts on (vector 0) */
	uint32_t sq[16] = {0x01};
	sq[6] = (uint32_t)n.io.sq.phys;
	sq[7] = (uint32_t)(n.io.sq.phys >> 32);
	sq[10] = (QUEUE - 1) << 16 | 1;
	sq[11] = 1 | 1u << 16; /* contiguous, completions to queue 1 */
	if (admin(cq) || admin(sq))
		return -EIO;
	return 0;
}

struct chunk {
	struct disk_req *req;
	uint32_t count;
	uint8_t *buf;
};

static void build_io(int s, uint8_t opcode, uint64_t lba, uint32_t count, uint32_t bytes)
{
	uint32_t cmd[16] = {opcode | (uint32_t)s << 16, 1};
	uint64_t buf = n.bounce.phys + (uint64_t)s * SLOT_BYTES, prp2 = 0;
	if (bytes > 2 * PAGE) {
		uint64_t *list = (uint64_t *)((uint8_t *)n.prps.virt + s * 128);
		for (uint32_t i = 1; i * PAGE < bytes; i++)
			list[i - 1] = buf + (uint64_t)i * PAGE;
		prp2 = n.prps.phys + (uint64_t)s * 128;
	} else if (bytes > PAGE) {
		prp2 = buf + PAGE;
	}
	if (bytes) {
		cmd[6] = (uint32_t)buf;
		cmd[7] = (uint32_t)(buf >> 32);
		cmd[8] = (uint32_t)prp2;
		cmd[9] = (uint32_t)(prp2 >> 32);
		cmd[10] = (uint32_t)lba;
		cmd[11] = (uint32_t)(lba >> 32);
		cmd[12] = count - 1;
	}
	submit(&n.io, cmd);
}

static void run(void *ctx, struct disk_req *reqs, int count)
{
	(void)ctx;
	struct chunk slot[SLOTS];
	uint32_t busy = 0, per = SLOT_BYTES / n.sector_size, done_in_next = 0;
	int next = 0;
	for (int i = 0; i < count; i++)
		reqs[i].status = 0;
	for (;;) {
		for (int s = 0; s < SLOTS && next < count; s++) {
			if (busy & (1u << s))
				continue;
			struct disk_req *r = &reqs[next];
			struct chunk c = {r, 0, 0};
			if (r->flush) {
				build_io(s, 0x00, 0, 0, 0);
				next++;
			} else {
				c.count =
				    r->count - done_in_next < per ? r->count - done_in_next : per;
				c.buf = (uint8_t *)r->buf + (uint64_t)done_in_next * n.sector_size;
				uint32_t bytes = c.count * n.sector_size;
				if (r->write)
					memcpy((uint8_t *)n.bounce.virt + (uint64_t)s * SLOT_BYTES,
					       c.buf, bytes);
				build_io(s, r->write ? 0x01 : 0x02, r->lba + done_in_next, c.count,
				         bytes);
				done_in_next += c.count;
				if (done_in_next == r->count) {
					next++;
					done_in_next = 0;
				}
			}
			slot[s] = c;
			busy |= 1u << s;
		}
		if (!busy)
			return;
		uint16_t cid, status;
		bool any = false;
		while (reap(&n.io, &cid, &status)) {
			any = true;
			if (cid >= SLOTS || !(busy & (1u << cid)))
				continue;
			struct chunk *c = &slot[cid];
			if (status)
				c->req->status = -EIO;
			else if (!c->req->write && !c->req->flush)
				memcpy(c->buf,
				       (uint8_t *)n.bounce.virt + (uint64_t)cid * SLOT_BYTES,
				       c->count * n.sector_size);
			busy &= ~(1u << cid);
		}
		if (!any)
			wait_event(&n.io);
	}
}

int main(void)
{
	const char *dev = getenv("PCID_DEVICE");
	uint64_t addr, size;
	if (!dev || !driver_pcid_bar(0, &addr, &size)) {
		printf("nvmed: no device (start it through pcid: PCID_DEVICE, PCID_BAR0)\n");
		return 1;
	}
	n.regs = driver_map_mmio(addr, size);
	if (!n.regs) {
		printf("nvmed: %s: cannot map BAR0 at 0x%llx: %s\n", dev, (unsigned long long)addr,
		       strerror(errno));
		return 1;
	}
	n.irq_fd = -1;
	const char *irq = getenv("PCID_IRQ");
	if (irq) {
		char path[32];
		snprintf(path, sizeof path, "irq:%s", irq);
		n.irq_fd = open(path, O_RDWR);
	}
	int err = init();
	if (err) {
		printf("nvmed: %s: controller start failed: %s\n", dev,
		       strerror(err < 0 ? -err : EIO));
		return 1;
	}
	printf("nvmed: %s: namespace 1, %llu MiB, %u-byte blocks, %d commands in flight\n", dev,
	       (unsigned long long)(n.sectors * n.sector_size >> 20), n.sector_size, SLOTS);
	fflush(stdout);
	static struct disk_backend b = {.driver = "nvme", .disks = 1, .run = run};
	b.sectors[0] = n.sectors;
	b.sector_size[0] = n.sector_size;
	return disk_serve("nvmed", &b);
}
