/*
 * The TOML grammar: keys, numbers, arrays, inline tables, [headers] and
 * the document, in a single pass that builds the tree in the document's
 * arena (strings and errors are in toml_lex.c). The first error stops the
 * parse and is reported as "FILE:LINE: message". Freestanding apart from
 * <string.h>.
 */
#include "toml_parser.h"

#include <string.h>

/* Arrays and inline tables nest by recursion; bound it so no input can exhaust the stack. */
#define MAX_DEPTH 100

/* ---- keys ---- */

static bool is_bare_key_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static bool parse_key_segment(struct parser *ps, struct key *k)
{
	int c = peek(ps);
	if (c == '"' || c == '\'') {
		char *s;
		size_t len;
		if (!tp_parse_string(ps, false, &s, &len))
			return false;
		if (memchr(s, '\0', len))
			return tp_fail(ps, "keys cannot contain U+0000");
		k->s = s;
		k->len = len;
		return true;
	}
	if (!is_bare_key_char(c))
		return tp_fail_found(ps, "expected a key");
	k->s = ps->p;
	while (is_bare_key_char(peek(ps)))
		ps->p++;
	k->len = (size_t)(ps->p - k->s);
	return true;
}

/* ---- numbers and other bare values ---- */

static bool is_token_char(int c)
{
	return is_bare_key_char(c) || c == '+' || c == '.' || c == ':';
}

static bool parse_integer(struct parser *ps, const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	unsigned base = 10;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		i = 1;
	}
	if (n - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
		if (i)
			return tp_fail(ps,
			               "hexadecimal, octal and binary integers cannot have a sign");
		base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		i = 2;
	} else if (n - i >= 2 && s[i] == '0' &&
	           ((s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 1] == '_')) {
		return tp_fail(ps, "leading zeros are not allowed in integers");
	}
	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	uint64_t acc = 0;
	bool prev_digit = false, any = false;
	for (; i < n; i++) {
		if (s[i] == '_') {
			if (!prev_digit || i + 1 >= n)
				return tp_fail(ps, "'_' in a number must sit between two digits");
			prev_digit = false;
			continue;
		}
		int d = hex_digit_value((unsigned char)s[i]);
		if (d < 0 || (unsigned)d >= base) {
			tp_err_begin(ps, ps->line);
			tp_err_str(ps, "invalid integer ");
			tp_err_span(ps, s, n);
			return false;
		}
		if (acc > (limit - (unsigned)d) / base)
			return tp_fail(ps, "integer out of range (64-bit signed)");
		acc = acc * base + (unsigned)d;
		prev_digit = any = true;
	}
	if (!any)
		return tp_fail(ps, "integer has no digits");
	*out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
	return true;
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Booleans, integers, and a clear refusal for floats and dates. */
static bool parse_bare_value(struct parser *ps, struct toml_value **out)
{
	const char *s = ps->p;
	while (is_token_char(peek(ps)))
		ps->p++;
	size_t n = (size_t)(ps->p - s);
	if (n == 0)
		return tp_fail_found(ps, "expected a value");
	if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
		*out = toml__new_value(ps->doc, TOML_BOOLEAN, ps->line);
		if (!*out)
			return tp_oom(ps);
		(*out)->u.boolean = n == 4;
		return true;
	}
	if ((n >= 5 && is_digits(s, 4) && s[4] == '-') ||
	    (n >= 3 && is_digits(s, 2) && s[2] == ':'))
		return tp_fail(ps, "dates and times are not supported");
	const char *u = s + (s[0] == '+' || s[0] == '-');
	size_t un = n - (size_t)(u - s);
	bool based = un >= 2 && u[0] == '0' && (u[1] == 'x' || u[1] == 'o' || u[1] == 'b');
	if ((un == 3 && (memcmp(u, "inf", 3) == 0 || memcmp(u, "nan", 3) == 0)) ||
	    (!based && un && u[0] >= '0' && u[0] <= '9' &&
	     (memchr(u, '.', un) || memchr(u, 'e', un) || memchr(u, 'E', un))))
		return tp_fail(ps, "floats are not supported");
	if (!(u < s + n && u[0] >= '0' && u[0] <= '9')) {
		tp_err_begin(ps, ps->line);
		tp_err_str(ps, "invalid value ");
		tp_err_span(ps, s, n);
		tp_err_str(ps, " (strings must be quoted)");
		return false;
	}
	int64_t v = 0;
	if (!parse_integer(ps, s, n, &v))
		return false;
	*out = toml__new_value(ps->doc, TOML_INTEGER, ps->line);
	if (!*out)
		return tp_oom(ps);
	(*out)->u.integer = v;
	return true;
}

/* ---- values, key/value pairs, tables ---- */

