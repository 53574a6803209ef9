/*
 * Driver tables: every *.toml in a folder holds [[drivers]] entries in
 * upstream's form (name, class, subclass, interface, vendor, device,
 * ids = {0x8086 = [0x100e, ...]}, command = [...]) plus our manifest,
 * what the driver may touch (docs/drivers.md):
 *   bars = [5]          BARs it may map (index 0..5)
 *   irq_vectors = 1     how many interrupt lines (0: none)
 *   dma = 0x400000      bytes of DMA memory in all
 *   scheme = "disk."    the schemes it may provide (a name prefix)
 *   uid = 91, gid = 91  what it runs as (never 0)
 * A malformed file or entry is reported in one line and skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <toml/toml.h>

#include "pcid.h"

static int get_int(const struct toml_value *t, const char *key, int64_t dflt)
{
	int64_t v = dflt;
	toml_as_int(toml_get(t, key), &v);
	return (int)v;
}

/* One [[drivers]] table; an error message or NULL. */
static const char *parse_driver(const struct toml_value *t, struct driver *d)
{
	memset(d, 0, sizeof *d);
	const char *s;
	size_t len;
	if (!toml_as_string(toml_get(t, "name"), &s, &len) || !len || len >= sizeof d->name)
		return "needs a name";
	memcpy(d->name, s, len);
	d->class = get_int(t, "class", -1);
	d->subclass = get_int(t, "subclass", -1);
	d->interface = get_int(t, "interface", -1);
	d->vendor = get_int(t, "vendor", -1);
	d->device = get_int(t, "device", -1);
	const struct toml_value *ids = toml_get(t, "ids");
	for (size_t i = 0; toml_is(ids, TOML_TABLE) && i < toml_count(ids) && i < 8; i++) {
		d->ids_vendor[i] = (uint16_t)strtoul(toml_key_at(ids, i), 0, 0);
		const struct toml_value *list = toml_at(ids, i);
		for (size_t j = 0; j < toml_count(list) && j < 16; j++) {
			int64_t v;
			if (!toml_as_int(toml_at(list, j), &v))
				return "ids: device ids must be integers";
			d->ids_device[i][d->ids_len[i]++] = (uint16_t)v;
		}
		d->ids_count++;
	}
	const struct toml_value *cmd = toml_get(t, "command");
	if (!toml_is(cmd, TOML_ARRAY) || !toml_count(cmd) || toml_count(cmd) > MAX_ARGS)
		return "needs a command (1 to 8 strings)";
	for (size_t i = 0; i < toml_count(cmd); i++) {
		if (!toml_as_string(toml_at(cmd, i), &s, &len))
			return "command: strings only";
		d->argv[i] = strndup(s, len);
	}
	const struct toml_value *bars = toml_get(t, "bars");
	for (size_t i = 0; i < toml_count(bars); i++) {
		int64_t v;
		if (!toml_as_int(toml_at(bars, i), &v) || v < 0 || v > 5)
			return "bars: BAR numbers are 0 to 5";
		d->bars |= (uint8_t)(1 << v);
	}
	d->irq_vectors = get_int(t, "irq_vectors", 0);
	int64_t dma = 0;
	toml_as_int(toml_get(t, "dma"), &dma);
	d->dma = (uint64_t)dma;
	if (toml_as_string(toml_get(t, "scheme"), &s, &len) && len < sizeof d->scheme)
		memcpy(d->scheme, s, len);
	d->uid = (uint32_t)get_int(t, "uid", 0);
	d->gid = (uint32_t)get_int(t, "gid", (int64_t)d->uid);
	if (d->uid == 0)
		return "needs a uid other than 0 (drivers run unprivileged)";
	return 0;
}

static int load_file(const char *path, struct driver *out, int max)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		say("pcid: %s: %s\n", path, strerror(errno));
		return 0;
	}
	static char text[16384];
	ssize_t n, len = 0;
	while (len < (ssize_t)sizeof text &&
	       (n = read(fd, text + len, sizeof text - (size_t)len)) > 0)
		len += n;
	close(fd);
	struct toml_error err;
	struct toml_doc *doc = toml_parse(text, (size_t)len, path, &err);
	if (!doc) {
		say("pcid: %s\n", err.message);
		return 0;
	}
	const struct toml_value *list = toml_get(toml_root(doc), "drivers");
	int count = 0;
	for (size_t i = 0; i < toml_count(list) && count < max; i++) {
		const struct toml_value *t = toml_at(list, i);
		const char *why = parse_driver(t, &out[count]);
		if (why) {
			say("pcid: %s:%u: driver %s\n", path, t->line, why);
			continue;
		}
		snprintf(out[count].file, sizeof out[count].file, "%s", path);
		count++;
	}
	toml_free(doc);
	return count;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int drivers_load(const char *dir, struct driver *out, int max)
{
	DIR *d = opendir(dir);
	if (!d) {
		say("pcid: %s: %s\n", dir, strerror(errno));
		return 0;
	}
	char *names[64];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 64) {
		size_t len = strlen(e->d_name);
		if (len > 5 && !strcmp(e->d_name + len - 5, ".toml"))
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], by_name);
	int count = 0;
	for (int i = 0; i < n; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		count += load_file(path, out + count, max - count);
		free(names[i]);
	}
	return count;
}

static bool matches(const struct driver *drv, const struct pci_dev *d)
{
	if ((drv->class >= 0 && drv->class != d->class) ||
	    (drv->subclass >= 0 && drv->subclass != d->subclass) ||
	    (drv->interface >= 0 && drv->interface != d->interface) ||
	    (drv->vendor >= 0 && drv->vendor != d->vendor) ||
	    (drv->device >= 0 && drv->device != d->device))
		return false;
	if (!drv->ids_count)
		return true;
	for (int i = 0; i < drv->ids_count; i++)
		if (drv->ids_vendor[i] == d->vendor)
			for (int j = 0; j < drv->ids_len[i]; j++)
				if (drv->ids_device[i][j] == d->device)
					return true;
	return false;
}

const struct driver *driver_match(const struct driver *drivers, int count, const struct pci_dev *d)
{
	for (int i = 0; i < count; i++)
		if (matches(&drivers[i], d))
			return &drivers[i];
	return 0;
}
