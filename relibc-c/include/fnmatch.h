/* fnmatch.h: shell wildcard matching of file names. */
#ifndef _RELIBC_FNMATCH_H
#define _RELIBC_FNMATCH_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

#define FNM_NOMATCH     1
#define FNM_PATHNAME    0x01
#define FNM_NOESCAPE    0x02
#define FNM_PERIOD      0x04
#define FNM_LEADING_DIR 0x08
#define FNM_CASEFOLD    0x10
#define FNM_FILE_NAME   FNM_PATHNAME
#define FNM_IGNORECASE  FNM_CASEFOLD

int fnmatch(const char *pattern, const char *string, int flags);

__RELIBC_END_DECLS

#endif
