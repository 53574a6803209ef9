/*
 * Cooking: deciding what is out of date (a fingerprint of the recipe, its
 * source tree, its extra inputs and its build dependencies' packages),
 * and for each such recipe, in dependency order: fetch, sysroot, build
 * (the template or script in bash with the COOKBOOK_* environment),
 * package. Each step logs to target/<target>/cook.log; a failure prints
 * the recipe, the step, the log's last lines and its path.
 */
#include "cookbook.h"
#include "crypto/sha256.h"
#include "pkg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bump when what a cook produces changes for the same inputs. */
#define COOK_FORMAT "cookbook-cook-1"
#define LOG_TAIL    20

/* ---- fingerprints ---- */

static int fp_entry(void *ctx, const char *rel, const char *full, const struct stat *st)
{
	struct sha256_ctx *s = ctx;
	char line[512];
	int n;
	if (S_ISDIR(st->st_mode)) {
		n = snprintf(line, sizeof line, "d %o ", (unsigned)(st->st_mode & 07777));
	} else if (S_ISLNK(st->st_mode)) {
		char target[4096];
		ssize_t len = readlink(full, target, sizeof target - 1);
		target[len < 0 ? 0 : len] = 0;
		sha256_update(s, "l ", 2);
		sha256_update(s, target, strlen(target));
		n = snprintf(line, sizeof line, " ");
	} else {
		/* Size and modification time stand for the content: cheap to check. */
		n = snprintf(line, sizeof line, "f %o %lld %lld.%09ld ",
		             (unsigned)(st->st_mode & 07777), (long long)st->st_size,
		             (long long)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec);
	}
	sha256_update(s, line, (size_t)n);
	sha256_update(s, rel, strlen(rel) + 1);
	return 0;
}

static int fp_path(struct sha256_ctx *s, const char *label, const char *path,
                   const struct strlist *skip, char *err)
{
	struct stat st;
	sha256_update(s, label, strlen(label) + 1);
	if (lstat(path, &st) < 0) {
		sha256_update(s, "missing", 8);
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return fp_entry(s, "", path, &st);
	return walk_tree(path, skip, fp_entry, s, err);
}

static void fp_file(struct sha256_ctx *s, const char *path)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) == 0) {
		sha256_update(s, data, len);
		free(data);
	}
	sha256_update(s, "\n", 1);
}

int cookbook_fingerprint(struct cookbook *cb, const struct recipe *r, char out[65], char *err)
{
	struct sha256_ctx s;
	sha256_init(&s);
	sha256_update(&s, COOK_FORMAT, sizeof COOK_FORMAT);
	sha256_update(&s, cb->target, strlen(cb->target) + 1);
	fp_file(&s, cb->functions);
	fp_file(&s, r->file);
	char *id = recipe_fetch_id(cb, r, err);
	char *src = id ? recipe_source_dir(cb, r, err) : NULL;
	if (!src) {
		free(id);
		return -1;
	}
	sha256_update(&s, id, strlen(id) + 1);
	char *recipe_dir = path_join(cb->root, r->dir);
	struct strlist skip = {0};
	strlist_add(&skip, ".git");
	if (strcmp(src, recipe_dir) == 0) {
		strlist_add(&skip, "target");
		strlist_add(&skip, "source.tmp");
	}
	int rc = fp_path(&s, "source", src, &skip, err);
	for (size_t i = 0; rc == 0 && i < r->inputs.len; i++) {
		char *joined = path_join(recipe_dir, r->inputs.items[i]);
		char *path = path_normalize(joined);
		rc = fp_path(&s, r->inputs.items[i], path, &skip, err);
		free(path);
		free(joined);
	}
	/* A dependency's new package means a new sysroot. */
	for (size_t i = 0; rc == 0 && i < r->build_deps.len; i++) {
		char *toml = xasprintf("%s/%s.toml", cb->repo, r->build_deps.items[i]);
		struct pkg_info info;
		char ignored[ERR_MAX];
		sha256_update(&s, r->build_deps.items[i], strlen(r->build_deps.items[i]) + 1);
		if (pkg_read_info(toml, &info, ignored) == 0) {
			sha256_update(&s, info.pkg_sha256, strlen(info.pkg_sha256) + 1);
			pkg_info_free(&info);
		} else {
			sha256_update(&s, "missing", 8);
		}
		free(toml);
	}
	strlist_free(&skip);
	free(recipe_dir);
	free(src);
	free(id);
	uint8_t d[32];
	sha256_final(&s, d);
	hex_encode(d, sizeof d, out);
	return rc;
}

