/*
 * toml_parse_file(): reads a whole file with stdio and parses it. Errors
 * reading the file use the same "FILE: message" shape as parse errors.
 */
#include "toml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void io_error(struct toml_error *err, const char *path, const char *what, int errnum)
{
	if (!err)
		return;
	err->line = 0;
	snprintf(err->message, sizeof(err->message), "%s: %s: %s", path, what, strerror(errnum));
}

struct toml_doc *toml_parse_file(const char *path, struct toml_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		io_error(err, path, "cannot open", errno);
		return NULL;
	}
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			fclose(f);
			io_error(err, path, "cannot read", ENOMEM);
			return NULL;
		}
		len += fread(buf + len, 1, cap - len, f);
		if (len < cap)
			break;
		cap *= 2;
		char *nbuf = realloc(buf, cap);
		if (!nbuf)
			free(buf);
		buf = nbuf;
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		free(buf);
		io_error(err, path, "cannot read", e ? e : EIO);
		return NULL;
	}
	fclose(f);
	struct toml_doc *doc = toml_parse(buf, len, path, err);
	free(buf);
	return doc;
}
