/*
 * Small helpers the installer's parts share: allocation that exits on
 * failure, a growable string, one-line error messages, file and directory
 * utilities, and the randomness source (urandom, or a deterministic stream
 * when SOURCE_DATE_EPOCH asks for a reproducible build).
 */
#ifndef INSTALLER_UTIL_H
#define INSTALLER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every error is one line; callers pass a buffer of this size. */
#define ERR_MAX 1024

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sets err to the formatted message and returns -1, for `return fail(...)`. */
int fail(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct strbuf {
	char *s; /* always NUL-terminated once anything was added */
	size_t len, cap;
};

void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string over (never NULL) and resets sb. */
char *sb_take(struct strbuf *sb);

/* Reads a whole file; returns -1 with errno set. */
int read_file(const char *path, char **data, size_t *len);
/* Writes data to path via a temporary file and rename, so readers never see half a file. */
int write_file_atomic(const char *path, const void *data, size_t len, unsigned mode, char *err);
/* mkdir -p; existing directories are fine. */
int mkdir_p(const char *path, char *err);

/* "a/b" + "c" -> "a/b/c"; an absolute rel is returned as is. */
char *path_join(const char *dir, const char *rel);
/* The directory part of path ("." when there is none). */
char *path_dirname(const char *path);
/* Lexically removes "." components, "//", and "dir/.." pairs. */
char *path_normalize(const char *path);

/* SOURCE_DATE_EPOCH when set (reproducible build), else NULL. */
const char *reproducible_epoch(void);

/*
 * Fills buf with random bytes from /dev/urandom; with SOURCE_DATE_EPOCH set,
 * with SHA-256(label, epoch) bytes instead, so that images are reproducible.
 */
int random_bytes(void *buf, size_t len, const char *label, char *err);

#endif
