/*
 * BLAKE3 hashing (see blake3.h): the compression function, chunk chaining
 * and the binary tree of chunks, kept as a stack of chaining values that
 * merges whenever a subtree is complete. Portable C, no SIMD: tarballs
 * are hashed once per fetch.
 */
#include "blake3.h"

#include <string.h>

enum {
	CHUNK_START = 1,
	CHUNK_END = 2,
	PARENT = 4,
	ROOT = 8,
};

static const uint32_t IV[8] = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                               0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};

static const uint8_t PERMUTATION[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};

static uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void g(uint32_t *s, int a, int b, int c, int d, uint32_t mx, uint32_t my)
{
	s[a] = s[a] + s[b] + mx;
	s[d] = rotr(s[d] ^ s[a], 16);
	s[c] = s[c] + s[d];
	s[b] = rotr(s[b] ^ s[c], 12);
	s[a] = s[a] + s[b] + my;
	s[d] = rotr(s[d] ^ s[a], 8);
	s[c] = s[c] + s[d];
	s[b] = rotr(s[b] ^ s[c], 7);
}

static void round_fn(uint32_t *s, const uint32_t *m)
{
	g(s, 0, 4, 8, 12, m[0], m[1]);
	g(s, 1, 5, 9, 13, m[2], m[3]);
	g(s, 2, 6, 10, 14, m[4], m[5]);
	g(s, 3, 7, 11, 15, m[6], m[7]);
	g(s, 0, 5, 10, 15, m[8], m[9]);
	g(s, 1, 6, 11, 12, m[10], m[11]);
	g(s, 2, 7, 8, 13, m[12], m[13]);
	g(s, 3, 4, 9, 14, m[14], m[15]);
}

/* The full 16-word output; the first 8 words are the new chaining value. */
static void compress(const uint32_t cv[8], const uint8_t block[BLAKE3_BLOCK_LEN], uint64_t counter,
                     uint32_t block_len, uint32_t flags, uint32_t out[16])
{
	uint32_t m[16], s[16];
	for (int i = 0; i < 16; i++)
		m[i] = (uint32_t)block[4 * i] | (uint32_t)block[4 * i + 1] << 8 |
		       (uint32_t)block[4 * i + 2] << 16 | (uint32_t)block[4 * i + 3] << 24;
	memcpy(s, cv, 8 * sizeof(uint32_t));
	memcpy(s + 8, IV, 4 * sizeof(uint32_t));
	s[12] = (uint32_t)counter;
	s[13] = (uint32_t)(counter >> 32);
	s[14] = block_len;
	s[15] = flags;
	for (int r = 0; r < 7; r++) {
		round_fn(s, m);
		uint32_t p[16];
		for (int i = 0; i < 16; i++)
			p[i] = m[PERMUTATION[i]];
		memcpy(m, p, sizeof m);
	}
	for (int i = 0; i < 8; i++) {
		out[i] = s[i] ^ s[i + 8];
		out[i + 8] = s[i + 8] ^ cv[i];
	}
}

/* What is needed to produce either a chaining value or the root output. */
struct output {
	uint32_t cv[8];
	uint8_t block[BLAKE3_BLOCK_LEN];
	uint64_t counter;
	uint32_t block_len;
	uint32_t flags;
};

static void output_cv(const struct output *o, uint32_t cv[8])
{
	uint32_t out[16];
	compress(o->cv, o->block, o->counter, o->block_len, o->flags, out);
	memcpy(cv, out, 8 * sizeof(uint32_t));
}

static void chunk_init(struct blake3_chunk *c, uint64_t counter)
{
	memset(c, 0, sizeof *c);
	memcpy(c->cv, IV, sizeof IV);
	c->counter = counter;
}

static size_t chunk_len(const struct blake3_chunk *c)
{
	return (size_t)c->blocks_compressed * BLAKE3_BLOCK_LEN + c->block_len;
}

