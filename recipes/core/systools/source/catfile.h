/*
 * Copying a kernel information file (sys:...) to standard output, shared
 * by the system tools that are views of one.
 */
#ifndef SYSTOOLS_CATFILE_H
#define SYSTOOLS_CATFILE_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static inline int cat_file(const char *prog, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 1;
	}
	char buf[4096];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (write(1, buf, (size_t)n) != n)
			break;
	int r = n < 0 ? 1 : 0;
	if (n < 0)
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	close(fd);
	return r;
}

#endif
