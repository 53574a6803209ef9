/*
 * Dependency order: dependencies come first, the order of roots and of
 * each dependency list is kept, and a cycle is reported as the whole
 * loop.
 */
#include "graph.h"
#include "../check.h"

#include <stdlib.h>

static void add(struct graph *g, const char *name, const char *deps)
{
	struct strlist l = {0};
	char *copy = xstrdup(deps);
	for (char *save, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
		strlist_add(&l, t);
	graph_add(g, name, &l);
	strlist_free(&l);
	free(copy);
}

/* The order for roots as one space-separated string, or the error. */
static char *order(const struct graph *g, const char *roots)
{
	static char err[ERR_MAX];
	struct strlist l = {0};
	char *copy = xstrdup(roots);
	for (char *save, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
		strlist_add(&l, t);
	free(copy);
	size_t *idx, n;
	if (graph_order(g, &l, &idx, &n, err) < 0) {
		strlist_free(&l);
		return xstrdup(err);
	}
	struct strbuf sb = {0};
	sb_puts(&sb, "");
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", g->nodes[idx[i]].name);
	free(idx);
	strlist_free(&l);
	return sb.s;
}

#define CHECK_ORDER(g, roots, want)                                                                \
	do {                                                                                       \
		char *got_ = order(g, roots);                                                      \
		CHECK_STR(got_, want);                                                             \
		free(got_);                                                                        \
	} while (0)

int main(void)
{
	struct graph g = {0};
	add(&g, "relibc", "");
	add(&g, "init", "relibc");
	add(&g, "base-initfs", "init");
	add(&g, "helloworld", "relibc");
	add(&g, "kernel", "");
	add(&g, "zlib", "relibc");
	add(&g, "libpng", "zlib relibc");
	add(&g, "app", "libpng zlib");
	CHECK_ORDER(&g, "base-initfs helloworld kernel",
	            "relibc init base-initfs helloworld kernel");
	CHECK_ORDER(&g, "app", "relibc zlib libpng app");
	CHECK_ORDER(&g, "kernel kernel", "kernel");
	CHECK_ORDER(&g, "", "");
	CHECK_ORDER(&g, "nosuch", "nosuch: no recipe");
	CHECK(graph_find(&g, "zlib") == 5);
	CHECK(graph_find(&g, "nope") == -1);

	add(&g, "a", "b");
	add(&g, "b", "c");
	add(&g, "c", "a");
	add(&g, "top", "kernel a");
	CHECK_ORDER(&g, "top", "dependency cycle: a -> b -> c -> a");
	CHECK_ORDER(&g, "b", "dependency cycle: b -> c -> a -> b");
	add(&g, "self", "self");
	CHECK_ORDER(&g, "self", "dependency cycle: self -> self");
	add(&g, "broken", "relibc missing");
	CHECK_ORDER(&g, "broken", "broken: dependency 'missing' has no recipe");
	graph_free(&g);
	return check_done("graph_test");
}
