/*
 * libFuzzer target for dhcpd's parser (make fuzz-dhcp): any bytes as a
 * server's reply; the sanitizers catch any read outside the buffer. What
 * the parser accepts must be self-consistent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t mac[6] = {0x52, 0x54, 0, 0x12, 0x34, 0x56};
	uint8_t *copy = malloc(size ? size : 1); /* exact size: ASan sees overreads */
	memcpy(copy, data, size);
	uint32_t xid = size >= 8 ? (uint32_t)copy[4] << 24 | (uint32_t)copy[5] << 16 |
	                               (uint32_t)copy[6] << 8 | copy[7]
	                         : 0;
	struct dhcp_reply r;
	const char *why;
	if (dhcp_parse(copy, size, xid, mac, &r, &why) == 0) {
		char text[1200];
		for (int i = 0; i < r.count; i++) {
			if (r.options[i].data < copy ||
			    r.options[i].data + r.options[i].len > copy + size)
				abort();
			dhcp_format_bytes(r.options[i].data, r.options[i].len, text, sizeof text);
		}
	}
	free(copy);
	return 0;
}
