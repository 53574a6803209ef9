/*
 * Config loading: each file is parsed and checked on its own (so errors
 * name the file that is wrong), its includes are loaded depth-first, then
 * its own settings are merged over what they produced (see config.h).
 */
#include "config.h"
#include "toml/toml.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INCLUDE_DEPTH 16

/* Where a value sits, for messages: the file, and "[section] key". */
struct where {
	const char *file;
	char *err;
};

static const char *a_type(const struct toml_value *v)
{
	switch (v->type) {
	case TOML_STRING:
		return "a string";
	case TOML_INTEGER:
		return "an integer";
	case TOML_BOOLEAN:
		return "a boolean";
	case TOML_ARRAY:
		return "an array";
	case TOML_TABLE:
		return "a table";
	}
	return "a value";
}

static int wrong_type(struct where *w, const char *at, const char *want, const struct toml_value *v)
{
	return fail(w->err, "%s: %s: expected %s, found %s", w->file, at, want, a_type(v));
}

static int get_string(struct where *w, const char *at, const struct toml_value *v, char **out,
                      size_t *len)
{
	const char *s;
	size_t n;
	if (!toml_as_string(v, &s, &n))
		return wrong_type(w, at, "a string", v);
	free(*out);
	*out = xstrndup(s, n);
	if (len)
		*len = n;
	return 0;
}

static int get_int(struct where *w, const char *at, const struct toml_value *v, int64_t min,
                   int64_t max, int64_t *out)
{
	if (!toml_as_int(v, out))
		return wrong_type(w, at, "an integer", v);
	if (*out < min || *out > max)
		return fail(w->err,
		            "%s: %s: %" PRId64 " is out of range (%" PRId64 "..%" PRId64 ")",
		            w->file, at, *out, min, max);
	return 0;
}

static int get_id(struct where *w, const char *at, const struct toml_value *v, uint32_t *out)
{
	int64_t n;
	if (get_int(w, at, v, 0, UINT32_MAX - 1, &n) < 0)
		return -1;
	*out = (uint32_t)n;
	return 0;
}

static int get_bool(struct where *w, const char *at, const struct toml_value *v, bool *out)
{
	if (!toml_as_bool(v, out))
		return wrong_type(w, at, "a boolean", v);
	return 0;
}

static int unknown_key(struct where *w, const char *section, const char *key)
{
	return fail(w->err, "%s: %s%s%s: unknown key", w->file, section, *section ? " " : "", key);
}

/* User, group and package names end up in ';'-separated files and in paths. */
static bool valid_name(const char *s)
{
	if (!*s || *s == '-' || *s == '.')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.' || *s == '+'))
			return false;
	return true;
}

/* A value that goes into a passwd line. */
static int check_field(struct where *w, const char *at, const char *s)
{
	if (strpbrk(s, ";\n\r"))
		return fail(w->err, "%s: %s: must not contain ';' or a line break", w->file, at);
	return 0;
}

/* ---- one file's sections ---- */

static int parse_general(struct where *w, const struct toml_value *t, struct cfg_general *g)
{
	if (!toml_is(t, TOML_TABLE))
		return wrong_type(w, "general", "a table", t);
	for (size_t i = 0; i < toml_count(t); i++) {
		const char *k = toml_key_at(t, i);
		const struct toml_value *v = toml_at(t, i);
		char *at = xasprintf("[general] %s", k);
		int r;
		if (strcmp(k, "prompt") == 0) {
			r = get_bool(w, at, v, &g->prompt);
			g->has_prompt = true;
		} else if (strcmp(k, "filesystem_size") == 0) {
			r = get_int(w, at, v, 1, 1 << 24, &g->filesystem_size);
			g->has_filesystem_size = true;
		} else if (strcmp(k, "efi_partition_size") == 0) {
			r = get_int(w, at, v, 0, 1 << 16, &g->efi_partition_size);
			g->has_efi_partition_size = true;
		} else if (strcmp(k, "live_disk") == 0) {
			r = get_bool(w, at, v, &g->live_disk);
			g->has_live_disk = true;
		} else {
			r = unknown_key(w, "[general]", k);
		}
		free(at);
		if (r < 0)
			return -1;
	}
	return 0;
}

