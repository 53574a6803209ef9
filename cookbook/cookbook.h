/*
 * The cookbook's shared state: where the tree, the repo and the sysroot
 * are, the recipes loaded so far and their dependency graph; and the
 * steps built on them (fetch.c, cook.c).
 */
#ifndef COOKBOOK_COOKBOOK_H
#define COOKBOOK_COOKBOOK_H

#include "graph.h"
#include "recipe.h"
#include "hostutil/hostutil.h"

struct cookbook {
	char *root;      /* the tree, absolute */
	char *target;    /* x86_64-unknown-redox */
	char *arch;      /* x86_64 */
	char *repo;      /* packages, absolute */
	char *sysroot;   /* relibc-c's sysroot (bin/ include/ lib/), absolute */
	char *cache;     /* source tarballs, absolute */
	char *functions; /* cookbook/functions.sh, absolute */
	const char *make;
	int jobs;

	struct recipe *recipes; /* index i is graph node i */
	size_t nrecipes, cap;
	struct graph graph;
};

void cookbook_init(struct cookbook *cb, const char *root, const char *target, const char *repo,
                   const char *sysroot, const char *cache);
void cookbook_free(struct cookbook *cb);

/*
 * Loads the recipes names need, with all their build and runtime
 * dependencies; found gets the names loaded. A name without a recipe is
 * an error, or, given missing, added there and left out.
 */
int cookbook_load(struct cookbook *cb, const struct strlist *names, struct strlist *missing,
                  struct strlist *found, char *err);
struct recipe *cookbook_recipe(struct cookbook *cb, const char *name);

/* recipes/<cat>/<name>/target/<target>/... as absolute paths (malloc'd). */
char *recipe_target_dir(const struct cookbook *cb, const struct recipe *r, const char *sub);
/* Where the recipe's source is (path, fetched source/, or same_as's). */
char *recipe_source_dir(const struct cookbook *cb, const struct recipe *r, char *err);
/* What identifies a fetched source (URL, hash or rev, patch contents). */
char *recipe_fetch_id(const struct cookbook *cb, const struct recipe *r, char *err);
/* Is the source there, fetched from what the recipe says now? */
bool recipe_source_ready(const struct cookbook *cb, const struct recipe *r);

/* fetch.c */
int cookbook_fetch(struct cookbook *cb, const struct recipe *r, const char *log, char *err);
int cookbook_unfetch(struct cookbook *cb, const struct recipe *r, char *err);

/* cook.c */
int cookbook_fingerprint(struct cookbook *cb, const struct recipe *r, char out[65], char *err);
/*
 * Cooks what roots need, in dependency order, skipping what is up to
 * date; names in force are cooked anyway. Prints "[i/n] cook NAME"
 * lines, or that there is nothing to cook.
 */
int cookbook_cook(struct cookbook *cb, const struct strlist *roots, const struct strlist *force,
                  char *err);
int cookbook_clean(struct cookbook *cb, const struct recipe *r, char *err);
/* Everything roots need at run time ([package] dependencies), in order. */
int cookbook_runtime_closure(struct cookbook *cb, const struct strlist *roots, struct strlist *out,
                             char *err);

#endif
