/*
 * BLAKE3 against outputs of an independent implementation (inputs of
 * bytes i % 251, the official test vectors' pattern, across chunk and
 * tree boundaries), fed whole and in odd-sized pieces.
 */
#include "blake3.h"
#include "hostutil/hostutil.h"
#include "../check.h"

#include <stdlib.h>

static const struct {
	size_t len;
	const char *hex;
} vectors[] = {
    {0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"},
    {1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"},
    {63, "e9bc37a594daad83be9470df7f7b3798297c3d834ce80ba85d6e207627b7db7b"},
    {64, "4eed7141ea4a5cd4b788606bd23f46e212af9cacebacdc7d1f4c6dc7f2511b98"},
    {65, "de1e5fa0be70df6d2be8fffd0e99ceaa8eb6e8c93a63f2d8d1c30ecb6b263dee"},
    {1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"},
    {1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"},
    {1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"},
    {2048, "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a"},
    {2049, "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"},
    {3072, "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2"},
    {3073, "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"},
    {4096, "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969"},
    {4097, "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995"},
    {5120, "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833"},
    {8192, "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63"},
    {8193, "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b"},
    {16384, "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4"},
    {31744, "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47"},
    {102400, "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085"},
};

static void hash(const uint8_t *data, size_t len, size_t piece, char hex[65])
{
	struct blake3_ctx ctx;
	blake3_init(&ctx);
	for (size_t off = 0; off < len; off += piece)
		blake3_update(&ctx, data + off, len - off < piece ? len - off : piece);
	uint8_t out[BLAKE3_OUT_LEN];
	blake3_final(&ctx, out);
	hex_encode(out, sizeof out, hex);
}

int main(void)
{
	uint8_t *data = malloc(102400);
	for (size_t i = 0; i < 102400; i++)
		data[i] = (uint8_t)(i % 251);
	char hex[65];
	for (size_t v = 0; v < sizeof vectors / sizeof *vectors; v++) {
		size_t pieces[] = {vectors[v].len ? vectors[v].len : 1, 1, 7, 64, 1000, 1024};
		for (size_t p = 0; p < sizeof pieces / sizeof *pieces; p++) {
			hash(data, vectors[v].len, pieces[p], hex);
			CHECK_STR(hex, vectors[v].hex);
		}
	}
	hash((const uint8_t *)"abc", 3, 3, hex);
	CHECK_STR(hex, "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
	free(data);
	return check_done("hash_test");
}
