/*
 * wchar.h: wide strings and conversion between wide characters and the
 * multibyte encoding, which is UTF-8 in every locale this library has.
 */
#ifndef _RELIBC_WCHAR_H
#define _RELIBC_WCHAR_H

#include <bits/cdefs.h>
#include <stddef.h>
#include <stdarg.h>

__RELIBC_BEGIN_DECLS

#ifndef _RELIBC_WINT_T
#define _RELIBC_WINT_T
typedef unsigned int wint_t;
#endif

typedef struct {
	unsigned int __wc;    /* bits gathered so far */
	unsigned int __count; /* continuation bytes still expected */
} mbstate_t;

#ifndef WEOF
#define WEOF ((wint_t)-1)
#endif
#define WCHAR_MIN __WCHAR_MIN__
#define WCHAR_MAX __WCHAR_MAX__

size_t wcslen(const wchar_t *s);
size_t wcsnlen(const wchar_t *s, size_t max);
wchar_t *wcscpy(wchar_t *__restrict_arg dst, const wchar_t *__restrict_arg src);
wchar_t *wcsncpy(wchar_t *__restrict_arg dst, const wchar_t *__restrict_arg src, size_t n);
wchar_t *wcscat(wchar_t *__restrict_arg dst, const wchar_t *__restrict_arg src);
wchar_t *wcsncat(wchar_t *__restrict_arg dst, const wchar_t *__restrict_arg src, size_t n);
int wcscmp(const wchar_t *a, const wchar_t *b);
int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n);
int wcscoll(const wchar_t *a, const wchar_t *b);
wchar_t *wcschr(const wchar_t *s, wchar_t c);
wchar_t *wcsrchr(const wchar_t *s, wchar_t c);
wchar_t *wcsstr(const wchar_t *hay, const wchar_t *needle);
size_t wcsspn(const wchar_t *s, const wchar_t *accept);
size_t wcscspn(const wchar_t *s, const wchar_t *reject);
wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept);
wchar_t *wcsdup(const wchar_t *s);
wchar_t *wmemcpy(wchar_t *__restrict_arg dst, const wchar_t *__restrict_arg src, size_t n);
wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n);
wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n);
int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n);

wint_t btowc(int c);
int wctob(wint_t c);
int mbsinit(const mbstate_t *ps);
size_t mbrlen(const char *__restrict_arg s, size_t n, mbstate_t *__restrict_arg ps);
size_t mbrtowc(wchar_t *__restrict_arg wc, const char *__restrict_arg s, size_t n,
               mbstate_t *__restrict_arg ps);
size_t wcrtomb(char *__restrict_arg s, wchar_t wc, mbstate_t *__restrict_arg ps);
size_t mbsrtowcs(wchar_t *__restrict_arg dst, const char **__restrict_arg src, size_t n,
                 mbstate_t *__restrict_arg ps);
size_t wcsrtombs(char *__restrict_arg dst, const wchar_t **__restrict_arg src, size_t n,
                 mbstate_t *__restrict_arg ps);

__RELIBC_END_DECLS

#endif
