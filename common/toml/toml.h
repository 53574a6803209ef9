/*
 * A TOML parser shared by host tools (installer, cookbook) and programs in
 * the OS (init, pcid, login). It reads a whole document from a buffer into
 * a read-only tree.
 *
 * Supported: comments, bare/quoted/dotted keys, [table], [a.b],
 * [[array.of.tables]], basic and literal strings (also multi-line),
 * integers (decimal, 0x, 0o, 0b, underscores), booleans, arrays and inline
 * tables. Floats and dates/times are rejected with an error, as are
 * duplicate keys and tables defined twice.
 *
 * The core (toml.c) uses no stdio and no malloc: memory comes from a
 * caller-supplied allocator, and errors are written into a fixed buffer as
 * one line "FILE:LINE: message". toml_malloc.c adds malloc-backed helpers,
 * toml_file.c a stdio-based toml_parse_file() for hosted programs.
 */
#ifndef COMMON_TOML_H
#define COMMON_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum toml_type {
	TOML_STRING = 1,
	TOML_INTEGER,
	TOML_BOOLEAN,
	TOML_ARRAY,
	TOML_TABLE,
};

struct toml_value;

struct toml_entry {
	const char *key; /* NUL-terminated; keys never contain NUL */
	size_t key_len;
	struct toml_value *value;
};

/* Treat as read-only; fields are public so callers can walk the tree fast. */
struct toml_value {
	enum toml_type type;
	unsigned line;  /* where the value (or table header) starts */
	unsigned flags; /* parser bookkeeping, see toml.c */
	union {
		struct {
			char *ptr; /* NUL-terminated, may also contain NUL */
			size_t len;
		} str;
		int64_t integer;
		bool boolean;
		struct {
			struct toml_value **items;
			size_t len, cap;
		} array;
		struct {
			struct toml_entry *items; /* in document order */
			size_t len, cap;
		} table;
	} u;
};

struct toml_allocator {
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *ptr);
	void *ctx;
};

#define TOML_ERROR_MAX 512

struct toml_error {
	unsigned line;                /* 0 when not tied to a line */
	char message[TOML_ERROR_MAX]; /* "FILE:LINE: what is wrong" */
};

struct toml_doc;

/*
 * Parses text[0..len) (need not be NUL-terminated). filename only labels
 * errors. Returns NULL on failure with *err filled in (err may be NULL).
 */
struct toml_doc *toml_parse_with(const char *text, size_t len, const char *filename,
                                 const struct toml_allocator *allocator, struct toml_error *err);
void toml_free(struct toml_doc *doc);

/* toml_malloc.c: the same with malloc/free. */
struct toml_doc *toml_parse(const char *text, size_t len, const char *filename,
                            struct toml_error *err);

/* toml_file.c (hosted only): reads and parses a file. */
struct toml_doc *toml_parse_file(const char *path, struct toml_error *err);

/* The root table. */
const struct toml_value *toml_root(const struct toml_doc *doc);

/* Table lookup: NULL when table is not a table or has no such key. */
const struct toml_value *toml_get(const struct toml_value *table, const char *key);

/* Entries in a table or array; 0 for scalars and NULL. */
size_t toml_count(const struct toml_value *value);
/* The i-th value of an array or table (document order), NULL if out of range. */
const struct toml_value *toml_at(const struct toml_value *value, size_t i);
/* The i-th key of a table, NULL if out of range. */
const char *toml_key_at(const struct toml_value *table, size_t i);

/* Typed getters: false (and *out untouched) when value has another type. */
bool toml_as_string(const struct toml_value *value, const char **out, size_t *len);
bool toml_as_int(const struct toml_value *value, int64_t *out);
bool toml_as_bool(const struct toml_value *value, bool *out);

static inline bool toml_is(const struct toml_value *value, enum toml_type type)
{
	return value && value->type == type;
}

/* "string", "integer", "boolean", "array", "table". */
const char *toml_type_name(enum toml_type type);

#endif
