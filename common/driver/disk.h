/*
 * The disk: scheme every block driver serves (ahcid, nvmed): one scheme
 * per controller, "disk.<driver>N" (the first free N), with
 *   ""      the listing: one line per disk and partition ("0", "0p1", ...)
 *   "D"     disk D whole (D counts the controller's disks from 0)
 *   "DpN"   partition N (1-based GPT entry number) of disk D
 * Handles read and write whole sectors at the handle's offset (seek
 * moves it), fstat gives the size, fsync flushes the disk's write cache.
 * Only uid 0 may open anything here; refusals are logged.
 *
 * The driver gives a backend; requests of one batch of packets are all
 * handed to it at once, so it can keep several commands in flight.
 */
#ifndef COMMON_DRIVER_DISK_H
#define COMMON_DRIVER_DISK_H

#include <stdbool.h>
#include <stdint.h>

#define DISK_MAX 8

struct disk_req {
	int disk;
	bool write, flush; /* flush: lba/count/buf unused */
	uint64_t lba;
	uint32_t count; /* sectors */
	void *buf;
	int status; /* filled by the backend: 0 or -errno */
};

struct disk_backend {
	const char *driver; /* "ahci", "nvme": the scheme is disk.<driver>N */
	int disks;
	uint64_t sectors[DISK_MAX];
	uint32_t sector_size[DISK_MAX];
	/* Do every request (in any order, as many at once as the device can);
	 * return when all are done, each with its status set. */
	void (*run)(void *ctx, struct disk_req *reqs, int count);
	void *ctx;
};

/* Register the scheme, read the partition tables, tell pcid we are ready
 * (PCID_READY_FD), and serve forever. Returns only on failure (message
 * printed). `name` (e.g. "ahcid") prefixes every line. */
int disk_serve(const char *name, struct disk_backend *b);

#endif
