/*
 * pcid [DIR]: enumerate PCI, match devices against the [[drivers]]
 * tables in DIR (default initfs:etc/pcid.d), start each matched driver
 * confined to its manifest, and keep them running.
 *
 * Output: "pcid: config space: <how>", one line per function
 * ("pcid: 00:1f.2 8086:2922 class 01.06.01 irq 16 -> ahcid"), then
 * "pcid: N drivers started". Like redoxfsd it forks: the child starts the
 * drivers, waits until each said it is ready (or died), tells the parent,
 * and supervises them from then on; the parent exits 0 once the drivers
 * are up, so init can go on to mount the root filesystem.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pcid.h"

void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	write(1, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1));
}

static struct pci_dev devices[MAX_DEVICES];
static struct driver drivers[MAX_DRIVERS];

static _Noreturn void run(const char *dir, int notify)
{
	char how[96];
	if (!pci_config_init(how, sizeof how)) {
		say("pcid: no way to configuration space: %s\n", strerror(errno));
		_exit(1);
	}
	say("pcid: config space: %s\n", how);
	int ndrv = drivers_load(dir, drivers, MAX_DRIVERS);
	int n = pci_scan(devices, MAX_DEVICES);
	const struct driver *match[MAX_DEVICES];
	for (int i = 0; i < n; i++) {
		const struct pci_dev *d = &devices[i];
		match[i] = driver_match(drivers, ndrv, d);
		char irq[16] = "";
		if (d->gsi != ~0u)
			snprintf(irq, sizeof irq, " irq %u", d->gsi);
		say("pcid: %s %04x:%04x class %02x.%02x.%02x%s%s%s\n", d->addr, d->vendor,
		    d->device, d->class, d->subclass, d->interface, irq, match[i] ? " -> " : "",
		    match[i] ? match[i]->name : "");
	}
	int started = 0;
	for (int i = 0; i < n; i++) {
		if (!match[i])
			continue;
		int fds[2];
		if (pipe(fds) < 0)
			continue;
		int pid = driver_start(match[i], &devices[i], fds[1]);
		close(fds[1]);
		char c;
		ssize_t r = pid > 0 ? read(fds[0], &c, 1) : 0;
		close(fds[0]);
		if (pid > 0)
			supervise_add(match[i], &devices[i], pid);
		if (r == 1)
			started++;
		else
			say("pcid: %s (%s) did not come up\n", match[i]->name, devices[i].addr);
	}
	say("pcid: %d drivers started\n", started);
	char ok = 0;
	write(notify, &ok, 1);
	close(notify);
	supervise();
}

int main(int argc, char **argv)
{
	if (argc > 2) {
		say("usage: pcid [DIR]  (driver tables, default initfs:etc/pcid.d)\n");
		return 2;
	}
	const char *dir = argc > 1 ? argv[1] : "initfs:etc/pcid.d";
	int fds[2];
	if (pipe(fds) < 0) {
		say("pcid: pipe: %s\n", strerror(errno));
		return 1;
	}
	int pid = fork();
	if (pid < 0) {
		say("pcid: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		close(fds[0]);
		run(dir, fds[1]);
	}
	close(fds[1]);
	char status = 1;
	ssize_t r;
	while ((r = read(fds[0], &status, 1)) < 0 && errno == EINTR)
		;
	return r == 1 && status == 0 ? 0 : 1;
}
