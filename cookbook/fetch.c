/*
 * Getting a recipe's source: in-tree paths are used where they are; git
 * sources are cloned and tarballs taken from the source cache (or
 * downloaded with curl) into recipes/<cat>/<name>/source, patched, and
 * marked with what they were fetched from so that a changed recipe
 * fetches again.
 */
#include "blake3.h"
#include "cookbook.h"
#include "crypto/sha256.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Written into a fetched source folder: the recipe's fetch id. */
#define FETCH_MARKER ".cookbook-fetched"

/* The recipe a same_as points at (loaded on the side, not in the graph). */
static int load_same_as(const struct cookbook *cb, const struct recipe *r, struct recipe *other,
                        char *err)
{
	char *joined = path_join(r->dir, r->same_as);
	char *dir = path_normalize(joined);
	char *file = xasprintf("%s/recipe.toml", dir);
	const char *base = strrchr(dir, '/');
	int rc = path_exists(file)
	             ? recipe_load(file, base ? base + 1 : dir, other, err)
	             : fail(err, "%s: [source] same_as: no recipe at %s", r->file, file);
	free(joined);
	free(dir);
	free(file);
	(void)cb;
	return rc;
}

char *recipe_source_dir(const struct cookbook *cb, const struct recipe *r, char *err)
{
	static int depth;
	char *out = NULL;
	if (r->source == SOURCE_PATH) {
		char *rel = path_join(r->dir, r->path);
		char *full = path_join(cb->root, rel);
		out = path_normalize(full);
		free(rel);
		free(full);
	} else if (r->source == SOURCE_SAME_AS) {
		struct recipe other;
		if (depth > 8) {
			fail(err, "%s: [source] same_as: too many levels", r->file);
		} else if (load_same_as(cb, r, &other, err) == 0) {
			depth++;
			out = recipe_source_dir(cb, &other, err);
			depth--;
			recipe_free(&other);
		}
	} else {
		out = xasprintf("%s/%s/source", cb->root, r->dir);
	}
	return out;
}

static int hash_patches(const struct recipe *r, struct strbuf *id, char *err)
{
	for (size_t i = 0; i < r->patches.len; i++) {
		char *file = path_join(r->dir, r->patches.items[i]);
		uint8_t d[32];
		char hex[65];
		int rc = sha256_file(file, d, err);
		free(file);
		if (rc < 0)
			return -1;
		hex_encode(d, sizeof d, hex);
		sb_printf(id, "patch %s %s\n", r->patches.items[i], hex);
	}
	return 0;
}

char *recipe_fetch_id(const struct cookbook *cb, const struct recipe *r, char *err)
{
	struct strbuf id = {0};
	(void)cb;
	switch (r->source) {
	case SOURCE_PATH:
		sb_printf(&id, "path %s\n", r->path);
		break;
	case SOURCE_SAME_AS:
		sb_printf(&id, "same_as %s\n", r->same_as);
		break;
	case SOURCE_GIT:
		sb_printf(&id, "git %s\nbranch %s\nrev %s\n", r->git, r->branch ? r->branch : "",
		          r->rev ? r->rev : "");
		break;
	case SOURCE_TAR:
		sb_printf(&id, "tar %s\nblake3 %s\nsha256 %s\n", r->tar, r->blake3 ? r->blake3 : "",
		          r->sha256 ? r->sha256 : "");
		break;
	}
	if (hash_patches(r, &id, err) < 0) {
		sb_free(&id);
		return NULL;
	}
	return id.s;
}

bool recipe_source_ready(const struct cookbook *cb, const struct recipe *r)
{
	char err[ERR_MAX];
	if (r->source == SOURCE_SAME_AS) {
		struct recipe other;
		if (load_same_as(cb, r, &other, err) < 0)
			return false;
		bool ok = recipe_source_ready(cb, &other);
		recipe_free(&other);
		return ok;
	}
	char *dir = recipe_source_dir(cb, r, err);
	if (!dir)
		return false;
	bool ok = is_dir(dir);
	if (ok && r->source != SOURCE_PATH) {
		char *marker = path_join(dir, FETCH_MARKER);
		char *want = recipe_fetch_id(cb, r, err), *have = NULL;
		size_t len;
		ok = want && read_file(marker, &have, &len) == 0 && strcmp(want, have) == 0;
		free(want);
		free(have);
		free(marker);
	}
	free(dir);
	return ok;
}

