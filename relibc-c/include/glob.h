/*
 * glob.h: pathname expansion over readdir and fnmatch. A component
 * with a scheme ("initfs:bin/*") is taken literally. src/glob/.
 */
#ifndef _RELIBC_GLOB_H
#define _RELIBC_GLOB_H

#include <bits/cdefs.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

typedef struct {
	size_t gl_pathc;
	char **gl_pathv;
	size_t gl_offs;
} glob_t;

#define GLOB_ERR      0x01
#define GLOB_MARK     0x02
#define GLOB_NOSORT   0x04
#define GLOB_DOOFFS   0x08
#define GLOB_NOCHECK  0x10
#define GLOB_APPEND   0x20
#define GLOB_NOESCAPE 0x40
#define GLOB_PERIOD   0x80

#define GLOB_NOSPACE 1
#define GLOB_ABORTED 2
#define GLOB_NOMATCH 3

int glob(const char *__restrict_arg pattern, int flags, int (*errfunc)(const char *path, int err),
         glob_t *__restrict_arg g);
void globfree(glob_t *g);

__RELIBC_END_DECLS

#endif
