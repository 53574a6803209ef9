/*
 * BLAKE3 (the default hash mode, 32-byte output), written from the
 * published specification: the cookbook checks `blake3 = "..."` source
 * tarball hashes with it, as upstream recipes carry them.
 */
#ifndef COOKBOOK_BLAKE3_H
#define COOKBOOK_BLAKE3_H

#include <stddef.h>
#include <stdint.h>

#define BLAKE3_OUT_LEN   32
#define BLAKE3_BLOCK_LEN 64
#define BLAKE3_CHUNK_LEN 1024

struct blake3_chunk {
	uint32_t cv[8];
	uint64_t counter;
	uint8_t block[BLAKE3_BLOCK_LEN];
	uint8_t block_len;
	uint8_t blocks_compressed;
};

struct blake3_ctx {
	struct blake3_chunk chunk;
	uint32_t stack[54][8]; /* one chaining value per tree level */
	uint8_t stack_len;
};

void blake3_init(struct blake3_ctx *ctx);
void blake3_update(struct blake3_ctx *ctx, const void *data, size_t len);
void blake3_final(const struct blake3_ctx *ctx, uint8_t out[BLAKE3_OUT_LEN]);

#endif
