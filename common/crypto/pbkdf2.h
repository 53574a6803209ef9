/*
 * HMAC-SHA256 (RFC 2104) and PBKDF2-HMAC-SHA256 (RFC 8018), on top of
 * sha256.h; freestanding like it.
 */
#ifndef COMMON_CRYPTO_PBKDF2_H
#define COMMON_CRYPTO_PBKDF2_H

#include "sha256.h"

struct hmac_sha256_ctx {
	struct sha256_ctx inner, outer;
};

void hmac_sha256_init(struct hmac_sha256_ctx *ctx, const void *key, size_t key_len);
void hmac_sha256_update(struct hmac_sha256_ctx *ctx, const void *data, size_t len);
void hmac_sha256_final(struct hmac_sha256_ctx *ctx, uint8_t mac[SHA256_DIGEST_LEN]);
void hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                 uint8_t mac[SHA256_DIGEST_LEN]);

/* Derives out_len bytes from password and salt; iterations >= 1. */
void pbkdf2_hmac_sha256(const void *password, size_t password_len, const void *salt,
                        size_t salt_len, uint32_t iterations, uint8_t *out, size_t out_len);

#endif
