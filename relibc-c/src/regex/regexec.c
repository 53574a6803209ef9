/*
 * regexec: a backtracking matcher over regcomp's tree that explores
 * every way to match from the leftmost starting point and keeps the
 * longest (POSIX's leftmost-longest rule for the whole match; groups
 * report the first path that reached that length). Continuations are
 * chained on the C stack; a repeat of a single character loops instead
 * of recursing, so ".*" over a long line stays shallow. A step budget
 * turns a pathological pattern into REG_ESPACE rather than a hang.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "regex/regex.h"

#define STEP_BUDGET 20000000L

enum { K_SEQ, K_GROUP, K_REPEAT };

struct cont {
	int kind;
	const struct re_node *node; /* K_SEQ: what follows; K_GROUP/K_REPEAT: the node */
	const struct cont *next;
	long start; /* where the group or this repetition began */
	int count;  /* K_REPEAT: iterations done */
};

struct matcher {
	const unsigned char *s;
	long len;
	int icase, newline, notbol, noteol, nosub;
	regmatch_t *cap, *best;
	size_t ncap;
	long best_end, steps;
};

/* 1: stop searching (the best possible is found, or the budget is spent). */
static int run(struct matcher *m, const struct re_node *n, long i, const struct cont *k);

static int accept(struct matcher *m, long i)
{
	if (i > m->best_end) {
		m->best_end = i;
		memcpy(m->best, m->cap, m->ncap * sizeof *m->cap);
	}
	return m->nosub || i == m->len;
}

static int single(const struct matcher *m, const struct re_node *n, long i)
{
	if (i >= m->len)
		return 0;
	int c = m->s[i];
	switch (n->type) {
	case RE_CHAR:
		return (m->icase ? tolower(c) : c) == n->c;
	case RE_ANY:
		return !(m->newline && c == '\n');
	case RE_SET:
		return (n->set[c >> 3] >> (c & 7)) & 1;
	default:
		return 0;
	}
}

static int is_single(const struct re_node *n)
{
	return n->type == RE_CHAR || n->type == RE_ANY || n->type == RE_SET;
}

/* Iteration `count` of repeat n at i: one more (greedy), then the rest. */
static int repeat(struct matcher *m, const struct re_node *n, int count, long i,
                  const struct cont *k)
{
	if (is_single(n->body) && !n->body->next) {
		long most = i;
		while ((n->max < 0 || most - i < n->max - count) && single(m, n->body, most))
			most++;
		for (long j = most; j - i >= n->min - count; j--) {
			int r = run(m, n->next, j, k);
			if (r)
				return r;
			if (j == i)
				break;
		}
		return 0;
	}
	if (n->max < 0 || count < n->max) {
		struct cont again = {K_REPEAT, n, k, i, count + 1};
		int r = run(m, n->body, i, &again);
		if (r)
			return r;
	}
	return count >= n->min ? run(m, n->next, i, k) : 0;
}

static int run(struct matcher *m, const struct re_node *n, long i, const struct cont *k)
{
	for (;;) {
		if (++m->steps > STEP_BUDGET)
			return 1;
		if (!n) {
			if (!k)
				return accept(m, i);
			if (k->kind == K_SEQ) {
				n = k->node;
				k = k->next;
				continue;
			}
			if (k->kind == K_GROUP) {
				int g = k->node->index;
				regmatch_t old = {-1, -1};
				if ((size_t)g < m->ncap) {
					old = m->cap[g];
					m->cap[g].rm_so = k->start;
					m->cap[g].rm_eo = i;
				}
				int r = run(m, k->node->next, i, k->next);
				if ((size_t)g < m->ncap)
					m->cap[g] = old;
				return r;
			}
			/* K_REPEAT: an empty iteration past the minimum gets nowhere */
			if (i == k->start && k->count > k->node->min)
				return 0;
			return repeat(m, k->node, k->count, i, k->next);
		}
		switch (n->type) {
		case RE_CHAR:
		case RE_ANY:
		case RE_SET:
			if (!single(m, n, i))
				return 0;
			i++;
			n = n->next;
			continue;
		case RE_BOL:
			if (i == 0 ? m->notbol : !(m->newline && m->s[i - 1] == '\n'))
				return 0;
			n = n->next;
			continue;
		case RE_EOL:
			if (i == m->len ? m->noteol : !(m->newline && m->s[i] == '\n'))
				return 0;
			n = n->next;
			continue;
		case RE_BACKREF: {
			regmatch_t g =
			    (size_t)n->index < m->ncap ? m->cap[n->index] : (regmatch_t){-1, -1};
			if (g.rm_so < 0)
				return 0;
			long len = g.rm_eo - g.rm_so;
			if (i + len > m->len)
				return 0;
			for (long j = 0; j < len; j++) {
				int a = m->s[g.rm_so + j], b = m->s[i + j];
				if (m->icase ? tolower(a) != tolower(b) : a != b)
					return 0;
			}
			i += len;
			n = n->next;
			continue;
		}
		case RE_GROUP: {
			struct cont close = {K_GROUP, n, k, i, 0};
			return run(m, n->body, i, &close);
		}
		case RE_ALT: {
			struct cont after = {K_SEQ, n->next, k, 0, 0};
			for (const struct re_node *a = n; a; a = a->alt) {
				int r = run(m, a->body, i, &after);
				if (r)
					return r;
			}
			return 0;
		}
		case RE_REPEAT:
			return repeat(m, n, 0, i, k);
		}
		return 0;
	}
}

int regexec(const regex_t *restrict re, const char *restrict s, size_t nmatch,
            regmatch_t *restrict match, int eflags)
{
	const struct re_prog *prog = re->__prog;
	int nosub = prog->cflags & REG_NOSUB;
	if (nosub)
		nmatch = 0;
	size_t ncap = re->re_nsub + 1;
	regmatch_t *cap = malloc(2 * ncap * sizeof *cap);
	if (!cap)
		return REG_ESPACE;
	struct matcher m = {
	    (const unsigned char *)s,
	    (long)strlen(s),
	    prog->cflags & REG_ICASE,
	    prog->cflags & REG_NEWLINE,
	    eflags & REG_NOTBOL,
	    eflags & REG_NOTEOL,
	    nosub,
	    cap,
	    cap + ncap,
	    ncap,
	    -1,
	    0,
	};
	const struct re_node *first = prog->start;
	int anchored = first && first->type == RE_BOL && !m.newline;
	int r = REG_NOMATCH;
	for (long start = 0; start <= m.len; start++) {
		if (first && first->type == RE_CHAR && !m.icase &&
		    (start == m.len || m.s[start] != first->c))
			continue;
		for (size_t g = 0; g < ncap; g++)
			cap[g].rm_so = cap[g].rm_eo = -1;
		m.best_end = -1;
		run(&m, first, start, 0);
		if (m.steps > STEP_BUDGET) {
			r = REG_ESPACE;
			break;
		}
		if (m.best_end >= 0) {
			r = 0;
			for (size_t g = 0; g < nmatch; g++) {
				if (g == 0) {
					match[0].rm_so = start;
					match[0].rm_eo = m.best_end;
				} else {
					match[g] = g < ncap ? m.best[g] : (regmatch_t){-1, -1};
				}
			}
			break;
		}
		if (anchored)
			break;
	}
	free(cap);
	return r;
}
