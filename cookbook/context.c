/*
 * The cookbook context: paths, loading recipes with everything they
 * depend on, and the graph that orders them (see cookbook.h).
 */
#include "cookbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cookbook_init(struct cookbook *cb, const char *root, const char *target, const char *repo,
                   const char *sysroot, const char *cache)
{
	memset(cb, 0, sizeof *cb);
	cb->root = path_absolute(root);
	cb->target = xstrdup(target);
	const char *dash = strchr(target, '-');
	cb->arch = dash ? xstrndup(target, (size_t)(dash - target)) : xstrdup(target);
	char *rel;
	rel = repo ? xstrdup(repo) : xasprintf("build/%s/repo", cb->arch);
	cb->repo = path_join(cb->root, rel);
	free(rel);
	rel = sysroot ? xstrdup(sysroot) : xasprintf("build/%s/sysroot", cb->arch);
	cb->sysroot = path_join(cb->root, rel);
	free(rel);
	cb->cache = path_join(cb->root, cache ? cache : "build/source-cache");
	cb->functions = path_join(cb->root, "cookbook/functions.sh");
	const char *make = getenv("COOKBOOK_MAKE");
	cb->make = make && *make ? make : "make";
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cb->jobs = n > 0 ? (int)n : 1;
}

void cookbook_free(struct cookbook *cb)
{
	for (size_t i = 0; i < cb->nrecipes; i++)
		recipe_free(&cb->recipes[i]);
	free(cb->recipes);
	graph_free(&cb->graph);
	free(cb->root);
	free(cb->target);
	free(cb->arch);
	free(cb->repo);
	free(cb->sysroot);
	free(cb->cache);
	free(cb->functions);
}

struct recipe *cookbook_recipe(struct cookbook *cb, const char *name)
{
	long i = graph_find(&cb->graph, name);
	return i < 0 ? NULL : &cb->recipes[i];
}

/*
 * Loads one recipe by name. Returns 1 when loaded (or already there), 0
 * when there is no such recipe, -1 on error.
 */
static int load_one(struct cookbook *cb, const char *name, char *err)
{
	if (cookbook_recipe(cb, name))
		return 1;
	if (!recipe_name_valid(name))
		return fail(err, "'%s' is not a recipe name", name);
	char *dir;
	int found = recipe_find(cb->root, name, &dir, err);
	if (found <= 0)
		return found;
	/* Relative to the tree (main() works there): errors name it so. */
	char *file = xasprintf("%s/recipe.toml", dir);
	struct recipe r;
	int rc = recipe_load(file, name, &r, err);
	free(file);
	free(dir);
	if (rc < 0)
		return -1;
	if (cb->nrecipes == cb->cap) {
		cb->cap = cb->cap ? cb->cap * 2 : 16;
		cb->recipes = xrealloc(cb->recipes, cb->cap * sizeof(*cb->recipes));
	}
	struct strlist deps = {0};
	for (size_t i = 0; i < r.build_deps.len; i++)
		strlist_add(&deps, r.build_deps.items[i]);
	for (size_t i = 0; i < r.runtime_deps.len; i++)
		if (!strlist_has(&deps, r.runtime_deps.items[i]))
			strlist_add(&deps, r.runtime_deps.items[i]);
	cb->recipes[cb->nrecipes++] = r;
	graph_add(&cb->graph, name, &deps);
	strlist_free(&deps);
	return 1;
}

static int load_deps(struct cookbook *cb, const char *name, char *err)
{
	struct recipe *r = cookbook_recipe(cb, name);
	/* Copy: loading more recipes may move the array. */
	char *file = xstrdup(r->file);
	struct strlist lists[2] = {{0}, {0}};
	for (size_t i = 0; i < r->build_deps.len; i++)
		strlist_add(&lists[0], r->build_deps.items[i]);
	for (size_t i = 0; i < r->runtime_deps.len; i++)
		strlist_add(&lists[1], r->runtime_deps.items[i]);
	static const char *const what[] = {"[build] dependencies", "[package] dependencies"};
	int rc = 0;
	for (int l = 0; l < 2 && rc == 0; l++)
		for (size_t i = 0; i < lists[l].len && rc == 0; i++) {
			const char *dep = lists[l].items[i];
			bool had = cookbook_recipe(cb, dep) != NULL;
			int found = load_one(cb, dep, err);
			if (found == 0)
				rc = fail(err, "%s: %s: no recipe '%s'", file, what[l], dep);
			else if (found < 0)
				rc = -1;
			else if (!had)
				rc = load_deps(cb, dep, err);
		}
	strlist_free(&lists[0]);
	strlist_free(&lists[1]);
	free(file);
	return rc;
}

int cookbook_load(struct cookbook *cb, const struct strlist *names, struct strlist *missing,
                  struct strlist *found, char *err)
{
	for (size_t i = 0; i < names->len; i++) {
		const char *name = names->items[i];
		bool had = cookbook_recipe(cb, name) != NULL;
		int rc = load_one(cb, name, err);
		if (rc < 0)
			return -1;
		if (rc == 0 && !missing)
			return fail(err, "%s: no recipe (recipes/*/%s/recipe.toml)", name, name);
		if (rc == 0) {
			strlist_add(missing, name);
			continue;
		}
		if (!had && load_deps(cb, name, err) < 0)
			return -1;
		if (!strlist_has(found, name))
			strlist_add(found, name);
	}
	return 0;
}

char *recipe_target_dir(const struct cookbook *cb, const struct recipe *r, const char *sub)
{
	return xasprintf("%s/%s/target/%s%s%s", cb->root, r->dir, cb->target, sub ? "/" : "",
	                 sub ? sub : "");
}
