/*
 * Host tests of common/path: canonicalization of "scheme:/path" URLs.
 */
#include <stdio.h>
#include <string.h>

#include "path/path.h"

static int failures, checks;

static void expect(const char *cwd, const char *path, const char *want)
{
	char out[256];
	long n = path_canonicalize(cwd, path, out, sizeof out);
	checks++;
	if (n < 0 || strcmp(out, want) || (size_t)n != strlen(want)) {
		printf("FAIL: cwd=%s path=%s: got '%s' (%ld), want '%s'\n", cwd, path,
		       n < 0 ? "" : out, n, want);
		failures++;
	}
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
	expect("file:/x", "debug:", "debug:");
	expect("file:/x", "tcp:10.0.2.2:80", "tcp:10.0.2.2:80");
	expect("file:/x", ":echo", ":echo");
	expect("initfs:bin", "init", "initfs:bin/init");
	expect("initfs:", "bin/init", "initfs:bin/init");
	expect("file:/a/b", "../../..", "file:/");

	char small[8];
	checks++;
	if (path_canonicalize("file:/", "a/very/long/path", small, sizeof small) != -1) {
		printf("FAIL: a too-small buffer must give -1\n");
		failures++;
	}
	printf("path: %d checks, %d failures\n", checks, failures);
	return failures != 0;
}
