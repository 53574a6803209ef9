/*
 * The installer's randomness source (urandom, or a deterministic stream
 * when SOURCE_DATE_EPOCH asks for a reproducible build), beside the host
 * helpers it shares with the cookbook (common/hostutil).
 */
#ifndef INSTALLER_UTIL_H
#define INSTALLER_UTIL_H

#include "hostutil/hostutil.h"

/* SOURCE_DATE_EPOCH when set (reproducible build), else NULL. */
const char *reproducible_epoch(void);

/*
 * Fills buf with random bytes from /dev/urandom; with SOURCE_DATE_EPOCH set,
 * with SHA-256(label, epoch) bytes instead, so that images are reproducible.
 */
int random_bytes(void *buf, size_t len, const char *label, char *err);

#endif
