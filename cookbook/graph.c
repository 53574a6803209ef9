/*
 * Depth-first topological order with cycle detection (see graph.h). The
 * DFS keeps its path on a stack so that a back edge can be reported as
 * the whole cycle.
 */
#include "graph.h"

#include <stdlib.h>
#include <string.h>

size_t graph_add(struct graph *g, const char *name, const struct strlist *deps)
{
	if (g->len == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->nodes = xrealloc(g->nodes, g->cap * sizeof(*g->nodes));
	}
	struct graph_node *node = &g->nodes[g->len];
	memset(node, 0, sizeof *node);
	node->name = xstrdup(name);
	for (size_t i = 0; deps && i < deps->len; i++)
		if (!strlist_has(&node->deps, deps->items[i]))
			strlist_add(&node->deps, deps->items[i]);
	return g->len++;
}

long graph_find(const struct graph *g, const char *name)
{
	for (size_t i = 0; i < g->len; i++)
		if (strcmp(g->nodes[i].name, name) == 0)
			return (long)i;
	return -1;
}

void graph_free(struct graph *g)
{
	for (size_t i = 0; i < g->len; i++) {
		free(g->nodes[i].name);
		strlist_free(&g->nodes[i].deps);
	}
	free(g->nodes);
	memset(g, 0, sizeof *g);
}

enum mark { UNSEEN, ON_PATH, DONE };

struct dfs {
	const struct graph *g;
	enum mark *mark;
	size_t *path, path_len;
	size_t *order, n;
	char *err;
};

static int visit(struct dfs *d, size_t i)
{
	if (d->mark[i] == DONE)
		return 0;
	if (d->mark[i] == ON_PATH) {
		struct strbuf sb = {0};
		sb_puts(&sb, "dependency cycle: ");
		size_t start = 0;
		while (d->path[start] != i)
			start++;
		for (size_t k = start; k < d->path_len; k++)
			sb_printf(&sb, "%s -> ", d->g->nodes[d->path[k]].name);
		sb_puts(&sb, d->g->nodes[i].name);
		fail(d->err, "%s", sb.s);
		sb_free(&sb);
		return -1;
	}
	d->mark[i] = ON_PATH;
	d->path[d->path_len++] = i;
	const struct graph_node *node = &d->g->nodes[i];
	for (size_t k = 0; k < node->deps.len; k++) {
		long j = graph_find(d->g, node->deps.items[k]);
		if (j < 0)
			return fail(d->err, "%s: dependency '%s' has no recipe", node->name,
			            node->deps.items[k]);
		if (visit(d, (size_t)j) < 0)
			return -1;
	}
	d->path_len--;
	d->mark[i] = DONE;
	d->order[d->n++] = i;
	return 0;
}

int graph_order(const struct graph *g, const struct strlist *roots, size_t **order, size_t *n,
                char *err)
{
	struct dfs d = {
	    g,  calloc(g->len + 1, sizeof(enum mark)),  xmalloc((g->len + 1) * sizeof(size_t)),
	    0,  xmalloc((g->len + 1) * sizeof(size_t)), 0,
	    err};
	if (!d.mark) {
		free(d.path);
		free(d.order);
		return fail(err, "out of memory");
	}
	int rc = 0;
	for (size_t r = 0; rc == 0 && r < roots->len; r++) {
		long i = graph_find(g, roots->items[r]);
		if (i < 0)
			rc = fail(err, "%s: no recipe", roots->items[r]);
		else
			rc = visit(&d, (size_t)i);
	}
	free(d.mark);
	free(d.path);
	if (rc < 0) {
		free(d.order);
		return -1;
	}
	*order = d.order;
	*n = d.n;
	return 0;
}
