/*
 * Recipes: recipes/<category>/<name>/recipe.toml, read and checked.
 *
 *     [source]   path = "source" (default) | git = URL (+ branch, rev)
 *                | tar = URL (+ blake3 or sha256) | same_as = "../other"
 *                patches = ["fix.patch", ...]   (applied with patch -p1)
 *     [build]    template = "none" | "custom" | "make" | "configure"
 *                script = "..." (custom only), dependencies = [...],
 *                inputs = [...] (more paths whose changes recook),
 *                configureflags = [...] (configure only)
 *     [package]  version, description, dependencies = [...] (runtime)
 *
 * Errors are one line: "FILE:LINE: problem" for TOML syntax, and
 * "FILE: [table] key: problem" for what the TOML means.
 */
#ifndef COOKBOOK_RECIPE_H
#define COOKBOOK_RECIPE_H

#include "hostutil/hostutil.h"

enum source_kind {
	SOURCE_PATH,
	SOURCE_GIT,
	SOURCE_TAR,
	SOURCE_SAME_AS,
};

enum build_template {
	TEMPLATE_NONE,
	TEMPLATE_CUSTOM,
	TEMPLATE_MAKE,
	TEMPLATE_CONFIGURE,
};

struct recipe {
	char *name;
	char *dir;  /* recipes/<category>/<name>, as found (relative to the tree root) */
	char *file; /* dir/recipe.toml */

	enum source_kind source;
	char *path;    /* SOURCE_PATH: relative to dir */
	char *git;     /* SOURCE_GIT */
	char *branch;  /* optional */
	char *rev;     /* optional */
	char *tar;     /* SOURCE_TAR */
	char *blake3;  /* hex, optional */
	char *sha256;  /* hex, optional */
	char *same_as; /* SOURCE_SAME_AS: another recipe's dir, relative to dir */
	struct strlist patches;

	enum build_template template;
	char *script;
	struct strlist build_deps;
	struct strlist inputs;
	struct strlist configure_flags;

	char *version;
	char *description;
	struct strlist runtime_deps;
};

/* Reads and checks file; name is the recipe's folder name. */
int recipe_load(const char *file, const char *name, struct recipe *r, char *err);
/* Parses text as if read from file (for tests). */
int recipe_parse(const char *text, size_t len, const char *file, const char *name, struct recipe *r,
                 char *err);
void recipe_free(struct recipe *r);

/*
 * Finds recipes/<category>/<name>/recipe.toml under root. Returns 1 and
 * sets *dir (relative to root) when found, 0 when there is none, -1 when
 * two categories hold the same name.
 */
int recipe_find(const char *root, const char *name, char **dir, char *err);

const char *template_name(enum build_template t);
/* Names may hold a-z, 0-9, '-', '_', '.', '+'; first a letter or digit. */
bool recipe_name_valid(const char *name);

#endif
