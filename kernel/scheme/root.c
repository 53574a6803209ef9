/*
 * The root scheme ":". Opening ":name" with O_CREAT makes the caller (root
 * only) the provider of "name:" (user.c); the handle then carries the
 * provider's side of the protocol: read packets, write replies, and
 * EVENT_READ readiness when requests wait. Reading ":" lists the schemes.
 */
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"
#include "user.h"
#include "../grant/grant.h"

static struct scheme *root;

struct scheme *root_scheme(void)
{
	return root;
}

static int64_t root_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	if (!*path)
		return -EISDIR; /* listing schemes: not yet */
	if (!(flags & O_CREAT))
		return -ENOENT;
	if (!grant_may_provide(who->pid, who->uid, path))
		return -EACCES;
	for (const char *c = path; *c; c++)
		if (*c == ':' || *c == '/')
			return -EINVAL;
	struct provider *pv;
	int64_t r = provider_create(path, who, &pv);
	return r < 0 ? r : handle_from_ptr(pv);
}

static int64_t root_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	return provider_read((struct provider *)ptr_from_handle(id), buf, len,
	                     who->flags & O_NONBLOCK);
}

static int64_t root_write(void *data, uint64_t id, const void *buf, size_t len,
                          const struct caller *who)
{
	(void)data;
	(void)who;
	return provider_write((struct provider *)ptr_from_handle(id), buf, len);
}

static int64_t root_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	return (flags & EVENT_READ) && provider_has_requests((struct provider *)ptr_from_handle(id))
	           ? EVENT_READ
	           : 0;
}

static int64_t root_close(void *data, uint64_t id)
{
	(void)data;
	provider_close((struct provider *)ptr_from_handle(id));
	return 0;
}

static const struct scheme_ops root_ops = {
    .open = root_open,
    .read = root_read,
    .write = root_write,
    .fevent = root_fevent,
    .close = root_close,
};

void root_scheme_init(void)
{
	scheme_register("", &root_ops, 0, &root);
}
