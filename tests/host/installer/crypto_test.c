/*
 * Host unit tests for common/crypto: SHA-256 against the FIPS 180-2
 * examples, HMAC-SHA256 against RFC 4231, PBKDF2-HMAC-SHA256 against
 * published vectors, and the $pbkdf2-sha256$ password format.
 */
#include "../check.h"
#include "crypto/password.h"
#include "crypto/pbkdf2.h"
#include "crypto/sha256.h"

#include <stdlib.h>

static void hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void check_sha(const void *data, size_t len, const char *want)
{
	uint8_t d[32];
	char h[65];
	sha256(data, len, d);
	hex(d, 32, h);
	CHECK_STR(h, want);
}

static void test_sha256(void)
{
	check_sha("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_sha("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check_sha(two, strlen(two),
	          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* a million 'a's, fed in uneven pieces to exercise the block buffering */
	char *a = malloc(1000000);
	memset(a, 'a', 1000000);
	check_sha(a, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	size_t done = 0, step = 1;
	while (done < 1000000) {
		size_t n = step < 1000000 - done ? step : 1000000 - done;
		sha256_update(&ctx, a + done, n);
		done += n;
		step = step * 3 % 997 + 1;
	}
	uint8_t d[32];
	char h[65];
	sha256_final(&ctx, d);
	hex(d, 32, h);
	CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
	/* lengths around the padding boundary (values from Python's hashlib) */
	check_sha("0123456789012345678901234567890123456789012345678901234", 55,
	          "f34d5a0f80c0cbf84c8c0b90218c22637abd199965249da736a20143c8c9c9d9");
	check_sha("01234567890123456789012345678901234567890123456789012345", 56,
	          "83aa034bda83e458a0dc9cbce0d4e354716aa0ff770ed37ac0ed2b292052e4af");
}

static void test_hmac(void)
{
	uint8_t key[131], mac[32];
	char h[65];
	memset(key, 0x0b, 20);
	hmac_sha256(key, 20, "Hi There", 8, mac);
	hex(mac, 32, h);
	CHECK_STR(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	hex(mac, 32, h);
	CHECK_STR(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key, 0xaa, 131);
	const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";
	hmac_sha256(key, 131, msg, strlen(msg), mac);
	hex(mac, 32, h);
	CHECK_STR(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

static void check_pbkdf2(const char *pw, const char *salt, uint32_t c, size_t len, const char *want)
{
	uint8_t out[64];
	char h[129];
	pbkdf2_hmac_sha256(pw, strlen(pw), salt, strlen(salt), c, out, len);
	hex(out, len, h);
	CHECK_STR(h, want);
}

static void test_pbkdf2(void)
{
	check_pbkdf2("password", "salt", 1, 32,
	             "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
	check_pbkdf2("password", "salt", 4096, 32,
	             "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
	check_pbkdf2("passwd", "salt", 1, 64,
	             "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
	             "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
	check_pbkdf2(
	    "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40,
	    "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9");
}

static void test_password(void)
{
	uint8_t salt[16];
	for (int i = 0; i < 16; i++)
		salt[i] = (uint8_t)i;
	char out[PASSWORD_HASH_STRING_MAX];
	size_t n = password_hash(out, sizeof(out), "password", 8, salt, 16, 10000);
	CHECK(n == strlen(out));
	CHECK_STR(out, "$pbkdf2-sha256$10000$000102030405060708090a0b0c0d0e0f$"
	               "eb6c81535592203c092b158f8d3909672362a6f5dbd00d9828044cbaa8b252e9");
	CHECK(password_verify(out, "password", 8));
	CHECK(!password_verify(out, "passwore", 8));
	CHECK(!password_verify(out, "password", 7));
	CHECK(!password_verify(out, "", 0));
	/* too small a buffer fails cleanly */
	CHECK(password_hash(out, 20, "x", 1, salt, 16, 10) == 0);
	CHECK(password_hash(out, sizeof(out), "x", 1, salt, 16, 0) == 0);

	/* empty stored hash: only the empty password */
	CHECK(password_verify("", "", 0));
	CHECK(!password_verify("", "x", 1));

	/* malformed stored strings never verify */
	const char *bad[] = {
	    "password",
	    "$pbkdf2-sha256$",
	    "$pbkdf2-sha256$0$00$" /* iterations must be >= 1 */
	    "eb6c81535592203c092b158f8d3909672362a6f5dbd00d9828044cbaa8b252e9",
	    "$pbkdf2-sha256$10$0$eb6c81535592203c092b158f8d3909672362a6f5dbd00d9828044cbaa8b252e9",
	    "$pbkdf2-sha256$10$zz$eb6c81535592203c092b158f8d3909672362a6f5dbd00d9828044cbaa8b252e9",
	    "$pbkdf2-sha256$10$00$eb6c",
	    "$pbkdf2-sha256$99999999999$00$"
	    "eb6c81535592203c092b158f8d3909672362a6f5dbd00d9828044cbaa8b252e9",
	    "$pbkdf2-sha1$10$00$eb6c81535592203c092b158f8d3909672362a6f5dbd00d9828044cbaa8b252e9",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(!password_verify(bad[i], "password", 8));

	/* derived salts: stable, and different per user and per config */
	uint8_t s1[16], s2[16], s3[16], s4[16];
	password_salt_derive("root", "config/base.toml", s1);
	password_salt_derive("root", "config/base.toml", s2);
	password_salt_derive("user", "config/base.toml", s3);
	password_salt_derive("root", "config/server.toml", s4);
	CHECK(memcmp(s1, s2, 16) == 0);
	CHECK(memcmp(s1, s3, 16) != 0);
	CHECK(memcmp(s1, s4, 16) != 0);
	uint8_t d[32];
	sha256("root\0config/base.toml", 21, d);
	CHECK(memcmp(s1, d, 16) == 0);
}

int main(void)
{
	test_sha256();
	test_hmac();
	test_pbkdf2();
	test_password();
	return check_done("crypto_test");
}
