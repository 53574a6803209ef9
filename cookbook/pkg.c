/*
 * The package format: packing a stage folder, describing it in NAME.toml,
 * and verified unpacking (see pkg.h).
 */
#define _GNU_SOURCE
#include "pkg.h"
#include "crypto/sha256.h"
#include "toml/toml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- writing ---- */

struct pack {
	struct strbuf data; /* the whole archive, built in memory */
	struct pkg_entry *files;
	size_t nfiles, cap;
	char *err;
};

static void put_le(struct strbuf *sb, uint64_t v, int bytes)
{
	uint8_t b[8];
	for (int i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	sb_add(sb, b, (size_t)bytes);
}

static int pack_one(void *vctx, const char *rel, const char *full, const struct stat *st)
{
	struct pack *p = vctx;
	if (strpbrk(rel, "\n\r"))
		return fail(p->err, "%s: a line break in a file name", full);
	struct pkg_entry e = {0};
	char *data = NULL;
	size_t len = 0;
	e.mode = (uint16_t)(st->st_mode & 07777);
	if (S_ISDIR(st->st_mode)) {
		e.type = 'd';
	} else if (S_ISREG(st->st_mode)) {
		e.type = 'f';
		if (read_file(full, &data, &len) < 0)
			return fail(p->err, "%s: %s", full, strerror(errno));
		uint8_t digest[SHA256_DIGEST_LEN];
		sha256(data, len, digest);
		e.sha256 = xmalloc(2 * SHA256_DIGEST_LEN + 1);
		hex_encode(digest, sizeof digest, e.sha256);
	} else if (S_ISLNK(st->st_mode)) {
		e.type = 'l';
		char target[4096];
		ssize_t n = readlink(full, target, sizeof target - 1);
		if (n < 0)
			return fail(p->err, "%s: %s", full, strerror(errno));
		data = xstrndup(target, (size_t)n);
		len = (size_t)n;
		e.target = xstrdup(data);
		e.mode = 0777;
	} else {
		return fail(p->err, "%s: not a file, folder or symlink", full);
	}
	e.path = xstrdup(rel);
	put_le(&p->data, (uint64_t)e.type, 1);
	put_le(&p->data, 0, 1);
	put_le(&p->data, e.mode, 2);
	put_le(&p->data, strlen(rel), 4);
	put_le(&p->data, len, 8);
	sb_puts(&p->data, rel);
	sb_add(&p->data, data ? data : "", len);
	free(data);
	if (p->nfiles == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->files = xrealloc(p->files, p->cap * sizeof(*p->files));
	}
	p->files[p->nfiles++] = e;
	return 0;
}

/* A TOML basic string. */
static void toml_quote(struct strbuf *sb, const char *s)
{
	sb_puts(sb, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			sb_printf(sb, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			sb_printf(sb, "\\u%04x", c);
		else
			sb_add(sb, s, 1);
	}
	sb_puts(sb, "\"");
}

static const char *type_name(char type)
{
	return type == 'd' ? "dir" : type == 'f' ? "file" : "symlink";
}

int pkg_create(const char *stage, struct pkg_info *info, const char *pkg_path,
               const char *toml_path, char *err)
{
	struct pack p = {.err = err};
	sb_add(&p.data, PKG_MAGIC, 8);
	put_le(&p.data, 0, 4); /* count, patched below */
	if (is_dir(stage) && walk_tree(stage, NULL, pack_one, &p, err) < 0) {
		sb_free(&p.data);
		info->files = p.files;
		info->nfiles = p.nfiles;
		return -1;
	}
	for (int i = 0; i < 4; i++)
		p.data.s[8 + i] = (char)(p.nfiles >> (8 * i));
	info->files = p.files;
	info->nfiles = p.nfiles;

	uint8_t digest[SHA256_DIGEST_LEN];
	sha256(p.data.s, p.data.len, digest);
	free(info->pkg_sha256);
	info->pkg_sha256 = xmalloc(2 * SHA256_DIGEST_LEN + 1);
	hex_encode(digest, sizeof digest, info->pkg_sha256);

	struct strbuf t = {0};
	sb_puts(&t, "# Written by the cookbook: what ");
	sb_puts(&t, info->name);
	sb_puts(&t, ".pkg holds; checked on install.\nname = ");
	toml_quote(&t, info->name);
	sb_puts(&t, "\nversion = ");
	toml_quote(&t, info->version);
	sb_puts(&t, "\ndescription = ");
	toml_quote(&t, info->description ? info->description : "");
	sb_puts(&t, "\ndependencies = [");
	for (size_t i = 0; i < info->deps.len; i++) {
		sb_puts(&t, i ? ", " : "");
		toml_quote(&t, info->deps.items[i]);
	}
	sb_puts(&t, "]\ncook_hash = ");
	toml_quote(&t, info->cook_hash ? info->cook_hash : "");
	sb_puts(&t, "\npkg_sha256 = ");
	toml_quote(&t, info->pkg_sha256);
	sb_puts(&t, "\n");
	for (size_t i = 0; i < p.nfiles; i++) {
		const struct pkg_entry *e = &p.files[i];
		sb_puts(&t, "\n[[files]]\npath = ");
		toml_quote(&t, e->path);
		sb_printf(&t, "\ntype = \"%s\"\nmode = 0o%o\n", type_name(e->type), e->mode);
		if (e->sha256)
			sb_printf(&t, "sha256 = \"%s\"\n", e->sha256);
		if (e->target) {
			sb_puts(&t, "target = ");
			toml_quote(&t, e->target);
			sb_puts(&t, "\n");
		}
	}
	int rc = write_file_atomic(pkg_path, p.data.s, p.data.len, 0644, err);
	if (rc == 0)
		rc = write_file_atomic(toml_path, t.s, t.len, 0644, err);
	sb_free(&p.data);
	sb_free(&t);
	return rc;
}

/* ---- reading NAME.toml ---- */

static char *str_field(const struct toml_value *t, const char *key)
{
	const char *s;
	size_t len;
	if (!toml_as_string(toml_get(t, key), &s, &len) || strlen(s) != len)
		return NULL;
	return xstrdup(s);
}

int pkg_read_info(const char *toml_path, struct pkg_info *info, char *err)
{
	memset(info, 0, sizeof *info);
	struct toml_error terr;
	struct toml_doc *doc = toml_parse_file(toml_path, &terr);
	if (!doc)
		return fail(err, "%s", terr.message);
	const struct toml_value *root = toml_root(doc);
	info->name = str_field(root, "name");
	info->version = str_field(root, "version");
	info->description = str_field(root, "description");
	info->cook_hash = str_field(root, "cook_hash");
	info->pkg_sha256 = str_field(root, "pkg_sha256");
	int rc = 0;
	if (!info->name || !info->version || !info->pkg_sha256)
		rc = fail(err, "%s: name, version or pkg_sha256 missing", toml_path);
	const struct toml_value *deps = toml_get(root, "dependencies");
	for (size_t i = 0; rc == 0 && i < toml_count(deps); i++) {
		const char *s;
		size_t len;
		if (toml_as_string(toml_at(deps, i), &s, &len))
			strlist_add(&info->deps, s);
	}
	const struct toml_value *files = toml_get(root, "files");
	if (rc == 0 && files && !toml_is(files, TOML_ARRAY))
		rc = fail(err, "%s: files: expected an array of tables", toml_path);
	size_t n = toml_count(files);
	info->files = xmalloc((n + 1) * sizeof(*info->files));
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct toml_value *f = toml_at(files, i);
		struct pkg_entry *e = &info->files[info->nfiles];
		memset(e, 0, sizeof *e);
		char *type = str_field(f, "type");
		int64_t mode = 0;
		e->path = str_field(f, "path");
		e->sha256 = str_field(f, "sha256");
		e->target = str_field(f, "target");
		info->nfiles++;
		if (!type || !e->path || !toml_as_int(toml_get(f, "mode"), &mode) || mode < 0 ||
		    mode > 07777)
			rc = fail(err, "%s: files entry %zu: path, type or mode missing", toml_path,
			          i + 1);
		else if (!strcmp(type, "dir") || !strcmp(type, "file") || !strcmp(type, "symlink"))
			e->type = type[0] == 's' ? 'l' : type[0];
		else
			rc = fail(err, "%s: %s: unknown type '%s'", toml_path, e->path, type);
		if (rc == 0 && ((e->type == 'f' && !e->sha256) || (e->type == 'l' && !e->target)))
			rc = fail(err, "%s: %s: sha256 or target missing", toml_path, e->path);
		e->mode = (uint16_t)mode;
		free(type);
	}
	toml_free(doc);
	if (rc < 0)
		pkg_info_free(info);
	return rc;
}

void pkg_info_free(struct pkg_info *info)
{
	for (size_t i = 0; i < info->nfiles; i++) {
		free(info->files[i].path);
		free(info->files[i].sha256);
		free(info->files[i].target);
	}
	free(info->files);
	free(info->name);
	free(info->version);
	free(info->description);
	free(info->cook_hash);
	free(info->pkg_sha256);
	strlist_free(&info->deps);
	memset(info, 0, sizeof *info);
}

/* ---- installing ---- */

struct raw_entry {
	char type;
	uint16_t mode;
	const char *path; /* not NUL-terminated: path_len */
	size_t path_len;
	const char *data;
	size_t data_len;
};

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* A path that stays inside the root: relative, no "." or ".." parts. */
static bool safe_path(const char *p)
{
	if (!p[0] || p[0] == '/')
		return false;
	char *norm = path_normalize(p);
	bool ok = strcmp(norm, p) == 0 && strcmp(p, "..") && strncmp(p, "../", 3);
	free(norm);
	return ok;
}

/* Splits the archive into entries and checks each against the TOML. */
static int verify(const char *name, const char *pkg_path, const uint8_t *buf, size_t len,
                  const struct pkg_info *info, struct raw_entry *out, char *err)
{
	if (len < 12 || memcmp(buf, PKG_MAGIC, 8) != 0)
		return fail(err, "%s: %s: not a package (bad magic)", name, pkg_path);
	uint64_t count = get_le(buf + 8, 4);
	if (count != info->nfiles)
		return fail(err, "%s: %s: %llu entries, the package's TOML lists %zu", name,
		            pkg_path, (unsigned long long)count, info->nfiles);
	size_t off = 12;
	for (size_t i = 0; i < count; i++) {
		const struct pkg_entry *want = &info->files[i];
		if (len - off < 16)
			return fail(err, "%s: %s: truncated at entry %zu (%s)", name, pkg_path,
			            i + 1, want->path);
		struct raw_entry *e = &out[i];
		e->type = (char)buf[off];
		e->mode = (uint16_t)get_le(buf + off + 2, 2);
		e->path_len = get_le(buf + off + 4, 4);
		uint64_t data_len = get_le(buf + off + 8, 8);
		off += 16;
		if (e->path_len > len - off || data_len > len - off - e->path_len)
			return fail(err, "%s: %s: truncated at entry %zu (%s)", name, pkg_path,
			            i + 1, want->path);
		e->path = (const char *)buf + off;
		e->data = e->path + e->path_len;
		e->data_len = (size_t)data_len;
		off += e->path_len + e->data_len;
		if (e->path_len != strlen(want->path) ||
		    memcmp(e->path, want->path, e->path_len) != 0)
			return fail(err, "%s: entry %zu: the archive has '%.*s', the TOML '%s'",
			            name, i + 1, (int)e->path_len, e->path, want->path);
		if (!safe_path(want->path))
			return fail(err, "%s: %s: path leaves the root", name, want->path);
		if (e->type != want->type || e->mode != want->mode)
			return fail(err, "%s: %s: type or mode differs from the TOML", name,
			            want->path);
		if (e->type == 'f') {
			uint8_t digest[SHA256_DIGEST_LEN];
			char hex[2 * SHA256_DIGEST_LEN + 1];
			sha256(e->data, e->data_len, digest);
			hex_encode(digest, sizeof digest, hex);
			if (strcmp(hex, want->sha256) != 0)
				return fail(err, "%s: %s: sha256 mismatch (corrupt package %s)",
				            name, want->path, pkg_path);
		} else if (e->type == 'l') {
			if (e->data_len != strlen(want->target) ||
			    memcmp(e->data, want->target, e->data_len) != 0)
				return fail(err, "%s: %s: symlink target differs from the TOML",
				            name, want->path);
		} else if (e->type != 'd') {
			return fail(err, "%s: %s: unknown entry type", name, want->path);
		}
	}
	if (off != len)
		return fail(err, "%s: %s: %zu bytes after the last entry", name, pkg_path,
		            len - off);
	uint8_t digest[SHA256_DIGEST_LEN];
	char hex[2 * SHA256_DIGEST_LEN + 1];
	sha256(buf, len, digest);
	hex_encode(digest, sizeof digest, hex);
	if (strcmp(hex, info->pkg_sha256) != 0)
		return fail(err, "%s: %s: sha256 of the archive differs from the TOML", name,
		            pkg_path);
	return 0;
}

/* Refuses to write through a symlink already in the root (bin -> usr/bin). */
static int check_parents(const char *name, const char *root, const char *path, char *err)
{
	char *copy = xstrdup(path);
	int rc = 0;
	for (char *s = strchr(copy, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
		*s = 0;
		char *full = path_join(root, copy);
		struct stat st;
		if (lstat(full, &st) == 0 && !S_ISDIR(st.st_mode))
			rc = fail(err,
			          "%s: %s: '%s' in the root is not a folder (install under usr/)",
			          name, path, copy);
		free(full);
		*s = '/';
	}
	free(copy);
	return rc;
}

static int write_entry(const char *root, const struct pkg_entry *e, const struct raw_entry *raw,
                       bool *is_new, char *err)
{
	char *full = path_join(root, e->path);
	struct stat st;
	bool exists = lstat(full, &st) == 0;
	int rc = 0;
	*is_new = true;
	if (e->type == 'd') {
		if (exists && S_ISDIR(st.st_mode)) {
			*is_new = false; /* keep what the config or another package set */
		} else {
			if (exists)
				unlink(full);
			if (mkdir(full, e->mode) < 0 || chmod(full, e->mode) < 0)
				rc = fail(err, "%s: %s", full, strerror(errno));
		}
	} else {
		if (exists && S_ISDIR(st.st_mode))
			rc = rm_rf(full, err);
		else if (exists)
			unlink(full);
		if (rc == 0 && e->type == 'l') {
			char *target = xstrndup(raw->data, raw->data_len);
			if (symlink(target, full) < 0)
				rc = fail(err, "%s: %s", full, strerror(errno));
			free(target);
		} else if (rc == 0) {
			int fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
			const char *p = raw->data;
			size_t left = raw->data_len;
			while (fd >= 0 && left) {
				ssize_t w = write(fd, p, left);
				if (w < 0 && errno == EINTR)
					continue;
				if (w < 0)
					break;
				p += w;
				left -= (size_t)w;
			}
			if (fd < 0 || left || fchmod(fd, e->mode) < 0 || close(fd) < 0)
				rc = fail(err, "%s: %s", full, strerror(errno));
		}
	}
	free(full);
	return rc;
}

int pkg_install(const char *repo, const char *name, const char *root, const char *meta, char *err)
{
	char *toml_path = xasprintf("%s/%s.toml", repo, name);
	char *pkg_path = xasprintf("%s/%s.pkg", repo, name);
	struct pkg_info info;
	char *buf = NULL;
	size_t len = 0;
	struct raw_entry *raw = NULL;
	FILE *mf = NULL;
	int rc = pkg_read_info(toml_path, &info, err);
	if (rc < 0)
		goto out_paths;
	if (strcmp(info.name, name) != 0) {
		rc = fail(err, "%s: %s names package '%s'", name, toml_path, info.name);
		goto out;
	}
	if (read_file(pkg_path, &buf, &len) < 0) {
		rc = fail(err, "%s: %s: %s", name, pkg_path, strerror(errno));
		goto out;
	}
	raw = xmalloc((info.nfiles + 1) * sizeof(*raw));
	rc = verify(name, pkg_path, (const uint8_t *)buf, len, &info, raw, err);
	if (!root)
		goto out; /* verify only */
	for (size_t i = 0; rc == 0 && i < info.nfiles; i++)
		rc = check_parents(name, root, info.files[i].path, err);
	if (rc == 0)
		rc = mkdir_p(root, err);
	if (rc == 0 && meta && !(mf = fopen(meta, "a")))
		rc = fail(err, "%s: %s", meta, strerror(errno));
	for (size_t i = 0; rc == 0 && i < info.nfiles; i++) {
		bool is_new;
		rc = write_entry(root, &info.files[i], &raw[i], &is_new, err);
		if (rc == 0 && mf && is_new)
			fprintf(mf, "%04o 0 0 %s\n", info.files[i].mode, info.files[i].path);
	}
	if (mf && fclose(mf) != 0 && rc == 0)
		rc = fail(err, "%s: %s", meta, strerror(errno));
out:
	free(raw);
	free(buf);
	pkg_info_free(&info);
out_paths:
	free(toml_path);
	free(pkg_path);
	return rc;
}
