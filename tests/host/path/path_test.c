/*
 * Host tests of common/path: canonicalization of "scheme:/path" URLs (the
 * kernel's) and lexical normalisation of host paths (the host tools').
 */
#include <stdio.h>
#include <string.h>

#include "../check.h"
#include "path/path.h"

static void expect(const char *cwd, const char *path, const char *want)
{
	char out[256];
	long n = path_canonicalize(cwd, path, out, sizeof out);
	CHECK_RESULT(n >= 0 && !strcmp(out, want) && (size_t)n == strlen(want),
	             "cwd=%s path=%s: got '%s' (%ld), want '%s'", cwd, path, n < 0 ? "" : out, n,
	             want);
}

/* path_normalize_tail on a host path, keeping a relative path's leading ".." */
static void expect_host(const char *path, const char *want)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	size_t n = path_normalize_tail(buf, 0, 1);
	CHECK_RESULT(!strcmp(buf, want) && n == strlen(want), "%s: got '%s', want '%s'", path, buf,
	             want);
}

int main(void)
{
	expect("file:/", "etc/passwd", "file:/etc/passwd");
	expect("file:/home/user", "notes.txt", "file:/home/user/notes.txt");
	expect("file:/home/user", "/etc/passwd", "file:/etc/passwd");
	expect("file:/home/user", "../root", "file:/home/root");
	expect("file:/home/user", "../../../..", "file:/");
	expect("file:/home/user", ".", "file:/home/user");
	expect("file:/", "a//b/./c/", "file:/a/b/c");
	expect("file:/", "/", "file:/");
	expect("file:/x", "initfs:bin/init", "initfs:bin/init");
	expect("file:/x", "initfs:bin/../etc/init.rc", "initfs:etc/init.rc");
	expect("file:/x", "initfs:../../bin", "initfs:bin");
	expect("file:/x", "debug:", "debug:");
	expect("file:/x", "tcp:10.0.2.2:80", "tcp:10.0.2.2:80");
	expect("file:/x", ":echo", ":echo");
	expect("initfs:bin", "init", "initfs:bin/init");
	expect("initfs:", "bin/init", "initfs:bin/init");
	expect("file:/a/b", "../../..", "file:/");
	expect("file:/a", "x../..y/..", "file:/a/x..");

	char small[8];
	CHECK(path_canonicalize("file:/", "a/very/long/path", small, sizeof small) == -1);

	expect_host("a/b/../c", "a/c");
	expect_host("./a//b/", "a/b");
	expect_host("../a", "../a");
	expect_host("a/../../b", "../b");
	expect_host("../../x/..", "../..");
	expect_host("/../a", "/a");
	expect_host("/", "/");
	expect_host("a/..", "");
	expect_host(".", "");
	expect_host("", "");
	return check_done("path");
}
