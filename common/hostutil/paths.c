/*
 * Lexical paths (join, dirname, normalize, absolute) and hex (see
 * hostutil.h). Nothing here looks at the filesystem but path_absolute's
 * getcwd.
 */
#define _GNU_SOURCE
#include "hostutil.h"

#include <path/path.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || dir[0] == '\0')
		return xstrdup(rel);
	size_t n = strlen(dir);
	return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *path_normalize(const char *path)
{
	char *copy = xstrdup(path);
	if (path_normalize_tail(copy, 0, 1) == 0) {
		free(copy);
		return xstrdup(".");
	}
	return copy;
}

char *path_absolute(const char *path)
{
	if (path[0] == '/')
		return path_normalize(path);
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		cwd = xstrdup("/");
	char *joined = path_join(cwd, path);
	char *r = path_normalize(joined);
	free(joined);
	free(cwd);
	return r;
}

void hex_encode(const uint8_t *data, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[data[i] >> 4];
		out[2 * i + 1] = digits[data[i] & 15];
	}
	out[2 * len] = '\0';
}
