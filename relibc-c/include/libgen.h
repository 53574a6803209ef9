/* libgen.h: the POSIX basename and dirname (they may modify their argument). src/libgen/. */
#ifndef _RELIBC_LIBGEN_H
#define _RELIBC_LIBGEN_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

char *basename(char *path);
char *dirname(char *path);

__RELIBC_END_DECLS

#endif
