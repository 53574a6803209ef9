/*
 * regcomp: a recursive-descent parser from BRE or ERE text to the node
 * tree of regex.h (internal), regfree and regerror.
 *   ERE: | ( ) * + ? {m,n} . [ ] ^ $ and \ before any of them; \1-\9
 *   BRE: \( \) \{m,n\} * . [ ] ^ (at the start) $ (at the end), and the
 *        GNU \+ \? \|; \1-\9
 * A '*' with nothing to repeat is an ordinary character, as is a '{' in an
 * ERE that does not start a bound ("{" then a digit or ','; "{,n}" is {0,n}).
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "regex/regex.h"

struct parser {
	const unsigned char *p;
	int cflags, err, groups;
	struct re_prog *prog;
};

static struct re_node *node(struct parser *ps, enum re_type type)
{
	struct re_node *n = calloc(1, sizeof *n);
	if (!n) {
		ps->err = REG_ESPACE;
		return 0;
	}
	n->type = type;
	n->chain = ps->prog->nodes;
	ps->prog->nodes = n;
	return n;
}

static int ere(struct parser *ps)
{
	return ps->cflags & REG_EXTENDED;
}

static void set_add(unsigned char *set, int c, int icase)
{
	set[c >> 3] |= (unsigned char)(1 << (c & 7));
	if (icase && isalpha(c)) {
		int o = islower(c) ? toupper(c) : tolower(c);
		set[o >> 3] |= (unsigned char)(1 << (o & 7));
	}
}

static const struct {
	const char *name;
	int (*is)(int);
} classes[] = {
    {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
    {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
    {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
};

/* A bracket expression; p is after '['. */
static struct re_node *bracket(struct parser *ps)
{
	struct re_node *n = node(ps, RE_SET);
	if (!n)
		return 0;
	int icase = ps->cflags & REG_ICASE, negate = 0, first = 1;
	if (*ps->p == '^') {
		negate = 1;
		ps->p++;
	}
	for (;;) {
		int c = *ps->p, lo;
		if (!c) {
			ps->err = REG_EBRACK;
			return 0;
		}
		if (c == ']' && !first)
			break;
		first = 0;
		if (c == '[' && (ps->p[1] == ':' || ps->p[1] == '=' || ps->p[1] == '.')) {
			int kind = ps->p[1];
			const unsigned char *name = ps->p + 2, *end = name;
			while (*end && !(end[0] == kind && end[1] == ']'))
				end++;
			if (!*end) {
				ps->err = REG_EBRACK;
				return 0;
			}
			size_t len = (size_t)(end - name);
			ps->p = end + 2;
			if (kind == ':') {
				size_t i = 0;
				while (i < sizeof classes / sizeof classes[0] &&
				       (strlen(classes[i].name) != len ||
				        memcmp(classes[i].name, name, len)))
					i++;
				if (i == sizeof classes / sizeof classes[0]) {
					ps->err = REG_ECTYPE;
					return 0;
				}
				for (int b = 0; b < 256; b++)
					if (classes[i].is(b) ||
					    (icase && (i == 6 || i == 10) && isalpha(b)))
						set_add(n->set, b, 0);
				continue;
			}
			/* [=c=] and [.c.]: single characters only (the C locale) */
			if (len != 1) {
				ps->err = REG_ECOLLATE;
				return 0;
			}
			lo = name[0];
		} else {
			lo = c;
			ps->p++;
		}
		if (ps->p[0] == '-' && ps->p[1] && ps->p[1] != ']') {
			int hi = ps->p[1];
			ps->p += 2;
			if (hi == '[' && ps->p[0] == '.') {
				const unsigned char *end =
				    (const unsigned char *)strstr((const char *)ps->p + 1, ".]");
				if (!end || end != ps->p + 2) {
					ps->err = REG_ECOLLATE;
					return 0;
				}
				hi = ps->p[1];
				ps->p = end + 2;
			}
			if (hi < lo) {
				ps->err = REG_ERANGE;
				return 0;
			}
			for (int b = lo; b <= hi; b++)
				set_add(n->set, b, icase);
		} else {
			set_add(n->set, lo, icase);
		}
	}
	ps->p++;
	if (negate) {
		for (int i = 0; i < 32; i++)
			n->set[i] = (unsigned char)~n->set[i];
		n->set[0] &= (unsigned char)~1; /* never the terminating NUL */
		if (ps->cflags & REG_NEWLINE)
			n->set['\n' >> 3] &= (unsigned char)~(1 << ('\n' & 7));
	}
	return n;
}

