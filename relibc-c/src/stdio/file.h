/*
 * The FILE structure and the buffering primitives the stdio functions
 * share (not public). A stream moves bytes through four operations (the
 * shape of fopencookie's): descriptor streams use read/write/lseek/close,
 * memory streams their own. The buffer is in one of three states:
 *   idle     rpos == rend == wpos == wend == 0
 *   reading  [rpos, rend) are buffered bytes not yet consumed
 *   writing  [buf, wpos) are bytes not yet written, room up to wend
 * FILE_UNGET bytes before buf are kept free so that ungetc can always
 * push back that many bytes after a refill.
 */
#ifndef RELIBC_STDIO_FILE_H
#define RELIBC_STDIO_FILE_H

#include <stdio.h>
#include <sys/types.h>

#include "internal/internal.h"

#define FILE_UNGET 8

enum {
	F_READ = 1 << 0,    /* opened for reading */
	F_WRITE = 1 << 1,   /* opened for writing */
	F_EOF = 1 << 2,     /* end-of-file indicator */
	F_ERR = 1 << 3,     /* error indicator */
	F_LBF = 1 << 4,     /* line buffered */
	F_NBF = 1 << 5,     /* unbuffered */
	F_STATIC = 1 << 6,  /* stdin/stdout/stderr: never freed */
	F_TTYMODE = 1 << 7, /* line buffering if isatty on first use (descriptor streams) */
	F_CLOSED = 1 << 8,  /* a closed static stream */
};

struct _relibc_FILE {
	unsigned flags;
	int fd;             /* the descriptor, -1 for other streams */
	unsigned char *buf; /* FILE_UNGET bytes of room precede it */
	size_t size;
	unsigned char *rpos, *rend;
	unsigned char *wpos, *wend;
	cookie_io_functions_t ops;
	void *cookie;
	pid_t pid;            /* popen's child */
	unsigned char *alloc; /* the buffer storage to free, if ours */
	struct _relibc_FILE *prev, *next;
	unsigned char tiny[FILE_UNGET + 1]; /* the buffer of unbuffered streams */
	/* flockfile: a recursive lock, so one thread's calls never mix with another's */
	__relibc_spinlock lock;
	int owner, depth;
};

/* The open-file list's lock; taken before any stream's, never after. */
extern __relibc_spinlock __stdio_list_lock;

/* Take the stream's lock only if no other thread holds it: 1 if taken. */
int __stdio_trylock(FILE *f);

/* A call made with the stream locked. */
#define STDIO_LOCKED(f, call)                                                                      \
	__extension__({                                                                            \
		FILE *lf_ = (f);                                                                   \
		flockfile(lf_);                                                                    \
		__typeof__(call) r_ = (call);                                                      \
		funlockfile(lf_);                                                                  \
		r_;                                                                                \
	})

/* The descriptor operations (cookie = the FILE). */
extern const cookie_io_functions_t __stdio_fd_ops;

/* Parses an fopen mode: F_READ/F_WRITE into *fflags; returns open() flags, or -1 (EINVAL). */
int __stdio_parse_mode(const char *mode, unsigned *fflags);

/* A new stream (on the open-file list); NULL with errno set. */
FILE *__stdio_new(int fd, unsigned fflags, const cookie_io_functions_t *ops, void *cookie);

/* Puts a stream on the open-file list (which fflush(NULL) and exit walk). */
void __stdio_link(FILE *f);
/* Flushes, closes the stream's file, unlinks it; frees it unless keep. 0 or EOF. */
int __stdio_close(FILE *f, int keep);

/* Buffered output: n bytes accepted (fewer on error, F_ERR set). */
size_t __stdio_write(FILE *f, const unsigned char *p, size_t n);
/* Writes pending output; 0, or EOF with F_ERR set. */
int __stdio_flush(FILE *f);
/* The next byte, or EOF (F_EOF or F_ERR set). */
int __stdio_getc_slow(FILE *f);
/* Drops buffered state before a descriptor change (freopen). */
void __stdio_reset(FILE *f);

static inline int __stdio_getc(FILE *f)
{
	if (f->rpos < f->rend)
		return *f->rpos++;
	return __stdio_getc_slow(f);
}

static inline int __stdio_putc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;
	if (f->wpos < f->wend && b != '\n') {
		*f->wpos++ = b;
		return b;
	}
	return __stdio_write(f, &b, 1) == 1 ? b : EOF;
}

#endif
