/*
 * glob: the pattern is expanded one '/'-separated component at a time. A
 * component without wildcards is appended as it is (so "initfs:bin" or
 * "file:" prefixes pass through); one with wildcards lists the folder
 * so far and keeps the names fnmatch accepts (a leading '.' only by a
 * pattern that starts with one, unless GLOB_PERIOD). Results are sorted
 * with strcmp unless GLOB_NOSORT.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct found {
	char **v;
	size_t n, cap;
};

struct state {
	int flags;
	int (*errfunc)(const char *path, int err);
	struct found out;
};

static int add(struct found *f, const char *path, int mark)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		char **v = realloc(f->v, cap * sizeof *v);
		if (!v)
			return GLOB_NOSPACE;
		f->v = v;
		f->cap = cap;
	}
	size_t len = strlen(path);
	char *s = malloc(len + 2);
	if (!s)
		return GLOB_NOSPACE;
	memcpy(s, path, len + 1);
	if (mark && len && s[len - 1] != '/') {
		DIR *d = opendir(path);
		if (d) {
			closedir(d);
			s[len] = '/';
			s[len + 1] = 0;
		}
	}
	f->v[f->n++] = s;
	return 0;
}

static int has_magic(const char *s, size_t n, int noescape)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && !noescape && i + 1 < n)
			i++;
		else if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
	}
	return 0;
}

/* Expands rest under path[0..len) (path has room for PATH_MAX bytes). */
static int expand(struct state *st, char *path, size_t len, const char *rest)
{
	while (*rest == '/') {
		if (len + 1 >= PATH_MAX)
			return 0;
		path[len++] = '/';
		rest++;
	}
	path[len] = 0;
	if (!*rest)
		return access(path, F_OK) == 0 ? add(&st->out, path, st->flags & GLOB_MARK) : 0;
	int noescape = st->flags & GLOB_NOESCAPE;
	size_t clen = strcspn(rest, "/");
	const char *next = rest + clen;
	if (!has_magic(rest, clen, noescape)) {
		for (size_t i = 0; i < clen; i++) {
			if (rest[i] == '\\' && !noescape && i + 1 < clen)
				i++;
			if (len + 1 >= PATH_MAX)
				return 0;
			path[len++] = rest[i];
		}
		return expand(st, path, len, next);
	}
	char comp[NAME_MAX + 1];
	if (clen > NAME_MAX)
		return 0;
	memcpy(comp, rest, clen);
	comp[clen] = 0;
	DIR *d = opendir(len ? path : ".");
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		if ((st->errfunc && st->errfunc(len ? path : ".", errno)) || st->flags & GLOB_ERR)
			return GLOB_ABORTED;
		return 0;
	}
	int fl = (noescape ? FNM_NOESCAPE : 0) | (st->flags & GLOB_PERIOD ? 0 : FNM_PERIOD);
	int r = 0;
	struct dirent *e;
	while (!r && (e = readdir(d))) {
		size_t nlen = strlen(e->d_name);
		if (fnmatch(comp, e->d_name, fl) || len + nlen >= PATH_MAX)
			continue;
		memcpy(path + len, e->d_name, nlen + 1);
		r = expand(st, path, len + nlen, next);
	}
	closedir(d);
	path[len] = 0;
	return r;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *path, int err),
         glob_t *restrict g)
{
	struct state st = {flags, errfunc, {0, 0, 0}};
	char *path = malloc(PATH_MAX);
	if (!path)
		return GLOB_NOSPACE;
	int r = expand(&st, path, 0, pattern);
	free(path);
	if (!r && !st.out.n) {
		if (flags & GLOB_NOCHECK)
			r = add(&st.out, pattern, 0);
		else
			r = GLOB_NOMATCH;
	}
	if (r) {
		while (st.out.n)
			free(st.out.v[--st.out.n]);
		free(st.out.v);
		if (!(flags & GLOB_APPEND)) {
			g->gl_pathc = 0;
			g->gl_pathv = 0;
		}
		return r;
	}
	if (!(flags & GLOB_NOSORT) && st.out.n > 1)
		qsort(st.out.v, st.out.n, sizeof *st.out.v, by_name);
	if (!(flags & GLOB_APPEND)) {
		g->gl_pathc = 0;
		g->gl_pathv = 0;
	}
	size_t offs = flags & GLOB_DOOFFS ? g->gl_offs : 0;
	size_t total = offs + g->gl_pathc + st.out.n + 1;
	char **v = realloc(g->gl_pathv, total * sizeof *v);
	if (!v) {
		while (st.out.n)
			free(st.out.v[--st.out.n]);
		free(st.out.v);
		return GLOB_NOSPACE;
	}
	if (!g->gl_pathv)
		for (size_t i = 0; i < offs; i++)
			v[i] = 0;
	memcpy(v + offs + g->gl_pathc, st.out.v, st.out.n * sizeof *v);
	g->gl_pathc += st.out.n;
	v[offs + g->gl_pathc] = 0;
	g->gl_pathv = v;
	if (!(flags & GLOB_DOOFFS))
		g->gl_offs = 0;
	free(st.out.v);
	return 0;
}

void globfree(glob_t *g)
{
	if (!g->gl_pathv)
		return;
	for (size_t i = 0; i < g->gl_pathc; i++)
		free(g->gl_pathv[g->gl_offs + i]);
	free(g->gl_pathv);
	g->gl_pathv = 0;
	g->gl_pathc = 0;
}
