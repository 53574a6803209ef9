/*
 * recipe.toml: parsing with common/toml and checking what it means (see
 * recipe.h for the format).
 */
#include "recipe.h"
#include "toml/toml.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *template_name(enum build_template t)
{
	switch (t) {
	case TEMPLATE_NONE:
		return "none";
	case TEMPLATE_CUSTOM:
		return "custom";
	case TEMPLATE_MAKE:
		return "make";
	case TEMPLATE_CONFIGURE:
		return "configure";
	}
	return "?";
}

bool recipe_name_valid(const char *name)
{
	if (!isalnum((unsigned char)name[0]) || strlen(name) > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      strchr("-_.+", *p)))
			return false;
	return true;
}

/* Only keys from allowed; the first other key is the error. */
static int check_keys(const struct toml_value *table, const char *table_name,
                      const char *const *allowed, const char *file, char *err)
{
	for (size_t i = 0; i < toml_count(table); i++) {
		const char *key = toml_key_at(table, i);
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			const struct toml_value *v = toml_at(table, i);
			if (table_name)
				return fail(err, "%s:%u: [%s] unknown key '%s'", file, v->line,
				            table_name, key);
			return fail(err, "%s:%u: unknown %s '%s'", file, v->line,
			            toml_is(v, TOML_TABLE) ? "table" : "key", key);
		}
	}
	return 0;
}

static int get_table(const struct toml_value *root, const char *name, const struct toml_value **out,
                     const char *file, char *err)
{
	const struct toml_value *v = toml_get(root, name);
	if (v && !toml_is(v, TOML_TABLE))
		return fail(err, "%s: [%s]: expected a table, found %s", file, name,
		            toml_type_name(v->type));
	*out = v;
	return 0;
}

static int get_string(const struct toml_value *table, const char *table_name, const char *key,
                      char **out, const char *file, char *err)
{
	const struct toml_value *v = toml_get(table, key);
	if (!v)
		return 0;
	const char *s;
	size_t len;
	if (!toml_as_string(v, &s, &len))
		return fail(err, "%s: [%s] %s: expected a string, found %s", file, table_name, key,
		            toml_type_name(v->type));
	if (strlen(s) != len)
		return fail(err, "%s: [%s] %s: contains a NUL character", file, table_name, key);
	*out = xstrdup(s);
	return 0;
}

static int get_list(const struct toml_value *table, const char *table_name, const char *key,
                    struct strlist *out, const char *file, char *err)
{
	const struct toml_value *v = toml_get(table, key);
	if (!v)
		return 0;
	if (!toml_is(v, TOML_ARRAY))
		return fail(err, "%s: [%s] %s: expected an array of strings, found %s", file,
		            table_name, key, toml_type_name(v->type));
	for (size_t i = 0; i < toml_count(v); i++) {
		const char *s;
		size_t len;
		if (!toml_as_string(toml_at(v, i), &s, &len) || strlen(s) != len || !len)
			return fail(err, "%s: [%s] %s: item %zu is not a non-empty string", file,
			            table_name, key, i + 1);
		strlist_add(out, s);
	}
	return 0;
}

static int check_names(const struct strlist *l, const char *what, const char *file, char *err)
{
	for (size_t i = 0; i < l->len; i++)
		if (!recipe_name_valid(l->items[i]))
			return fail(err, "%s: %s: '%s' is not a recipe name", file, what,
			            l->items[i]);
	return 0;
}

static int check_relative(const char *p, const char *what, const char *file, char *err)
{
	if (p && (p[0] == '/' || !p[0]))
		return fail(err, "%s: %s: must be a relative path", file, what);
	return 0;
}

static int check_hash(const char *h, const char *what, const char *file, char *err)
{
	if (!h)
		return 0;
	bool ok = strlen(h) == 64;
	for (const char *p = h; ok && *p; p++)
		ok = isxdigit((unsigned char)*p) && !isupper((unsigned char)*p);
	if (!ok)
		return fail(err, "%s: [source] %s: expected 64 lowercase hex digits", file, what);
	return 0;
}

