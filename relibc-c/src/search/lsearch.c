/*
 * lfind and lsearch: linear search over an array of *nelp elements of
 * width bytes; lsearch appends the key when it is not there.
 */
#include <search.h>
#include <string.h>

void *lfind(const void *key, const void *base, size_t *nelp, size_t width, __compar_fn_t compar)
{
	const char *p = base;
	for (size_t i = 0; i < *nelp; i++, p += width)
		if (compar(key, p) == 0)
			return (void *)p;
	return NULL;
}

void *lsearch(const void *key, void *base, size_t *nelp, size_t width, __compar_fn_t compar)
{
	void *found = lfind(key, base, nelp, width, compar);
	if (found)
		return found;
	char *end = (char *)base + *nelp * width;
	memcpy(end, key, width);
	(*nelp)++;
	return end;
}
