/*
 * fnmatch: shell wildcard matching (*, ?, [...] with ranges, negation
 * and [:class:]) with the POSIX flags and FNM_CASEFOLD/FNM_LEADING_DIR.
 * '*' backtracks to the most recent star only, which is enough: a later
 * star can always absorb what an earlier one would.
 */
#include <fnmatch.h>
#include <ctype.h>
#include <string.h>

static int fold(int c, int flags)
{
	return flags & FNM_CASEFOLD ? tolower(c) : c;
}

static int in_class(const char *name, size_t len, int c)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
	    {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
	    {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
	    {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
	};
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
		if (strlen(classes[i].name) == len && !strncmp(classes[i].name, name, len))
			return classes[i].fn(c) != 0;
	}
	return 0;
}

#define BAD_PATTERN ((const char *)1)

/*
 * A bracket's range endpoint at *pp: a character, an escaped one, or a
 * one-character collating symbol [.c.] or equivalence class [=c=].
 * Returns -1 for a malformed symbol.
 */
static int endpoint(const char **pp, int flags)
{
	const char *p = *pp;
	if (p[0] == '[' && (p[1] == '.' || p[1] == '=')) {
		char close[3] = {p[1], ']', 0};
		const char *end = strstr(p + 2, close);
		if (!end || end != p + 3)
			return -1;
		*pp = end + 2;
		return (unsigned char)p[2];
	}
	int c = (unsigned char)*p++;
	if (c == '\\' && !(flags & FNM_NOESCAPE) && *p)
		c = (unsigned char)*p++;
	*pp = p;
	return c;
}

/*
 * Matches one character against the bracket expression at p (just after
 * '['). Returns the pattern after the closing ']' and sets *matched, NULL
 * if the bracket is not closed (then '[' is an ordinary character), or
 * BAD_PATTERN for a malformed collating symbol (nothing matches).
 */
static const char *bracket(const char *p, int c, int flags, int *matched)
{
	int negate = 0, found = 0;
	if (*p == '!' || *p == '^') {
		negate = 1;
		p++;
	}
	int fc = fold(c, flags);
	for (int first = 1; first || *p != ']'; first = 0) {
		if (!*p)
			return NULL;
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			if (end) {
				if (in_class(p + 2, (size_t)(end - p - 2), c))
					found = 1;
				else if ((flags & FNM_CASEFOLD) &&
				         in_class(p + 2, (size_t)(end - p - 2), toupper(c)))
					found = 1;
				p = end + 2;
				continue;
			}
		}
		int lo = endpoint(&p, flags);
		if (lo < 0)
			return BAD_PATTERN;
		int hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			hi = endpoint(&p, flags);
			if (hi < 0)
				return BAD_PATTERN;
		}
		if ((fc >= fold(lo, flags) && fc <= fold(hi, flags)) || (c >= lo && c <= hi))
			found = 1;
	}
	*matched = found != negate;
	return p + 1;
}

/* a leading period that FNM_PERIOD protects from wildcards */
static int protected_period(const char *s, const char *start, int flags)
{
	if (!(flags & FNM_PERIOD) || *s != '.')
		return 0;
	return s == start || ((flags & FNM_PATHNAME) && s[-1] == '/');
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	const char *p = pattern, *s = string;
	const char *star_p = NULL, *star_s = NULL;
	for (;;) {
		int c = (unsigned char)*s;
		if (!*p) {
			if (!c || ((flags & FNM_LEADING_DIR) && c == '/'))
				return 0;
			goto backtrack;
		}
		switch (*p) {
		case '*':
			if (protected_period(s, string, flags))
				goto backtrack;
			while (*p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		case '?':
			if (!c || ((flags & FNM_PATHNAME) && c == '/') ||
			    protected_period(s, string, flags))
				goto backtrack;
			p++;
			s++;
			continue;
		case '[': {
			int matched = 0;
			const char *after = bracket(p + 1, c ? c : 1, flags, &matched);
			if (after == BAD_PATTERN)
				return FNM_NOMATCH;
			if (after) {
				if (!c || ((flags & FNM_PATHNAME) && c == '/') ||
				    protected_period(s, string, flags) || !matched)
					goto backtrack;
				p = after;
				s++;
				continue;
			}
			break; /* unclosed: an ordinary '[' */
		}
		case '\\':
			if (!(flags & FNM_NOESCAPE)) {
				if (!p[1])
					return FNM_NOMATCH; /* a trailing escape matches nothing */
				p++;
			}
			break;
		}
		if (c && fold(c, flags) == fold((unsigned char)*p, flags)) {
			p++;
			s++;
			continue;
		}
	backtrack:
		/* let the last star take one more character, if it may */
		if (!star_p || !*star_s || ((flags & FNM_PATHNAME) && *star_s == '/'))
			return FNM_NOMATCH;
		p = star_p;
		s = ++star_s;
	}
}