static int parse_source(const struct toml_value *t, struct recipe *r, const char *f, char *err)
{
	static const char *const keys[] = {"path",   "git",    "branch",  "rev",     "tar",
	                                   "blake3", "sha256", "same_as", "patches", NULL};
	if (check_keys(t, "source", keys, f, err) < 0 ||
	    get_string(t, "source", "path", &r->path, f, err) < 0 ||
	    get_string(t, "source", "git", &r->git, f, err) < 0 ||
	    get_string(t, "source", "branch", &r->branch, f, err) < 0 ||
	    get_string(t, "source", "rev", &r->rev, f, err) < 0 ||
	    get_string(t, "source", "tar", &r->tar, f, err) < 0 ||
	    get_string(t, "source", "blake3", &r->blake3, f, err) < 0 ||
	    get_string(t, "source", "sha256", &r->sha256, f, err) < 0 ||
	    get_string(t, "source", "same_as", &r->same_as, f, err) < 0 ||
	    get_list(t, "source", "patches", &r->patches, f, err) < 0)
		return -1;
	int kinds = !!r->path + !!r->git + !!r->tar + !!r->same_as;
	if (kinds > 1)
		return fail(err, "%s: [source]: give only one of path, git, tar and same_as", f);
	if (r->git)
		r->source = SOURCE_GIT;
	else if (r->tar)
		r->source = SOURCE_TAR;
	else if (r->same_as)
		r->source = SOURCE_SAME_AS;
	if ((r->branch || r->rev) && !r->git)
		return fail(err, "%s: [source] %s: only with git", f, r->branch ? "branch" : "rev");
	if ((r->blake3 || r->sha256) && !r->tar)
		return fail(err, "%s: [source] %s: only with tar", f,
		            r->blake3 ? "blake3" : "sha256");
	if (r->tar && !r->blake3 && !r->sha256)
		return fail(err, "%s: [source] tar: needs a blake3 or sha256 hash", f);
	if (r->patches.len && r->source != SOURCE_GIT && r->source != SOURCE_TAR)
		return fail(err, "%s: [source] patches: only for git and tar sources", f);
	if (check_hash(r->blake3, "blake3", f, err) < 0 ||
	    check_hash(r->sha256, "sha256", f, err) < 0 ||
	    check_relative(r->path, "[source] path", f, err) < 0 ||
	    check_relative(r->same_as, "[source] same_as", f, err) < 0)
		return -1;
	for (size_t i = 0; i < r->patches.len; i++)
		if (check_relative(r->patches.items[i], "[source] patches", f, err) < 0)
			return -1;
	return 0;
}

static int parse_build(const struct toml_value *t, struct recipe *r, const char *f, char *err)
{
	static const char *const keys[] = {"template", "script",         "dependencies",
	                                   "inputs",   "configureflags", NULL};
	char *template = NULL;
	if (t && (check_keys(t, "build", keys, f, err) < 0 ||
	          get_string(t, "build", "template", &template, f, err) < 0))
		return -1;
	if (!template)
		return fail(err, "%s: [build] template: missing (none, custom, make or configure)",
		            f);
	static const char *const names[] = {"none", "custom", "make", "configure"};
	int found = -1;
	for (int i = 0; i < 4; i++)
		if (strcmp(template, names[i]) == 0)
			found = i;
	if (found < 0) {
		fail(err, "%s: [build] template: unknown value '%s'", f, template);
		free(template);
		return -1;
	}
	free(template);
	r->template = (enum build_template)found;
	if (get_string(t, "build", "script", &r->script, f, err) < 0 ||
	    get_list(t, "build", "dependencies", &r->build_deps, f, err) < 0 ||
	    get_list(t, "build", "inputs", &r->inputs, f, err) < 0 ||
	    get_list(t, "build", "configureflags", &r->configure_flags, f, err) < 0 ||
	    check_names(&r->build_deps, "[build] dependencies", f, err) < 0)
		return -1;
	if (r->template == TEMPLATE_CUSTOM && !r->script)
		return fail(err, "%s: [build] script: missing (template \"custom\" runs it)", f);
	if (r->template != TEMPLATE_CUSTOM && r->script)
		return fail(err, "%s: [build] script: only used with template \"custom\"", f);
	if (r->template != TEMPLATE_CONFIGURE && r->configure_flags.len)
		return fail(err,
		            "%s: [build] configureflags: only used with template \"configure\"", f);
	for (size_t i = 0; i < r->inputs.len; i++)
		if (check_relative(r->inputs.items[i], "[build] inputs", f, err) < 0)
			return -1;
	return 0;
}

