/*
 * Starting drivers and keeping them running.
 *
 * driver_start enables the device (memory and I/O decoding, bus
 * mastering, INTx), forks, and in the child: writes the manifest's grants
 * to grant:self (the kernel confines the process from then on), puts the
 * device into the environment (PCID_DEVICE, PCID_ID, PCID_BARn = "addr
 * size" in hex, PCID_IRQ, PCID_READY_FD), drops root for the manifest's
 * uid/gid and execs the driver. A driver writes one byte to
 * PCID_READY_FD once its scheme is up.
 *
 * supervise waits for drivers to die and starts them again after a
 * backoff that doubles (100 ms up to 6.4 s) while they keep dying within
 * 10 s of their start, logging each restart.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pcid.h"

struct running {
	const struct driver *drv;
	const struct pci_dev *dev;
	int pid;
	unsigned backoff_ms;
	struct timespec started;
};

static struct running running[MAX_DEVICES];
static int running_count;

static void enable(const struct pci_dev *d)
{
	uint16_t cmd = pci_read16(d->bus, d->dev, d->func, 0x04);
	cmd |= 1 | 2 | 4;        /* I/O, memory, bus master */
	cmd &= (uint16_t)~0x400; /* INTx on */
	pci_write16(d->bus, d->dev, d->func, 0x04, cmd);
}

/* The manifest as grant: lines. */
static size_t grants(const struct driver *drv, const struct pci_dev *d, char *out, size_t len)
{
	size_t n = 0;
	for (int i = 0; i < 6; i++)
		if ((drv->bars & (1 << i)) && d->bars[i].size)
			n += (size_t)snprintf(out + n, len - n, "%s 0x%llx 0x%llx\n",
			                      d->bars[i].io ? "ports" : "mem",
			                      (unsigned long long)d->bars[i].addr,
			                      (unsigned long long)d->bars[i].size);
	if (drv->irq_vectors > 0 && d->gsi != ~0u)
		n += (size_t)snprintf(out + n, len - n, "irq %u\n", d->gsi);
	n += (size_t)snprintf(out + n, len - n, "dma %llu\n", (unsigned long long)drv->dma);
	if (drv->scheme[0])
		n += (size_t)snprintf(out + n, len - n, "scheme %s\n", drv->scheme);
	return n;
}

static void child(const struct driver *drv, const struct pci_dev *d, int ready_fd)
{
	char text[512];
	size_t len = grants(drv, d, text, sizeof text);
	int fd = open("grant:self", O_WRONLY);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		say("pcid: %s: cannot confine it to its manifest: %s\n", drv->name,
		    strerror(errno));
		_exit(126);
	}
	close(fd);
	char v[64];
	setenv("PCID_DEVICE", d->addr, 1);
	snprintf(v, sizeof v, "%04x:%04x", d->vendor, d->device);
	setenv("PCID_ID", v, 1);
	for (int i = 0; i < 6; i++) {
		char name[16];
		snprintf(name, sizeof name, "PCID_BAR%d", i);
		snprintf(v, sizeof v, "%llx %llx", (unsigned long long)d->bars[i].addr,
		         (unsigned long long)d->bars[i].size);
		if (d->bars[i].size)
			setenv(name, v, 1);
	}
	if (d->gsi != ~0u) {
		snprintf(v, sizeof v, "%u", d->gsi);
		setenv("PCID_IRQ", v, 1);
	}
	if (ready_fd >= 0) {
		snprintf(v, sizeof v, "%d", ready_fd);
		setenv("PCID_READY_FD", v, 1);
	} else {
		unsetenv("PCID_READY_FD");
	}
	if (setregid(drv->gid, drv->gid) || setreuid(drv->uid, drv->uid)) {
		say("pcid: %s: cannot drop root: %s\n", drv->name, strerror(errno));
		_exit(126);
	}
	char path[128];
	const char *prog = drv->argv[0];
	if (!strchr(prog, ':') && !strchr(prog, '/')) {
		snprintf(path, sizeof path, "initfs:bin/%s", prog);
		if (access(path, X_OK))
			snprintf(path, sizeof path, "file:/usr/bin/%s", prog);
		prog = path;
	}
	execv(prog, drv->argv);
	say("pcid: %s: %s: %s\n", drv->name, prog, strerror(errno));
	_exit(127);
}

int driver_start(const struct driver *drv, const struct pci_dev *dev, int ready_fd)
{
	enable(dev);
	int pid = fork();
	if (pid < 0) {
		say("pcid: %s: fork: %s\n", drv->name, strerror(errno));
		return -1;
	}
	if (pid == 0)
		child(drv, dev, ready_fd);
	return pid;
}

void supervise_add(const struct driver *drv, const struct pci_dev *dev, int pid)
{
	if (running_count == MAX_DEVICES)
		return;
	struct running *r = &running[running_count++];
	r->drv = drv;
	r->dev = dev;
	r->pid = pid;
	r->backoff_ms = 100;
	clock_gettime(CLOCK_MONOTONIC, &r->started);
}

static void describe(int status, char *out, size_t len)
{
	if (WIFSIGNALED(status))
		snprintf(out, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(out, len, "exited with status %d", WEXITSTATUS(status));
}

_Noreturn void supervise(void)
{
	for (;;) {
		int status;
		int pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == ECHILD)
				sleep(1); /* nothing to watch (yet) */
			continue;
		}
		struct running *r = 0;
		for (int i = 0; i < running_count && !r; i++)
			if (running[i].pid == pid)
				r = &running[i];
		if (!r)
			continue;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long ran_ms = (now.tv_sec - r->started.tv_sec) * 1000 +
		              (now.tv_nsec - r->started.tv_nsec) / 1000000;
		if (ran_ms > 10000)
			r->backoff_ms = 100;
		char why[48];
		describe(status, why, sizeof why);
		say("pcid: %s (%s, pid %d) %s; restarting in %u ms\n", r->drv->name, r->dev->addr,
		    pid, why, r->backoff_ms);
		struct timespec wait = {r->backoff_ms / 1000, (r->backoff_ms % 1000) * 1000000L};
		nanosleep(&wait, 0);
		if (r->backoff_ms < 6400)
			r->backoff_ms *= 2;
		r->pid = driver_start(r->drv, r->dev, -1);
		clock_gettime(CLOCK_MONOTONIC, &r->started);
		if (r->pid > 0)
			say("pcid: %s (%s) restarted as pid %d\n", r->drv->name, r->dev->addr,
			    r->pid);
	}
}
