/*
 * The environment: `environ`, a NULL-terminated array of "NAME=value"
 * strings that the start-up code points at the initial block. The first
 * change copies the array to the heap; strings made by setenv are freed
 * again when replaced or removed, strings from putenv belong to the
 * caller and are never freed.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "internal/internal.h"

char **environ;

static char **owned_array; /* environ when it is ours to realloc */
static char **owned;       /* the strings setenv allocated */
static size_t owned_n, owned_cap;
static __relibc_spinlock lock;

static size_t name_len(const char *name)
{
	size_t n = 0;
	while (name[n] && name[n] != '=')
		n++;
	return n;
}

/* index of NAME in environ, or the count of entries if absent */
static size_t find(const char *name, size_t len, int *found)
{
	size_t i = 0;
	*found = 0;
	for (; environ && environ[i]; i++) {
		if (!strncmp(environ[i], name, len) && environ[i][len] == '=') {
			*found = 1;
			return i;
		}
	}
	return i;
}

static void release(char *s)
{
	for (size_t i = 0; i < owned_n; i++) {
		if (owned[i] == s) {
			free(s);
			owned[i] = owned[--owned_n];
			return;
		}
	}
}

static int remember(char *s)
{
	if (owned_n == owned_cap) {
		size_t cap = owned_cap ? owned_cap * 2 : 16;
		char **n = realloc(owned, cap * sizeof(char *));
		if (!n)
			return -1;
		owned = n;
		owned_cap = cap;
	}
	owned[owned_n++] = s;
	return 0;
}

/* makes environ an array of our own with room for `count` + 1 entries */
static int own_array(size_t count)
{
	char **n;
	if (environ == owned_array) {
		n = realloc(owned_array, (count + 2) * sizeof(char *));
		if (!n)
			return -1;
	} else {
		/* the start-up array is not ours to write: copy it */
		n = malloc((count + 2) * sizeof(char *));
		if (!n)
			return -1;
		if (count)
			memcpy(n, environ, count * sizeof(char *));
		n[count] = NULL;
		free(owned_array);
	}
	owned_array = environ = n;
	return 0;
}

static size_t env_count(void)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	return n;
}

/* sets entry i (i == count appends) to s */
static int put(size_t i, int found, char *s)
{
	size_t count = found ? env_count() : i;
	if (own_array(count) < 0)
		return -1;
	if (found) {
		release(environ[i]);
		environ[i] = s;
		return 0;
	}
	environ[count] = s;
	environ[count + 1] = NULL;
	return 0;
}

char *getenv(const char *name)
{
	size_t len = name_len(name);
	if (name[len])
		return NULL;
	int found;
	size_t i = find(name, len, &found);
	return found ? environ[i] + len + 1 : NULL;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t len = name_len(name);
	if (!len || name[len]) {
		errno = EINVAL;
		return -1;
	}
	__relibc_lock(&lock);
	int found;
	size_t i = find(name, len, &found);
	if (found && !overwrite) {
		__relibc_unlock(&lock);
		return 0;
	}
	size_t vlen = strlen(value);
	char *s = malloc(len + vlen + 2);
	if (!s || remember(s) < 0) {
		free(s);
		goto nomem;
	}
	memcpy(s, name, len);
	s[len] = '=';
	memcpy(s + len + 1, value, vlen + 1);
	if (put(i, found, s) < 0) {
		release(s);
		goto nomem;
	}
	__relibc_unlock(&lock);
	return 0;
nomem:
	__relibc_unlock(&lock);
	errno = ENOMEM;
	return -1;
}

int putenv(char *string)
{
	size_t len = name_len(string);
	if (!string[len])
		return unsetenv(string);
	__relibc_lock(&lock);
	int found;
	size_t i = find(string, len, &found);
	int r = put(i, found, string);
	__relibc_unlock(&lock);
	if (r < 0)
		errno = ENOMEM;
	return r;
}

int unsetenv(const char *name)
{
	size_t len = name_len(name);
	if (!len || name[len]) {
		errno = EINVAL;
		return -1;
	}
	__relibc_lock(&lock);
	int present;
	find(name, len, &present);
	if (present && own_array(env_count()) < 0) {
		__relibc_unlock(&lock);
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		int found;
		size_t i = find(name, len, &found);
		if (!found)
			break;
		release(environ[i]);
		/* shift the rest down, keeping the order */
		for (; environ[i]; i++)
			environ[i] = environ[i + 1];
	}
	__relibc_unlock(&lock);
	return 0;
}

int clearenv(void)
{
	__relibc_lock(&lock);
	for (size_t i = 0; i < owned_n; i++)
		free(owned[i]);
	owned_n = 0;
	free(owned_array);
	owned_array = NULL;
	environ = NULL;
	__relibc_unlock(&lock);
	return 0;
}
