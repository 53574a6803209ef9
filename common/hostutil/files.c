/*
 * Files and folders for the host tools: whole-file reads, atomic writes,
 * mkdir -p, rm -rf, sorted tree walks and copies, SHA-256 of a file (see
 * hostutil.h).
 */
#define _GNU_SOURCE
#include "hostutil.h"
#include "crypto/sha256.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int read_file(const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct strbuf sb = {0};
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			sb_free(&sb);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		sb_add(&sb, buf, (size_t)n);
	}
	close(fd);
	*len = sb.len;
	*data = sb_take(&sb);
	return 0;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int write_file_atomic(const char *path, const void *data, size_t len, unsigned mode, char *err)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int r = -1;
	if (fd < 0) {
		fail(err, "cannot create %s: %s", tmp, strerror(errno));
	} else if (write_all(fd, data, len) < 0) {
		fail(err, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
	} else if (fchmod(fd, mode) < 0 /* open() applied the umask */ || close(fd) < 0 ||
	           rename(tmp, path) < 0) {
		fail(err, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
	} else {
		r = 0;
	}
	free(tmp);
	return r;
}

int write_if_changed(const char *path, const void *data, size_t len, char *err)
{
	char *old;
	size_t old_len;
	if (read_file(path, &old, &old_len) == 0) {
		bool same = old_len == len && memcmp(old, data, len) == 0;
		free(old);
		if (same)
			return 0;
	}
	return write_file_atomic(path, data, len, 0644, err) < 0 ? -1 : 1;
}

int mkdir_p(const char *path, char *err)
{
	if (!*path)
		return fail(err, "cannot create a directory with an empty name");
	char *p = xstrdup(path);
	int r = 0;
	for (char *s = p + 1; r == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			r = fail(err, "cannot create directory %s: %s", p, strerror(errno));
		else if (!is_dir(p))
			r = fail(err, "cannot create directory %s: a file is in the way", p);
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return r;
}

int rm_rf(const char *path, char *err)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : fail(err, "%s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0)
			return fail(err, "cannot remove %s: %s", path, strerror(errno));
		return 0;
	}
	DIR *d = opendir(path);
	if (!d)
		return fail(err, "%s: %s", path, strerror(errno));
	struct dirent *e;
	int r = 0;
	while (r == 0 && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *child = path_join(path, e->d_name);
		r = rm_rf(child, err);
		free(child);
	}
	closedir(d);
	if (r == 0 && rmdir(path) < 0)
		r = fail(err, "cannot remove %s: %s", path, strerror(errno));
	return r;
}

bool path_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(const char *root, const char *rel, const struct strlist *skip, walk_fn fn,
                    void *ctx, char *err)
{
	char *dir_path = rel[0] ? path_join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir_path);
	if (!d) {
		fail(err, "%s: %s", dir_path, strerror(errno));
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
		char *child_rel = rel[0] ? path_join(rel, names.items[i]) : xstrdup(names.items[i]);
		char *full = path_join(root, child_rel);
		struct stat st;
		if (skip && strlist_has(skip, child_rel)) {
			/* not entered */
		} else if (lstat(full, &st) < 0) {
			r = fail(err, "%s: %s", full, strerror(errno));
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

int walk_tree(const char *root, const struct strlist *skip, walk_fn fn, void *ctx, char *err)
{
	return walk_dir(root, "", skip, fn, ctx, err);
}

static int copy_file(const char *from, const char *to, mode_t mode, char *err)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return fail(err, "%s: %s", from, strerror(errno));
	unlink(to);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 07777);
	if (out < 0) {
		close(in);
		return fail(err, "%s: %s", to, strerror(errno));
	}
	char buf[65536];
	ssize_t n;
	int r = 0;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write_all(out, buf, (size_t)n) < 0) {
			r = fail(err, "%s: %s", to, strerror(errno));
			break;
		}
	if (n < 0)
		r = fail(err, "%s: %s", from, strerror(errno));
	close(in);
	if (close(out) < 0 && r == 0)
		r = fail(err, "%s: %s", to, strerror(errno));
	if (r == 0)
		chmod(to, mode & 07777); /* the umask may have cut bits */
	return r;
}

struct copy_ctx {
	const char *dst;
	char *err;
};

static int copy_one(void *vctx, const char *rel, const char *full, const struct stat *st)
{
	struct copy_ctx *c = vctx;
	char *to = path_join(c->dst, rel);
	int r = 0;
	if (S_ISDIR(st->st_mode)) {
		struct stat dst_st;
		if (lstat(to, &dst_st) == 0 && !S_ISDIR(dst_st.st_mode))
			unlink(to);
		if (mkdir(to, st->st_mode & 07777) < 0 && errno != EEXIST)
			r = fail(c->err, "%s: %s", to, strerror(errno));
	} else if (S_ISLNK(st->st_mode)) {
		char target[4096];
		ssize_t n = readlink(full, target, sizeof target - 1);
		if (n < 0) {
			r = fail(c->err, "%s: %s", full, strerror(errno));
		} else {
			target[n] = 0;
			unlink(to);
			if (symlink(target, to) < 0)
				r = fail(c->err, "%s: %s", to, strerror(errno));
		}
	} else if (S_ISREG(st->st_mode)) {
		r = copy_file(full, to, st->st_mode, c->err);
	} else {
		r = fail(c->err, "%s: not a file, folder or symlink", full);
	}
	free(to);
	return r;
}

int copy_tree(const char *src, const char *dst, char *err)
{
	if (mkdir_p(dst, err) < 0)
		return -1;
	struct copy_ctx c = {dst, err};
	return walk_tree(src, NULL, copy_one, &c, err);
}

int sha256_file(const char *path, uint8_t digest[32], char *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, "%s: %s", path, strerror(errno));
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&ctx, buf, (size_t)n);
	int e = errno;
	close(fd);
	if (n < 0)
		return fail(err, "%s: %s", path, strerror(e));
	sha256_final(&ctx, digest);
	return 0;
}
