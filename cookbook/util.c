/*
 * Cookbook helpers: memory, strings, errors, files, tree walks and child
 * processes (see util.h).
 */
#define _GNU_SOURCE
#include "util.h"
#include "crypto/sha256.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void out_of_memory(void)
{
	fputs("cookbook: out of memory\n", stderr);
	exit(1);
}

void *cb_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *cb_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *cb_strndup(const char *s, size_t n)
{
	char *p = cb_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *cb_strdup(const char *s)
{
	return cb_strndup(s, strlen(s));
}

char *cb_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	return s;
}

int cb_fail(char *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, CB_ERR_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

void strlist_add(struct strlist *l, const char *s)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = cb_realloc(l->items, l->cap * sizeof(*l->items));
	}
	l->items[l->len++] = cb_strdup(s);
}

bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->len; i++)
		if (strcmp(l->items[i], s) == 0)
			return true;
	return false;
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->len = l->cap = 0;
}

void sb_add(struct strbuf *sb, const void *data, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		sb->cap = (sb->len + n + 1) * 2;
		sb->s = cb_realloc(sb->s, sb->cap);
	}
	memcpy(sb->s + sb->len, data, n);
	sb->len += n;
	sb->s[sb->len] = 0;
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	sb_puts(sb, s);
	free(s);
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

int cb_read_file(const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t cap = 4096, n = 0;
	char *buf = cb_malloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = cb_realloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = 0;
	*data = buf;
	*len = n;
	return 0;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int cb_write_file(const char *path, const void *data, size_t len, char *err)
{
	char *tmp = cb_printf("%s.tmp.%d", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int r = -1;
	if (fd < 0) {
		cb_fail(err, "%s: %s", tmp, strerror(errno));
	} else if (write_all(fd, data, len) < 0 || close(fd) < 0) {
		cb_fail(err, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
	} else if (rename(tmp, path) < 0) {
		cb_fail(err, "%s: %s", path, strerror(errno));
		unlink(tmp);
	} else {
		r = 0;
	}
	free(tmp);
	return r;
}

int cb_write_if_changed(const char *path, const void *data, size_t len, char *err)
{
	char *old;
	size_t old_len;
	if (cb_read_file(path, &old, &old_len) == 0) {
		bool same = old_len == len && memcmp(old, data, len) == 0;
		free(old);
		if (same)
			return 0;
	}
	return cb_write_file(path, data, len, err) < 0 ? -1 : 1;
}

int cb_mkdirs(const char *path, char *err)
{
	char *p = cb_strdup(path);
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = 0;
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			cb_fail(err, "%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		if (!c)
			break;
		*s = c;
	}
	free(p);
	if (!cb_is_dir(path))
		return cb_fail(err, "%s: not a directory", path);
	return 0;
}

int cb_rmrf(const char *path, char *err)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : cb_fail(err, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (!d)
			return cb_fail(err, "%s: %s", path, strerror(errno));
		struct dirent *e;
		int r = 0;
		while (r == 0 && (e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *child = cb_join(path, e->d_name);
			r = cb_rmrf(child, err);
			free(child);
		}
		closedir(d);
		if (r < 0)
			return r;
		if (rmdir(path) < 0)
			return cb_fail(err, "%s: %s", path, strerror(errno));
		return 0;
	}
	if (unlink(path) < 0)
		return cb_fail(err, "%s: %s", path, strerror(errno));
	return 0;
}

bool cb_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool cb_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *cb_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir[0])
		return cb_strdup(rel);
	size_t n = strlen(dir);
	return cb_printf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

char *cb_normalize(const char *path)
{
	bool abs = path[0] == '/';
	char *copy = cb_strdup(path);
	char **parts = cb_malloc((strlen(path) / 2 + 2) * sizeof(*parts));
	size_t n = 0;
	for (char *save, *tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..") && n > 0 && strcmp(parts[n - 1], ".."))
			n--;
		else if (!(abs && n == 0 && !strcmp(tok, "..")))
			parts[n++] = tok;
	}
	struct strbuf sb = {0};
	if (abs)
		sb_puts(&sb, "/");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_puts(&sb, "/");
		sb_puts(&sb, parts[i]);
	}
	if (!sb.len)
		sb_puts(&sb, ".");
	free(parts);
	free(copy);
	return sb.s;
}

char *cb_absolute(const char *path)
{
	if (path[0] == '/')
		return cb_normalize(path);
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		out_of_memory();
	char *joined = cb_join(cwd, path);
	char *r = cb_normalize(joined);
	free(joined);
	free(cwd);
	return r;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(const char *root, const char *rel, const struct strlist *skip, cb_walk_fn fn,
                    void *ctx, char *err)
{
	char *dir_path = rel[0] ? cb_join(root, rel) : cb_strdup(root);
	DIR *d = opendir(dir_path);
	if (!d) {
		cb_fail(err, "%s: %s", dir_path, strerror(errno));
		free(dir_path);
		return -1;
	}
	struct strlist names = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			strlist_add(&names, e->d_name);
	closedir(d);
	if (names.len)
		qsort(names.items, names.len, sizeof(*names.items), name_cmp);
	int r = 0;
	for (size_t i = 0; r == 0 && i < names.len; i++) {
		char *child_rel = rel[0] ? cb_join(rel, names.items[i]) : cb_strdup(names.items[i]);
		char *full = cb_join(root, child_rel);
		struct stat st;
		if (skip && strlist_has(skip, child_rel)) {
			/* not entered */
		} else if (lstat(full, &st) < 0) {
			r = cb_fail(err, "%s: %s", full, strerror(errno));
		} else {
			r = fn(ctx, child_rel, full, &st);
			if (r == 0 && S_ISDIR(st.st_mode))
				r = walk_dir(root, child_rel, skip, fn, ctx, err);
		}
		free(full);
		free(child_rel);
	}
	strlist_free(&names);
	free(dir_path);
	return r;
}

int cb_walk(const char *root, const struct strlist *skip, cb_walk_fn fn, void *ctx, char *err)
{
	return walk_dir(root, "", skip, fn, ctx, err);
}

struct copy_ctx {
	const char *dst;
	char *err;
};

static int copy_file(const char *from, const char *to, mode_t mode, char *err)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return cb_fail(err, "%s: %s", from, strerror(errno));
	unlink(to);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 07777);
	if (out < 0) {
		close(in);
		return cb_fail(err, "%s: %s", to, strerror(errno));
	}
	char buf[65536];
	ssize_t n;
	int r = 0;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write_all(out, buf, (size_t)n) < 0) {
			r = cb_fail(err, "%s: %s", to, strerror(errno));
			break;
		}
	if (n < 0)
		r = cb_fail(err, "%s: %s", from, strerror(errno));
	close(in);
	if (close(out) < 0 && r == 0)
		r = cb_fail(err, "%s: %s", to, strerror(errno));
	if (r == 0)
		chmod(to, mode & 07777); /* the umask may have cut bits */
	return r;
}