static int parse_packages(struct where *w, const struct toml_value *t, struct config *c)
{
	if (!toml_is(t, TOML_TABLE))
		return wrong_type(w, "packages", "a table", t);
	c->packages = xcalloc(toml_count(t), sizeof(*c->packages));
	for (size_t i = 0; i < toml_count(t); i++) {
		const char *name = toml_key_at(t, i);
		const struct toml_value *v = toml_at(t, i);
		struct cfg_package *p = &c->packages[c->npackages++];
		p->name = xstrdup(name);
		p->origin = w->file;
		if (!valid_name(name))
			return fail(w->err, "%s: [packages] %s: not a valid package name", w->file,
			            name);
		const char *s;
		if (toml_as_string(v, &s, NULL)) {
			if (strcmp(s, "ignore") != 0)
				return fail(
				    w->err,
				    "%s: [packages] %s: expected {} or \"ignore\", found \"%s\"",
				    w->file, name, s);
			p->ignore = true;
			continue;
		}
		if (!toml_is(v, TOML_TABLE))
			return fail(w->err,
			            "%s: [packages] %s: expected {} or \"ignore\", found %s",
			            w->file, name, a_type(v));
		for (size_t j = 0; j < toml_count(v); j++) {
			const char *k = toml_key_at(v, j);
			char *at = xasprintf("[packages.%s] %s", name, k);
			int r;
			if (strcmp(k, "path") == 0)
				r = get_string(w, at, toml_at(v, j), &p->path, NULL);
			else if (strcmp(k, "git") == 0)
				r = get_string(w, at, toml_at(v, j), &p->git, NULL);
			else if (strcmp(k, "optional") == 0)
				r = get_bool(w, at, toml_at(v, j), &p->optional);
			else
				r = fail(w->err, "%s: %s: unknown key", w->file, at);
			free(at);
			if (r < 0)
				return -1;
		}
	}
	return 0;
}

/* "/etc//x/./y" -> "etc/x/y"; NULL for paths outside the image root. */
static char *image_path(const char *path)
{
	if (strpbrk(path, "\n\r") || strstr(path, "/../") || strncmp(path, "../", 3) == 0 ||
	    strcmp(path, "..") == 0 ||
	    (strlen(path) >= 3 && strcmp(path + strlen(path) - 3, "/..") == 0))
		return NULL;
	while (*path == '/')
		path++;
	char *n = path_normalize(path);
	if (strcmp(n, ".") == 0) {
		free(n);
		return NULL;
	}
	return n;
}

static int parse_file_entry(struct where *w, size_t index, const struct toml_value *t,
                            struct cfg_file *f)
{
	char section[48];
	snprintf(section, sizeof(section), "[[files]] #%zu", index + 1);
	if (!toml_is(t, TOML_TABLE))
		return wrong_type(w, section, "a table", t);
	f->origin = w->file;
	for (size_t i = 0; i < toml_count(t); i++) {
		const char *k = toml_key_at(t, i);
		const struct toml_value *v = toml_at(t, i);
		char *at = xasprintf("%s %s", section, k);
		int r;
		int64_t mode;
		if (strcmp(k, "path") == 0) {
			char *raw = NULL;
			r = get_string(w, at, v, &raw, NULL);
			if (r == 0 && !(f->path = image_path(raw)))
				r = fail(w->err, "%s: %s: \"%s\" is not a path inside the image",
				         w->file, at, raw);
			free(raw);
		} else if (strcmp(k, "data") == 0) {
			r = get_string(w, at, v, &f->data, &f->data_len);
		} else if (strcmp(k, "symlink") == 0) {
			r = get_bool(w, at, v, &f->symlink);
		} else if (strcmp(k, "directory") == 0) {
			r = get_bool(w, at, v, &f->directory);
		} else if (strcmp(k, "mode") == 0) {
			r = get_int(w, at, v, 0, 07777, &mode);
			f->mode = (uint32_t)mode;
			f->has_mode = true;
		} else if (strcmp(k, "uid") == 0) {
			r = get_id(w, at, v, &f->uid);
		} else if (strcmp(k, "gid") == 0) {
			r = get_id(w, at, v, &f->gid);
		} else {
			r = unknown_key(w, section, k);
		}
		free(at);
		if (r < 0)
			return -1;
	}
	if (!f->path)
		return fail(w->err, "%s: %s path: missing", w->file, section);
	if (f->symlink && f->directory)
		return fail(w->err, "%s: %s (%s): symlink and directory exclude each other",
		            w->file, section, f->path);
	if (f->directory && f->data)
		return fail(w->err, "%s: %s (%s) data: a directory has no data", w->file, section,
		            f->path);
	if (f->symlink && (!f->data || !f->data_len || memchr(f->data, '\0', f->data_len)))
		return fail(w->err, "%s: %s (%s) data: a symlink needs its target as data", w->file,
		            section, f->path);
	if (!f->data)
		f->data = xstrdup("");
	return 0;
}

