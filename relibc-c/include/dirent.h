/*
 * dirent.h: reading folders. A Redox folder opened with O_DIRECTORY reads
 * as its entries' names, one a line; readdir hands them out one by one.
 * There are no "." and ".." entries and no types (d_type is DT_UNKNOWN);
 * d_ino is the entry's position (from 1), d_off the next one's. src/dirent/.
 */
#ifndef _RELIBC_DIRENT_H
#define _RELIBC_DIRENT_H

#include <bits/cdefs.h>
#include <bits/types.h>

__RELIBC_BEGIN_DECLS

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct _relibc_DIR DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int readdir_r(DIR *__restrict_arg d, struct dirent *__restrict_arg entry,
              struct dirent **__restrict_arg result);
int closedir(DIR *d);
void rewinddir(DIR *d);
long telldir(DIR *d);
void seekdir(DIR *d, long loc);
int dirfd(DIR *d);
int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
            int (*compar)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);

__RELIBC_END_DECLS

#endif
