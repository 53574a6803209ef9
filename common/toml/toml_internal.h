/*
 * Private to common/toml: the document's arena and the tree-building
 * helpers that the parser (toml.c) uses and the accessors (toml_tree.c)
 * implement.
 */
#ifndef COMMON_TOML_INTERNAL_H
#define COMMON_TOML_INTERNAL_H

#include "toml.h"

/* toml_value.flags */
enum {
	TOML_TABLE_IMPLICIT = 1, /* created as a parent by a [a.b] header */
	TOML_TABLE_EXPLICIT = 2, /* defined by its own [header] */
	TOML_TABLE_DOTTED = 4,   /* created by a dotted key a.b = ... */
	TOML_TABLE_INLINE = 8,   /* { ... }: closed to any later addition */
	TOML_ARRAY_OF_TABLES = 16,
};

struct toml_chunk;

struct toml_doc {
	struct toml_allocator allocator;
	struct toml_chunk *chunks;
	size_t next_chunk_size;
	struct toml_value *root;
};

/* All return NULL / false only when the allocator fails. */
struct toml_doc *toml__doc_new(const struct toml_allocator *allocator);
void *toml__alloc(struct toml_doc *doc, size_t size);
struct toml_value *toml__new_value(struct toml_doc *doc, enum toml_type type, unsigned line);
bool toml__table_add(struct toml_doc *doc, struct toml_value *table, const char *key,
                     size_t key_len, struct toml_value *value);
bool toml__array_add(struct toml_doc *doc, struct toml_value *array, struct toml_value *value);

struct toml_value *toml__table_find(const struct toml_value *table, const char *key,
                                    size_t key_len);

#endif
