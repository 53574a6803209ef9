/*
 * cookbook: builds recipes into packages and installs packages into a
 * root folder. mk/cookbook.mk runs it for `make all`, r.NAME, c.NAME,
 * f.NAME, u.NAME and p.NAME; see usage() and docs/recipes.md.
 */
#include "cookbook.h"
#include "pkg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static int usage(FILE *f)
{
	fputs("usage: cookbook [--root DIR] [--target TRIPLE] [--repo DIR] [--sysroot DIR]\n"
	      "                [--cache DIR] COMMAND ARGS...\n"
	      "\n"
	      "  check FILE...              check recipe.toml files (one error line each)\n"
	      "  deps NAME...               the cook order of NAME... and all they need\n"
	      "  deps --runtime NAME...     NAME... and their runtime dependencies\n"
	      "  cook [--force] NAME...     cook what is out of date (--force: NAME... anyway)\n"
	      "  cook-config PACKAGES LIST  cook the packages a config lists (PACKAGES: one\n"
	      "                             name a line, from `installer packages`; names\n"
	      "                             without a recipe are skipped with a warning), then\n"
	      "                             write the image's packages with their hashes to\n"
	      "                             LIST (only if that changed)\n"
	      "  fetch NAME...              fetch sources\n"
	      "  unfetch NAME...            remove fetched sources (never in-tree paths)\n"
	      "  clean NAME...              remove target/ and the repo's package\n"
	      "  fingerprint NAME           what an up-to-date package's cook_hash must be\n"
	      "  pkg install [--meta FILE] ROOT NAME...\n"
	      "                             check packages against their TOML, then unpack\n"
	      "                             them into ROOT; add owner/mode lines to FILE\n"
	      "  pkg verify NAME...         only check\n"
	      "\n"
	      "Defaults: --root ., --target x86_64-unknown-redox, --repo build/ARCH/repo,\n"
	      "--sysroot build/ARCH/sysroot, --cache build/source-cache (relative to the\n"
	      "root). COOKBOOK_MAKE names the make that build scripts use.\n",
	      f);
	return f == stderr ? 2 : 0;
}

static int fail_with(const char *err)
{
	/* A recipe's error starts with its file, like a compiler's. */
	if (strncmp(err, "recipes/", 8) == 0)
		fprintf(stderr, "%s\n", err);
	else if (err[0])
		fprintf(stderr, "cookbook: %s\n", err);
	return 1;
}

static void names_from(struct strlist *l, int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		strlist_add(l, argv[i]);
}

static int read_names(const char *file, struct strlist *out, char *err)
{
	char *data;
	size_t len;
	if (read_file(file, &data, &len) < 0)
		return fail(err, "%s: %s", file, strerror(errno));
	for (char *save, *line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " \t");
		line[strcspn(line, " \t\r")] = 0;
		if (line[0] && line[0] != '#' && !strlist_has(out, line))
			strlist_add(out, line);
	}
	free(data);
	return 0;
}

static int cmd_check(int argc, char **argv, char *err)
{
	int bad = 0;
	for (int i = 0; i < argc; i++) {
		char *copy = xstrdup(argv[i]);
		char *slash = strrchr(copy, '/');
		if (slash)
			*slash = 0;
		const char *dir_name = strrchr(copy, '/');
		const char *name = slash ? (dir_name ? dir_name + 1 : copy) : "recipe";
		struct recipe r;
		if (recipe_load(argv[i], name, &r, err) < 0) {
			fprintf(stderr, "%s\n", err);
			bad = 1;
		} else {
			recipe_free(&r);
		}
		free(copy);
	}
	err[0] = 0;
	return bad ? -1 : 0;
}