/* ---- closures ---- */

static int runtime_visit(struct cookbook *cb, const char *name, struct strlist *seen,
                         struct strlist *out, char *err)
{
	if (strlist_has(seen, name))
		return 0;
	strlist_add(seen, name);
	struct recipe *r = cookbook_recipe(cb, name);
	if (!r)
		return fail(err, "%s: no recipe", name);
	struct strlist deps = {0};
	for (size_t i = 0; i < r->runtime_deps.len; i++)
		strlist_add(&deps, r->runtime_deps.items[i]);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < deps.len; i++)
		rc = runtime_visit(cb, deps.items[i], seen, out, err);
	strlist_free(&deps);
	if (rc == 0)
		strlist_add(out, name);
	return rc;
}

int cookbook_runtime_closure(struct cookbook *cb, const struct strlist *roots, struct strlist *out,
                             char *err)
{
	struct strlist seen = {0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < roots->len; i++)
		rc = runtime_visit(cb, roots->items[i], &seen, out, err);
	strlist_free(&seen);
	return rc;
}

/* ---- one cook ---- */

static char *sh_quote(const char *s)
{
	struct strbuf sb = {0};
	sb_puts(&sb, "'");
	for (; *s; s++)
		if (*s == '\'')
			sb_puts(&sb, "'\\''");
		else
			sb_add(&sb, s, 1);
	sb_puts(&sb, "'");
	return sb.s;
}

static void log_line(const char *log, const char *fmt, const char *a)
{
	FILE *f = fopen(log, "a");
	if (f) {
		fprintf(f, fmt, a);
		fclose(f);
	}
}

/* Stage of the relibc-c sysroot, then every package the build needs. */
static int prepare_sysroot(struct cookbook *cb, const struct recipe *r, const char *log, char *err)
{
	char *sysroot = recipe_target_dir(cb, r, "sysroot");
	int rc = rm_rf(sysroot, err);
	if (rc == 0)
		rc = mkdir_p(sysroot, err);
	static const char *const parts[] = {"bin", "include", "lib"};
	for (int i = 0; rc == 0 && i < 3; i++) {
		char *from = path_join(cb->sysroot, parts[i]);
		char *to = path_join(sysroot, parts[i]);
		if (is_dir(from) && symlink(from, to) < 0)
			rc = fail(err, "%s: %s", to, strerror(errno));
		free(from);
		free(to);
	}
	struct strlist deps = {0};
	if (rc == 0)
		rc = cookbook_runtime_closure(cb, &r->build_deps, &deps, err);
	for (size_t i = 0; rc == 0 && i < deps.len; i++) {
		log_line(log, "cookbook: sysroot: installing %s\n", deps.items[i]);
		rc = pkg_install(cb->repo, deps.items[i], sysroot, NULL, err);
	}
	strlist_free(&deps);
	free(sysroot);
	return rc;
}

static int write_script(struct cookbook *cb, const struct recipe *r, const char *path, char *err)
{
	struct strbuf sb = {0};
	sb_printf(&sb,
	          "# The build step of %s (template \"%s\"), written by the cookbook.\n"
	          "# It runs with the COOKBOOK_* variables set; see docs/recipes.md.\n"
	          "set -ex\nsource \"$COOKBOOK_FUNCTIONS\"\ncd \"$COOKBOOK_BUILD\"\n",
	          r->file, template_name(r->template));
	sb_puts(&sb, "COOKBOOK_CONFIGURE_FLAGS=(");
	for (size_t i = 0; i < r->configure_flags.len; i++) {
		char *q = sh_quote(r->configure_flags.items[i]);
		sb_printf(&sb, "%s%s", i ? " " : "", q);
		free(q);
	}
	sb_puts(&sb, ")\n");
	switch (r->template) {
	case TEMPLATE_NONE:
		break;
	case TEMPLATE_CUSTOM:
		sb_printf(&sb, "%s\n", r->script);
		break;
	case TEMPLATE_MAKE:
		sb_puts(&sb, "cookbook_make\n");
		break;
	case TEMPLATE_CONFIGURE:
		sb_puts(&sb, "cookbook_configure\n");
		break;
	}
	(void)cb;
	int rc = write_file_atomic(path, sb.s, sb.len, 0644, err);
	sb_free(&sb);
	return rc;
}

