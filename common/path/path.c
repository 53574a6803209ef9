/*
 * "scheme:/path" canonicalization (see path.h).
 */
#include "path.h"

static size_t length(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* Length of the "scheme:" prefix (colon included), 0 when there is none. */
static size_t scheme_prefix(const char *p)
{
	for (size_t i = 0; p[i]; i++) {
		if (p[i] == ':')
			return i + 1;
		if (p[i] == '/')
			return 0;
	}
	return 0;
}

long path_canonicalize(const char *cwd, const char *path, char *out, size_t size)
{
	/* 1. the raw joined path in out */
	size_t n = 0;
	const char *parts[3] = {0, 0, 0};
	if (scheme_prefix(path)) {
		parts[0] = path;
	} else if (path[0] == '/') {
		parts[0] = cwd; /* only its scheme, see below */
		parts[2] = path;
	} else {
		parts[0] = cwd;
		parts[2] = path;
	}
	size_t cwd_take = parts[0] == cwd && path[0] == '/' ? scheme_prefix(cwd) : length(parts[0]);
	if (cwd_take + 2 > size)
		return -1;
	for (size_t i = 0; i < cwd_take; i++)
		out[n++] = parts[0][i];
	if (parts[2]) {
		if (n && out[n - 1] != '/' && out[n - 1] != ':' && parts[2][0] != '/')
			out[n++] = '/';
		size_t len = length(parts[2]);
		if (n + len + 1 > size)
			return -1;
		for (size_t i = 0; i < len; i++)
			out[n++] = parts[2][i];
	}
	out[n] = 0;
	size_t root = scheme_prefix(out); /* nothing before this is ever removed */

	/* 2. normalise the part after the scheme in place */
	return (long)path_normalize_tail(out, root, 0);
}

/* Does the component just written before w (ending in '/') read ".."? */
static int ends_in_dotdot(const char *s, size_t floor, size_t w)
{
	return w >= floor + 3 && s[w - 3] == '.' && s[w - 2] == '.' &&
	       (w == floor + 3 || s[w - 4] == '/');
}

size_t path_normalize_tail(char *s, size_t root, int keep_dotdot)
{
	size_t n = root + length(s + root);
	size_t r = root, w = root;
	int absolute = s[root] == '/';
	if (absolute) {
		r++;
		w++;
	}
	size_t floor = w;
	while (r < n) {
		size_t start = r;
		while (r < n && s[r] != '/')
			r++;
		size_t len = r - start;
		if (r < n)
			r++; /* the slash */
		if (len == 0 || (len == 1 && s[start] == '.'))
			continue;
		if (len == 2 && s[start] == '.' && s[start + 1] == '.') {
			if (w > floor && !ends_in_dotdot(s, floor, w)) {
				w--; /* the slash after the previous component */
				while (w > floor && s[w - 1] != '/')
					w--;
				continue;
			}
			/* past the start: a root stays a root; a relative path keeps
			   its ".." when asked to */
			if (absolute || !keep_dotdot)
				continue;
		}
		for (size_t i = 0; i < len; i++)
			s[w++] = s[start + i];
		s[w++] = '/';
	}
	/* drop a trailing slash, but keep a lone root "/" */
	if (w > floor && s[w - 1] == '/')
		w--;
	s[w] = 0;
	return w;
}
