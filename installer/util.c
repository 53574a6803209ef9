/*
 * The installer's randomness: urandom, or SHA-256 of a label and
 * SOURCE_DATE_EPOCH for reproducible images (see util.h).
 */
#include "util.h"
#include "crypto/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *reproducible_epoch(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	return e && *e ? e : NULL;
}

int random_bytes(void *buf, size_t len, const char *label, char *err)
{
	const char *epoch = reproducible_epoch();
	if (epoch) {
		uint8_t *out = buf;
		for (uint32_t counter = 0; len; counter++) {
			struct sha256_ctx ctx;
			uint8_t d[SHA256_DIGEST_LEN];
			sha256_init(&ctx);
			sha256_update(&ctx, label, strlen(label) + 1);
			sha256_update(&ctx, epoch, strlen(epoch) + 1);
			uint8_t le[4] = {(uint8_t)counter, (uint8_t)(counter >> 8),
			                 (uint8_t)(counter >> 16), (uint8_t)(counter >> 24)};
			sha256_update(&ctx, le, sizeof(le));
			sha256_final(&ctx, d);
			size_t take = len < sizeof(d) ? len : sizeof(d);
			memcpy(out, d, take);
			out += take;
			len -= take;
		}
		return 0;
	}
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, "cannot open /dev/urandom: %s", strerror(errno));
	uint8_t *p = buf;
	while (len) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return fail(err, "cannot read /dev/urandom: %s",
			            n < 0 ? strerror(errno) : "end of file");
		}
		p += n;
		len -= (size_t)n;
	}
	close(fd);
	return 0;
}
