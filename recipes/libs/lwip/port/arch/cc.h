/*
 * lwIP's platform header for Redox-C (relibc-c, x86_64, clang): the C
 * library's integer types and formats, little endian, diagnostics to
 * standard error, an assertion that stops the netstack with its reason
 * (init's respawn brings it back).
 */
#ifndef LWIP_ARCH_CC_H
#define LWIP_ARCH_CC_H

#include <stdio.h>
#include <stdlib.h>

#define BYTE_ORDER LITTLE_ENDIAN

#define LWIP_RAND() ((u32_t)rand())

#define LWIP_PLATFORM_DIAG(x)                                                                      \
	do {                                                                                       \
		printf x;                                                                          \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x)                                                                    \
	do {                                                                                       \
		fprintf(stderr, "netstack: lwIP assertion \"%s\" failed at %s:%d\n", x, __FILE__,  \
		        __LINE__);                                                                 \
		abort();                                                                           \
	} while (0)

#endif
