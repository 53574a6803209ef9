/*
 * Folder reading: a DIR holds the folder's descriptor and a buffer of
 * its listing (names separated by '\n'); readdir cuts the next name out,
 * reading more when no whole line is buffered. Positions (telldir) are
 * entry counts, so seekdir reads the listing again up to one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/internal.h"

#define LISTING_BUF 4096

struct _relibc_DIR {
	int fd;
	size_t pos, len; /* unread listing: buf[pos, len) */
	int at_end;
	long index; /* entries handed out */
	struct dirent entry;
	char buf[LISTING_BUF];
};

DIR *fdopendir(int fd)
{
	int dir = __relibc_fd_is_dir(fd);
	if (dir <= 0) {
		if (dir == 0)
			errno = ENOTDIR;
		return 0;
	}
	DIR *d = calloc(1, sizeof *d);
	if (!d)
		return 0;
	d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	DIR *d = fdopendir(fd);
	if (!d) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return d;
}

int closedir(DIR *d)
{
	int r = close(d->fd);
	free(d);
	return r;
}

int dirfd(DIR *d)
{
	return d->fd;
}

/* The next name into d->entry; 1, 0 at the end, -1 on a read error. */
static int next_name(DIR *d)
{
	for (;;) {
		char *start = d->buf + d->pos;
		char *nl = memchr(start, '\n', d->len - d->pos);
		size_t n = nl ? (size_t)(nl - start) : d->len - d->pos;
		if (nl || (d->at_end && n)) {
			d->pos += n + (nl != 0);
			if (!n)
				continue; /* an empty line is no entry */
			if (n > sizeof d->entry.d_name - 1)
				n = sizeof d->entry.d_name - 1;
			memcpy(d->entry.d_name, start, n);
			d->entry.d_name[n] = 0;
			d->index++;
			d->entry.d_ino = (ino_t)d->index;
			d->entry.d_off = d->index;
			d->entry.d_reclen = sizeof d->entry;
			d->entry.d_type = DT_UNKNOWN;
			return 1;
		}
		if (d->at_end)
			return 0;
		/* keep the partial line, read more after it */
		memmove(d->buf, start, n);
		d->pos = 0;
		d->len = n;
		if (d->len == sizeof d->buf) {
			/* a name longer than the buffer: drop what we have of it */
			d->len = 0;
		}
		ssize_t r = read(d->fd, d->buf + d->len, sizeof d->buf - d->len);
		if (r < 0)
			return -1;
		if (r == 0)
			d->at_end = 1;
		d->len += (size_t)r;
	}
}

struct dirent *readdir(DIR *d)
{
	int saved = errno;
	int r = next_name(d);
	if (r <= 0) {
		if (r == 0)
			errno = saved;
		return 0;
	}
	return &d->entry;
}

int readdir_r(DIR *restrict d, struct dirent *restrict entry, struct dirent **restrict result)
{
	int saved = errno;
	int r = next_name(d);
	*result = 0;
	if (r < 0) {
		r = errno;
		errno = saved;
		return r;
	}
	if (r > 0) {
		*entry = d->entry;
		*result = entry;
	}
	return 0;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
	d->at_end = 0;
	d->index = 0;
}

long telldir(DIR *d)
{
	return d->index;
}

void seekdir(DIR *d, long loc)
{
	rewinddir(d);
	while (d->index < loc && next_name(d) > 0)
		;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

typedef int (*dirent_cmp)(const struct dirent **, const struct dirent **);

static int by_compar(const void *a, const void *b, void *arg)
{
	return (*(dirent_cmp *)arg)((const struct dirent **)a, (const struct dirent **)b);
}

int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
            int (*compar)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent **v = 0, *e;
	size_t n = 0, cap = 0;
	int err = 0;
	errno = 0;
	while ((e = readdir(d))) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct dirent **nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				err = ENOMEM;
				break;
			}
			v = nv;
		}
		if (!(v[n] = malloc(sizeof *e))) {
			err = ENOMEM;
			break;
		}
		*v[n++] = *e;
		errno = 0;
	}
	if (!err && errno)
		err = errno;
	closedir(d);
	if (err || n > 0x7FFFFFFF) {
		while (n)
			free(v[--n]);
		free(v);
		errno = err ? err : EOVERFLOW;
		return -1;
	}
	if (compar && n > 1)
		qsort_r(v, n, sizeof *v, by_compar, &compar);
	*list = v;
	return (int)n;
}
