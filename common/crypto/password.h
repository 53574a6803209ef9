/*
 * Password hashes as stored in /etc/shadow, written by the host installer
 * and checked by the OS's login with this same code:
 *
 *     $pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>
 *
 * hash = PBKDF2-HMAC-SHA256(password, salt, iterations), 32 bytes; salt is
 * 16 bytes per user. The installer takes salts from /dev/urandom, except
 * when SOURCE_DATE_EPOCH is set (reproducible builds): then the salt is
 * password_salt_derive(user, config path), which anyone can recompute, so
 * such images suit testing, not guarding real secrets.
 *
 * An empty stored hash means "no password": only the empty password
 * matches it.
 */
#ifndef COMMON_CRYPTO_PASSWORD_H
#define COMMON_CRYPTO_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PASSWORD_SALT_LEN 16
#define PASSWORD_HASH_LEN 32
/*
 * Kept modest because login runs inside QEMU without KVM in the boot tests,
 * where each iteration costs far more than on real hardware. The count is
 * stored in every hash, so it can be raised without breaking old entries.
 */
#define PASSWORD_DEFAULT_ITERATIONS 10000
#define PASSWORD_MAX_ITERATIONS     10000000
#define PASSWORD_MAX_SALT_LEN       64
/* Longest string password_hash() produces, with its NUL. */
#define PASSWORD_HASH_STRING_MAX (15 + 8 + 1 + 2 * PASSWORD_MAX_SALT_LEN + 1 + 64 + 1)

/*
 * Writes the hash string for password into out (NUL-terminated). Returns
 * its length, or 0 if cap is too small or the parameters are out of range.
 */
size_t password_hash(char *out, size_t cap, const char *password, size_t password_len,
                     const uint8_t *salt, size_t salt_len, uint32_t iterations);

/* True when password matches stored (constant time in the hash compare). */
bool password_verify(const char *stored, const char *password, size_t password_len);

/* The reproducible salt: the first 16 bytes of SHA-256(user NUL config_path). */
void password_salt_derive(const char *user, const char *config_path,
                          uint8_t salt[PASSWORD_SALT_LEN]);

#endif