/* A bound "m", "m," or "m,n" then "}" (ERE) or "\}" (BRE); p is after the '{'. */
static int bound(struct parser *ps, int *min, int *max)
{
	if (!isdigit(*ps->p) && *ps->p != ',')
		return REG_BADBR;
	long m = 0, x;
	while (isdigit(*ps->p) && m <= RE_DUP_MAX)
		m = m * 10 + (*ps->p++ - '0');
	x = m;
	if (*ps->p == ',') {
		ps->p++;
		x = -1;
		if (isdigit(*ps->p)) {
			x = 0;
			while (isdigit(*ps->p) && x <= RE_DUP_MAX)
				x = x * 10 + (*ps->p++ - '0');
		}
	}
	if (ere(ps) ? *ps->p != '}' : (ps->p[0] != '\\' || ps->p[1] != '}'))
		return *ps->p ? REG_BADBR : REG_EBRACE;
	ps->p += ere(ps) ? 1 : 2;
	if (m > RE_DUP_MAX || x > RE_DUP_MAX || (x >= 0 && x < m))
		return REG_BADBR;
	*min = (int)m;
	*max = (int)x;
	return 0;
}

static struct re_node *alternation(struct parser *ps, int depth);

/* Is p at the end of a branch (so that a BRE '$' is an anchor)? */
static int branch_end(struct parser *ps, const unsigned char *p)
{
	if (ere(ps))
		return 1;
	return !p[0] || (p[0] == '\\' && (p[1] == ')' || p[1] == '|'));
}

/* One atom; NULL with ps->err 0 when the branch ends here. */
static struct re_node *atom(struct parser *ps, int depth, int at_start)
{
	const unsigned char *p = ps->p;
	int c = *p;
	struct re_node *n;
	if (!c || (ere(ps) && (c == '|' || (c == ')' && depth))) ||
	    (!ere(ps) && c == '\\' && (p[1] == '|' || (p[1] == ')' && depth))))
		return 0;
	if ((ere(ps) && c == '(') || (!ere(ps) && c == '\\' && p[1] == '(')) {
		ps->p += ere(ps) ? 1 : 2;
		n = node(ps, RE_GROUP);
		if (!n)
			return 0;
		n->index = ++ps->groups;
		n->body = alternation(ps, depth + 1);
		if (ps->err)
			return 0;
		if (ere(ps) ? *ps->p != ')' : (ps->p[0] != '\\' || ps->p[1] != ')')) {
			ps->err = REG_EPAREN;
			return 0;
		}
		ps->p += ere(ps) ? 1 : 2;
		return n;
	}
	if (ere(ps) && c == ')') {
		ps->err = REG_EPAREN;
		return 0;
	}
	ps->p++;
	switch (c) {
	case '.':
		return node(ps, RE_ANY);
	case '[':
		return bracket(ps);
	case '^':
		if (ere(ps) || at_start)
			return node(ps, RE_BOL);
		break;
	case '$':
		if (branch_end(ps, ps->p))
			return node(ps, RE_EOL);
		break;
	case '\\':
		c = *ps->p++;
		if (!c) {
			ps->err = REG_EESCAPE;
			return 0;
		}
		if (c >= '1' && c <= '9') {
			if (c - '0' > ps->groups) {
				ps->err = REG_ESUBREG;
				return 0;
			}
			n = node(ps, RE_BACKREF);
			if (n)
				n->index = c - '0';
			return n;
		}
		break;
	}
	n = node(ps, RE_CHAR);
	if (n)
		n->c = (unsigned char)((ps->cflags & REG_ICASE) ? tolower(c) : c);
	return n;
}

/* Quantifiers after an atom. */
static struct re_node *quantified(struct parser *ps, struct re_node *a)
{
	for (;;) {
		const unsigned char *p = ps->p;
		int min, max;
		if (*p == '*') {
			min = 0, max = -1;
			ps->p++;
		} else if (ere(ps) ? *p == '+' : (p[0] == '\\' && p[1] == '+')) {
			min = 1, max = -1;
			ps->p += ere(ps) ? 1 : 2;
		} else if (ere(ps) ? *p == '?' : (p[0] == '\\' && p[1] == '?')) {
			min = 0, max = 1;
			ps->p += ere(ps) ? 1 : 2;
		} else if (ere(ps) ? (p[0] == '{' && (isdigit(p[1]) || p[1] == ','))
		                   : (p[0] == '\\' && p[1] == '{')) {
			ps->p += ere(ps) ? 1 : 2;
			if ((ps->err = bound(ps, &min, &max)))
				return 0;
		} else {
			return a;
		}
		if (a->type == RE_BOL && !ere(ps)) {
			ps->p = p; /* a BRE "^*": the '*' is an ordinary character */
			return a;
		}
		if (a->type == RE_BOL || a->type == RE_EOL) {
			ps->err = REG_BADRPT;
			return 0;
		}
		struct re_node *r = node(ps, RE_REPEAT);
		if (!r)
			return 0;
		r->body = a;
		r->min = min;
		r->max = max;
		a = r;
	}
}

