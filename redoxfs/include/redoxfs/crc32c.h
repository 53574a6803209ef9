/*
 * CRC32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of
 * every RedoxFS block and header. crc32c("123456789") == 0xE3069283.
 */
#ifndef REDOXFS_CRC32C_H
#define REDOXFS_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* Continue a CRC: pass 0 to start, the previous result to chain. */
uint32_t redoxfs_crc32c(uint32_t crc, const void *buf, size_t len);

#endif
