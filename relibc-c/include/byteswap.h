/* byteswap.h: reverse the bytes of 16-, 32- and 64-bit values (GNU). */
#ifndef _RELIBC_BYTESWAP_H
#define _RELIBC_BYTESWAP_H

#include <stdint.h>

static inline uint16_t bswap_16(uint16_t x)
{
	return __builtin_bswap16(x);
}

static inline uint32_t bswap_32(uint32_t x)
{
	return __builtin_bswap32(x);
}

static inline uint64_t bswap_64(uint64_t x)
{
	return __builtin_bswap64(x);
}

#endif
