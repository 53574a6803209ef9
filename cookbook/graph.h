/*
 * Dependency order: recipes as nodes, their build and runtime
 * dependencies as edges. graph_order() lists everything the roots need,
 * each node after all of its dependencies, and names the first cycle
 * it meets ("dependency cycle: a -> b -> a").
 */
#ifndef COOKBOOK_GRAPH_H
#define COOKBOOK_GRAPH_H

#include "hostutil/hostutil.h"

struct graph_node {
	char *name;
	struct strlist deps;
};

struct graph {
	struct graph_node *nodes;
	size_t len, cap;
};

/* Adds a node (deps copied); returns its index. Names must be unique. */
size_t graph_add(struct graph *g, const char *name, const struct strlist *deps);
/* Index of name, or -1. */
long graph_find(const struct graph *g, const char *name);
void graph_free(struct graph *g);

/*
 * Fills *order (malloc'd node indices, *n of them) with every node
 * reachable from roots, dependencies first; ties keep the order of roots
 * and of each deps list. An unknown name is an error naming who wants it.
 */
int graph_order(const struct graph *g, const struct strlist *roots, size_t **order, size_t *n,
                char *err);

#endif