static int cmd_deps(struct cookbook *cb, struct strlist *names, bool runtime, char *err)
{
	struct strlist found = {0}, closure = {0};
	size_t *order, n;
	int rc = cookbook_load(cb, names, NULL, &found, err);
	if (rc == 0 && runtime) {
		rc = cookbook_runtime_closure(cb, &found, &closure, err);
		for (size_t i = 0; rc == 0 && i < closure.len; i++)
			printf("%s\n", closure.items[i]);
		strlist_free(&closure);
	} else if (rc == 0 && (rc = graph_order(&cb->graph, &found, &order, &n, err)) == 0) {
		for (size_t i = 0; i < n; i++)
			printf("%s\n", cb->graph.nodes[order[i]].name);
		free(order);
	}
	strlist_free(&found);
	return rc;
}

static int cmd_cook_config(struct cookbook *cb, const char *packages, const char *list, char *err)
{
	struct strlist wanted = {0}, found = {0}, image = {0}, none = {0}, missing = {0};
	int rc = read_names(packages, &wanted, err);
	if (rc == 0)
		rc = cookbook_load(cb, &wanted, &missing, &found, err);
	/* Warn once per config change, not on every make all. */
	struct stat pst, lst;
	bool config_changed =
	    stat(list, &lst) < 0 || (stat(packages, &pst) == 0 && pst.st_mtime >= lst.st_mtime);
	for (size_t i = 0; rc == 0 && config_changed && i < missing.len; i++)
		printf("  WARN   package %s has no recipe yet: skipped\n", missing.items[i]);
	if (rc == 0)
		rc = cookbook_cook(cb, &found, &none, err);
	if (rc == 0)
		rc = cookbook_runtime_closure(cb, &found, &image, err);
	struct strbuf sb = {0};
	sb_puts(&sb, "");
	for (size_t i = 0; rc == 0 && i < image.len; i++) {
		char *toml = xasprintf("%s/%s.toml", cb->repo, image.items[i]);
		struct pkg_info info;
		rc = pkg_read_info(toml, &info, err);
		if (rc == 0) {
			sb_printf(&sb, "%s %s\n", info.name, info.pkg_sha256);
			pkg_info_free(&info);
		}
		free(toml);
	}
	int written = rc == 0 ? write_if_changed(list, sb.s, sb.len, err) : -1;
	if (written < 0)
		rc = -1;
	else if (written == 0 && config_changed)
		utimes(list, NULL); /* the image is remade for the new config anyway */
	sb_free(&sb);
	strlist_free(&wanted);
	strlist_free(&found);
	strlist_free(&image);
	strlist_free(&missing);
	return rc;
}

static int cmd_pkg(struct cookbook *cb, int argc, char **argv, char *err)
{
	if (argc < 1)
		return usage(stderr) ? -1 : 0;
	const char *meta = NULL;
	if (strcmp(argv[0], "verify") == 0) {
		for (int i = 1; i < argc; i++)
			if (pkg_install(cb->repo, argv[i], NULL, NULL, err) < 0)
				return -1;
		return 0;
	}
	if (strcmp(argv[0], "install") != 0)
		return fail(err, "pkg: unknown command '%s'", argv[0]);
	argc--, argv++;
	if (argc >= 2 && strcmp(argv[0], "--meta") == 0) {
		meta = argv[1];
		argc -= 2, argv += 2;
	}
	if (argc < 1)
		return fail(err, "pkg install: ROOT missing");
	for (int i = 1; i < argc; i++)
		if (pkg_install(cb->repo, argv[i], argv[0], meta, err) < 0)
			return -1;
	return 0;
}