static bool parse_value(struct parser *ps, struct toml_value **out);

static bool parse_array(struct parser *ps, struct toml_value **out)
{
	struct toml_value *arr = toml__new_value(ps->doc, TOML_ARRAY, ps->line);
	if (!arr)
		return tp_oom(ps);
	ps->p++;
	for (;;) {
		if (!tp_skip_blank_lines(ps))
			return false;
		if (peek(ps) == ']')
			break;
		struct toml_value *v;
		if (!parse_value(ps, &v))
			return false;
		if (!toml__array_add(ps->doc, arr, v))
			return tp_oom(ps);
		if (!tp_skip_blank_lines(ps))
			return false;
		if (peek(ps) == ']')
			break;
		if (peek(ps) != ',')
			return tp_fail_found(ps, "expected ',' or ']' in array");
		ps->p++;
	}
	ps->p++;
	*out = arr;
	return true;
}

static bool parse_keyval(struct parser *ps, struct toml_value *table);

static bool parse_inline_table(struct parser *ps, struct toml_value **out)
{
	struct toml_value *tab = toml__new_value(ps->doc, TOML_TABLE, ps->line);
	if (!tab)
		return tp_oom(ps);
	ps->p++;
	skip_ws(ps);
	if (peek(ps) != '}') {
		for (;;) {
			if (at_newline(ps))
				return tp_fail(ps, "line break inside an inline table");
			if (!parse_keyval(ps, tab))
				return false;
			skip_ws(ps);
			if (peek(ps) == '}')
				break;
			if (at_newline(ps))
				return tp_fail(ps, "line break inside an inline table");
			if (peek(ps) != ',')
				return tp_fail_found(ps, "expected ',' or '}' in inline table");
			ps->p++;
			skip_ws(ps);
			if (peek(ps) == '}')
				return tp_fail(ps, "trailing comma in inline table");
		}
	}
	ps->p++;
	tab->flags |= TOML_TABLE_INLINE;
	*out = tab;
	return true;
}

static bool parse_value(struct parser *ps, struct toml_value **out)
{
	int c = peek(ps);
	if (c == '"' || c == '\'') {
		unsigned line = ps->line;
		char *s;
		size_t len;
		if (!tp_parse_string(ps, true, &s, &len))
			return false;
		*out = toml__new_value(ps->doc, TOML_STRING, line);
		if (!*out)
			return tp_oom(ps);
		(*out)->u.str.ptr = s;
		(*out)->u.str.len = len;
		return true;
	}
	if (c != '[' && c != '{')
		return parse_bare_value(ps, out);
	if (++ps->depth > MAX_DEPTH)
		return tp_fail(ps, "arrays or inline tables nested too deeply");
	bool ok = c == '[' ? parse_array(ps, out) : parse_inline_table(ps, out);
	ps->depth--;
	return ok;
}

/* KEY = VALUE into table; dotted keys create (or extend) sub-tables. */
static bool parse_keyval(struct parser *ps, struct toml_value *table)
{
	const char *kstart = ps->p, *kend;
	unsigned line = ps->line;
	struct key k;
	for (;;) {
		if (!parse_key_segment(ps, &k))
			return false;
		kend = ps->p;
		skip_ws(ps);
		if (peek(ps) != '.')
			break;
		ps->p++;
		skip_ws(ps);
		struct toml_value *child = toml__table_find(table, k.s, k.len);
		if (!child) {
			child = toml__new_value(ps->doc, TOML_TABLE, line);
			if (!child || !toml__table_add(ps->doc, table, k.s, k.len, child))
				return tp_oom(ps);
			child->flags = TOML_TABLE_DOTTED;
		} else if (child->type != TOML_TABLE ||
		           (child->flags & (TOML_TABLE_DOTTED | TOML_TABLE_INLINE)) !=
		               TOML_TABLE_DOTTED) {
			return tp_fail_key(ps, line, "cannot add keys to ", kstart, kend - kstart,
			                   ": it is already defined");
		}
		table = child;
	}
	if (peek(ps) != '=')
		return tp_fail_found(ps, "expected '=' after key");
	ps->p++;
	skip_ws(ps);
	if (toml__table_find(table, k.s, k.len))
		return tp_fail_key(ps, line, "duplicate key ", kstart, kend - kstart, "");
	struct toml_value *v;
	if (!parse_value(ps, &v))
		return false;
	if (!toml__table_add(ps->doc, table, k.s, k.len, v))
		return tp_oom(ps);
	return true;
}