static int parse_files(struct where *w, const struct toml_value *a, struct config *c)
{
	if (!toml_is(a, TOML_ARRAY))
		return wrong_type(w, "files", "an array of tables ([[files]])", a);
	c->files = xcalloc(toml_count(a), sizeof(*c->files));
	for (size_t i = 0; i < toml_count(a); i++)
		if (parse_file_entry(w, i, toml_at(a, i), &c->files[c->nfiles++]) < 0)
			return -1;
	return 0;
}

static int parse_user(struct where *w, const char *name, const struct toml_value *t,
                      struct cfg_user *u)
{
	u->name = xstrdup(name);
	u->origin = w->file;
	char section[96];
	snprintf(section, sizeof(section), "[users.%s]", name);
	if (!valid_name(name))
		return fail(w->err, "%s: [users] %s: not a valid user name", w->file, name);
	if (!toml_is(t, TOML_TABLE))
		return wrong_type(w, section, "a table", t);
	for (size_t i = 0; i < toml_count(t); i++) {
		const char *k = toml_key_at(t, i);
		const struct toml_value *v = toml_at(t, i);
		char *at = xasprintf("%s %s", section, k);
		int r;
		if (strcmp(k, "password") == 0) {
			r = get_string(w, at, v, &u->password, NULL);
		} else if (strcmp(k, "uid") == 0) {
			r = get_id(w, at, v, &u->uid);
			u->has_uid = true;
		} else if (strcmp(k, "gid") == 0) {
			r = get_id(w, at, v, &u->gid);
			u->has_gid = true;
		} else if (strcmp(k, "name") == 0) {
			r = get_string(w, at, v, &u->fullname, NULL);
			if (r == 0)
				r = check_field(w, at, u->fullname);
		} else if (strcmp(k, "home") == 0) {
			r = get_string(w, at, v, &u->home, NULL);
			if (r == 0)
				r = check_field(w, at, u->home);
			if (r == 0 && u->home[0] != '/')
				r = fail(w->err, "%s: %s: must be an absolute path", w->file, at);
		} else if (strcmp(k, "shell") == 0) {
			r = get_string(w, at, v, &u->shell, NULL);
			if (r == 0)
				r = check_field(w, at, u->shell);
		} else {
			r = unknown_key(w, section, k);
		}
		free(at);
		if (r < 0)
			return -1;
	}
	return 0;
}