static int run_logged(char *const argv[], const char *cwd, const char *log, const char *what,
                      char *err)
{
	int st = run_program(argv, cwd, log, NULL);
	if (st != 0)
		return fail(err, "%s failed (%s exited with %d)", what, argv[0], st);
	return 0;
}

static int check_tarball(const struct recipe *r, const char *file, char *err)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, "%s: %s", file, strerror(errno));
	struct sha256_ctx s;
	struct blake3_ctx b;
	sha256_init(&s);
	blake3_init(&b);
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		sha256_update(&s, buf, (size_t)n);
		blake3_update(&b, buf, (size_t)n);
	}
	close(fd);
	if (n < 0)
		return fail(err, "%s: %s", file, strerror(errno));
	uint8_t d[32];
	char hex[65];
	if (r->sha256) {
		sha256_final(&s, d);
		hex_encode(d, 32, hex);
		if (strcmp(hex, r->sha256))
			return fail(err, "%s: sha256 is %s, the recipe wants %s", file, hex,
			            r->sha256);
	}
	if (r->blake3) {
		blake3_final(&b, d);
		hex_encode(d, 32, hex);
		if (strcmp(hex, r->blake3))
			return fail(err, "%s: blake3 is %s, the recipe wants %s", file, hex,
			            r->blake3);
	}
	return 0;
}

/* The tarball in the source cache, downloaded first if it is not there. */
static int get_tarball(struct cookbook *cb, const struct recipe *r, const char *log, char **out,
                       char *err)
{
	const char *slash = strrchr(r->tar, '/');
	const char *base = slash ? slash + 1 : r->tar;
	size_t blen = strcspn(base, "?#");
	if (!blen)
		return fail(err, "%s: [source] tar: no file name in '%s'", r->file, r->tar);
	char *name = xstrndup(base, blen);
	char *file = path_join(cb->cache, name);
	free(name);
	if (!path_exists(file)) {
		if (!have_program("curl")) {
			fail(err,
			     "%s is not in the source cache and curl is missing: put the "
			     "tarball there (see docs/recipes.md)",
			     file);
			free(file);
			return -1;
		}
		char *part = xasprintf("%s.part", file);
		char *argv[] = {"curl", "-fL", "--retry", "2", "-o", part, r->tar, NULL};
		int rc = mkdir_p(cb->cache, err);
		if (rc == 0 && run_logged(argv, NULL, log, "download", err) < 0)
			rc = fail(err,
			          "downloading %s failed; without internet, put the tarball "
			          "at %s (see docs/recipes.md)",
			          r->tar, file);
		if (rc == 0 && rename(part, file) < 0)
			rc = fail(err, "%s: %s", file, strerror(errno));
		unlink(part);
		free(part);
		if (rc < 0) {
			free(file);
			return -1;
		}
	}
	if (check_tarball(r, file, err) < 0) {
		free(file);
		return -1;
	}
	*out = file;
	return 0;
}