/* [a.b.c] or [[a.b.c]]: walks from the root, then makes the table current. */
static bool parse_header(struct parser *ps)
{
	unsigned line = ps->line;
	bool aot = peek_at(ps, 1) == '[';
	ps->p += aot ? 2 : 1;
	skip_ws(ps);
	struct toml_value *tab = ps->doc->root;
	const char *kstart = ps->p, *kend;
	struct key k;
	for (;;) {
		if (!parse_key_segment(ps, &k))
			return false;
		kend = ps->p;
		skip_ws(ps);
		if (peek(ps) != '.')
			break;
		ps->p++;
		skip_ws(ps);
		struct toml_value *child = toml__table_find(tab, k.s, k.len);
		if (!child) {
			child = toml__new_value(ps->doc, TOML_TABLE, line);
			if (!child || !toml__table_add(ps->doc, tab, k.s, k.len, child))
				return tp_oom(ps);
			child->flags = TOML_TABLE_IMPLICIT;
		} else if (child->type == TOML_ARRAY && (child->flags & TOML_ARRAY_OF_TABLES)) {
			child = child->u.array.items[child->u.array.len - 1];
		} else if (child->type != TOML_TABLE || (child->flags & TOML_TABLE_INLINE)) {
			return tp_fail_key(ps, line, "cannot add a table under ", kstart,
			                   kend - kstart, ": it is already defined as a value");
		}
		tab = child;
	}
	if (peek(ps) != ']')
		return tp_fail_found(ps, aot ? "expected ']]' after table name"
		                             : "expected ']' after table name");
	ps->p++;
	if (aot && peek(ps) != ']')
		return tp_fail_found(ps, "expected ']]' after table name");
	ps->p += aot;

	struct toml_value *child = toml__table_find(tab, k.s, k.len);
	if (aot) {
		if (!child) {
			child = toml__new_value(ps->doc, TOML_ARRAY, line);
			if (!child || !toml__table_add(ps->doc, tab, k.s, k.len, child))
				return tp_oom(ps);
			child->flags = TOML_ARRAY_OF_TABLES;
		} else if (child->type != TOML_ARRAY || !(child->flags & TOML_ARRAY_OF_TABLES)) {
			return tp_fail_key(ps, line, "cannot define array of tables ", kstart,
			                   kend - kstart, ": the key is already defined");
		}
		struct toml_value *t = toml__new_value(ps->doc, TOML_TABLE, line);
		if (!t || !toml__array_add(ps->doc, child, t))
			return tp_oom(ps);
		t->flags = TOML_TABLE_EXPLICIT;
		ps->current = t;
	} else {
		if (!child) {
			child = toml__new_value(ps->doc, TOML_TABLE, line);
			if (!child || !toml__table_add(ps->doc, tab, k.s, k.len, child))
				return tp_oom(ps);
		} else if (child->type != TOML_TABLE || child->flags != TOML_TABLE_IMPLICIT) {
			return tp_fail_key(ps, line, "table ", kstart, kend - kstart,
			                   " is already defined");
		}
		child->flags = TOML_TABLE_EXPLICIT;
		child->line = line;
		ps->current = child;
	}
	return tp_end_of_line(ps, "table header");
}

static bool parse_document(struct parser *ps)
{
	if (ps->end - ps->p >= 3 && memcmp(ps->p, "\xef\xbb\xbf", 3) == 0)
		ps->p += 3;
	if (!tp_check_utf8(ps))
		return false;
	for (;;) {
		skip_ws(ps);
		if (ps->p >= ps->end)
			return true;
		if (at_newline(ps)) {
			skip_newline(ps);
		} else if (peek(ps) == '#') {
			if (!tp_skip_comment(ps))
				return false;
		} else if (peek(ps) == '[') {
			if (!parse_header(ps))
				return false;
		} else {
			if (!parse_keyval(ps, ps->current) || !tp_end_of_line(ps, "value"))
				return false;
		}
	}
}

struct toml_doc *toml_parse_with(const char *text, size_t len, const char *filename,
                                 const struct toml_allocator *allocator, struct toml_error *err)
{
	struct toml_error dummy;
	struct parser ps = {
	    .p = text,
	    .end = text + len,
	    .line = 1,
	    .filename = filename ? filename : "<input>",
	    .err = err ? err : &dummy,
	};
	struct toml_doc *doc = toml__doc_new(allocator);
	if (!doc) {
		tp_oom(&ps);
		return NULL;
	}
	ps.doc = doc;
	doc->root = ps.current = toml__new_value(doc, TOML_TABLE, 1);
	if (!doc->root) {
		tp_oom(&ps);
		toml_free(doc);
		return NULL;
	}
	doc->root->flags = TOML_TABLE_EXPLICIT;
	if (!parse_document(&ps)) {
		toml_free(doc);
		return NULL;
	}
	ps.err->line = 0;
	ps.err->message[0] = '\0';
	return doc;
}
