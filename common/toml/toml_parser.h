/*
 * Private to common/toml: the parser's state and the lexical helpers
 * (toml_lex.c: errors, whitespace, comments, UTF-8, strings) that the
 * grammar (toml.c) is written with.
 */
#ifndef COMMON_TOML_PARSER_H
#define COMMON_TOML_PARSER_H

#include "toml_internal.h"

#include "../fmt/hex.h"

struct parser {
	const char *p, *end;
	unsigned line;
	const char *filename;
	struct toml_doc *doc;
	struct toml_error *err;
	size_t err_len;
	struct toml_value *current; /* table that key/value lines go into */
	int depth;
};

/* A key segment: bare keys point into the input, quoted ones into the arena. */
struct key {
	const char *s;
	size_t len;
};

/* Character helpers; -1 stands for the end of the input. */
static inline int peek(const struct parser *ps)
{
	return ps->p < ps->end ? (unsigned char)*ps->p : -1;
}

static inline int peek_at(const struct parser *ps, size_t n)
{
	return (size_t)(ps->end - ps->p) > n ? (unsigned char)ps->p[n] : -1;
}

static inline bool at_newline(const struct parser *ps)
{
	int c = peek(ps);
	return c == '\n' || (c == '\r' && peek_at(ps, 1) == '\n');
}

static inline void skip_newline(struct parser *ps)
{
	ps->p += *ps->p == '\r' ? 2 : 1;
	ps->line++;
}

static inline void skip_ws(struct parser *ps)
{
	while (peek(ps) == ' ' || peek(ps) == '\t')
		ps->p++;
}

static inline bool is_control(int c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/*
 * toml_lex.c ("tp_": toml parser). The error builders fill ps->err with
 * "FILE:LINE: ..."; the tp_fail* helpers return false, for
 * `return tp_fail(ps, "...")`.
 */
void tp_err_add(struct parser *ps, const char *s, size_t n);
void tp_err_str(struct parser *ps, const char *s);
void tp_err_uint(struct parser *ps, unsigned long v, unsigned base, int min_digits);
void tp_err_begin(struct parser *ps, unsigned line);
void tp_err_span(struct parser *ps, const char *s, size_t n);
void tp_err_found(struct parser *ps);
bool tp_fail(struct parser *ps, const char *msg);
bool tp_fail_found(struct parser *ps, const char *msg);
bool tp_fail_key(struct parser *ps, unsigned line, const char *before, const char *key,
                 size_t key_len, const char *after);
bool tp_oom(struct parser *ps);
bool tp_skip_comment(struct parser *ps);
bool tp_skip_blank_lines(struct parser *ps);
bool tp_end_of_line(struct parser *ps, const char *after_what);
bool tp_check_utf8(struct parser *ps);
bool tp_parse_string(struct parser *ps, bool multiline_ok, char **out, size_t *out_len);

#endif
