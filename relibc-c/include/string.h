/*
 * string.h: byte strings and memory blocks (C11 + POSIX + common BSD/GNU
 * additions). The error messages come from the ABI's errno_list.h.
 */
#ifndef _RELIBC_STRING_H
#define _RELIBC_STRING_H

#include <bits/cdefs.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

void *memcpy(void *__restrict_arg dst, const void *__restrict_arg src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
void *rawmemchr(const void *s, int c);
void *memmem(const void *hay, size_t hlen, const void *needle, size_t nlen);
void *memccpy(void *__restrict_arg dst, const void *__restrict_arg src, int c, size_t n);
void *mempcpy(void *__restrict_arg dst, const void *__restrict_arg src, size_t n);
void explicit_bzero(void *s, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *__restrict_arg dst, const char *__restrict_arg src);
char *strncpy(char *__restrict_arg dst, const char *__restrict_arg src, size_t n);
char *stpcpy(char *__restrict_arg dst, const char *__restrict_arg src);
char *stpncpy(char *__restrict_arg dst, const char *__restrict_arg src, size_t n);
char *strcat(char *__restrict_arg dst, const char *__restrict_arg src);
char *strncat(char *__restrict_arg dst, const char *__restrict_arg src, size_t n);
size_t strlcpy(char *__restrict_arg dst, const char *__restrict_arg src, size_t size);
size_t strlcat(char *__restrict_arg dst, const char *__restrict_arg src, size_t size);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcoll(const char *a, const char *b);
size_t strxfrm(char *__restrict_arg dst, const char *__restrict_arg src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strstr(const char *hay, const char *needle);
char *strcasestr(const char *hay, const char *needle);
int strverscmp(const char *a, const char *b);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *__restrict_arg s, const char *__restrict_arg delim);
char *strtok_r(char *__restrict_arg s, const char *__restrict_arg delim,
               char **__restrict_arg save);
char *strsep(char **__restrict_arg sp, const char *__restrict_arg delim);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strerror(int errnum);
int strerror_r(int errnum, char *buf, size_t len);
char *strsignal(int sig);

#ifdef _GNU_SOURCE
#define strdupa(s)                                                                                 \
	__extension__({                                                                            \
		const char *__s = (s);                                                             \
		size_t __n = strlen(__s) + 1;                                                      \
		(char *)memcpy(__builtin_alloca(__n), __s, __n);                                   \
	})
#endif

__RELIBC_END_DECLS

#include <strings.h>

#endif
