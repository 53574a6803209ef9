/*
 * The netstack's scheme layer: every scheme it provides (udp, tcp, icmp,
 * ip, netcfg) is a table of operations over handles; this layer reads the
 * kernel's packets, finds the handle, calls the operation and replies.
 * An operation that would block returns -EAGAIN: on a blocking handle the
 * packet is kept and tried again after every turn of the event loop (the
 * kernel lets a provider reply later), on an O_NONBLOCK one EAGAIN goes
 * back. Readiness (EVENT_READ/WRITE) is reported when it appears.
 */
#ifndef NETSTACK_SCHEME_H
#define NETSTACK_SCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <redox/abi/types.h>

struct handle;

struct scheme_ops {
	const char *name;
	/* path (without leading '/'), open flags, caller's uid: 0 or -errno; set h->data */
	int (*open)(struct handle *h, const char *path, uint64_t flags, uint32_t uid);
	/* dup(h, buf): set up nh (a new handle of the same scheme): 0, -errno, or
	 * -EAGAIN to wait; then it is called again with the same nh (nh->data as
	 * the last call left it) until it gives 0 or an error */
	int (*dup)(struct handle *h, struct handle *nh, const char *buf, size_t len);
	int64_t (*read)(struct handle *h, void *buf, size_t len);
	int64_t (*write)(struct handle *h, const void *buf, size_t len);
	/* the part after "name:" into buf; its length */
	size_t (*fpath)(struct handle *h, char *buf, size_t len);
	/* a socket option or shutdown, asked as dup(h, "opt/NAME"),
	 * dup(h, "opt/NAME=VALUE") or dup(h, "shutdown/rd|wr|rdwr"): 0 with
	 * the value's text in out (the new handle reads it), or -errno
	 * (-ENOPROTOOPT: no such option here); NULL: no options at all */
	int (*option)(struct handle *h, const char *req, char *out, size_t size);
	/* EVENT_READ | EVENT_WRITE as they are now */
	unsigned (*ready)(struct handle *h);
	void (*close)(struct handle *h);
};

struct handle {
	bool used, nonblock;
	const struct scheme_ops *ops;
	void *data;
	uint64_t offset;
	uint32_t uid;
	unsigned reported; /* readiness last reported */
	char *value;       /* an option's answer (see option): reads give it */
};

/* Register "name:"; its provider fd (to watch), or -1 (message printed). */
int scheme_register(const struct scheme_ops *ops);
/* Handle every request waiting on provider fd `fd`. */
void scheme_serve(int fd);
/* Try the kept requests again and report new readiness: after every loop turn. */
void scheme_retry(void);
/* A fresh handle of ops' scheme (for dup), or NULL. */
struct handle *handle_new(const struct scheme_ops *ops);
void handle_free(struct handle *h);

#endif
