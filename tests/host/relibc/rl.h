/*
 * The library under test, as the tests see it: every function relibc-c
 * defines is renamed rl_<name> at build time (see mk/relibc.mk), so
 * these prototypes name the renamed symbols. Types that differ from the
 * host's (struct tm, jmp_buf) are mirrored here.
 */
#ifndef RELIBC_RL_H
#define RELIBC_RL_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <wchar.h>
#include <sys/types.h>

/* errno */
int *rl___errno_location(void);
#define rl_errno (*rl___errno_location())

/* string.h / strings.h */
void *rl_memcpy(void *dst, const void *src, size_t n);
void *rl_memmove(void *dst, const void *src, size_t n);
void *rl_memset(void *dst, int c, size_t n);
int rl_memcmp(const void *a, const void *b, size_t n);
void *rl_memchr(const void *s, int c, size_t n);
void *rl_memrchr(const void *s, int c, size_t n);
void *rl_memmem(const void *h, size_t hl, const void *n, size_t nl);
void *rl_memccpy(void *dst, const void *src, int c, size_t n);
void *rl_mempcpy(void *dst, const void *src, size_t n);
size_t rl_strlen(const char *s);
size_t rl_strnlen(const char *s, size_t n);
char *rl_strcpy(char *d, const char *s);
char *rl_strncpy(char *d, const char *s, size_t n);
char *rl_stpcpy(char *d, const char *s);
char *rl_stpncpy(char *d, const char *s, size_t n);
char *rl_strcat(char *d, const char *s);
char *rl_strncat(char *d, const char *s, size_t n);
size_t rl_strlcpy(char *d, const char *s, size_t n);
size_t rl_strlcat(char *d, const char *s, size_t n);
int rl_strcmp(const char *a, const char *b);
int rl_strncmp(const char *a, const char *b, size_t n);
int rl_strcasecmp(const char *a, const char *b);
int rl_strncasecmp(const char *a, const char *b, size_t n);
char *rl_strchr(const char *s, int c);
char *rl_strrchr(const char *s, int c);
char *rl_strchrnul(const char *s, int c);
char *rl_strstr(const char *h, const char *n);
char *rl_strcasestr(const char *h, const char *n);
int rl_strverscmp(const char *a, const char *b);
size_t rl_strspn(const char *s, const char *a);
size_t rl_strcspn(const char *s, const char *r);
char *rl_strpbrk(const char *s, const char *a);
char *rl_strtok(char *s, const char *d);
char *rl_strtok_r(char *s, const char *d, char **save);
char *rl_strsep(char **sp, const char *d);
char *rl_strdup(const char *s);
char *rl_strndup(const char *s, size_t n);
char *rl_strerror(int e);
int rl_strerror_r(int e, char *buf, size_t len);
int rl_ffs(int i);
int rl_ffsll(long long i);
size_t rl_strxfrm(char *d, const char *s, size_t n);

/* ctype.h, wctype.h, wchar.h */
int rl_isalnum(int c);
int rl_isalpha(int c);
int rl_isblank(int c);
int rl_iscntrl(int c);
int rl_isdigit(int c);
int rl_isgraph(int c);
int rl_islower(int c);
int rl_isprint(int c);
int rl_ispunct(int c);
int rl_isspace(int c);
int rl_isupper(int c);
int rl_isxdigit(int c);
int rl_tolower(int c);
int rl_toupper(int c);
size_t rl_wcslen(const wchar_t *s);
int rl_wcscmp(const wchar_t *a, const wchar_t *b);
wchar_t *rl_wcschr(const wchar_t *s, wchar_t c);
wchar_t *rl_wcsstr(const wchar_t *h, const wchar_t *n);
wchar_t *rl_wcscpy(wchar_t *d, const wchar_t *s);
typedef struct {
	unsigned int wc, count;
} rl_mbstate_t;
size_t rl_mbrtowc(wchar_t *wc, const char *s, size_t n, rl_mbstate_t *ps);
size_t rl_wcrtomb(char *s, wchar_t wc, rl_mbstate_t *ps);
size_t rl_mbstowcs(wchar_t *d, const char *s, size_t n);
size_t rl_wcstombs(char *d, const wchar_t *s, size_t n);
int rl_mbtowc(wchar_t *wc, const char *s, size_t n);
char *rl_setlocale(int cat, const char *loc);

/* stdlib.h */
long rl_strtol(const char *s, char **end, int base);
unsigned long rl_strtoul(const char *s, char **end, int base);
long long rl_strtoll(const char *s, char **end, int base);
unsigned long long rl_strtoull(const char *s, char **end, int base);
intmax_t rl_strtoimax(const char *s, char **end, int base);
int rl_atoi(const char *s);
long rl_atol(const char *s);
double rl_atof(const char *s);
double rl_strtod(const char *s, char **end);
float rl_strtof(const char *s, char **end);
long double rl_strtold(const char *s, char **end);
void rl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void rl_qsort_r(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *),
                void *arg);
void *rl_bsearch(const void *key, const void *base, size_t n, size_t size,
                 int (*cmp)(const void *, const void *));
