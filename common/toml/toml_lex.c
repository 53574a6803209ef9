/*
 * The TOML parser's lexical layer: building "FILE:LINE: message" errors
 * without stdio, comments and blank lines, the UTF-8 check, and decoding
 * the four kinds of strings. Freestanding apart from <string.h>.
 */
#include "toml_parser.h"

#include <string.h>

/* ---- error messages (no stdio: built by hand) ---- */

void tp_err_add(struct parser *ps, const char *s, size_t n)
{
	for (size_t i = 0; i < n && ps->err_len + 1 < TOML_ERROR_MAX; i++)
		ps->err->message[ps->err_len++] = s[i];
	ps->err->message[ps->err_len] = '\0';
}

void tp_err_str(struct parser *ps, const char *s)
{
	tp_err_add(ps, s, strlen(s));
}

void tp_err_uint(struct parser *ps, unsigned long v, unsigned base, int min_digits)
{
	char buf[24];
	int n = 0;
	do {
		buf[n++] = "0123456789ABCDEF"[v % base];
		v /= base;
	} while (v || n < min_digits);
	while (n)
		tp_err_add(ps, &buf[--n], 1);
}

void tp_err_begin(struct parser *ps, unsigned line)
{
	ps->err_len = 0;
	ps->err->line = line;
	ps->err->message[0] = '\0';
	tp_err_str(ps, ps->filename);
	tp_err_str(ps, ":");
	tp_err_uint(ps, line, 10, 1);
	tp_err_str(ps, ": ");
}

/* A span of the input (a key as written), quoted and shortened for the message. */
void tp_err_span(struct parser *ps, const char *s, size_t n)
{
	tp_err_str(ps, "'");
	for (size_t i = 0; i < n && i < 60; i++) {
		unsigned char c = (unsigned char)s[i];
		tp_err_add(ps, (c >= 0x20 && c < 0x7f) || c >= 0x80 ? (const char *)&s[i] : "?", 1);
	}
	if (n > 60)
		tp_err_str(ps, "...");
	tp_err_str(ps, "'");
}

