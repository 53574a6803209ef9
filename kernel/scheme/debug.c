/*
 * debug: the kernel console. Writes go to COM1 (the serial log the tests
 * read); reads will come from the serial input once it is interrupt
 * driven (the getty issue).
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"

#define DEBUG_WRITE_MAX 4096
#include "../lib/log.h"

static int64_t debug_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)path;
	(void)flags;
	(void)who;
	return 0;
}

static int64_t debug_write(void *data, uint64_t id, const void *buf, size_t len,
			   const struct caller *who)
{
	(void)data;
	(void)id;
	(void)who;
	/* The log lock is held with interrupts off while printing: keep each
	 * write short (a short write count is allowed) so no caller can stall
	 * every CPU for long. */
	if (len > DEBUG_WRITE_MAX)
		len = DEBUG_WRITE_MAX;
	kprintf("%.*s", (int)len, (const char *)buf);
	return (int64_t)len;
}

static int64_t debug_read(void *data, uint64_t id, void *buf, size_t len,
			  const struct caller *who)
{
	(void)data;
	(void)id;
	(void)who;
	(void)buf;
	(void)len;
	return 0;
}

static int64_t debug_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	(void)id;
	st->mode = MODE_CHR | 0666;
	return 0;
}

static int64_t debug_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	(void)id;
	const char name[] = "debug:";
	size_t n = len < sizeof name - 1 ? len : sizeof name - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = name[i];
	return (int64_t)n;
}

static const struct scheme_ops debug_ops = {
	.open = debug_open,
	.read = debug_read,
	.write = debug_write,
	.fstat = debug_fstat,
	.fpath = debug_fpath,
};

void debug_scheme_init(void)
{
	scheme_register("debug", &debug_ops, 0, 0);
}
