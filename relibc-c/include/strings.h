/*
 * strings.h: the BSD-heritage string functions and case-insensitive
 * comparison (C locale).
 */
#ifndef _RELIBC_STRINGS_H
#define _RELIBC_STRINGS_H

#include <bits/cdefs.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
int bcmp(const void *a, const void *b, size_t n);
void bcopy(const void *src, void *dst, size_t n);
void bzero(void *s, size_t n);
char *index(const char *s, int c);
char *rindex(const char *s, int c);
int ffs(int i);
int ffsl(long i);
int ffsll(long long i);

__RELIBC_END_DECLS

#endif