static uint32_t chunk_start_flag(const struct blake3_chunk *c)
{
	return c->blocks_compressed == 0 ? CHUNK_START : 0;
}

static void chunk_update(struct blake3_chunk *c, const uint8_t *in, size_t len)
{
	while (len) {
		/* A full block is compressed only once more input follows it. */
		if (c->block_len == BLAKE3_BLOCK_LEN) {
			uint32_t out[16];
			compress(c->cv, c->block, c->counter, BLAKE3_BLOCK_LEN, chunk_start_flag(c),
			         out);
			memcpy(c->cv, out, 8 * sizeof(uint32_t));
			c->blocks_compressed++;
			memset(c->block, 0, sizeof c->block);
			c->block_len = 0;
		}
		size_t take = BLAKE3_BLOCK_LEN - c->block_len;
		if (take > len)
			take = len;
		memcpy(c->block + c->block_len, in, take);
		c->block_len += (uint8_t)take;
		in += take;
		len -= take;
	}
}

static void chunk_output(const struct blake3_chunk *c, struct output *o)
{
	memcpy(o->cv, c->cv, sizeof o->cv);
	memcpy(o->block, c->block, sizeof o->block);
	o->counter = c->counter;
	o->block_len = c->block_len;
	o->flags = chunk_start_flag(c) | CHUNK_END;
}

static void parent_output(const uint32_t left[8], const uint32_t right[8], struct output *o)
{
	for (int i = 0; i < 8; i++) {
		for (int b = 0; b < 4; b++) {
			o->block[4 * i + b] = (uint8_t)(left[i] >> (8 * b));
			o->block[32 + 4 * i + b] = (uint8_t)(right[i] >> (8 * b));
		}
	}
	memcpy(o->cv, IV, sizeof IV);
	o->counter = 0;
	o->block_len = BLAKE3_BLOCK_LEN;
	o->flags = PARENT;
}

void blake3_init(struct blake3_ctx *ctx)
{
	chunk_init(&ctx->chunk, 0);
	ctx->stack_len = 0;
}

/*
 * After the n-th chunk (total chunks so far), merge as many completed
 * subtrees as n has trailing zero bits.
 */
static void add_chunk_cv(struct blake3_ctx *ctx, uint32_t cv[8], uint64_t total)
{
	while ((total & 1) == 0) {
		struct output o;
		parent_output(ctx->stack[--ctx->stack_len], cv, &o);
		output_cv(&o, cv);
		total >>= 1;
	}
	memcpy(ctx->stack[ctx->stack_len++], cv, 8 * sizeof(uint32_t));
}

void blake3_update(struct blake3_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *in = data;
	while (len) {
		/* A full chunk is finished only once more input follows it. */
		if (chunk_len(&ctx->chunk) == BLAKE3_CHUNK_LEN) {
			struct output o;
			uint32_t cv[8];
			chunk_output(&ctx->chunk, &o);
			output_cv(&o, cv);
			uint64_t total = ctx->chunk.counter + 1;
			add_chunk_cv(ctx, cv, total);
			chunk_init(&ctx->chunk, total);
		}
		size_t take = BLAKE3_CHUNK_LEN - chunk_len(&ctx->chunk);
		if (take > len)
			take = len;
		chunk_update(&ctx->chunk, in, take);
		in += take;
		len -= take;
	}
}

void blake3_final(const struct blake3_ctx *ctx, uint8_t out[BLAKE3_OUT_LEN])
{
	struct output o;
	chunk_output(&ctx->chunk, &o);
	for (size_t i = ctx->stack_len; i-- > 0;) {
		uint32_t cv[8];
		output_cv(&o, cv);
		parent_output(ctx->stack[i], cv, &o);
	}
	uint32_t words[16];
	compress(o.cv, o.block, 0, o.block_len, o.flags | ROOT, words);
	for (int i = 0; i < 8; i++)
		for (int b = 0; b < 4; b++)
			out[4 * i + b] = (uint8_t)(words[i] >> (8 * b));
}
