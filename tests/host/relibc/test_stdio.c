/*
 * FILE streams: buffering modes, short transfers, errors, positioning
 * and ungetc over a fake descriptor layer (an fopencookie stream that
 * records every call), memory streams, the printf/scanf front ends
 * compared with glibc, getline/getdelim, fdopen on host pipes, and the
 * exit-time flush.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "test.h"
#include "rl.h"

/* ---- the fake descriptor ---- */

struct fake {
	char data[40000];
	size_t len, pos;
	size_t max_read, max_write; /* 0: no limit (else short transfers, like a pipe or debug:) */
	int reads, writes, seeks, closes;
	size_t last_write;
	int fail_write, seekable;
};

static ssize_t fk_read(void *c, char *buf, size_t n)
{
	struct fake *f = c;
	f->reads++;
	if (f->max_read && n > f->max_read)
		n = f->max_read;
	if (f->pos >= f->len)
		return 0;
	if (n > f->len - f->pos)
		n = f->len - f->pos;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

static ssize_t fk_write(void *c, const char *buf, size_t n)
{
	struct fake *f = c;
	f->writes++;
	if (f->fail_write)
		return -1;
	if (f->max_write && n > f->max_write)
		n = f->max_write;
	if (n > sizeof f->data - f->pos)
		n = sizeof f->data - f->pos;
	memcpy(f->data + f->pos, buf, n);
	f->pos += n;
	if (f->pos > f->len)
		f->len = f->pos;
	f->last_write = n;
	return (ssize_t)n;
}

static int fk_seek(void *c, long *off, int whence)
{
	struct fake *f = c;
	f->seeks++;
	if (!f->seekable)
		return -1;
	long base = whence == 0 ? 0 : whence == 1 ? (long)f->pos : (long)f->len;
	if (base + *off < 0)
		return -1;
	f->pos = (size_t)(base + *off);
	*off = (long)f->pos;
	return 0;
}

static int fk_close(void *c)
{
	((struct fake *)c)->closes++;
	return 0;
}

static rl_FILE *fake_open(struct fake *f, const char *mode)
{
	rl_cookie_io_functions_t ops = {fk_read, fk_write, fk_seek, fk_close};
	return rl_fopencookie(f, mode, ops);
}

static struct fake *fake_new(const char *content)
{
	struct fake *f = calloc(1, sizeof *f);
	f->seekable = 1;
	if (content) {
		f->len = strlen(content);
		memcpy(f->data, content, f->len);
	}
	return f;
}

static void test_buffer_modes(void)
{
	/* full buffering: nothing reaches the file before a flush or a full buffer */
	struct fake *k = fake_new(0);
	rl_FILE *f = fake_open(k, "w");
	CHECK(rl_fputs("hello", f) >= 0 && rl_fputc(' ', f) == ' ' && k->writes == 0);
	CHECK(rl_fprintf(f, "%d-%s\n", 42, "x") == 5 && k->writes == 0);
	CHECK(rl_fflush(f) == 0 && k->writes == 1 && k->len == 11 &&
	      !memcmp(k->data, "hello 42-x\n", 11));
	char big[10000];
	memset(big, 'b', sizeof big);
	CHECK(rl_fwrite(big, 1, 100, f) == 100 && k->writes == 1);
	CHECK(rl_fwrite(big, 1, sizeof big, f) == sizeof big && k->writes == 3 &&
	      k->last_write == sizeof big); /* pending 100 bytes, then the big block directly */
	for (int i = 0; i < 8192; i++)
		rl_fputc('c', f);
	CHECK_INT(k->writes, 3);
	rl_fputc('d', f); /* the buffer was full: it goes out */
	CHECK_INT(k->writes, 4);
	CHECK(rl_fclose(f) == 0 && k->closes == 1 && k->len == 11 + 100 + 10000 + 8193);
	free(k);

	/* line buffering: a newline sends the buffer */
	k = fake_new(0);
	f = fake_open(k, "w");
	CHECK(rl_setvbuf(f, NULL, 1, 0) == 0);
	rl_fputs("abc", f);
	CHECK_INT(k->writes, 0);
	rl_fputs("def\nghi", f);
	CHECK(k->writes == 1 && k->len == 10 && !memcmp(k->data, "abcdef\nghi", 10));
	rl_fputc('\n', f);
	CHECK(k->writes == 2 && k->len == 11);
	CHECK(rl_setvbuf(f, NULL, 0, 0) != 0); /* only before any I/O */
	rl_fclose(f);
	free(k);

	/* unbuffered: every call writes, and one printf is one write */
	k = fake_new(0);
	f = fake_open(k, "w");
	CHECK(rl_setvbuf(f, NULL, 2, 0) == 0);
	rl_fputs("abc", f);
	CHECK(k->writes == 1 && k->len == 3);
	CHECK(rl_fprintf(f, "%s=%d;%s=%.2f\n", "a", 1, "b", 2.5) == 11);
	CHECK(k->writes == 2 && k->len == 14 && !memcmp(k->data + 3, "a=1;b=2.50\n", 11));
	rl_fclose(f);
	free(k);

	/* a caller's buffer */
	char mine[256];
	k = fake_new(0);
	f = fake_open(k, "w");
	CHECK(rl_setvbuf(f, mine, 0, sizeof mine) == 0);
	for (int i = 0; i < 300; i++)
		rl_fputc('x', f);
	CHECK(k->writes == 1 && k->len <= 256);
	rl_fclose(f);
	CHECK(k->len == 300);
	free(k);
}

static void test_short_and_failed_writes(void)
{
	struct fake *k = fake_new(0);
	k->max_write = 3;
	rl_FILE *f = fake_open(k, "w");
	CHECK(rl_fwrite("0123456789", 1, 10, f) == 10 && rl_fflush(f) == 0);
	CHECK(k->len == 10 && !memcmp(k->data, "0123456789", 10) && k->writes == 4);
	k->fail_write = 1;
	rl_fputs("lost?", f);
	CHECK(rl_fflush(f) == EOF && rl_ferror(f));
	rl_clearerr(f);
	CHECK(!rl_ferror(f));
	k->fail_write = 0;
	CHECK(rl_fflush(f) == 0 && k->len == 15 && !memcmp(k->data + 10, "lost?", 5)); /* kept */
	rl_fclose(f);
	free(k);

	/* a read-only stream refuses writes */
	k = fake_new("abc");
	f = fake_open(k, "r");
	CHECK(rl_fputc('x', f) == EOF && rl_ferror(f) && k->writes == 0);
	rl_fclose(f);
	free(k);
}

static void test_reading(void)
{
	struct fake *k = fake_new("line1\nline2\nlast");
	k->max_read = 4; /* like a pipe: short reads */
	rl_FILE *f = fake_open(k, "r");
	char buf[64];
	CHECK_STR(rl_fgets(buf, sizeof buf, f), "line1\n");
	char *line = NULL;
	size_t cap = 0;
	CHECK_INT(rl_getline(&line, &cap, f), 6);
	CHECK_STR(line, "line2\n");
	CHECK_INT(rl_getline(&line, &cap, f), 4);
	CHECK_STR(line, "last");
	CHECK(rl_getline(&line, &cap, f) == -1 && rl_feof(f) && !rl_ferror(f));
	CHECK(rl_fgets(buf, sizeof buf, f) == NULL);
	rl_free(line);
	rl_fclose(f);
	free(k);

	/* fgets: the size limit, and a last line without newline */
	k = fake_new("abcdefgh\nxy");
	f = fake_open(k, "r");
	CHECK_STR(rl_fgets(buf, 4, f), "abc");
	CHECK_STR(rl_fgets(buf, 64, f), "defgh\n");
	CHECK_STR(rl_fgets(buf, 64, f), "xy");
	CHECK(rl_fgets(buf, 64, f) == NULL && rl_feof(f));
	rl_fclose(f);
	free(k);

	/* getdelim with another delimiter, and embedded NULs */
	k = fake_new(0);
	memcpy(k->data, "a,b\0c,,end", 10);
	k->len = 10;
	f = fake_open(k, "r");
	line = NULL;
	cap = 0;
	CHECK(rl_getdelim(&line, &cap, ',', f) == 2 && !strcmp(line, "a,"));
	CHECK(rl_getdelim(&line, &cap, ',', f) == 4 && !memcmp(line, "b\0c,", 5));
	CHECK(rl_getdelim(&line, &cap, ',', f) == 1 && !strcmp(line, ","));
	CHECK(rl_getdelim(&line, &cap, ',', f) == 3 && !strcmp(line, "end"));
	CHECK(rl_getdelim(&line, &cap, ',', f) == -1);
	rl_free(line);
	rl_fclose(f);
	free(k);

	/* fread across the buffer, with a block larger than it read directly */
	k = fake_new(0);
	for (size_t i = 0; i < 30000; i++)
		k->data[i] = (char)(i * 7 + i / 251);
	k->len = 30000;
	f = fake_open(k, "r");
	static char got[30000];
	CHECK(rl_fread(got, 1, 3, f) == 3);
	CHECK(rl_fread(got + 3, 1, 15000, f) == 15000);
	CHECK(rl_fread(got + 15003, 5, 10000, f) == 2999 && rl_feof(f));
	CHECK(!memcmp(got, k->data, 30000));
	rl_fclose(f);
	free(k);

	/* ungetc: pushback, several bytes, and it clears EOF */
	k = fake_new("xyz");
	f = fake_open(k, "r");
	CHECK(rl_fgetc(f) == 'x' && rl_ungetc('A', f) == 'A' && rl_ungetc('B', f) == 'B');
	CHECK(rl_fgetc(f) == 'B' && rl_fgetc(f) == 'A' && rl_fgetc(f) == 'y');
	CHECK(rl_fgetc(f) == 'z' && rl_fgetc(f) == EOF && rl_feof(f));
	CHECK(rl_ungetc('q', f) == 'q' && !rl_feof(f) && rl_fgetc(f) == 'q');
	CHECK(rl_ungetc(EOF, f) == EOF);
	rl_fclose(f);
	free(k);
}

static void test_positioning(void)
{
	struct fake *k = fake_new("0123456789abcdefghij");
	rl_FILE *f = fake_open(k, "r+");
	for (int i = 0; i < 10; i++)
		rl_fgetc(f);
	CHECK_INT(rl_ftell(f), 10);
	CHECK(rl_fseek(f, 5, 1) == 0 && rl_ftell(f) == 15 && rl_fgetc(f) == 'f');
	CHECK(rl_fseek(f, -2, 2) == 0 && rl_fgetc(f) == 'i');
	rl_fpos_t pos;
	CHECK(rl_fgetpos(f, &pos) == 0 && rl_fgetc(f) == 'j' && rl_fgetc(f) == EOF);
	CHECK(rl_fsetpos(f, &pos) == 0 && !rl_feof(f) && rl_fgetc(f) == 'j');
	/* from reading to writing and back */
	CHECK(rl_fseek(f, 2, 0) == 0 && rl_fputs("XY", f) >= 0 && rl_ftell(f) == 4);
	CHECK(rl_fseek(f, 0, 0) == 0 && rl_fgetc(f) == '0' && rl_fgetc(f) == '1' &&
	      rl_fgetc(f) == 'X');
	rl_rewind(f);
	CHECK(rl_fgetc(f) == '0');
	rl_fclose(f);
	CHECK(!memcmp(k->data, "01XY456789", 10));
	free(k);

	/* a stream that cannot seek */
	k = fake_new("abc");
	k->seekable = 0;
	f = fake_open(k, "r");
	CHECK(rl_fseek(f, 0, 0) == -1 && rl_ftell(f) == -1 && rl_fgetc(f) == 'a');
	rl_fclose(f);
	free(k);
}

static void test_memory_streams(void)
{
	char buf[16];
	memset(buf, '#', sizeof buf);
	rl_FILE *f = rl_fmemopen(buf, sizeof buf, "w");
	CHECK(f && buf[0] == 0);
	CHECK(rl_fprintf(f, "%d", 12345) == 5 && rl_fflush(f) == 0 && !strcmp(buf, "12345"));
	rl_fputs("67890abcdefghij", f); /* more than fits */
	rl_fclose(f);
	CHECK(!memcmp(buf, "1234567890abcdef", 16));

	char text[] = "hello";
	f = rl_fmemopen(text, 5, "r");
	char out[8] = "";
	CHECK(rl_fread(out, 1, 8, f) == 5 && !strcmp(out, "hello") && rl_feof(f));
	CHECK(rl_fseek(f, 1, 0) == 0 && rl_fgetc(f) == 'e' && rl_fseek(f, 6, 0) != 0);
	rl_fclose(f);

	char app[16] = "abc";
	f = rl_fmemopen(app, sizeof app, "a");
	rl_fputs("def", f);
	rl_fclose(f);
	CHECK_STR(app, "abcdef");

	f = rl_fmemopen(NULL, 32, "w+");
	rl_fputs("scratch", f);
	rl_rewind(f);
	CHECK(rl_fgets(out, sizeof out, f) && !strcmp(out, "scratch"));
	rl_fclose(f);

	char *ptr = NULL;
	size_t size = 99;
	f = rl_open_memstream(&ptr, &size);
	CHECK(f && ptr && size == 0);
	for (int i = 0; i < 1000; i++)
		rl_fprintf(f, "%03d", i);
	rl_fflush(f);
	CHECK(size == 3000 && !strncmp(ptr + 2997, "999", 3) && ptr[3000] == 0);
	CHECK(rl_fseek(f, 3, 0) == 0 && rl_fputs("XXX", f) >= 0 && rl_fflush(f) == 0);
	CHECK(size == 6 && !strncmp(ptr, "000XXX002", 9)); /* size follows the position */
	rl_fclose(f);
	CHECK(size == 6);
	rl_free(ptr);
}

static void test_formatted(void)
{
	/* fprintf into a memory stream against glibc's snprintf */
	static const char *fmts[] = {"%d|%5.3s|%-8x|%+.3e", "%g %G %#o %c", "%%%lld%%", "[%*d]"};
	for (int k = 0; k < 4; k++) {
		char *ptr = NULL;
		size_t size = 0;
		rl_FILE *f = rl_open_memstream(&ptr, &size);
		char want[128];
		int a = -123;
		switch (k) {
		case 0:
			rl_fprintf(f, fmts[k], a, "abcdef", 0xbeef, 31415.9265);
			snprintf(want, sizeof want, fmts[k], a, "abcdef", 0xbeef, 31415.9265);
			break;
		case 1:
			rl_fprintf(f, fmts[k], 1e-5, 2.5e30, 8, 'q');
			snprintf(want, sizeof want, fmts[k], 1e-5, 2.5e30, 8, 'q');
			break;
		case 2:
			rl_fprintf(f, fmts[k], -9000000000000LL);
			snprintf(want, sizeof want, fmts[k], -9000000000000LL);
			break;
		default:
			rl_fprintf(f, fmts[k], 6, 42);
			snprintf(want, sizeof want, fmts[k], 6, 42);
		}
		rl_fclose(f);
		CHECK_STR(ptr, want);
		rl_free(ptr);
	}

	/* fscanf from a stream, against glibc's sscanf of the same text */
	const char *input = "  42 0x1F -3.5e2 word [abc] 7%\nrest";
	rl_FILE *f = rl_fmemopen((void *)input, strlen(input), "r");
	int i1 = 0, i2 = 0, n = 0, g1 = 0, g2 = 0, gn = 0;
	double d = 0, gd = 0;
	char w[16], s[16], gw[16], gs[16];
	int r = rl_fscanf(f, "%d %i %lf %15s [%15[^]]] %*d%%%n", &i1, &i2, &d, w, s, &n);
	int gr = sscanf(input, "%d %i %lf %15s [%15[^]]] %*d%%%n", &g1, &g2, &gd, gw, gs, &gn);
	CHECK(r == gr && r == 5 && i1 == g1 && i2 == g2 && d == gd && !strcmp(w, gw) &&
	      !strcmp(s, gs) && n == gn);
	char rest[16];
	CHECK(rl_fscanf(f, "%15s", rest) == 1 && !strcmp(rest, "rest"));
	CHECK(rl_fscanf(f, "%15s", rest) == EOF);
	rl_fclose(f);

	/* a matching failure leaves the byte in the stream */
	f = rl_fmemopen("12abc", 5, "r");
	CHECK(rl_fscanf(f, "%d%d", &i1, &i2) == 1 && rl_fgetc(f) == 'a');
	rl_fclose(f);
}

static void test_fd_streams(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	rl_FILE *w = rl_fdopen(p[1], "w");
	CHECK(w && rl_fileno(w) == p[1]);
	rl_fprintf(w, "through %s %d\n", "a pipe", 1);
	char buf[64] = "";
	CHECK(rl_fflush(w) == 0 && read(p[0], buf, sizeof buf) == 17 &&
	      !strcmp(buf, "through a pipe 1\n"));
	CHECK(rl_fclose(w) == 0);
	CHECK(write(p[1], "x", 1) == -1); /* fclose closed the descriptor */
	rl_FILE *r = rl_fdopen(p[0], "r");
	int q[2];
	CHECK(pipe(q) == 0);
	rl_fclose(r);
	r = rl_fdopen(q[0], "r");
	CHECK(write(q[1], "one\ntwo\n", 8) == 8 && close(q[1]) == 0);
	CHECK_STR(rl_fgets(buf, sizeof buf, r), "one\n");
	CHECK_STR(rl_fgets(buf, sizeof buf, r), "two\n");
	CHECK(rl_fgets(buf, sizeof buf, r) == NULL && rl_feof(r));
	rl_fclose(r);
	CHECK(rl_fdopen(-1, "r") == NULL);
	CHECK(rl_fopencookie(NULL, "z", (rl_cookie_io_functions_t){0}) == NULL);
}

static void test_exit_flush(void)
{
	struct fake *k = fake_new(0);
	rl_FILE *f = fake_open(k, "w");
	rl_fputs("pending at exit", f);
	CHECK_INT(k->writes, 0);
	rl___relibc_stdio_exit();
	CHECK(k->writes == 1 && k->len == 15);
	rl_fclose(f);
	free(k);
}

void test_stdio(void)
{
	test_buffer_modes();
	test_short_and_failed_writes();
	test_reading();
	test_positioning();
	test_memory_streams();
	test_formatted();
	test_fd_streams();
	test_exit_flush();
}
