/*
 * manyfiles-test: init of the manyfiles-test image (a 1 GiB filesystem on
 * AHCI). Redox's crash challenge: COUNT files created in one directory,
 * listed, counted and removed, with the time of each phase:
 *   "manyfiles: created 100000 files in S.SS s"
 *   "manyfiles: listed and counted 100000 names in S.SS s"
 *   "manyfiles: removed 100000 files in S.SS s"
 *   "manyfiles: done: ok" (or "manyfiles: FAIL: <what>")
 * make bench boots it and reports the times.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

#define COUNT 100000
#define MANY  "file:/many"

static int fail(const char *what, int n)
{
	say("manyfiles: FAIL: %s at %d: %s\n", what, n, strerror(errno));
	return 1;
}

static void phase(const char *what, int n, uint64_t t0)
{
	uint64_t ms = (now_ns() - t0) / 1000000;
	say("manyfiles: %s %d %s in %llu.%02llu s\n", what, n,
	    strcmp(what, "listed and counted") ? "files" : "names", (unsigned long long)(ms / 1000),
	    (unsigned long long)(ms % 1000 / 10));
}

int main(void)
{
	if (start_root_fs() != 0) {
		say("manyfiles: FAIL: no file: from disk\n");
		return 1;
	}
	if (mkdir(MANY, 0755) && errno != EEXIST)
		return fail("mkdir", 0);
	char path[64];
	uint64_t t0 = now_ns();
	for (int i = 0; i < COUNT; i++) {
		snprintf(path, sizeof path, MANY "/file-%06d", i);
		int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0)
			return fail("create", i);
		close(fd);
		if (i && i % 10000 == 0)
			say("manyfiles: %d created (%llu s)\n", i,
			    (unsigned long long)((now_ns() - t0) / 1000000000));
	}
	phase("created", COUNT, t0);
	t0 = now_ns();
	DIR *d = opendir(MANY);
	if (!d)
		return fail("opendir", 0);
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		count += !strncmp(e->d_name, "file-", 5);
	closedir(d);
	if (count != COUNT) {
		say("manyfiles: FAIL: listed %d names, not %d\n", count, COUNT);
		return 1;
	}
	phase("listed and counted", count, t0);
	t0 = now_ns();
	for (int i = 0; i < COUNT; i++) {
		snprintf(path, sizeof path, MANY "/file-%06d", i);
		if (unlink(path))
			return fail("unlink", i);
		if (i && i % 10000 == 0)
			say("manyfiles: %d removed (%llu s)\n", i,
			    (unsigned long long)((now_ns() - t0) / 1000000000));
	}
	phase("removed", COUNT, t0);
	if (rmdir(MANY))
		return fail("rmdir (the directory is not empty?)", 0);
	say("manyfiles: done: ok\n");
	return 0;
}