/* One branch: a sequence of quantified atoms linked through next. */
static struct re_node *branch(struct parser *ps, int depth)
{
	struct re_node *head = 0, **tail = &head;
	int at_start = 1;
	for (;;) {
		/* a '*' with nothing before it is an ordinary character */
		struct re_node *a;
		if (*ps->p == '*' && (at_start || (head && head->type == RE_BOL && !head->next &&
		                                   tail == &head->next))) {
			ps->p++;
			a = node(ps, RE_CHAR);
			if (a)
				a->c = '*';
		} else {
			a = atom(ps, depth, at_start);
		}
		if (!a)
			return ps->err ? 0 : head;
		at_start = 0;
		a = quantified(ps, a);
		if (!a)
			return 0;
		*tail = a;
		tail = &a->next;
	}
}

static struct re_node *alternation(struct parser *ps, int depth)
{
	struct re_node *first = branch(ps, depth);
	if (ps->err)
		return 0;
	int bar = ere(ps) ? *ps->p == '|' : (ps->p[0] == '\\' && ps->p[1] == '|');
	if (!bar)
		return first;
	struct re_node *alt = node(ps, RE_ALT), *cur = alt;
	if (!alt)
		return 0;
	alt->body = first;
	while (bar) {
		ps->p += ere(ps) ? 1 : 2;
		struct re_node *b = branch(ps, depth);
		if (ps->err)
			return 0;
		struct re_node *holder = node(ps, RE_ALT);
		if (!holder)
			return 0;
		holder->body = b;
		cur->alt = holder;
		cur = holder;
		bar = ere(ps) ? *ps->p == '|' : (ps->p[0] == '\\' && ps->p[1] == '|');
	}
	return alt;
}

static void free_nodes(struct re_prog *prog)
{
	while (prog->nodes) {
		struct re_node *n = prog->nodes;
		prog->nodes = n->chain;
		free(n);
	}
}

int regcomp(regex_t *restrict re, const char *restrict pattern, int cflags)
{
	struct re_prog *prog = calloc(1, sizeof *prog);
	if (!prog)
		return REG_ESPACE;
	struct parser ps = {(const unsigned char *)pattern, cflags, 0, 0, prog};
	prog->cflags = cflags;
	prog->start = alternation(&ps, 0);
	if (!ps.err && *ps.p)
		ps.err = REG_EPAREN; /* an unmatched ')' */
	if (ps.err) {
		free_nodes(prog);
		free(prog);
		return ps.err;
	}
	re->re_nsub = (size_t)ps.groups;
	re->__prog = prog;
	re->__cflags = cflags;
	return 0;
}

void regfree(regex_t *re)
{
	struct re_prog *prog = re->__prog;
	if (!prog)
		return;
	free_nodes(prog);
	free(prog);
	re->__prog = 0;
}

static const char *const messages[] = {
    [0] = "Success",
    [REG_NOMATCH] = "No match",
    [REG_BADPAT] = "Invalid regular expression",
    [REG_ECOLLATE] = "Invalid collation character",
    [REG_ECTYPE] = "Invalid character class name",
    [REG_EESCAPE] = "Trailing backslash",
    [REG_ESUBREG] = "Invalid back reference",
    [REG_EBRACK] = "Unmatched [, [^, [:, [., or [=",
    [REG_EPAREN] = "Unmatched ( or \\(",
    [REG_EBRACE] = "Unmatched \\{",
    [REG_BADBR] = "Invalid content of \\{\\}",
    [REG_ERANGE] = "Invalid range end",
    [REG_ESPACE] = "Memory exhausted",
    [REG_BADRPT] = "Invalid preceding regular expression",
};

size_t regerror(int err, const regex_t *restrict re, char *restrict buf, size_t len)
{
	(void)re;
	const char *m = err >= 0 && (size_t)err < sizeof messages / sizeof messages[0]
	                    ? messages[err]
	                    : "Unknown error";
	size_t n = strlen(m);
	if (len) {
		size_t k = n < len - 1 ? n : len - 1;
		memcpy(buf, m, k);
		buf[k] = 0;
	}
	return n + 1;
}