static int parse_group(struct where *w, const char *name, const struct toml_value *t,
                       struct cfg_group *g)
{
	g->name = xstrdup(name);
	g->origin = w->file;
	char section[96];
	snprintf(section, sizeof(section), "[groups.%s]", name);
	if (!valid_name(name))
		return fail(w->err, "%s: [groups] %s: not a valid group name", w->file, name);
	if (!toml_is(t, TOML_TABLE))
		return wrong_type(w, section, "a table", t);
	for (size_t i = 0; i < toml_count(t); i++) {
		const char *k = toml_key_at(t, i);
		const struct toml_value *v = toml_at(t, i);
		if (strcmp(k, "gid") == 0) {
			char *at = xasprintf("%s gid", section);
			int r = get_id(w, at, v, &g->gid);
			free(at);
			if (r < 0)
				return -1;
			g->has_gid = true;
		} else if (strcmp(k, "members") == 0) {
			if (!toml_is(v, TOML_ARRAY))
				return fail(w->err, "%s: %s members: expected an array of strings",
				            w->file, section);
			g->has_members = true;
			g->members = xcalloc(toml_count(v), sizeof(char *));
			for (size_t j = 0; j < toml_count(v); j++) {
				const char *m;
				if (!toml_as_string(toml_at(v, j), &m, NULL))
					return fail(w->err,
					            "%s: %s members: expected an array of strings",
					            w->file, section);
				if (!valid_name(m))
					return fail(w->err,
					            "%s: %s members: '%s' is not a valid user name",
					            w->file, section, m);
				g->members[g->nmembers++] = xstrdup(m);
			}
		} else {
			return unknown_key(w, section, k);
		}
	}
	return 0;
}

