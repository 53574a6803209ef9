/*
 * HMAC-SHA256 and PBKDF2-HMAC-SHA256. The keyed inner/outer hash states are
 * computed once per password and copied for every PBKDF2 iteration, which
 * halves the work of a naive HMAC loop.
 */
#include "pbkdf2.h"

#include <string.h>

void hmac_sha256_init(struct hmac_sha256_ctx *ctx, const void *key, size_t key_len)
{
	uint8_t k[SHA256_BLOCK_LEN] = {0};
	if (key_len > SHA256_BLOCK_LEN)
		sha256(key, key_len, k);
	else if (key_len)
		memcpy(k, key, key_len);
	uint8_t pad[SHA256_BLOCK_LEN];
	for (int i = 0; i < SHA256_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_init(&ctx->inner);
	sha256_update(&ctx->inner, pad, sizeof(pad));
	for (int i = 0; i < SHA256_BLOCK_LEN; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_init(&ctx->outer);
	sha256_update(&ctx->outer, pad, sizeof(pad));
	memset(k, 0, sizeof(k));
	memset(pad, 0, sizeof(pad));
}

void hmac_sha256_update(struct hmac_sha256_ctx *ctx, const void *data, size_t len)
{
	sha256_update(&ctx->inner, data, len);
}

void hmac_sha256_final(struct hmac_sha256_ctx *ctx, uint8_t mac[SHA256_DIGEST_LEN])
{
	uint8_t inner[SHA256_DIGEST_LEN];
	sha256_final(&ctx->inner, inner);
	sha256_update(&ctx->outer, inner, sizeof(inner));
	sha256_final(&ctx->outer, mac);
}

void hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                 uint8_t mac[SHA256_DIGEST_LEN])
{
	struct hmac_sha256_ctx ctx;
	hmac_sha256_init(&ctx, key, key_len);
	hmac_sha256_update(&ctx, data, len);
	hmac_sha256_final(&ctx, mac);
}

void pbkdf2_hmac_sha256(const void *password, size_t password_len, const void *salt,
                        size_t salt_len, uint32_t iterations, uint8_t *out, size_t out_len)
{
	struct hmac_sha256_ctx keyed, ctx;
	hmac_sha256_init(&keyed, password, password_len);
	for (uint32_t block = 1; out_len > 0; block++) {
		uint8_t be[4] = {(uint8_t)(block >> 24), (uint8_t)(block >> 16),
		                 (uint8_t)(block >> 8), (uint8_t)block};
		uint8_t u[SHA256_DIGEST_LEN], t[SHA256_DIGEST_LEN];
		ctx = keyed;
		hmac_sha256_update(&ctx, salt, salt_len);
		hmac_sha256_update(&ctx, be, sizeof(be));
		hmac_sha256_final(&ctx, u);
		memcpy(t, u, sizeof(t));
		for (uint32_t i = 1; i < iterations; i++) {
			ctx = keyed;
			hmac_sha256_update(&ctx, u, sizeof(u));
			hmac_sha256_final(&ctx, u);
			for (int j = 0; j < SHA256_DIGEST_LEN; j++)
				t[j] ^= u[j];
		}
		size_t take = out_len < sizeof(t) ? out_len : sizeof(t);
		memcpy(out, t, take);
		out += take;
		out_len -= take;
	}
	memset(&keyed, 0, sizeof(keyed));
	memset(&ctx, 0, sizeof(ctx));
}
