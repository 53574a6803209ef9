/*
 * Formatting and checking "$pbkdf2-sha256$..." password hashes (see
 * password.h). No stdio, no allocation.
 */
#include "password.h"
#include "pbkdf2.h"

#include "../fmt/hex.h"

#include <string.h>

static const char PREFIX[] = "$pbkdf2-sha256$";

static void put_hex(char *out, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = "0123456789abcdef"[data[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[data[i] & 15];
	}
}

/* Decodes exactly 2*len hex digits; false on anything else. */
static bool get_hex(const char *s, size_t digits, uint8_t *out)
{
	if (digits % 2)
		return false;
	for (size_t i = 0; i < digits / 2; i++) {
		int hi = hex_digit_value((unsigned char)s[2 * i]),
		    lo = hex_digit_value((unsigned char)s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

size_t password_hash(char *out, size_t cap, const char *password, size_t password_len,
                     const uint8_t *salt, size_t salt_len, uint32_t iterations)
{
	if (iterations < 1 || iterations > PASSWORD_MAX_ITERATIONS || salt_len < 1 ||
	    salt_len > PASSWORD_MAX_SALT_LEN)
		return 0;
	char digits[12];
	size_t nd = 0;
	for (uint32_t v = iterations; v; v /= 10)
		digits[nd++] = (char)('0' + v % 10);
	size_t len = sizeof(PREFIX) - 1 + nd + 1 + 2 * salt_len + 1 + 2 * PASSWORD_HASH_LEN;
	if (cap <= len)
		return 0;
	uint8_t hash[PASSWORD_HASH_LEN];
	pbkdf2_hmac_sha256(password, password_len, salt, salt_len, iterations, hash, sizeof(hash));
	char *o = out;
	memcpy(o, PREFIX, sizeof(PREFIX) - 1);
	o += sizeof(PREFIX) - 1;
	while (nd)
		*o++ = digits[--nd];
	*o++ = '$';
	put_hex(o, salt, salt_len);
	o += 2 * salt_len;
	*o++ = '$';
	put_hex(o, hash, sizeof(hash));
	o += 2 * sizeof(hash);
	*o = '\0';
	memset(hash, 0, sizeof(hash));
	return len;
}

bool password_verify(const char *stored, const char *password, size_t password_len)
{
	if (stored[0] == '\0')
		return password_len == 0;
	size_t plen = sizeof(PREFIX) - 1;
	if (strncmp(stored, PREFIX, plen) != 0)
		return false;
	const char *p = stored + plen;
	uint32_t iterations = 0;
	if (*p < '1' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		iterations = iterations * 10 + (uint32_t)(*p - '0');
		if (iterations > PASSWORD_MAX_ITERATIONS)
			return false;
	}
	if (*p++ != '$')
		return false;
	const char *salt_hex = p;
	while (*p && *p != '$')
		p++;
	size_t salt_digits = (size_t)(p - salt_hex);
	uint8_t salt[PASSWORD_MAX_SALT_LEN], want[PASSWORD_HASH_LEN], got[PASSWORD_HASH_LEN];
	if (*p != '$' || salt_digits < 2 || salt_digits > 2 * PASSWORD_MAX_SALT_LEN ||
	    !get_hex(salt_hex, salt_digits, salt))
		return false;
	p++;
	if (strlen(p) != 2 * PASSWORD_HASH_LEN || !get_hex(p, 2 * PASSWORD_HASH_LEN, want))
		return false;
	pbkdf2_hmac_sha256(password, password_len, salt, salt_digits / 2, iterations, got,
	                   sizeof(got));
	uint8_t diff = 0;
	for (size_t i = 0; i < sizeof(got); i++)
		diff |= got[i] ^ want[i];
	memset(got, 0, sizeof(got));
	return diff == 0;
}

void password_salt_derive(const char *user, const char *config_path,
                          uint8_t salt[PASSWORD_SALT_LEN])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_LEN];
	sha256_init(&ctx);
	sha256_update(&ctx, user, strlen(user) + 1);
	sha256_update(&ctx, config_path, strlen(config_path));
	sha256_final(&ctx, digest);
	memcpy(salt, digest, PASSWORD_SALT_LEN);
}
