/*
 * Lexical paths (join, dirname, normalize, absolute) and hex (see
 * hostutil.h). Nothing here looks at the filesystem but path_absolute's
 * getcwd.
 */
#define _GNU_SOURCE
#include "hostutil.h"

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
	bool absolute = path[0] == '/';
	char *copy = xstrdup(path);
	char **parts = xmalloc((strlen(path) / 2 + 2) * sizeof(*parts));
	size_t n = 0;
	for (char *save, *tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..") && n > 0 && strcmp(parts[n - 1], ".."))
			n--;
		else if (!(absolute && n == 0 && !strcmp(tok, ".."))) /* "/.." is "/" */
			parts[n++] = tok;
	}
	struct strbuf sb = {0};
	if (absolute)
		sb_puts(&sb, "/");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_puts(&sb, "/");
		sb_puts(&sb, parts[i]);
	}
	if (!sb.len)
		sb_puts(&sb, ".");
	free(parts);
	free(copy);
	return sb_take(&sb);
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