static int parse_package(const struct toml_value *t, struct recipe *r, const char *f, char *err)
{
	static const char *const keys[] = {"version", "description", "dependencies", NULL};
	if (t && (check_keys(t, "package", keys, f, err) < 0 ||
	          get_string(t, "package", "version", &r->version, f, err) < 0 ||
	          get_string(t, "package", "description", &r->description, f, err) < 0 ||
	          get_list(t, "package", "dependencies", &r->runtime_deps, f, err) < 0 ||
	          check_names(&r->runtime_deps, "[package] dependencies", f, err) < 0))
		return -1;
	if (!r->version)
		r->version = xstrdup("0.0.0");
	if (!r->description)
		r->description = xstrdup("");
	return 0;
}

int recipe_parse(const char *text, size_t len, const char *file, const char *name, struct recipe *r,
                 char *err)
{
	memset(r, 0, sizeof *r);
	r->name = xstrdup(name);
	r->file = xstrdup(file);
	char *slash = strrchr(file, '/');
	r->dir = slash ? xstrndup(file, (size_t)(slash - file)) : xstrdup(".");
	if (!recipe_name_valid(name)) {
		fail(err, "%s: '%s' is not a valid recipe name (a-z, 0-9, - _ . +)", file, name);
		recipe_free(r);
		return -1;
	}
	struct toml_error terr;
	struct toml_doc *doc = toml_parse(text, len, file, &terr);
	if (!doc) {
		snprintf(err, ERR_MAX, "%s", terr.message);
		recipe_free(r);
		return -1;
	}
	static const char *const top[] = {"source", "build", "package", NULL};
	const struct toml_value *root = toml_root(doc), *source, *build, *package;
	int rc = -1;
	if (check_keys(root, NULL, top, file, err) == 0 &&
	    get_table(root, "source", &source, file, err) == 0 &&
	    get_table(root, "build", &build, file, err) == 0 &&
	    get_table(root, "package", &package, file, err) == 0 &&
	    (!source || parse_source(source, r, file, err) == 0) &&
	    parse_build(build, r, file, err) == 0 && parse_package(package, r, file, err) == 0)
		rc = 0;
	toml_free(doc);
	if (rc == 0 && r->source == SOURCE_PATH && !r->path)
		r->path = xstrdup("source");
	if (rc < 0)
		recipe_free(r);
	return rc;
}

int recipe_load(const char *file, const char *name, struct recipe *r, char *err)
{
	char *text;
	size_t len;
	if (read_file(file, &text, &len) < 0)
		return fail(err, "%s: cannot read: %m", file);
	int rc = recipe_parse(text, len, file, name, r, err);
	free(text);
	return rc;
}

void recipe_free(struct recipe *r)
{
	char **strings[] = {&r->name,    &r->dir,    &r->file,    &r->path,       &r->git,
	                    &r->branch,  &r->rev,    &r->tar,     &r->blake3,     &r->sha256,
	                    &r->same_as, &r->script, &r->version, &r->description};
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) {
		free(*strings[i]);
		*strings[i] = NULL;
	}
	strlist_free(&r->patches);
	strlist_free(&r->build_deps);
	strlist_free(&r->inputs);
	strlist_free(&r->configure_flags);
	strlist_free(&r->runtime_deps);
}

int recipe_find(const char *root, const char *name, char **dir, char *err)
{
	char *recipes = path_join(root, "recipes");
	DIR *d = opendir(recipes);
	*dir = NULL;
	if (!d) {
		free(recipes);
		return 0;
	}
	struct dirent *e;
	int found = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *rel = xasprintf("recipes/%s/%s", e->d_name, name);
		char *file = xasprintf("%s/%s/%s/recipe.toml", recipes, e->d_name, name);
		if (path_exists(file)) {
			if (found) {
				fail(err, "recipe %s: in both %s and %s", name, *dir, rel);
				free(rel);
				free(file);
				found = -1;
				break;
			}
			*dir = rel;
			found = 1;
		} else {
			free(rel);
		}
		free(file);
	}
	closedir(d);
	free(recipes);
	if (found < 0) {
		free(*dir);
		*dir = NULL;
	}
	return found;
}
