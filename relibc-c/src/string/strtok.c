/*
 * Splitting strings into tokens: strtok, strtok_r and strsep.
 */
#include <string.h>

char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += strspn(s, delim);
	if (!*s) {
		*save = NULL;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = 0;
	else
		end = NULL;
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;
	return strtok_r(s, delim, &save);
}

char *strsep(char **restrict sp, const char *restrict delim)
{
	char *s = *sp;
	if (!s)
		return NULL;
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = 0;
	else
		end = NULL;
	*sp = end;
	return s;
}