/* Unpacks into dst; a single top folder in the tarball becomes dst itself. */
static int unpack(const char *tarball, const char *dst, const char *log, char *err)
{
	char *x = xasprintf("%s.x", dst);
	char *argv[] = {"tar", "-xf", (char *)tarball, "-C", x, NULL};
	int rc = rm_rf(x, err);
	if (rc == 0)
		rc = mkdir_p(x, err);
	if (rc == 0)
		rc = run_logged(argv, NULL, log, "unpacking", err);
	struct strlist entries = {0};
	DIR *d = rc == 0 ? opendir(x) : NULL;
	if (rc == 0 && !d)
		rc = fail(err, "%s: %s", x, strerror(errno));
	for (struct dirent *e; d && (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			strlist_add(&entries, e->d_name);
	if (d)
		closedir(d);
	if (rc == 0) {
		char *single = entries.len == 1 ? path_join(x, entries.items[0]) : NULL;
		if (single && is_dir(single)) {
			if (rename(single, dst) < 0 || rmdir(x) < 0)
				rc = fail(err, "%s: %s", dst, strerror(errno));
		} else if (rename(x, dst) < 0) {
			rc = fail(err, "%s: %s", dst, strerror(errno));
		}
		free(single);
	}
	strlist_free(&entries);
	free(x);
	return rc;
}

static int fetch_git(const struct recipe *r, const char *tmp, const char *log, char *err)
{
	char *clone[] = {"git", "clone", "--recurse-submodules", r->git, (char *)tmp, NULL,
	                 NULL,  NULL};
	if (r->branch) {
		clone[2] = "--branch";
		clone[3] = r->branch;
		clone[4] = r->git;
		clone[5] = (char *)tmp;
	}
	if (run_logged(clone, NULL, log, "git clone", err) < 0)
		return -1;
	if (r->rev) {
		char *checkout[] = {"git",      "-c",   "advice.detachedHead=false",
		                    "checkout", r->rev, NULL};
		if (run_logged(checkout, tmp, log, "git checkout", err) < 0)
			return -1;
	}
	return 0;
}

int cookbook_fetch(struct cookbook *cb, const struct recipe *r, const char *log, char *err)
{
	if (r->source == SOURCE_SAME_AS) {
		struct recipe other;
		if (load_same_as(cb, r, &other, err) < 0)
			return -1;
		int rc = cookbook_fetch(cb, &other, log, err);
		recipe_free(&other);
		return rc;
	}
	char *src = recipe_source_dir(cb, r, err);
	if (!src)
		return -1;
	if (r->source == SOURCE_PATH) {
		int rc = is_dir(src)
		             ? 0
		             : fail(err, "%s: [source] path: %s is not a folder", r->file, src);
		free(src);
		return rc;
	}
	int rc = 0;
	char *marker = path_join(src, FETCH_MARKER);
	char *tmp = xasprintf("%s/%s/source.tmp", cb->root, r->dir);
	char *id = recipe_fetch_id(cb, r, err);
	char *tarball = NULL;
	if (!id) {
		rc = -1;
	} else if (recipe_source_ready(cb, r)) {
		goto out; /* fetched already */
	} else if (path_exists(src) && !path_exists(marker)) {
		rc = fail(err, "%s exists but the cookbook did not fetch it: remove it (make u.%s)",
		          src, r->name);
		goto out;
	}
	printf("  FETCH  %s\n", r->name);
	fflush(stdout);
	if (rc == 0)
		rc = rm_rf(tmp, err);
	if (rc == 0 && r->source == SOURCE_GIT)
		rc = fetch_git(r, tmp, log, err);
	if (rc == 0 && r->source == SOURCE_TAR &&
	    (rc = get_tarball(cb, r, log, &tarball, err)) == 0)
		rc = unpack(tarball, tmp, log, err);
	for (size_t i = 0; rc == 0 && i < r->patches.len; i++) {
		char *rel = path_join(r->dir, r->patches.items[i]);
		char *patch = path_join(cb->root, rel);
		char *argv[] = {"patch", "-p1", "--batch", "--forward", "-i", patch, NULL};
		char *what = xasprintf("patch %s", r->patches.items[i]);
		rc = run_logged(argv, tmp, log, what, err);
		free(what);
		free(patch);
		free(rel);
	}
	if (rc == 0 && r->source == SOURCE_TAR) {
		/* Keeps the fetched tree out of git status. */
		char *ignore = path_join(tmp, ".gitignore");
		rc = write_file_atomic(ignore, "*\n", 2, 0644, err);
		free(ignore);
	}
	if (rc == 0) {
		char *tmp_marker = path_join(tmp, FETCH_MARKER);
		rc = write_file_atomic(tmp_marker, id, strlen(id), 0644, err);
		free(tmp_marker);
	}
	if (rc == 0)
		rc = rm_rf(src, err);
	if (rc == 0 && rename(tmp, src) < 0)
		rc = fail(err, "%s: %s", src, strerror(errno));
out:
	free(tarball);
	free(id);
	free(tmp);
	free(marker);
	free(src);
	return rc;
}

int cookbook_unfetch(struct cookbook *cb, const struct recipe *r, char *err)
{
	if (r->source == SOURCE_PATH)
		return fail(err,
		            "%s: its source is the in-tree path '%s', which unfetch never "
		            "removes",
		            r->name, r->path);
	if (r->source == SOURCE_SAME_AS)
		return fail(err, "%s: its source is that of %s; unfetch that recipe", r->name,
		            r->same_as);
	char *src = xasprintf("%s/%s/source", cb->root, r->dir);
	char *tmp = xasprintf("%s/%s/source.tmp", cb->root, r->dir);
	int rc = rm_rf(src, err);
	if (rc == 0)
		rc = rm_rf(tmp, err);
	free(src);
	free(tmp);
	return rc;
}
