/*
 * The network adapter scheme every NIC driver serves (e1000d), upstream
 * Redox's `network` scheme: "network.<driver>_N" (the first free N) with
 *   ""      frames: read gives one whole received Ethernet frame (no FCS),
 *           write sends one (14..1514 bytes); O_NONBLOCK reads give EAGAIN
 *           when none waits; fevent reports EVENT_READ when one does
 *   "mac"   the 6 bytes of the adapter's MAC address
 *   "link"  "up\n" or "down\n"
 * Only uid 0 may open it (refusals logged). Paths and sizes are in
 * abi/include/redox/abi/net.h.
 *
 * The driver gives a backend; net_serve runs the event loop: requests,
 * the interrupt (irq:N) and a timer that checks the link and, where the
 * interrupt never arrives, polls the device.
 */
#ifndef COMMON_DRIVER_NET_H
#define COMMON_DRIVER_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct net_backend {
	const char *driver; /* "e1000": the scheme is network.<driver>_N */
	uint8_t mac[6];
	int irq_fd; /* irq:N, or -1: poll only */
	/* Take one received frame into buf (len >= 1514): its length, 0 if none. */
	size_t (*recv)(void *ctx, uint8_t *buf, size_t len);
	/* Queue one frame: 0, or -EAGAIN when the transmit ring is full. */
	int (*send)(void *ctx, const uint8_t *buf, size_t len);
	/* The interrupt fired: read and clear the device's cause (true: it was ours). */
	bool (*interrupt)(void *ctx);
	/* Link state now. */
	bool (*link)(void *ctx);
	void *ctx;
};

/* Register the scheme, tell pcid we are ready (PCID_READY_FD), serve
 * forever. Returns only on failure (message printed); `name` ("e1000d")
 * prefixes every line. */
int net_serve(const char *name, struct net_backend *b);

#endif
