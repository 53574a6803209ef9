/*
 * The package format: a stage packed and unpacked again (content, modes,
 * folders, symlinks, METAFILE lines), and every kind of damage refused
 * before anything is written: a changed byte, a truncated archive, a
 * TOML that lies, a path leaving the root, a root symlink in the way.
 */
#define _GNU_SOURCE
#include "pkg.h"
#include "../check.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir;

static char *at(const char *rel)
{
	return path_join(dir, rel);
}

static void put(const char *rel, const char *text, mode_t mode)
{
	char *p = at(rel), err[ERR_MAX];
	CHECK(write_file_atomic(p, text, strlen(text), 0644, err) == 0);
	chmod(p, mode);
	free(p);
}

static char *slurp(const char *rel)
{
	char *p = at(rel), *data = NULL;
	size_t len;
	if (read_file(p, &data, &len) < 0)
		data = NULL;
	free(p);
	return data;
}

static int install(const char *name, const char *root, const char *meta, char *err)
{
	char *repo = at("repo"), *r = root ? at(root) : NULL, *m = meta ? at(meta) : NULL;
	int rc = pkg_install(repo, name, r, m, err);
	free(repo);
	free(r);
	free(m);
	return rc;
}

static void make_package(const char *name)
{
	char err[ERR_MAX];
	char *stage = at("stage"), *pkg = xasprintf("%s/repo/%s.pkg", dir, name),
	     *toml = xasprintf("%s/repo/%s.toml", dir, name);
	struct pkg_info info = {0};
	info.name = xstrdup(name);
	info.version = xstrdup("1.2.3");
	info.description = xstrdup("a \"quoted\" description");
	info.cook_hash = xstrdup("feed");
	strlist_add(&info.deps, "relibc");
	CHECK(pkg_create(stage, &info, pkg, toml, err) == 0);
	CHECK(info.nfiles == 5);
	pkg_info_free(&info);
	free(stage);
	free(pkg);
	free(toml);
}

/* Flips one byte of repo/NAME.pkg: the first of the text what. */
static void corrupt(const char *name, const char *what)
{
	char *p = xasprintf("%s/repo/%s.pkg", dir, name), *data, err[ERR_MAX];
	size_t len;
	CHECK(read_file(p, &data, &len) == 0);
	char *hit = memmem(data, len, what, strlen(what));
	CHECK(hit != NULL);
	if (hit)
		*hit ^= 0x20;
	CHECK(write_file_atomic(p, data, len, 0644, err) == 0);
	free(data);
	free(p);
}

static void copy_pkg(const char *from, const char *to)
{
	char err[ERR_MAX], *data;
	size_t len;
	for (int i = 0; i < 2; i++) {
		const char *ext = i ? "toml" : "pkg";
		char *src = xasprintf("%s/repo/%s.%s", dir, from, ext);
		char *dst = xasprintf("%s/repo/%s.%s", dir, to, ext);
		CHECK(read_file(src, &data, &len) == 0);
		if (i) { /* the TOML names its package */
			char *renamed = xasprintf("name = \"%s\"\n%s", to, strstr(data, "version"));
			free(data);
			data = renamed;
			len = strlen(data);
		}
		CHECK(write_file_atomic(dst, data, len, 0644, err) == 0);
		free(data);
		free(src);
		free(dst);
	}
}

