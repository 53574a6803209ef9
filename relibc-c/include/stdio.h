/*
 * stdio.h: streams and formatted input/output. FILE streams buffer over
 * a descriptor (fopen, fdopen), over memory (fmemopen, open_memstream)
 * or over the caller's functions (fopencookie); src/stdio/ implements
 * them, the printf and scanf engines do the formatting.
 */
#ifndef _RELIBC_STDIO_H
#define _RELIBC_STDIO_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stdarg.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

typedef struct _relibc_FILE FILE;
typedef struct {
	off_t __pos;
} fpos_t;

#define EOF          (-1)
#define BUFSIZ       8192
#define FILENAME_MAX 4096
#define P_tmpdir     "/tmp"
#define FOPEN_MAX    1000
#define L_tmpnam     32
#define TMP_MAX      238328
#define _IOFBF       0
#define _IOLBF       1
#define _IONBF       2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

/* kernel-independent: formatting into memory */
int snprintf(char *__restrict_arg buf, size_t n, const char *__restrict_arg fmt, ...)
    __relibc_printf(3, 4);
int vsnprintf(char *__restrict_arg buf, size_t n, const char *__restrict_arg fmt, va_list ap)
    __relibc_printf(3, 0);
int sprintf(char *__restrict_arg buf, const char *__restrict_arg fmt, ...) __relibc_printf(2, 3);
int vsprintf(char *__restrict_arg buf, const char *__restrict_arg fmt, va_list ap)
    __relibc_printf(2, 0);
int asprintf(char **out, const char *__restrict_arg fmt, ...) __relibc_printf(2, 3);
int vasprintf(char **out, const char *__restrict_arg fmt, va_list ap) __relibc_printf(2, 0);
int sscanf(const char *__restrict_arg s, const char *__restrict_arg fmt, ...) __relibc_scanf(2, 3);
int vsscanf(const char *__restrict_arg s, const char *__restrict_arg fmt, va_list ap)
    __relibc_scanf(2, 0);

/* provided by the platform layer (FILE streams and descriptors) */
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin  stdin
#define stdout stdout
#define stderr stderr

int printf(const char *__restrict_arg fmt, ...) __relibc_printf(1, 2);
int vprintf(const char *__restrict_arg fmt, va_list ap) __relibc_printf(1, 0);
int fprintf(FILE *__restrict_arg f, const char *__restrict_arg fmt, ...) __relibc_printf(2, 3);
int vfprintf(FILE *__restrict_arg f, const char *__restrict_arg fmt, va_list ap)
    __relibc_printf(2, 0);
int dprintf(int fd, const char *__restrict_arg fmt, ...) __relibc_printf(2, 3);
int vdprintf(int fd, const char *__restrict_arg fmt, va_list ap) __relibc_printf(2, 0);
int scanf(const char *__restrict_arg fmt, ...) __relibc_scanf(1, 2);
int vscanf(const char *__restrict_arg fmt, va_list ap) __relibc_scanf(1, 0);
int fscanf(FILE *__restrict_arg f, const char *__restrict_arg fmt, ...) __relibc_scanf(2, 3);
int vfscanf(FILE *__restrict_arg f, const char *__restrict_arg fmt, va_list ap)
    __relibc_scanf(2, 0);

FILE *fopen(const char *__restrict_arg path, const char *__restrict_arg mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *__restrict_arg path, const char *__restrict_arg mode,
              FILE *__restrict_arg f);
int fclose(FILE *f);
int fflush(FILE *f);
int fileno(FILE *f);
size_t fread(void *__restrict_arg p, size_t size, size_t n, FILE *__restrict_arg f);
size_t fwrite(const void *__restrict_arg p, size_t size, size_t n, FILE *__restrict_arg f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *__restrict_arg s, int n, FILE *__restrict_arg f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *__restrict_arg s, FILE *__restrict_arg f);
int puts(const char *s);
ssize_t getline(char **__restrict_arg line, size_t *__restrict_arg n, FILE *__restrict_arg f);
ssize_t getdelim(char **__restrict_arg line, size_t *__restrict_arg n, int delim,
                 FILE *__restrict_arg f);
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *__restrict_arg f, fpos_t *__restrict_arg pos);
int fsetpos(FILE *f, const fpos_t *pos);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int setvbuf(FILE *__restrict_arg f, char *__restrict_arg buf, int mode, size_t size);
void setbuf(FILE *__restrict_arg f, char *__restrict_arg buf);
void perror(const char *s);
int remove(const char *path);
int rename(const char *from, const char *to);
int renameat(int fromfd, const char *from, int tofd, const char *to);
FILE *tmpfile(void);
FILE *popen(const char *cmd, const char *mode);
int pclose(FILE *f);
char *tmpnam(char *s);

/* Locking: there is one thread per process, so these never wait. */
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);
int fgetc_unlocked(FILE *f);
int fputc_unlocked(int c, FILE *f);
size_t fread_unlocked(void *__restrict_arg p, size_t size, size_t n, FILE *__restrict_arg f);
size_t fwrite_unlocked(const void *__restrict_arg p, size_t size, size_t n, FILE *__restrict_arg f);
int fflush_unlocked(FILE *f);
void clearerr_unlocked(FILE *f);
int feof_unlocked(FILE *f);
int ferror_unlocked(FILE *f);
int fileno_unlocked(FILE *f);

/* Streams over memory and over the caller's functions. */
FILE *fmemopen(void *__restrict_arg buf, size_t size, const char *__restrict_arg mode);
FILE *open_memstream(char **ptr, size_t *sizeloc);
typedef ssize_t cookie_read_function_t(void *cookie, char *buf, size_t n);
typedef ssize_t cookie_write_function_t(void *cookie, const char *buf, size_t n);
typedef int cookie_seek_function_t(void *cookie, off_t *off, int whence);
typedef int cookie_close_function_t(void *cookie);
typedef struct {
	cookie_read_function_t *read;
	cookie_write_function_t *write;
	cookie_seek_function_t *seek;
	cookie_close_function_t *close;
} cookie_io_functions_t;
FILE *fopencookie(void *__restrict_arg cookie, const char *__restrict_arg mode,
                  cookie_io_functions_t funcs);

__RELIBC_END_DECLS

#endif