static int run(struct cookbook *cb, int argc, char **argv, char *err)
{
	const char *cmd = argv[0];
	argc--, argv++;
	struct strlist names = {0}, found = {0}, force = {0};
	int rc = 0;
	if (strcmp(cmd, "check") == 0) {
		rc = cmd_check(argc, argv, err);
	} else if (strcmp(cmd, "pkg") == 0) {
		rc = cmd_pkg(cb, argc, argv, err);
	} else if (strcmp(cmd, "cook-config") == 0) {
		rc = argc == 2 ? cmd_cook_config(cb, argv[0], argv[1], err)
		               : fail(err, "cook-config PACKAGES LIST");
	} else if (strcmp(cmd, "deps") == 0) {
		bool runtime = argc > 0 && strcmp(argv[0], "--runtime") == 0;
		names_from(&names, argc - runtime, argv + runtime);
		rc = cmd_deps(cb, &names, runtime, err);
	} else if (strcmp(cmd, "cook") == 0) {
		bool forced = argc > 0 && strcmp(argv[0], "--force") == 0;
		names_from(&names, argc - forced, argv + forced);
		if (forced)
			names_from(&force, argc - 1, argv + 1);
		rc = cookbook_load(cb, &names, NULL, &found, err);
		if (rc == 0)
			rc = cookbook_cook(cb, &found, &force, err);
	} else if (!strcmp(cmd, "fetch") || !strcmp(cmd, "unfetch") || !strcmp(cmd, "clean") ||
	           !strcmp(cmd, "fingerprint")) {
		names_from(&names, argc, argv);
		rc = cookbook_load(cb, &names, NULL, &found, err);
		for (size_t i = 0; rc == 0 && i < names.len; i++) {
			struct recipe *r = cookbook_recipe(cb, names.items[i]);
			char fp[65];
			if (cmd[0] == 'f' && cmd[1] == 'e') {
				char *log = recipe_target_dir(cb, r, "fetch.log");
				char *dir = recipe_target_dir(cb, r, NULL);
				rc = mkdir_p(dir, err);
				if (rc == 0)
					rc = cookbook_fetch(cb, r, log, err);
				if (rc < 0)
					fprintf(stderr, "cookbook: %s: fetch failed; log: %s\n",
					        r->name, log);
				free(log);
				free(dir);
			} else if (cmd[0] == 'u') {
				rc = cookbook_unfetch(cb, r, err);
			} else if (cmd[0] == 'c') {
				rc = cookbook_clean(cb, r, err);
			} else if ((rc = cookbook_fingerprint(cb, r, fp, err)) == 0) {
				printf("%s\n", fp);
			}
		}
	} else {
		rc = usage(stderr) ? -1 : 0;
		err[0] = 0;
	}
	strlist_free(&names);
	strlist_free(&found);
	strlist_free(&force);
	return rc;
}

int main(int argc, char **argv)
{
	const char *root = ".", *target = "x86_64-unknown-redox", *repo = NULL, *sysroot = NULL,
	           *cache = NULL;
	int i = 1;
	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		const char *opt = argv[i], *val = argv[i + 1];
		if (!strcmp(opt, "--root"))
			root = val;
		else if (!strcmp(opt, "--target"))
			target = val;
		else if (!strcmp(opt, "--repo"))
			repo = val;
		else if (!strcmp(opt, "--sysroot"))
			sysroot = val;
		else if (!strcmp(opt, "--cache"))
			cache = val;
		else
			return usage(stderr);
	}
	if (i < argc && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")))
		return usage(stdout);
	if (i >= argc)
		return usage(stderr);
	struct cookbook cb;
	char err[ERR_MAX] = "";
	/* Paths given on the command line are relative to where we started. */
	char *abs_root = path_absolute(root);
	char *abs_repo = repo ? path_absolute(repo) : NULL;
	char *abs_sysroot = sysroot ? path_absolute(sysroot) : NULL;
	char *abs_cache = cache ? path_absolute(cache) : NULL;
	cookbook_init(&cb, abs_root, target, abs_repo, abs_sysroot, abs_cache);
	int rc;
	/* pkg and check take paths relative to the caller's directory. */
	if (strcmp(argv[i], "pkg") && strcmp(argv[i], "check") && chdir(cb.root) < 0)
		rc = fail(err, "%s: %s", cb.root, strerror(errno));
	else
		rc = run(&cb, argc - i, argv + i, err);
	cookbook_free(&cb);
	free(abs_root);
	free(abs_repo);
	free(abs_sysroot);
	free(abs_cache);
	return rc < 0 ? fail_with(err) : 0;
}