int main(void)
{
	char tmpl[] = "/tmp/cookbook-pkg-test.XXXXXX", err[ERR_MAX];
	dir = mkdtemp(tmpl);
	CHECK(dir != NULL);
	char *p;
	CHECK(mkdir_p((p = at("stage/usr/bin")), err) == 0);
	free(p);
	CHECK(mkdir_p((p = at("repo")), err) == 0);
	free(p);
	put("stage/usr/bin/hello", "#!/bin/sh\necho hello\n", 0755);
	put("stage/usr/bin/secret", "", 0600);
	p = at("stage/usr/bin/hi");
	CHECK(symlink("hello", p) == 0);
	free(p);
	make_package("hello");

	/* The TOML describes it. */
	struct pkg_info info;
	p = at("repo/hello.toml");
	CHECK(pkg_read_info(p, &info, err) == 0);
	free(p);
	CHECK_STR(info.name, "hello");
	CHECK_STR(info.version, "1.2.3");
	CHECK_STR(info.description, "a \"quoted\" description");
	CHECK_STR(info.cook_hash, "feed");
	CHECK(info.deps.len == 1);
	CHECK_STR(info.files[0].path, "usr");
	CHECK(info.files[0].type == 'd');
	CHECK_STR(info.files[2].path, "usr/bin/hello");
	CHECK(info.files[2].mode == 0755);
	CHECK(info.files[3].type == 'l');
	CHECK_STR(info.files[3].target, "hello");
	CHECK_STR(info.files[4].sha256,
	          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	pkg_info_free(&info);

	/* Install: content, modes, link, METAFILE lines for what is new. */
	CHECK(mkdir_p((p = at("root/usr")), err) == 0);
	free(p);
	CHECK(install("hello", "root", "root.meta", err) == 0);
	char *s = slurp("root/usr/bin/hello");
	CHECK_STR(s, "#!/bin/sh\necho hello\n");
	free(s);
	struct stat st;
	CHECK(stat((p = at("root/usr/bin/secret")), &st) == 0 && (st.st_mode & 07777) == 0600);
	free(p);
	char link[64] = "";
	CHECK(readlink((p = at("root/usr/bin/hi")), link, sizeof link - 1) == 5);
	free(p);
	CHECK_STR(link, "hello");
	s = slurp("root.meta");
	CHECK_STR(s, "0755 0 0 usr/bin\n0755 0 0 usr/bin/hello\n0777 0 0 usr/bin/hi\n"
	             "0600 0 0 usr/bin/secret\n");
	free(s);
	CHECK(install("hello", NULL, NULL, err) == 0);

	/* A changed byte in a file: refused, naming package and file. */
	copy_pkg("hello", "bad");
	corrupt("bad", "echo");
	CHECK(install("bad", "root2", NULL, err) < 0);
	CHECK(strncmp(err, "bad: usr/bin/hello: sha256 mismatch (corrupt package ", 53) == 0);
	CHECK(!path_exists((p = at("root2"))));
	free(p);

	/* Truncated. */
	copy_pkg("hello", "short");
	p = xasprintf("%s/repo/short.pkg", dir);
	CHECK(truncate(p, 40) == 0);
	free(p);
	CHECK(install("short", "root2", NULL, err) < 0);
	CHECK(strstr(err, "truncated") != NULL);

	/* A TOML whose hash was edited. */
	copy_pkg("hello", "liar");
	p = xasprintf("%s/repo/liar.toml", dir);
	char *toml;
	size_t len;
	CHECK(read_file(p, &toml, &len) == 0);
	char *h = strstr(toml, "e3b0c442");
	h[0] = 'f';
	CHECK(write_file_atomic(p, toml, len, 0644, err) == 0);
	free(toml);
	free(p);
	CHECK(install("liar", "root2", NULL, err) < 0);
	CHECK(strncmp(err, "liar: usr/bin/secret: sha256 mismatch (corrupt package ", 55) == 0);

	/* A path that leaves the root is refused even when the hashes agree. */
	p = at("stage2");
	CHECK(mkdir_p(p, err) == 0);
	free(p);
	put("stage2/x", "x", 0644);
	p = at("stage2");
	char *pkg = xasprintf("%s/repo/evil.pkg", dir), *tp = xasprintf("%s/repo/evil.toml", dir);
	struct pkg_info ev = {.name = xstrdup("evil"), .version = xstrdup("1")};
	CHECK(pkg_create(p, &ev, pkg, tp, err) == 0);
	pkg_info_free(&ev);
	free(p);
	/* Rewrite "x" as ".." + "/x" is impossible in place; use a same-length path "/". */
	char *data;
	CHECK(read_file(pkg, &data, &len) == 0);
	data[12 + 16] = '/';
	CHECK(write_file_atomic(pkg, data, len, 0644, err) == 0);
	free(data);
	CHECK(read_file(tp, &data, &len) == 0);
	char *q = strstr(data, "path = \"x\"");
	q[8] = '/';
	/* pkg_sha256 no longer matches either, but the path check comes first */
	CHECK(write_file_atomic(tp, data, len, 0644, err) == 0);
	free(data);
	CHECK(install("evil", "root2", NULL, err) < 0);
	CHECK_STR(err, "evil: /: path leaves the root");
	free(pkg);
	free(tp);

	/* A symlink in the root is not written through. */
	CHECK(mkdir_p((p = at("root3")), err) == 0);
	free(p);
	p = at("root3/usr");
	CHECK(symlink("/tmp", p) == 0);
	free(p);
	CHECK(install("hello", "root3", NULL, err) < 0);
	CHECK(strstr(err, "'usr' in the root is not a folder") != NULL);

	CHECK(install("missing", "root2", NULL, err) < 0);

	/* An empty stage is an empty package. */
	p = at("nostage");
	char *pkg2 = xasprintf("%s/repo/empty.pkg", dir),
	     *t2 = xasprintf("%s/repo/empty.toml", dir);
	struct pkg_info em = {.name = xstrdup("empty"), .version = xstrdup("0")};
	CHECK(pkg_create(p, &em, pkg2, t2, err) == 0 && em.nfiles == 0);
	pkg_info_free(&em);
	CHECK(install("empty", "root4", NULL, err) == 0);
	free(p);
	free(pkg2);
	free(t2);

	CHECK(rm_rf(dir, err) == 0);
	return check_done("pkg_test");
}
