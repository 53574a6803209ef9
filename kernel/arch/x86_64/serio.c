/*
 * serio: the PS/2 controller (i8042: data port 0x60, status/command port
 * 0x64) as byte streams for the input driver (root only). "serio:0" is
 * the keyboard port, "serio:1" the mouse (aux) port. The kernel sets the
 * controller up and takes IRQ 1 and 12 (so irq:1 and irq:12 are not for
 * userspace); every byte the devices send lands in its port's ring.
 * read blocks for bytes (EAGAIN with O_NONBLOCK), fevent reports
 * EVENT_READ while bytes wait, and write sends bytes to the device (its
 * replies, such as the 0xFA acknowledgement, come back through read).
 * It lives under arch/ because the i8042 is a PC device.
 */
#define LOG_MODULE "scheme::serio"
#include <stdbool.h>
#include <freestanding/io.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "apic.h"
#include "interrupt.h"
#include "../../lib/log.h"
#include "../../lib/spinlock.h"
#include "../../scheme/scheme.h"
#include "../../sched/sched.h"

#define DATA            0x60
#define STATUS          0x64 /* read */
#define COMMAND         0x64 /* write */
#define STATUS_OUT_FULL 0x01
#define STATUS_IN_FULL  0x02
#define STATUS_AUX      0x20

#define CMD_READ_CONFIG  0x20
#define CMD_WRITE_CONFIG 0x60
#define CMD_DISABLE_AUX  0xA7
#define CMD_ENABLE_AUX   0xA8
#define CMD_DISABLE_KBD  0xAD
#define CMD_ENABLE_KBD   0xAE
#define CMD_WRITE_AUX    0xD4

#define CONFIG_KBD_IRQ       0x01
#define CONFIG_AUX_IRQ       0x02
#define CONFIG_KBD_CLOCK_OFF 0x10
#define CONFIG_AUX_CLOCK_OFF 0x20

#define DEV_ENABLE   0xF4
#define DEV_DEFAULTS 0xF6
#define DEV_ACK      0xFA

#define RING_SIZE 4096
#define PORTS     2

struct port {
	uint8_t ring[RING_SIZE];
	size_t head, count;
	bool present;
	struct wait_queue readers;
};

static struct port ports[PORTS];
static struct spinlock lock;            /* the rings */
static struct spinlock controller_lock; /* command sequences on the controller */
static struct scheme *serio_scheme;

/* The controller is slow to move bytes: wait, but never forever (~100 ms). */
static bool wait_status(uint8_t mask, bool set)
{
	for (int i = 0; i < 10000; i++) {
		if (((inb(STATUS) & mask) != 0) == set)
			return true;
		udelay(10);
	}
	return false;
}

static bool send_command(uint8_t cmd)
{
	if (!wait_status(STATUS_IN_FULL, false))
		return false;
	outb(COMMAND, cmd);
	return true;
}

static bool send_data(uint8_t byte)
{
	if (!wait_status(STATUS_IN_FULL, false))
		return false;
	outb(DATA, byte);
	return true;
}

/* During setup only, before the IRQs are on: a byte from the controller. */
static int read_data(void)
{
	return wait_status(STATUS_OUT_FULL, true) ? inb(DATA) : -1;
}

/* A device command during setup; true when the device acknowledged it. */
static bool device_command(int port, uint8_t byte)
{
	if (port == 1 && !send_command(CMD_WRITE_AUX))
		return false;
	if (!send_data(byte))
		return false;
	for (int tries = 0; tries < 4; tries++) {
		int reply = read_data();
		if (reply < 0)
			return false;
		if (reply == DEV_ACK)
			return true;
	}
	return false;
}

/* lock held */
static void push(int port, uint8_t byte)
{
	struct port *p = &ports[port];
	if (p->count == RING_SIZE)
		return; /* nobody reads: drop the newest */
	p->ring[(p->head + p->count) % RING_SIZE] = byte;
	p->count++;
}

/* IRQ 1 and 12 share this: the status register says whose byte it is. */
static void serio_interrupt(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	bool got[PORTS] = {false, false};
	spin_lock(&lock);
	for (int i = 0; i < 64; i++) {
		uint8_t status = inb(STATUS);
		if (!(status & STATUS_OUT_FULL))
			break;
		int port = status & STATUS_AUX ? 1 : 0;
		push(port, inb(DATA));
		got[port] = true;
	}
	for (int port = 0; port < PORTS; port++)
		if (got[port])
			wait_queue_wake_all(&ports[port].readers);
	spin_unlock(&lock);
	lapic_eoi();
	for (int port = 0; port < PORTS; port++)
		if (got[port])
			scheme_event(serio_scheme, (uint64_t)port, EVENT_READ);
}

static int64_t serio_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)flags;
	if (who->uid != 0)
		return -EACCES;
	while (*path == '/')
		path++;
	if ((path[0] != '0' && path[0] != '1') || path[1])
		return -ENOENT;
	int port = path[0] - '0';
	return ports[port].present ? port : -ENODEV;
}

