/*
 * Text forms the network schemes use, parsed and made without lwIP (so
 * the host tests run them under sanitizers): "a.b.c.d", "a.b.c.d:port",
 * "a.b.c.d/prefix", and the route lines of netcfg:route/list. Addresses
 * are host-order uint32_t here (10.0.2.15 is 0x0A00020F).
 */
#ifndef NETSTACK_ADDR_H
#define NETSTACK_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "a.b.c.d" (exactly, len bytes; each part 0..255): 0 or -EINVAL */
int addr_parse(const char *text, size_t len, uint32_t *addr);
/* "a.b.c.d:port" (port 0..65535): 0 or -EINVAL */
int endpoint_parse(const char *text, size_t len, uint32_t *addr, uint16_t *port);
/* "a.b.c.d/N" (N 0..32): 0 or -EINVAL */
int cidr_parse(const char *text, size_t len, uint32_t *addr, unsigned *prefix);
/* "default via a.b.c.d" (optionally followed by more words): 0 or -EINVAL */
int route_default_parse(const char *text, size_t len, uint32_t *gw);
/* the netmask of a prefix length and back (a mask with holes: -1) */
uint32_t prefix_mask(unsigned prefix);
int mask_prefix(uint32_t mask);
/* "a.b.c.d" into out (at least 16 bytes); its length */
int addr_format(uint32_t addr, char *out, size_t len);

#endif
