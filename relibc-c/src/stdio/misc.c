/*
 * stdio functions over other calls: perror, remove (unlink, or rmdir for
 * a directory) and tmpnam.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "stdio/file.h"

void perror(const char *s)
{
	const char *msg = strerror(errno);
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	int saved = errno;
	if (rmdir(path) == 0)
		return 0;
	if (errno == ENOTDIR)
		errno = saved;
	return -1;
}

/* A name in P_tmpdir that no file has now: the process id and a counter. */
char *tmpnam(char *s)
{
	static char own[L_tmpnam];
	static unsigned counter;
	char *out = s ? s : own;
	for (int tries = 0; tries < 1000; tries++) {
		snprintf(out, L_tmpnam, P_tmpdir "/tmp.%d.%u", (int)getpid(), counter++);
		if (access(out, F_OK) < 0 && errno == ENOENT)
			return out;
	}
	return 0;
}
