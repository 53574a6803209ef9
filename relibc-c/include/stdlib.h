/*
 * stdlib.h: number conversion, sorting and searching, integer
 * arithmetic, pseudo-random numbers, memory allocation and the
 * environment. Process control (exit, abort, system) comes from the
 * platform layer.
 */
#ifndef _RELIBC_STDLIB_H
#define _RELIBC_STDLIB_H

#include <bits/cdefs.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     0x7fffffff
/* the multibyte encoding is UTF-8 */
#define MB_CUR_MAX ((size_t)4)

typedef struct {
	int quot, rem;
} div_t;
typedef struct {
	long quot, rem;
} ldiv_t;
typedef struct {
	long long quot, rem;
} lldiv_t;

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
double atof(const char *s);
long strtol(const char *__restrict_arg s, char **__restrict_arg end, int base);
unsigned long strtoul(const char *__restrict_arg s, char **__restrict_arg end, int base);
long long strtoll(const char *__restrict_arg s, char **__restrict_arg end, int base);
unsigned long long strtoull(const char *__restrict_arg s, char **__restrict_arg end, int base);
double strtod(const char *__restrict_arg s, char **__restrict_arg end);
float strtof(const char *__restrict_arg s, char **__restrict_arg end);
long double strtold(const char *__restrict_arg s, char **__restrict_arg end);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void qsort_r(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *),
             void *arg);
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *));

int abs(int i);
long labs(long i);
long long llabs(long long i);
div_t div(int n, int d);
ldiv_t ldiv(long n, long d);
lldiv_t lldiv(long long n, long long d);

int rand(void);
int rand_r(unsigned int *seed);
void srand(unsigned int seed);
long random(void);
void srandom(unsigned int seed);
double drand48(void);
long lrand48(void);
long mrand48(void);
void srand48(long seed);

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void *reallocarray(void *p, size_t n, size_t size);
void free(void *p);
void *aligned_alloc(size_t align, size_t size);
int posix_memalign(void **out, size_t align, size_t size);
void *memalign(size_t align, size_t size);
void *valloc(size_t size);
size_t malloc_usable_size(void *p);

extern char **environ;
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *string);
int clearenv(void);

int mblen(const char *s, size_t n);
int mbtowc(wchar_t *__restrict_arg wc, const char *__restrict_arg s, size_t n);
int wctomb(char *s, wchar_t wc);
size_t mbstowcs(wchar_t *__restrict_arg dst, const char *__restrict_arg src, size_t n);
size_t wcstombs(char *__restrict_arg dst, const wchar_t *__restrict_arg src, size_t n);

/* provided by the platform layer */
__relibc_noreturn void abort(void);
__relibc_noreturn void exit(int status);
__relibc_noreturn void _Exit(int status);
int atexit(void (*fn)(void));
int system(const char *cmd);
char *realpath(const char *__restrict_arg path, char *__restrict_arg resolved);
int mkstemp(char *tmpl);
/* the program's name without folders (BSD) */
const char *getprogname(void);
char *mkdtemp(char *tmpl);

#define alloca(n) __builtin_alloca(n)

__RELIBC_END_DECLS

#endif