static int copy_one(void *vctx, const char *rel, const char *full, const struct stat *st)
{
	struct copy_ctx *c = vctx;
	char *to = cb_join(c->dst, rel);
	int r = 0;
	if (S_ISDIR(st->st_mode)) {
		struct stat dst_st;
		if (lstat(to, &dst_st) == 0 && !S_ISDIR(dst_st.st_mode))
			unlink(to);
		if (mkdir(to, st->st_mode & 07777) < 0 && errno != EEXIST)
			r = cb_fail(c->err, "%s: %s", to, strerror(errno));
	} else if (S_ISLNK(st->st_mode)) {
		char target[4096];
		ssize_t n = readlink(full, target, sizeof target - 1);
		if (n < 0) {
			r = cb_fail(c->err, "%s: %s", full, strerror(errno));
		} else {
			target[n] = 0;
			unlink(to);
			if (symlink(target, to) < 0)
				r = cb_fail(c->err, "%s: %s", to, strerror(errno));
		}
	} else if (S_ISREG(st->st_mode)) {
		r = copy_file(full, to, st->st_mode, c->err);
	} else {
		r = cb_fail(c->err, "%s: not a file, folder or symlink", full);
	}
	free(to);
	return r;
}

int cb_copy_tree(const char *src, const char *dst, char *err)
{
	if (cb_mkdirs(dst, err) < 0)
		return -1;
	struct copy_ctx c = {dst, err};
	return cb_walk(src, NULL, copy_one, &c, err);
}

void cb_hex(const uint8_t *data, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[data[i] >> 4];
		out[2 * i + 1] = digits[data[i] & 15];
	}
	out[2 * len] = 0;
}

int cb_sha256_file(const char *path, uint8_t digest[32], char *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cb_fail(err, "%s: %s", path, strerror(errno));
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&ctx, buf, (size_t)n);
	int e = errno;
	close(fd);
	if (n < 0)
		return cb_fail(err, "%s: %s", path, strerror(e));
	sha256_final(&ctx, digest);
	return 0;
}

int cb_run(char *const argv[], const char *cwd, const char *log, char *const env[])
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (cwd && chdir(cwd) < 0) {
			fprintf(stderr, "cookbook: %s: %s\n", cwd, strerror(errno));
			_exit(127);
		}
		if (log) {
			int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
			if (fd < 0) {
				fprintf(stderr, "cookbook: %s: %s\n", log, strerror(errno));
				_exit(127);
			}
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		for (size_t i = 0; env && env[i]; i++)
			putenv(env[i]);
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0) {
			dup2(null, 0);
			close(null);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "cookbook: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

bool cb_have_program(const char *name)
{
	const char *path = getenv("PATH");
	if (!path)
		return false;
	char *copy = cb_strdup(path);
	bool found = false;
	for (char *save, *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *full = cb_join(dir, name);
		found = access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}
