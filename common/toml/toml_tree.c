/*
 * The parsed tree: an arena that owns every node of one document, the
 * helpers the parser builds the tree with, and the public read accessors.
 * Freestanding apart from <string.h>.
 */
#include "toml_internal.h"

#include <stdalign.h>
#include <string.h>

struct toml_chunk {
	struct toml_chunk *next;
	size_t size, used;
	alignas(16) unsigned char data[];
};

/*
 * With TOML_ARENA_DEBUG every allocation gets its own chunk of exactly the
 * requested size, so AddressSanitizer catches overruns that a shared chunk
 * would hide (the tests and the fuzzer build this way).
 */
#ifdef TOML_ARENA_DEBUG
#define FIRST_CHUNK 0
#define MAX_CHUNK   0
#else
#define FIRST_CHUNK 1024
#define MAX_CHUNK   65536
#endif

void *toml__alloc(struct toml_doc *doc, size_t size)
{
	size_t aligned = (size + 15) & ~(size_t)15;
	if (aligned < size)
		return NULL;
	struct toml_chunk *c = doc->chunks;
	if (!c || c->size - c->used < aligned) {
		size_t want = doc->next_chunk_size > aligned ? doc->next_chunk_size : aligned;
#ifdef TOML_ARENA_DEBUG
		want = size;
#endif
		if (want > (size_t)-1 - sizeof(*c))
			return NULL;
		c = doc->allocator.alloc(doc->allocator.ctx, sizeof(*c) + want);
		if (!c)
			return NULL;
		c->size = want;
		c->used = 0;
		c->next = doc->chunks;
		doc->chunks = c;
		doc->next_chunk_size *= 2;
		if (doc->next_chunk_size > MAX_CHUNK)
			doc->next_chunk_size = MAX_CHUNK;
	}
	void *p = c->data + c->used;
	c->used += aligned;
	if (c->used > c->size)
		c->used = c->size;
	return p;
}

struct toml_doc *toml__doc_new(const struct toml_allocator *allocator)
{
	struct toml_doc *doc = allocator->alloc(allocator->ctx, sizeof(*doc));
	if (!doc)
		return NULL;
	memset(doc, 0, sizeof(*doc));
	doc->allocator = *allocator;
	doc->next_chunk_size = FIRST_CHUNK;
	return doc;
}

struct toml_value *toml__new_value(struct toml_doc *doc, enum toml_type type, unsigned line)
{
	struct toml_value *v = toml__alloc(doc, sizeof(*v));
	if (!v)
		return NULL;
	memset(v, 0, sizeof(*v));
	v->type = type;
	v->line = line;
	return v;
}

/* Growing copies into fresh arena space; the old block is reclaimed with the document. */
static void *grow(struct toml_doc *doc, void *old, size_t len, size_t *cap, size_t elem)
{
	if (len < *cap)
		return old;
	size_t ncap = *cap ? *cap * 2 : 4;
	if (ncap > (size_t)-1 / elem)
		return NULL;
	void *n = toml__alloc(doc, ncap * elem);
	if (!n)
		return NULL;
	if (len)
		memcpy(n, old, len * elem);
	*cap = ncap;
	return n;
}

bool toml__table_add(struct toml_doc *doc, struct toml_value *table, const char *key,
                     size_t key_len, struct toml_value *value)
{
	char *k = toml__alloc(doc, key_len + 1);
	if (!k)
		return false;
	memcpy(k, key, key_len);
	k[key_len] = '\0';
	struct toml_entry *items = grow(doc, table->u.table.items, table->u.table.len,
	                                &table->u.table.cap, sizeof(*items));
	if (!items)
		return false;
	table->u.table.items = items;
	items[table->u.table.len++] = (struct toml_entry){k, key_len, value};
	return true;
}

bool toml__array_add(struct toml_doc *doc, struct toml_value *array, struct toml_value *value)
{
	struct toml_value **items = grow(doc, array->u.array.items, array->u.array.len,
	                                 &array->u.array.cap, sizeof(*items));
	if (!items)
		return false;
	array->u.array.items = items;
	items[array->u.array.len++] = value;
	return true;
}

struct toml_value *toml__table_find(const struct toml_value *table, const char *key, size_t key_len)
{
	if (!table || table->type != TOML_TABLE)
		return NULL;
	for (size_t i = 0; i < table->u.table.len; i++) {
		const struct toml_entry *e = &table->u.table.items[i];
		if (e->key_len == key_len && memcmp(e->key, key, key_len) == 0)
			return e->value;
	}
	return NULL;
}

void toml_free(struct toml_doc *doc)
{
	if (!doc)
		return;
	struct toml_allocator a = doc->allocator;
	struct toml_chunk *c = doc->chunks;
	while (c) {
		struct toml_chunk *next = c->next;
		a.free(a.ctx, c);
		c = next;
	}
	a.free(a.ctx, doc);
}

const struct toml_value *toml_root(const struct toml_doc *doc)
{
	return doc ? doc->root : NULL;
}

const struct toml_value *toml_get(const struct toml_value *table, const char *key)
{
	return toml__table_find(table, key, strlen(key));
}

size_t toml_count(const struct toml_value *value)
{
	if (!value)
		return 0;
	if (value->type == TOML_TABLE)
		return value->u.table.len;
	if (value->type == TOML_ARRAY)
		return value->u.array.len;
	return 0;
}

const struct toml_value *toml_at(const struct toml_value *value, size_t i)
{
	if (i >= toml_count(value))
		return NULL;
	if (value->type == TOML_TABLE)
		return value->u.table.items[i].value;
	return value->u.array.items[i];
}

const char *toml_key_at(const struct toml_value *table, size_t i)
{
	if (!table || table->type != TOML_TABLE || i >= table->u.table.len)
		return NULL;
	return table->u.table.items[i].key;
}

bool toml_as_string(const struct toml_value *value, const char **out, size_t *len)
{
	if (!toml_is(value, TOML_STRING))
		return false;
	*out = value->u.str.ptr;
	if (len)
		*len = value->u.str.len;
	return true;
}

bool toml_as_int(const struct toml_value *value, int64_t *out)
{
	if (!toml_is(value, TOML_INTEGER))
		return false;
	*out = value->u.integer;
	return true;
}

bool toml_as_bool(const struct toml_value *value, bool *out)
{
	if (!toml_is(value, TOML_BOOLEAN))
		return false;
	*out = value->u.boolean;
	return true;
}

const char *toml_type_name(enum toml_type type)
{
	switch (type) {
	case TOML_STRING:
		return "string";
	case TOML_INTEGER:
		return "integer";
	case TOML_BOOLEAN:
		return "boolean";
	case TOML_ARRAY:
		return "array";
	case TOML_TABLE:
		return "table";
	}
	return "unknown";
}
