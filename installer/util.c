/*
 * Installer helpers: allocation, strings, errors, files, randomness
 * (see util.h).
 */
#define _GNU_SOURCE /* vasprintf */
#include "util.h"
#include "crypto/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(void)
{
	fputs("installer: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	return s;
}

int fail(char *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, ERR_MAX, fmt, ap);
	va_end(ap);
	/* keep it one line whatever went into it */
	for (char *p = err; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return -1;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		sb->cap = (sb->len + n + 1) * 2;
		sb->s = xrealloc(sb->s, sb->cap);
	}
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	sb_puts(sb, s);
	free(s);
}

char *sb_take(struct strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

int read_file(const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct strbuf sb = {0};
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			free(sb.s);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		sb_add(&sb, buf, (size_t)n);
	}
	close(fd);
	*len = sb.len;
	*data = sb_take(&sb);
	return 0;
}

int write_file_atomic(const char *path, const void *data, size_t len, unsigned mode, char *err)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		fail(err, "cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail(err, "cannot write %s: %s", tmp, strerror(errno));
			close(fd);
			unlink(tmp);
			free(tmp);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	/* open()'s mode is filtered by the umask; the caller asked for exactly this */
	if (fchmod(fd, mode) < 0 || close(fd) < 0 || rename(tmp, path) < 0) {
		fail(err, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int mkdir_p(const char *path, char *err)
{
	if (!*path)
		return fail(err, "cannot create a directory with an empty name");
	char *p = xstrdup(path);
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			fail(err, "cannot create directory %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
			fail(err, "cannot create directory %s: a file is in the way", p);
			free(p);
			return -1;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return 0;
}

char *path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || dir[0] == '\0')
		return xstrdup(rel);
	size_t n = strlen(dir);
	return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *path_normalize(const char *path)
{
	bool absolute = path[0] == '/';
	size_t n = strlen(path);
	/* components as (start, length) pairs over a copy */
	const char **parts = xcalloc(n + 1, sizeof(*parts));
	size_t *lens = xcalloc(n + 1, sizeof(*lens));
	size_t count = 0;
	for (const char *s = path; *s;) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t len = (size_t)(e - s);
		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* nothing */
		} else if (len == 2 && s[0] == '.' && s[1] == '.' && count > 0 &&
		           !(lens[count - 1] == 2 && memcmp(parts[count - 1], "..", 2) == 0)) {
			count--;
		} else if (len == 2 && s[0] == '.' && s[1] == '.' && absolute && count == 0) {
			/* "/.." is "/" */
		} else {
			parts[count] = s;
			lens[count++] = len;
		}
		s = e;
	}
	struct strbuf sb = {0};
	if (absolute)
		sb_puts(&sb, "/");
	for (size_t i = 0; i < count; i++) {
		if (i)
			sb_puts(&sb, "/");
		sb_add(&sb, parts[i], lens[i]);
	}
	if (!sb.len)
		sb_puts(&sb, ".");
	free(parts);
	free(lens);
	return sb_take(&sb);
}

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
