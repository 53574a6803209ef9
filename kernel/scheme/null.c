/*
 * null: and zero:, the two data sinks and sources every system has (what
 * /dev/null and /dev/zero are elsewhere). null: reads as empty and takes
 * any write; zero: reads as zero bytes and takes any write.
 */
#include <freestanding/string.h>
#include <redox/abi/flags.h>

#include "scheme.h"

static int64_t sink_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)path;
	(void)flags;
	(void)who;
	return 0;
}

static int64_t sink_write(void *data, uint64_t id, const void *buf, size_t len,
                          const struct caller *who)
{
	(void)data;
	(void)id;
	(void)buf;
	(void)who;
	return (int64_t)len;
}

static int64_t null_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	(void)id;
	(void)buf;
	(void)len;
	(void)who;
	return 0;
}

static int64_t zero_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	(void)id;
	(void)who;
	memset(buf, 0, len);
	return (int64_t)len;
}

static int64_t sink_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	(void)id;
	st->mode = MODE_CHR | 0666;
	return 0;
}

static int64_t sink_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)id;
	const char *name = data;
	size_t n = strlen(name);
	if (n > len)
		n = len;
	memcpy(buf, name, n);
	return (int64_t)n;
}

static int64_t sink_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	(void)id;
	return (int64_t)(flags & (EVENT_READ | EVENT_WRITE)); /* never waits */
}

static const struct scheme_ops null_ops = {
    .open = sink_open,
    .read = null_read,
    .write = sink_write,
    .fstat = sink_fstat,
    .fpath = sink_fpath,
    .fevent = sink_fevent,
};

static const struct scheme_ops zero_ops = {
    .open = sink_open,
    .read = zero_read,
    .write = sink_write,
    .fstat = sink_fstat,
    .fpath = sink_fpath,
    .fevent = sink_fevent,
};

void null_scheme_init(void)
{
	scheme_register("null", &null_ops, "null:", 0);
	scheme_register("zero", &zero_ops, "zero:", 0);
}
