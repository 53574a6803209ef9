/*
 * toml_parse(): the parser with malloc/free as its allocator, for hosted
 * programs (host tools and programs linked against relibc-c).
 */
#include "toml.h"

#include <stdlib.h>

static void *malloc_alloc(void *ctx, size_t size)
{
	(void)ctx;
	return malloc(size ? size : 1);
}

static void malloc_free(void *ctx, void *ptr)
{
	(void)ctx;
	free(ptr);
}

static const struct toml_allocator malloc_allocator = {malloc_alloc, malloc_free, NULL};

struct toml_doc *toml_parse(const char *text, size_t len, const char *filename,
                            struct toml_error *err)
{
	return toml_parse_with(text, len, filename, &malloc_allocator, err);
}
