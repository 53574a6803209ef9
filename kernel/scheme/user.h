/*
 * Userspace scheme providers (user.c), driven by the root scheme (root.c).
 */
#ifndef KERNEL_SCHEME_USER_H
#define KERNEL_SCHEME_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scheme.h"

struct provider;

int64_t provider_create(const char *name, const struct caller *who, struct provider **out);
int64_t provider_read(struct provider *pv, void *buf, size_t len, bool nonblock);
int64_t provider_write(struct provider *pv, const void *buf, size_t len);
bool provider_has_requests(struct provider *pv);
void provider_close(struct provider *pv);

/* The ":" scheme (for readiness events on provider handles). */
struct scheme *root_scheme(void);

#endif
