/* df [PATH...]: size, used and free space of the file systems holding
 * the paths (the root file system by default), from statvfs. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/statvfs.h>

static int show(const char *path)
{
	struct statvfs s;
	if (statvfs(path, &s) < 0) {
		fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
		return 1;
	}
	unsigned long long unit = s.f_frsize ? s.f_frsize : s.f_bsize;
	unsigned long long total = s.f_blocks * unit / 1024, avail = s.f_bavail * unit / 1024;
	unsigned long long used = (s.f_blocks - s.f_bfree) * unit / 1024;
	unsigned pct = total ? (unsigned)((used * 100 + total - 1) / total) : 0;
	printf("%-16s %10llu %10llu %10llu %3u%%\n", path, total, used, avail, pct);
	return 0;
}

int main(int argc, char **argv)
{
	printf("%-16s %10s %10s %10s %4s\n", "Filesystem", "1K-blocks", "Used", "Available",
	       "Use%");
	if (argc < 2)
		return show("file:/");
	int r = 0;
	for (int i = 1; i < argc; i++)
		r |= show(argv[i]);
	return r;
}