int rl_abs(int i);
long rl_labs(long i);
typedef struct {
	int quot, rem;
} rl_div_t;
rl_div_t rl_div(int n, int d);
int rl_rand(void);
void rl_srand(unsigned s);
int rl_rand_r(unsigned *s);
double rl_drand48(void);
void rl_srand48(long s);
long rl_lrand48(void);
void *rl_malloc(size_t n);
void *rl_calloc(size_t n, size_t s);
void *rl_realloc(void *p, size_t n);
void *rl_reallocarray(void *p, size_t n, size_t s);
void rl_free(void *p);
void *rl_aligned_alloc(size_t a, size_t n);
int rl_posix_memalign(void **out, size_t a, size_t n);
void *rl_valloc(size_t n);
size_t rl_malloc_usable_size(void *p);
extern char **rl_environ;
char *rl_getenv(const char *name);
int rl_setenv(const char *name, const char *value, int overwrite);
int rl_unsetenv(const char *name);
int rl_putenv(char *s);
int rl_clearenv(void);

/* stdio.h formatting */
int rl_snprintf(char *buf, size_t n, const char *fmt, ...);
int rl_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int rl_sprintf(char *buf, const char *fmt, ...);
int rl_asprintf(char **out, const char *fmt, ...);
int rl_sscanf(const char *s, const char *fmt, ...);

/* stdio.h streams: FILE is opaque; the cookie functions have glibc's shape */
typedef struct rl_FILE rl_FILE;
typedef struct {
	ssize_t (*read)(void *cookie, char *buf, size_t n);
	ssize_t (*write)(void *cookie, const char *buf, size_t n);
	int (*seek)(void *cookie, long *off, int whence);
	int (*close)(void *cookie);
} rl_cookie_io_functions_t;
typedef struct {
	long pos;
} rl_fpos_t;
rl_FILE *rl_fopencookie(void *cookie, const char *mode, rl_cookie_io_functions_t ops);
rl_FILE *rl_fmemopen(void *buf, size_t size, const char *mode);
rl_FILE *rl_open_memstream(char **ptr, size_t *size);
rl_FILE *rl_fdopen(int fd, const char *mode);
int rl_fileno(rl_FILE *f);
int rl_fclose(rl_FILE *f);
int rl_fflush(rl_FILE *f);
int rl_setvbuf(rl_FILE *f, char *buf, int mode, size_t size);
size_t rl_fread(void *p, size_t size, size_t n, rl_FILE *f);
size_t rl_fwrite(const void *p, size_t size, size_t n, rl_FILE *f);
int rl_fgetc(rl_FILE *f);
int rl_ungetc(int c, rl_FILE *f);
char *rl_fgets(char *s, int n, rl_FILE *f);
int rl_fputc(int c, rl_FILE *f);
int rl_fputs(const char *s, rl_FILE *f);
ssize_t rl_getline(char **line, size_t *cap, rl_FILE *f);
ssize_t rl_getdelim(char **line, size_t *cap, int delim, rl_FILE *f);
int rl_fprintf(rl_FILE *f, const char *fmt, ...);
int rl_fscanf(rl_FILE *f, const char *fmt, ...);
int rl_fseek(rl_FILE *f, long off, int whence);
long rl_ftell(rl_FILE *f);
void rl_rewind(rl_FILE *f);
int rl_fgetpos(rl_FILE *f, rl_fpos_t *pos);
int rl_fsetpos(rl_FILE *f, const rl_fpos_t *pos);
int rl_feof(rl_FILE *f);
int rl_ferror(rl_FILE *f);
void rl_clearerr(rl_FILE *f);
void rl___relibc_stdio_exit(void);

/* time.h: the library's struct tm has the same layout as glibc's */
struct rl_tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};
struct rl_tm *rl_gmtime_r(const long *t, struct rl_tm *tm);
struct rl_tm *rl_gmtime(const long *t);
struct rl_tm *rl_localtime_r(const long *t, struct rl_tm *tm);
long rl_timegm(struct rl_tm *tm);
long rl_mktime(struct rl_tm *tm);
void rl_tzset(void);
extern char *rl_tzname[2];
extern long rl_timezone;
extern int rl_daylight;
double rl_difftime(long a, long b);
size_t rl_strftime(char *s, size_t max, const char *fmt, const struct rl_tm *tm);
char *rl_asctime_r(const struct rl_tm *tm, char *buf);
char *rl_asctime(const struct rl_tm *tm);
char *rl_ctime_r(const long *t, char *buf);
char *rl_strptime(const char *s, const char *fmt, struct rl_tm *tm);

/* setjmp.h */
typedef unsigned long rl_jmp_buf[8];
typedef unsigned long rl_sigjmp_buf[10];
int rl_setjmp(rl_jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void rl_longjmp(rl_jmp_buf env, int val);
int rl_sigsetjmp(rl_sigjmp_buf env, int save) __attribute__((returns_twice));
__attribute__((noreturn)) void rl_siglongjmp(rl_sigjmp_buf env, int val);

/* math.h: declared in test_math.c from a list */

/* host hooks (hooks.c) */
extern long t_pages_mapped, t_pages_calls;
extern unsigned long t_sigmask;

#endif
