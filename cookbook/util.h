/*
 * Helpers every part of the cookbook uses: allocation that exits on
 * failure, string lists and buffers, one-line errors, files and folders
 * (mkdir -p, rm -rf, sorted tree walks), hex, and running programs.
 */
#ifndef COOKBOOK_UTIL_H
#define COOKBOOK_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* Every error is one line; callers pass a buffer of this size. */
#define CB_ERR_MAX 2048

void *cb_malloc(size_t size);
void *cb_realloc(void *ptr, size_t size);
char *cb_strdup(const char *s);
char *cb_strndup(const char *s, size_t n);
char *cb_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sets err to the formatted message and returns -1, for `return cb_fail(...)`. */
int cb_fail(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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
void sb_free(struct strbuf *sb);

/* Reads a whole file; -1 with errno set on failure. */
int cb_read_file(const char *path, char **data, size_t *len);
/* Writes via a temporary file and rename. */
int cb_write_file(const char *path, const void *data, size_t len, char *err);
/* Writes only when the content differs: 1 written, 0 unchanged, -1 error. */
int cb_write_if_changed(const char *path, const void *data, size_t len, char *err);
int cb_mkdirs(const char *path, char *err);
/* rm -rf; a missing path is fine. */
int cb_rmrf(const char *path, char *err);
bool cb_exists(const char *path);
bool cb_is_dir(const char *path);

char *cb_join(const char *dir, const char *rel);
/* Lexical clean-up: no ".", "//", or "x/.."; keeps leading "..". */
char *cb_normalize(const char *path);
/* Absolute form of path (relative ones against the current directory). */
char *cb_absolute(const char *path);

/*
 * Visits every entry below root in sorted order (directories before their
 * contents); rel is the path relative to root. Names in skip (relative
 * paths) are not entered. A non-zero return from fn stops the walk.
 */
typedef int (*cb_walk_fn)(void *ctx, const char *rel, const char *full, const struct stat *st);
int cb_walk(const char *root, const struct strlist *skip, cb_walk_fn fn, void *ctx, char *err);

/* Copies a tree, merging into dst (files replace files). */
int cb_copy_tree(const char *src, const char *dst, char *err);

void cb_hex(const uint8_t *data, size_t len, char *out); /* out: 2*len+1 */
int cb_sha256_file(const char *path, uint8_t digest[32], char *err);

/*
 * Runs argv (argv[0] looked up in PATH) in cwd (NULL: here) with stdout
 * and stderr appended to log (NULL: inherited) and the "KEY=value"
 * strings of env (NULL-terminated, or NULL) added to its environment.
 * Returns the exit status, 128+signal, or -1 if it could not start.
 */
int cb_run(char *const argv[], const char *cwd, const char *log, char *const env[]);
/* Is this program on PATH? */
bool cb_have_program(const char *name);

#endif