/* [users] / [groups]: a table of tables. */
static int parse_accounts(struct where *w, const char *key, const struct toml_value *t,
                          struct config *c)
{
	if (!toml_is(t, TOML_TABLE))
		return wrong_type(w, key, "a table", t);
	bool users = strcmp(key, "users") == 0;
	if (users)
		c->users = xcalloc(toml_count(t), sizeof(*c->users));
	else
		c->groups = xcalloc(toml_count(t), sizeof(*c->groups));
	for (size_t i = 0; i < toml_count(t); i++) {
		int r =
		    users ? parse_user(w, toml_key_at(t, i), toml_at(t, i), &c->users[c->nusers++])
		          : parse_group(w, toml_key_at(t, i), toml_at(t, i),
		                        &c->groups[c->ngroups++]);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* Checks one file's top level into layer; the include list is left in the tree. */
static int parse_layer(struct where *w, const struct toml_value *root, struct config *layer)
{
	for (size_t i = 0; i < toml_count(root); i++) {
		const char *k = toml_key_at(root, i);
		const struct toml_value *v = toml_at(root, i);
		int r = 0;
		if (strcmp(k, "include") == 0) {
			bool ok = toml_is(v, TOML_ARRAY);
			for (size_t j = 0; ok && j < toml_count(v); j++)
				ok = toml_is(toml_at(v, j), TOML_STRING);
			if (!ok)
				r = fail(w->err, "%s: include: expected an array of strings",
				         w->file);
		} else if (strcmp(k, "general") == 0) {
			r = parse_general(w, v, &layer->general);
		} else if (strcmp(k, "packages") == 0) {
			r = parse_packages(w, v, layer);
		} else if (strcmp(k, "files") == 0) {
			r = parse_files(w, v, layer);
		} else if (strcmp(k, "users") == 0 || strcmp(k, "groups") == 0) {
			r = parse_accounts(w, k, v, layer);
		} else {
			r = fail(w->err, "%s: %s: unknown top-level key", w->file, k);
		}
		if (r < 0)
			return -1;
	}
	return 0;
}

/* ---- merging a layer over what its includes produced ---- */

static void replace_str(char **dst, char **src)
{
	if (*src) {
		free(*dst);
		*dst = *src;
		*src = NULL;
	}
}

static void free_file(struct cfg_file *f)
{
	free(f->path);
	free(f->data);
}

static void free_package(struct cfg_package *p)
{
	free(p->name);
	free(p->path);
	free(p->git);
}

static void free_user(struct cfg_user *u)
{
	free(u->name);
	free(u->password);
	free(u->fullname);
	free(u->home);
	free(u->shell);
}

static void free_members(struct cfg_group *g)
{
	for (size_t i = 0; i < g->nmembers; i++)
		free(g->members[i]);
	free(g->members);
	g->members = NULL;
	g->nmembers = 0;
}

static void merge(struct config *dst, struct config *src)
{
	struct cfg_general *g = &dst->general, *s = &src->general;
	if (s->has_prompt)
		g->has_prompt = true, g->prompt = s->prompt;
	if (s->has_filesystem_size)
		g->has_filesystem_size = true, g->filesystem_size = s->filesystem_size;
	if (s->has_efi_partition_size)
		g->has_efi_partition_size = true, g->efi_partition_size = s->efi_partition_size;
	if (s->has_live_disk)
		g->has_live_disk = true, g->live_disk = s->live_disk;

	for (size_t i = 0; i < src->npackages; i++) {
		struct cfg_package *p = &src->packages[i], *d = NULL;
		for (size_t j = 0; j < dst->npackages && !d; j++)
			if (strcmp(dst->packages[j].name, p->name) == 0)
				d = &dst->packages[j];
		if (d) {
			free_package(d);
		} else {
			dst->packages =
			    xrealloc(dst->packages, (dst->npackages + 1) * sizeof(*dst->packages));
			d = &dst->packages[dst->npackages++];
		}
		*d = *p;
	}
	src->npackages = 0;

	for (size_t i = 0; i < src->nfiles; i++) {
		size_t kept = 0;
		for (size_t j = 0; j < dst->nfiles; j++) {
			if (strcmp(dst->files[j].path, src->files[i].path) == 0)
				free_file(&dst->files[j]);
			else
				dst->files[kept++] = dst->files[j];
		}
		dst->files = xrealloc(dst->files, (kept + 1) * sizeof(*dst->files));
		dst->files[kept] = src->files[i];
		dst->nfiles = kept + 1;
	}
	src->nfiles = 0;

	for (size_t i = 0; i < src->nusers; i++) {
		struct cfg_user *u = &src->users[i], *d = NULL;
		for (size_t j = 0; j < dst->nusers && !d; j++)
			if (strcmp(dst->users[j].name, u->name) == 0)
				d = &dst->users[j];
		if (!d) {
			dst->users = xrealloc(dst->users, (dst->nusers + 1) * sizeof(*dst->users));
			dst->users[dst->nusers++] = *u;
			continue;
		}
		replace_str(&d->password, &u->password);
		replace_str(&d->fullname, &u->fullname);
		replace_str(&d->home, &u->home);
		replace_str(&d->shell, &u->shell);
		if (u->has_uid)
			d->has_uid = true, d->uid = u->uid;
		if (u->has_gid)
			d->has_gid = true, d->gid = u->gid;
		d->origin = u->origin;
		free_user(u);
	}
	src->nusers = 0;

	for (size_t i = 0; i < src->ngroups; i++) {
		struct cfg_group *gr = &src->groups[i], *d = NULL;
		for (size_t j = 0; j < dst->ngroups && !d; j++)
			if (strcmp(dst->groups[j].name, gr->name) == 0)
				d = &dst->groups[j];
		if (!d) {
			dst->groups =
			    xrealloc(dst->groups, (dst->ngroups + 1) * sizeof(*dst->groups));
			dst->groups[dst->ngroups++] = *gr;
			continue;
		}
		if (gr->has_gid)
			d->has_gid = true, d->gid = gr->gid;
		if (gr->has_members) {
			free_members(d);
			d->has_members = true;
			d->members = gr->members;
			d->nmembers = gr->nmembers;
			gr->members = NULL;
			gr->nmembers = 0;
		}
		d->origin = gr->origin;
		free(gr->name);
		free_members(gr);
	}
	src->ngroups = 0;
}

/* ---- files and includes ---- */

struct include_stack {
	const char *real[MAX_INCLUDE_DEPTH + 1];
	const char *shown[MAX_INCLUDE_DEPTH + 1];
	int depth;
};

static int load_file(const char *path, const char *real, struct include_stack *st,
                     struct config *dst, char *err)
{
	struct toml_error terr;
	struct toml_doc *doc = toml_parse_file(path, &terr);
	if (!doc)
		return fail(err, "%s", terr.message);

	/* origin strings live as long as the config */
	dst->origins = xrealloc(dst->origins, (dst->norigins + 1) * sizeof(char *));
	char *origin = dst->origins[dst->norigins++] = xstrdup(path);
	struct where w = {origin, err};
	struct config layer = {0};
	int r = parse_layer(&w, toml_root(doc), &layer);

	st->real[st->depth] = real;
	st->shown[st->depth] = path;
	st->depth++;
	const struct toml_value *inc = toml_get(toml_root(doc), "include");
	char *dir = path_dirname(path);
	for (size_t i = 0; r == 0 && i < toml_count(inc); i++) {
		const char *rel;
		toml_as_string(toml_at(inc, i), &rel, NULL);
		char *joined = path_join(dir, rel);
		char *incpath = path_normalize(joined);
		free(joined);
		char *increal = realpath(incpath, NULL);
		if (!increal) {
			r = fail(err, "%s: include: cannot open %s: %s", path, incpath,
			         strerror(errno));
		} else if (st->depth > MAX_INCLUDE_DEPTH) {
			r = fail(err, "%s: include: includes nested more than %d deep", path,
			         MAX_INCLUDE_DEPTH);
		} else {
			for (int j = 0; r == 0 && j < st->depth; j++) {
				if (strcmp(st->real[j], increal) != 0)
					continue;
				struct strbuf sb = {0};
				for (int k = j; k < st->depth; k++)
					sb_printf(&sb, "%s -> ", st->shown[k]);
				sb_puts(&sb, incpath);
				r = fail(err, "%s: include cycle: %s", path, sb.s);
				free(sb.s);
			}
			if (r == 0)
				r = load_file(incpath, increal, st, dst, err);
		}
		free(increal);
		free(incpath);
	}
	st->depth--;
	free(dir);
	toml_free(doc);
	if (r == 0)
		merge(dst, &layer);
	/* on error a layer may hold half-parsed entries: free them with it */
	config_free(&layer);
	return r;
}

int config_load(const char *path, struct config *cfg, char *err)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->path = xstrdup(path);
	char *real = realpath(path, NULL);
	if (!real)
		return fail(err, "%s: cannot open: %s", path, strerror(errno));
	struct include_stack st = {.depth = 0};
	int r = load_file(path, real, &st, cfg, err);
	free(real);
	return r;
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->npackages; i++)
		free_package(&cfg->packages[i]);
	for (size_t i = 0; i < cfg->nfiles; i++)
		free_file(&cfg->files[i]);
	for (size_t i = 0; i < cfg->nusers; i++)
		free_user(&cfg->users[i]);
	for (size_t i = 0; i < cfg->ngroups; i++) {
		free(cfg->groups[i].name);
		free_members(&cfg->groups[i]);
	}
	for (size_t i = 0; i < cfg->norigins; i++)
		free(cfg->origins[i]);
	free(cfg->packages);
	free(cfg->files);
	free(cfg->users);
	free(cfg->groups);
	free(cfg->origins);
	free(cfg->path);
	memset(cfg, 0, sizeof(*cfg));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t config_package_names(const struct config *cfg, const char ***names)
{
	size_t n = 0;
	*names = xcalloc(cfg->npackages, sizeof(**names));
	for (size_t i = 0; i < cfg->npackages; i++)
		if (!cfg->packages[i].ignore)
			(*names)[n++] = cfg->packages[i].name;
	qsort(*names, n, sizeof(**names), cmp_str);
	return n;
}

int config_general_value(const struct config *cfg, const char *key, char *out, size_t cap)
{
	const struct cfg_general *g = &cfg->general;
	if (strcmp(key, "prompt") == 0)
		snprintf(out, cap, "%s", g->has_prompt && g->prompt ? "true" : "false");
	else if (strcmp(key, "filesystem_size") == 0)
		snprintf(out, cap, "%" PRId64,
		         g->has_filesystem_size ? g->filesystem_size : DEFAULT_FILESYSTEM_SIZE);
	else if (strcmp(key, "efi_partition_size") == 0)
		snprintf(out, cap, "%" PRId64,
		         g->has_efi_partition_size ? g->efi_partition_size
		                                   : DEFAULT_EFI_PARTITION_SIZE);
	else if (strcmp(key, "live_disk") == 0)
		snprintf(out, cap, "%s", g->has_live_disk && g->live_disk ? "true" : "false");
	else
		return -1;
	return 0;
}