static int run_build(struct cookbook *cb, const struct recipe *r, const char *log, char *err)
{
	char *build = recipe_target_dir(cb, r, "build");
	char *stage = recipe_target_dir(cb, r, "stage");
	char *sysroot = recipe_target_dir(cb, r, "sysroot");
	char *script = recipe_target_dir(cb, r, "cook.sh");
	char *source = recipe_source_dir(cb, r, err);
	int rc = source ? 0 : -1;
	if (rc == 0)
		rc = rm_rf(build, err);
	if (rc == 0)
		rc = rm_rf(stage, err);
	if (rc == 0)
		rc = mkdir_p(build, err);
	if (rc == 0)
		rc = mkdir_p(stage, err);
	if (rc == 0)
		rc = write_script(cb, r, script, err);
	if (rc < 0 || r->template == TEMPLATE_NONE)
		goto out;

	char *tool = xasprintf("%s/bin/%s", cb->sysroot, cb->target);
	const char *path = getenv("PATH");
	char *env[] = {
	    xasprintf("COOKBOOK_ROOT=%s", cb->root),
	    xasprintf("COOKBOOK_RECIPE=%s/%s", cb->root, r->dir),
	    xasprintf("COOKBOOK_NAME=%s", r->name),
	    xasprintf("COOKBOOK_VERSION=%s", r->version),
	    xasprintf("COOKBOOK_SOURCE=%s", source),
	    xasprintf("COOKBOOK_BUILD=%s", build),
	    xasprintf("COOKBOOK_STAGE=%s", stage),
	    xasprintf("COOKBOOK_SYSROOT=%s", sysroot),
	    xasprintf("COOKBOOK_FUNCTIONS=%s", cb->functions),
	    xasprintf("COOKBOOK_MAKE=%s", cb->make),
	    xasprintf("COOKBOOK_MAKE_JOBS=%d", cb->jobs),
	    xasprintf("TARGET=%s", cb->target),
	    xasprintf("ARCH=%s", cb->arch),
	    xasprintf("CC=%s-cc", tool),
	    xasprintf("CXX=%s-cc", tool),
	    xasprintf("AR=%s-ar", tool),
	    xasprintf("RANLIB=%s-ranlib", tool),
	    xasprintf("LD=%s-ld", tool),
	    xasprintf("CFLAGS=-O2"),
	    xasprintf("CXXFLAGS=-O2"),
	    xasprintf("CPPFLAGS=-I%s/usr/include", sysroot),
	    xasprintf("LDFLAGS=-L%s/usr/lib -static", sysroot),
	    xasprintf("PATH=%s/bin:%s", cb->sysroot, path ? path : "/usr/bin:/bin"),
	    NULL,
	};
	char *argv[] = {"bash", "--noprofile", "--norc", script, NULL};
	log_line(log, "cookbook: running %s\n", script);
	int st = run_program(argv, build, log, env);
	if (st != 0)
		rc = fail(err, "the build script exited with status %d", st);
	for (char **e = env; *e; e++)
		free(*e);
	free(tool);
out:
	free(build);
	free(stage);
	free(sysroot);
	free(script);
	free(source);
	return rc;
}

static int make_package(struct cookbook *cb, const struct recipe *r, const char *fingerprint,
                        char *err)
{
	char *stage = recipe_target_dir(cb, r, "stage");
	char *pkg = xasprintf("%s/%s.pkg", cb->repo, r->name);
	char *toml = xasprintf("%s/%s.toml", cb->repo, r->name);
	struct pkg_info info = {0};
	info.name = xstrdup(r->name);
	info.version = xstrdup(r->version);
	info.description = xstrdup(r->description);
	info.cook_hash = xstrdup(fingerprint);
	for (size_t i = 0; i < r->runtime_deps.len; i++)
		strlist_add(&info.deps, r->runtime_deps.items[i]);
	int rc = mkdir_p(cb->repo, err);
	if (rc == 0)
		rc = pkg_create(stage, &info, pkg, toml, err);
	pkg_info_free(&info);
	free(stage);
	free(pkg);
	free(toml);
	return rc;
}

