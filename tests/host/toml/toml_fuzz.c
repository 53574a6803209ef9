/*
 * libFuzzer target for common/toml (make fuzz-toml). Beyond "no crash, no
 * sanitizer report", it checks that errors are one "fuzz.toml:LINE: ..."
 * line with a plausible line number, and that a parsed tree written back
 * as TOML parses to the same tree.
 */
#include "toml_dump.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void require(int cond, const char *what, const char *detail)
{
	if (!cond) {
		fprintf(stderr, "toml_fuzz: %s\n%s\n", what, detail ? detail : "");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct toml_error err;
	struct toml_doc *doc = toml_parse((const char *)data, size, "fuzz.toml", &err);
	if (!doc) {
		unsigned lines = 1;
		for (size_t i = 0; i < size; i++)
			lines += data[i] == '\n';
		require(strncmp(err.message, "fuzz.toml:", 10) == 0, "error without file name",
		        err.message);
		require(strchr(err.message, '\n') == NULL, "multi-line error", err.message);
		require(err.line >= 1 && err.line <= lines, "error line out of range", err.message);
		return 0;
	}
	char *dump = toml_test_dump(toml_root(doc));
	char *text = toml_test_emit(toml_root(doc));
	struct toml_doc *again = toml_parse(text, strlen(text), "emitted.toml", &err);
	/* [a.b.c...] headers may nest deeper than inline syntax is allowed to */
	if (again || !strstr(err.message, "nested too deeply")) {
		require(again != NULL, "emitted document does not parse", err.message);
		char *dump2 = toml_test_dump(toml_root(again));
		require(strcmp(dump, dump2) == 0, "round trip changed the tree", text);
		free(dump2);
	}
	toml_free(again);
	free(text);
	free(dump);
	toml_free(doc);
	return 0;
}
