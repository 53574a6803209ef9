/*
 * Dump and emit helpers for the TOML tests and fuzzer (see toml_dump.h).
 */
#include "toml_dump.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void quoted(struct buf *b, const char *s, size_t n)
{
	puts_(b, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(b, esc, 2);
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04X", c);
			puts_(b, esc);
		} else {
			put(b, (const char *)&c, 1);
		}
	}
	puts_(b, "\"");
}

/* toml = false: JSON-like dump; toml = true: TOML inline syntax. */
static void value(struct buf *b, const struct toml_value *v, int toml)
{
	char num[32];
	switch (v->type) {
	case TOML_STRING:
		quoted(b, v->u.str.ptr, v->u.str.len);
		break;
	case TOML_INTEGER:
		snprintf(num, sizeof(num), "%" PRId64, v->u.integer);
		puts_(b, num);
		break;
	case TOML_BOOLEAN:
		puts_(b, v->u.boolean ? "true" : "false");
		break;
	case TOML_ARRAY:
		puts_(b, "[");
		for (size_t i = 0; i < toml_count(v); i++) {
			if (i)
				puts_(b, toml ? ", " : ",");
			value(b, toml_at(v, i), toml);
		}
		puts_(b, "]");
		break;
	case TOML_TABLE:
		puts_(b, "{");
		for (size_t i = 0; i < toml_count(v); i++) {
			if (i)
				puts_(b, toml ? ", " : ",");
			quoted(b, v->u.table.items[i].key, v->u.table.items[i].key_len);
			puts_(b, toml ? " = " : ":");
			value(b, toml_at(v, i), toml);
		}
		puts_(b, "}");
		break;
	}
}

char *toml_test_dump(const struct toml_value *v)
{
	struct buf b = {0};
	value(&b, v, 0);
	return b.s;
}

char *toml_test_emit(const struct toml_value *root)
{
	struct buf b = {0};
	puts_(&b, "");
	for (size_t i = 0; i < toml_count(root); i++) {
		quoted(&b, root->u.table.items[i].key, root->u.table.items[i].key_len);
		puts_(&b, " = ");
		value(&b, toml_at(root, i), 1);
		puts_(&b, "\n");
	}
	return b.s;
}