/* The failure report: recipe, step, why, the log's tail and its path. */
static void report(struct cookbook *cb, const struct recipe *r, const char *step, const char *log,
                   const char *why)
{
	const char *rel = strncmp(log, cb->root, strlen(cb->root)) == 0 && log[strlen(cb->root)]
	                      ? log + strlen(cb->root) + 1
	                      : log;
	fflush(stdout);
	fprintf(stderr, "cookbook: %s: %s failed: %s\n", r->name, step, why);
	char *data;
	size_t len;
	if (read_file(log, &data, &len) == 0) {
		size_t start = len, lines = 0;
		if (start && data[start - 1] == '\n')
			start--;
		while (start > 0 && lines < LOG_TAIL)
			if (data[--start] == '\n')
				lines++;
		if (data[start] == '\n')
			start++;
		fprintf(stderr, "cookbook: %s: last lines of the log:\n", r->name);
		fwrite(data + start, 1, len - start, stderr);
		if (len && data[len - 1] != '\n')
			fputc('\n', stderr);
		free(data);
	}
	fprintf(stderr, "cookbook: %s: log: %s\n", r->name, rel);
}

static int cook_one(struct cookbook *cb, const struct recipe *r, size_t i, size_t n, char *err)
{
	printf("[%zu/%zu] cook %s\n", i, n, r->name);
	fflush(stdout);
	char *dir = recipe_target_dir(cb, r, NULL);
	char *log = recipe_target_dir(cb, r, "cook.log");
	const char *step = "fetch";
	char fingerprint[65];
	int rc = mkdir_p(dir, err);
	if (rc == 0) {
		rc = write_file_atomic(log, "", 0, 0644, err);
		log_line(log, "cookbook: cooking %s\n", r->file);
	}
	if (rc == 0)
		rc = cookbook_fetch(cb, r, log, err);
	if (rc == 0) {
		step = "sysroot";
		rc = prepare_sysroot(cb, r, log, err);
	}
	if (rc == 0)
		rc = cookbook_fingerprint(cb, r, fingerprint, err);
	if (rc == 0) {
		step = "build";
		rc = run_build(cb, r, log, err);
	}
	if (rc == 0) {
		step = "package";
		rc = make_package(cb, r, fingerprint, err);
	}
	if (rc < 0) {
		report(cb, r, step, log, err);
		err[0] = 0; /* reported */
	}
	free(dir);
	free(log);
	return rc;
}

static bool up_to_date(struct cookbook *cb, const struct recipe *r)
{
	char fingerprint[65], err[ERR_MAX];
	if (!recipe_source_ready(cb, r) || cookbook_fingerprint(cb, r, fingerprint, err) < 0)
		return false;
	char *toml = xasprintf("%s/%s.toml", cb->repo, r->name);
	char *pkg = xasprintf("%s/%s.pkg", cb->repo, r->name);
	struct pkg_info info;
	bool ok = path_exists(pkg) && pkg_read_info(toml, &info, err) == 0;
	if (ok) {
		ok = info.cook_hash && strcmp(info.cook_hash, fingerprint) == 0;
		pkg_info_free(&info);
	}
	free(toml);
	free(pkg);
	return ok;
}

int cookbook_cook(struct cookbook *cb, const struct strlist *roots, const struct strlist *force,
                  char *err)
{
	size_t *order, n;
	if (graph_order(&cb->graph, roots, &order, &n, err) < 0)
		return -1;
	bool *cook = calloc(n + 1, sizeof(bool));
	size_t todo = 0;
	for (size_t k = 0; k < n; k++) {
		const struct recipe *r = &cb->recipes[order[k]];
		bool dep_cooked = false;
		for (size_t j = 0; j < k && !dep_cooked; j++)
			dep_cooked =
			    cook[j] && strlist_has(&r->build_deps, cb->recipes[order[j]].name);
		cook[k] = dep_cooked || strlist_has(force, r->name) || !up_to_date(cb, r);
		todo += cook[k];
	}
	int rc = 0;
	if (!todo)
		printf("cookbook: nothing to cook (%zu package%s up to date)\n", n,
		       n == 1 ? "" : "s");
	for (size_t k = 0, done = 0; rc == 0 && k < n; k++)
		if (cook[k])
			rc = cook_one(cb, &cb->recipes[order[k]], ++done, todo, err);
	free(cook);
	free(order);
	return rc;
}

int cookbook_clean(struct cookbook *cb, const struct recipe *r, char *err)
{
	char *dir = xasprintf("%s/%s/target", cb->root, r->dir);
	char *pkg = xasprintf("%s/%s.pkg", cb->repo, r->name);
	char *toml = xasprintf("%s/%s.toml", cb->repo, r->name);
	int rc = rm_rf(dir, err);
	if (rc == 0)
		rc = rm_rf(pkg, err);
	if (rc == 0)
		rc = rm_rf(toml, err);
	free(dir);
	free(pkg);
	free(toml);
	return rc;
}