/* Names whatever is at the cursor, for "found X" messages. */
void tp_err_found(struct parser *ps)
{
	if (ps->p >= ps->end) {
		tp_err_str(ps, "end of file");
		return;
	}
	unsigned char c = (unsigned char)*ps->p;
	if (c == '\n' || (c == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n')) {
		tp_err_str(ps, "end of line");
	} else if (c >= 0x20 && c < 0x7f) {
		tp_err_str(ps, "'");
		tp_err_add(ps, (const char *)&c, 1);
		tp_err_str(ps, "'");
	} else if (c < 0x80) {
		tp_err_str(ps, "character U+");
		tp_err_uint(ps, c, 16, 4);
	} else {
		tp_err_str(ps, "non-ASCII character");
	}
}

bool tp_fail(struct parser *ps, const char *msg)
{
	tp_err_begin(ps, ps->line);
	tp_err_str(ps, msg);
	return false;
}

/* "MSG, found X" */
bool tp_fail_found(struct parser *ps, const char *msg)
{
	tp_err_begin(ps, ps->line);
	tp_err_str(ps, msg);
	tp_err_str(ps, ", found ");
	tp_err_found(ps);
	return false;
}

/* "BEFORE 'KEY'AFTER" at a given line */
bool tp_fail_key(struct parser *ps, unsigned line, const char *before, const char *key,
                 size_t key_len, const char *after)
{
	tp_err_begin(ps, line);
	tp_err_str(ps, before);
	tp_err_span(ps, key, key_len);
	tp_err_str(ps, after);
	return false;
}

bool tp_oom(struct parser *ps)
{
	return tp_fail(ps, "out of memory");
}

/* ---- characters and whitespace ---- */

/* At '#': consumes the comment, leaving the cursor on the line end. */
bool tp_skip_comment(struct parser *ps)
{
	ps->p++;
	while (ps->p < ps->end && !at_newline(ps)) {
		if (is_control(peek(ps)))
			return tp_fail_found(ps, "invalid character in comment");
		ps->p++;
	}
	return true;
}

/* Inside arrays: blanks, comments and line ends may come anywhere. */
bool tp_skip_blank_lines(struct parser *ps)
{
	for (;;) {
		skip_ws(ps);
		if (peek(ps) == '#') {
			if (!tp_skip_comment(ps))
				return false;
		} else if (at_newline(ps)) {
			skip_newline(ps);
		} else {
			return true;
		}
	}
}

bool tp_end_of_line(struct parser *ps, const char *after_what)
{
	skip_ws(ps);
	if (peek(ps) == '#' && !tp_skip_comment(ps))
		return false;
	if (ps->p >= ps->end)
		return true;
	if (at_newline(ps)) {
		skip_newline(ps);
		return true;
	}
	tp_err_begin(ps, ps->line);
	tp_err_str(ps, "expected end of line after ");
	tp_err_str(ps, after_what);
	tp_err_str(ps, ", found ");
	tp_err_found(ps);
	return false;
}

/* TOML documents are UTF-8; checking once up front keeps the rest byte-based. */
bool tp_check_utf8(struct parser *ps)
{
	const unsigned char *s = (const unsigned char *)ps->p;
	const unsigned char *end = (const unsigned char *)ps->end;
	unsigned line = 1;
	while (s < end) {
		unsigned c = *s;
		if (c < 0x80) {
			line += c == '\n';
			s++;
			continue;
		}
		int n;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (end - s <= n)
			goto bad;
		for (int i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			goto bad;
		s += n + 1;
	}
	return true;
bad:
	ps->line = line;
	return tp_fail(ps, "invalid UTF-8");
}

/* ---- strings ---- */

static size_t put_utf8(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Finds where the string that opens at the cursor ends: sets *content to
 * its first byte, *content_end past its last, and moves the cursor past
 * the closing delimiter. Decoding happens in a second pass, so the output
 * buffer can be sized from the raw length (escapes only ever shrink).
 */
static bool find_string_end(struct parser *ps, char quote, bool multiline, const char **content,
                            const char **content_end)
{
	unsigned start_line = ps->line;
	const char *q = ps->p + (multiline ? 3 : 1);
	if (multiline) {
		/* a line end right after the opening delimiter is not part of the string */
		if (q < ps->end && *q == '\n')
			q++;
		else if (ps->end - q >= 2 && q[0] == '\r' && q[1] == '\n')
			q += 2;
	}
	*content = q;
	while (q < ps->end) {
		char c = *q;
		if (c == '\\' && quote == '"') {
			q += 2;
			continue;
		}
		if (!multiline && (c == '\n' || c == '\r'))
			break;
		if (c == quote) {
			if (!multiline) {
				*content_end = q;
				ps->p = q + 1;
				return true;
			}
			size_t run = 0;
			while (q + run < ps->end && q[run] == quote && run < 5)
				run++;
			if (run >= 3) {
				/* up to two quotes may sit right before the closing three */
				*content_end = q + run - 3;
				ps->p = q + run;
				return true;
			}
			q += run;
			continue;
		}
		q++;
	}
	ps->line = start_line;
	return tp_fail(ps, multiline ? "unterminated multi-line string" : "unterminated string");
}

static bool read_hex(struct parser *ps, const char *q, const char *end, int digits,
                     unsigned long *cp)
{
	*cp = 0;
	if (end - q < digits)
		return tp_fail(ps, "incomplete unicode escape");
	for (int i = 0; i < digits; i++) {
		int h = hex_digit_value((unsigned char)q[i]);
		if (h < 0)
			return tp_fail(ps, "invalid unicode escape: expected hex digits");
		*cp = *cp << 4 | (unsigned long)h;
	}
	if (*cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return tp_fail(ps, "invalid unicode escape: not a Unicode scalar value");
	return true;
}

/*
 * Parses a string at the cursor (all four kinds) into a NUL-terminated arena
 * copy. Keys pass multiline_ok = false: they may only be single-line.
 */
bool tp_parse_string(struct parser *ps, bool multiline_ok, char **out, size_t *out_len)
{
	char quote = *ps->p;
	bool multiline = peek_at(ps, 1) == quote && peek_at(ps, 2) == quote;
	if (multiline && !multiline_ok)
		return tp_fail(ps, "multi-line strings cannot be keys");
	const char *q, *end;
	unsigned line = ps->line;
	if (!find_string_end(ps, quote, multiline, &q, &end))
		return false;
	char *buf = toml__alloc(ps->doc, (size_t)(end - q) + 1);
	if (!buf)
		return tp_oom(ps);
	char *o = buf;
	/* the cursor already moved on; report decoding errors at the right line */
	const char *resume = ps->p;
	ps->line = line;
	if (multiline && (q[-1] == '\n'))
		ps->line++;
	while (q < end) {
		unsigned char c = (unsigned char)*q;
		if (c == '\\' && quote == '"') {
			char e = q[1];
			unsigned long cp;
			q += 2;
			switch (e) {
			case 'b':
				*o++ = '\b';
				continue;
			case 't':
				*o++ = '\t';
				continue;
			case 'n':
				*o++ = '\n';
				continue;
			case 'f':
				*o++ = '\f';
				continue;
			case 'r':
				*o++ = '\r';
				continue;
			case '"':
			case '\\':
				*o++ = e;
				continue;
			case 'u':
			case 'U':
				if (!read_hex(ps, q, end, e == 'u' ? 4 : 8, &cp))
					return false;
				q += e == 'u' ? 4 : 8;
				o += put_utf8(o, cp);
				continue;
			}
			if (multiline && (e == ' ' || e == '\t' || e == '\n' || e == '\r')) {
				/* line-ending backslash: drop it and all blanks up to the next text
				 */
				q--;
				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				if (q < end && *q != '\n' &&
				    !(*q == '\r' && q + 1 < end && q[1] == '\n'))
					return tp_fail(
					    ps, "invalid escape: '\\' followed by blanks must "
					        "end the line");
				while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' ||
				                   (*q == '\r' && q + 1 < end && q[1] == '\n'))) {
					ps->line += *q == '\n';
					q++;
				}
				continue;
			}
			tp_err_begin(ps, ps->line);
			tp_err_str(ps, "invalid escape sequence '\\");
			if ((unsigned char)e > 0x20 && (unsigned char)e < 0x7f)
				tp_err_add(ps, &e, 1);
			tp_err_str(ps, "'");
			return false;
		}
		if (multiline && c == '\r' && q + 1 < end && q[1] == '\n') {
			q++; /* CRLF becomes LF */
			continue;
		}
		if (multiline && c == '\n') {
			ps->line++;
		} else if (is_control(c)) {
			tp_err_begin(ps, ps->line);
			tp_err_str(ps, "control character U+");
			tp_err_uint(ps, c, 16, 4);
			tp_err_str(ps, " in string (use an escape)");
			return false;
		}
		*o++ = (char)c;
		q++;
	}
	*o = '\0';
	ps->p = resume;
	*out = buf;
	*out_len = (size_t)(o - buf);
	return true;
}