static int64_t serio_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	struct port *p = &ports[id];
	if (len == 0)
		return 0;
	uint64_t irq = spin_lock_irqsave(&lock);
	while (p->count == 0) {
		if (who->flags & O_NONBLOCK) {
			spin_unlock_irqrestore(&lock, irq);
			return -EAGAIN;
		}
		if (!wait_queue_sleep(&p->readers, &lock) && sched_current()->interrupted) {
			spin_unlock_irqrestore(&lock, irq);
			return -EINTR;
		}
	}
	size_t n = len < p->count ? len : p->count;
	for (size_t i = 0; i < n; i++)
		((uint8_t *)buf)[i] = p->ring[(p->head + i) % RING_SIZE];
	p->head = (p->head + n) % RING_SIZE;
	p->count -= n;
	spin_unlock_irqrestore(&lock, irq);
	return (int64_t)n;
}

static int64_t serio_write(void *data, uint64_t id, const void *buf, size_t len,
                           const struct caller *who)
{
	(void)data;
	(void)who;
	const uint8_t *bytes = buf;
	size_t i;
	uint64_t irq = spin_lock_irqsave(&controller_lock);
	for (i = 0; i < len; i++)
		if ((id == 1 && !send_command(CMD_WRITE_AUX)) || !send_data(bytes[i]))
			break;
	spin_unlock_irqrestore(&controller_lock, irq);
	return i ? (int64_t)i : -EIO;
}

static int64_t serio_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	uint64_t irq = spin_lock_irqsave(&lock);
	bool ready = ports[id].count > 0;
	spin_unlock_irqrestore(&lock, irq);
	return ready && (flags & EVENT_READ) ? EVENT_READ : 0;
}

static int64_t serio_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	char path[8] = "serio:0";
	path[6] = (char)('0' + id);
	size_t n = len < 7 ? len : 7;
	memcpy(buf, path, n);
	return (int64_t)n;
}

static int64_t serio_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	(void)id;
	st->mode = MODE_CHR | 0600;
	return 0;
}

static const struct scheme_ops serio_ops = {
    .open = serio_open,
    .read = serio_read,
    .write = serio_write,
    .fevent = serio_fevent,
    .fpath = serio_fpath,
    .fstat = serio_fstat,
};

/* Set the controller up by polling, then hand the bytes to the IRQs. */
static bool controller_setup(void)
{
	if (inb(STATUS) == 0xFF)
		return false; /* nothing answers on the bus */
	if (!send_command(CMD_DISABLE_KBD) || !send_command(CMD_DISABLE_AUX))
		return false;
	for (int i = 0; i < 64 && (inb(STATUS) & STATUS_OUT_FULL); i++)
		inb(DATA); /* stale bytes */
	if (!send_command(CMD_READ_CONFIG))
		return false;
	int config = read_data();
	if (config < 0)
		return false;
	/* no IRQs while we poll for acknowledgements */
	config &= ~(CONFIG_KBD_IRQ | CONFIG_AUX_IRQ);
	if (!send_command(CMD_WRITE_CONFIG) || !send_data((uint8_t)config))
		return false;
	/* a dual-channel controller reports the aux clock off while aux is disabled */
	bool has_aux = config & CONFIG_AUX_CLOCK_OFF;

	if (send_command(CMD_ENABLE_KBD))
		ports[0].present = device_command(0, DEV_ENABLE);
	if (has_aux && send_command(CMD_ENABLE_AUX))
		ports[1].present = device_command(1, DEV_DEFAULTS) && device_command(1, DEV_ENABLE);

	config &= ~(CONFIG_KBD_CLOCK_OFF | CONFIG_AUX_CLOCK_OFF);
	if (ports[0].present)
		config |= CONFIG_KBD_IRQ;
	if (ports[1].present)
		config |= CONFIG_AUX_IRQ;
	else
		config |= CONFIG_AUX_CLOCK_OFF;
	return send_command(CMD_WRITE_CONFIG) && send_data((uint8_t)config);
}

void serio_scheme_init(void)
{
	if (!controller_setup()) {
		log_info("no PS/2 controller");
		return;
	}
	scheme_register("serio", &serio_ops, 0, &serio_scheme);
	static const uint32_t irqs[PORTS] = {1, 12};
	for (int port = 0; port < PORTS; port++) {
		/* the kernel owns both lines either way: nothing else may drive the i8042 */
		irq_reserve(irqs[port]);
		if (!ports[port].present)
			continue;
		interrupt_set_handler((uint8_t)(IRQ_VECTOR_BASE + irqs[port]), serio_interrupt, 0);
		ioapic_set_masked(irqs[port], false);
	}
	log_info("PS/2: keyboard %s, mouse %s", ports[0].present ? "ready" : "absent",
	         ports[1].present ? "ready" : "absent");
}
