/*
 * What the host tools (installer, cookbook) share: allocation that exits on
 * failure, strings and string lists, one-line errors, files and folders
 * (atomic writes, mkdir -p, rm -rf, sorted tree walks, copies), lexical
 * paths, hex and SHA-256 of files, and running programs.
 */
#ifndef COMMON_HOSTUTIL_H
#define COMMON_HOSTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* Every error is one line; callers pass a buffer of this size. */
#define ERR_MAX 2048

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sets err to the formatted message (made one line) and returns -1. */
int fail(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct strlist {
	char **items;
	size_t len, cap;
};

void strlist_add(struct strlist *l, const char *s); /* copies s */
bool strlist_has(const struct strlist *l, const char *s);
void strlist_free(struct strlist *l);

struct strbuf {
	char *s; /* NUL-terminated once anything was added */
	size_t len, cap;
};

void sb_add(struct strbuf *sb, const void *data, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string over (never NULL) and resets sb. */
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* Reads a whole file (NUL-terminated); -1 with errno set on failure. */
int read_file(const char *path, char **data, size_t *len);
/* Writes via a temporary file and rename, so readers never see half a file. */
int write_file_atomic(const char *path, const void *data, size_t len, unsigned mode, char *err);
/* Writes (mode 0644) only when the content differs: 1 written, 0 same, -1 error. */
int write_if_changed(const char *path, const void *data, size_t len, char *err);
/* mkdir -p; existing directories are fine, a file in the way is not. */
int mkdir_p(const char *path, char *err);
/* rm -rf; a missing path is fine. */
int rm_rf(const char *path, char *err);
bool path_exists(const char *path); /* lstat: a dangling symlink exists */
bool is_dir(const char *path);

/* "a/b" + "c" -> "a/b/c"; an absolute rel is returned as is. */
char *path_join(const char *dir, const char *rel);
/* The directory part of path ("." when there is none). */
char *path_dirname(const char *path);
/* Lexical clean-up: no ".", "//" or "x/.."; keeps leading ".." of a relative path. */
char *path_normalize(const char *path);
/* Normalized absolute form (relative paths against the current directory). */
char *path_absolute(const char *path);

/*
 * Visits every entry below root in sorted order (directories before their
 * contents); rel is the path relative to root. Names in skip (relative
 * paths) are not entered. A non-zero return from fn stops the walk.
 */
typedef int (*walk_fn)(void *ctx, const char *rel, const char *full, const struct stat *st);
int walk_tree(const char *root, const struct strlist *skip, walk_fn fn, void *ctx, char *err);
/* Copies a tree, merging into dst (files replace files). */
int copy_tree(const char *src, const char *dst, char *err);

void hex_encode(const uint8_t *data, size_t len, char *out); /* out: 2*len+1 */
int sha256_file(const char *path, uint8_t digest[32], char *err);

/*
 * Runs argv (argv[0] looked up in PATH) in cwd (NULL: here) with stdout
 * and stderr appended to log (NULL: inherited), stdin from /dev/null, and
 * the "KEY=value" strings of env (NULL-terminated, or NULL) added to its
 * environment. Returns the exit status, 128+signal, or -1 if it could not
 * start.
 */
int run_program(char *const argv[], const char *cwd, const char *log, char *const env[]);
bool have_program(const char *name); /* on PATH and executable */

#endif
