/*
 * Per-user resource accounting: what each real uid holds across all its
 * processes (processes, anonymous memory, kernel buffers such as pipes and
 * sys: texts, open files), against per-user limits, so no user can exhaust what the
 * others need. Root (uid 0) is counted but not limited.
 */
#ifndef KERNEL_PROC_ACCOUNT_H
#define KERNEL_PROC_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

enum account_kind {
	ACCOUNT_PROCS,      /* processes, zombies included */
	ACCOUNT_ANON_PAGES, /* FMAP'd anonymous memory, fork copies included */
	ACCOUNT_KBUF_BYTES, /* kernel heap held for the user: pipes, sys: texts */
	ACCOUNT_FILES,      /* open files (handles in a scheme) the user opened */
	ACCOUNT_KINDS,
};

/* Per non-root user. */
#define ACCOUNT_MAX_PROCS      128
#define ACCOUNT_MAX_ANON_PAGES (768ULL << 8) /* 768 MiB */
#define ACCOUNT_MAX_KBUF_BYTES (8ULL << 20)
#define ACCOUNT_MAX_FILES      1024

/* Add n to uid's count of kind; false (and nothing added) past the limit. */
bool account_charge(uint32_t uid, enum account_kind kind, uint64_t n);
/* The same, also refused past `limit` (a process's rlimit; root too). */
bool account_charge_upto(uint32_t uid, enum account_kind kind, uint64_t n, uint64_t limit);
void account_uncharge(uint32_t uid, enum account_kind kind, uint64_t n);
/* How much uid holds now (for tests and sys:). */
uint64_t account_usage(uint32_t uid, enum account_kind kind);

#endif
