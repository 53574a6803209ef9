/*
 * Staging a config into a root directory plus its ownership/mode list
 * (see stage.h).
 */
#include "stage.h"
#include "accounts.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct meta {
	char *path;
	uint32_t mode, uid, gid;
};

struct meta_list {
	struct meta *items;
	size_t len;
};

/* Later entries for a path replace earlier ones, as later writes do on disk. */
static void meta_set(struct meta_list *m, const char *path, uint32_t mode, uint32_t uid,
                     uint32_t gid)
{
	for (size_t i = 0; i < m->len; i++)
		if (strcmp(m->items[i].path, path) == 0) {
			m->items[i] = (struct meta){m->items[i].path, mode, uid, gid};
			return;
		}
	m->items = xrealloc(m->items, (m->len + 1) * sizeof(*m->items));
	m->items[m->len++] = (struct meta){xstrdup(path), mode, uid, gid};
}

static int meta_cmp(const void *a, const void *b)
{
	return strcmp(((const struct meta *)a)->path, ((const struct meta *)b)->path);
}

static int meta_write(struct meta_list *m, const char *metafile, char *err)
{
	qsort(m->items, m->len, sizeof(*m->items), meta_cmp);
	struct strbuf sb = {0};
	for (size_t i = 0; i < m->len; i++)
		sb_printf(&sb, "%04o %u %u %s\n", m->items[i].mode, m->items[i].uid,
		          m->items[i].gid, m->items[i].path);
	char *dir = path_dirname(metafile);
	int r = mkdir_p(dir, err);
	free(dir);
	if (r == 0)
		r = write_file_atomic(metafile, sb.s ? sb.s : "", sb.len, 0644, err);
	free(sb.s);
	return r;
}

/*
 * Refuses paths that would pass through a symlink inside the root: its
 * target (say "/etc") would be followed on the host, outside ROOTDIR.
 * Checks every component of rel but the last, and the last too if
 * `whole`. Components that do not exist yet are fine.
 */
static int check_no_symlink(const char *rootdir, const char *rel, bool whole, const char *what,
                            char *err)
{
	char *p = xstrdup(rel);
	int r = 0;
	for (char *s = p;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (!*s && !whole)
			break;
		char c = *s;
		*s = '\0';
		char *full = path_join(rootdir, p);
		struct stat st;
		if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
			r = fail(err, "%s: %s passes through the symlink %s", what, rel, p);
		free(full);
		*s = c;
		if (r < 0 || !c)
			break;
	}
	free(p);
	return r;
}

static int make_parent(const char *full, char *err)
{
	char *dir = path_dirname(full);
	int r = mkdir_p(dir, err);
	free(dir);
	return r;
}

/* Clears the way for a file or symlink; a directory in the way is an error. */
static int remove_existing(const char *full, const struct cfg_file *f, char *err)
{
	struct stat st;
	if (lstat(full, &st) < 0)
		return 0;
	if (S_ISDIR(st.st_mode))
		return fail(err, "%s: [[files]] %s: a directory is in the way at %s", f->origin,
		            f->path, full);
	if (unlink(full) < 0)
		return fail(err, "cannot remove %s: %s", full, strerror(errno));
	return 0;
}

static int stage_file(const struct cfg_file *f, const char *rootdir, struct meta_list *m, char *err)
{
	char *full = path_join(rootdir, f->path);
	char *what = xasprintf("%s: [[files]]", f->origin);
	int r = check_no_symlink(rootdir, f->path, f->directory, what, err);
	free(what);
	if (r == 0)
		r = make_parent(full, err);
	uint32_t mode = 0;
	if (r == 0 && f->directory) {
		mode = f->has_mode ? f->mode : 0755;
		r = mkdir_p(full, err);
		if (r == 0 && chmod(full, (mode & 0777) | 0700) < 0)
			r = fail(err, "cannot chmod %s: %s", full, strerror(errno));
	} else if (r == 0 && f->symlink) {
		mode = 0777;
		r = remove_existing(full, f, err);
		if (r == 0 && symlink(f->data, full) < 0)
			r = fail(err, "cannot create symlink %s: %s", full, strerror(errno));
	} else if (r == 0) {
		mode = f->has_mode ? f->mode : 0644;
		r = remove_existing(full, f, err);
		if (r == 0)
			r = write_file_atomic(full, f->data, f->data_len, (mode & 0777) | 0600,
			                      err);
	}
	if (r == 0)
		meta_set(m, f->path, mode, f->uid, f->gid);
	free(full);
	return r;
}

static int stage_text(const char *rootdir, const char *path, const char *text, uint32_t mode,
                      struct meta_list *m, char *err)
{
	char *full = path_join(rootdir, path);
	int r = check_no_symlink(rootdir, path, false, "installer", err);
	if (r == 0)
		r = make_parent(full, err);
	if (r == 0)
		r = write_file_atomic(full, text, strlen(text), mode, err);
	if (r == 0)
		meta_set(m, path, mode, 0, 0);
	free(full);
	return r;
}

static int stage_accounts(const struct config *cfg, const char *rootdir, struct meta_list *m,
                          char *err)
{
	struct accounts acc;
	if (accounts_resolve(cfg, &acc, err) < 0)
		return -1;
	char *passwd = accounts_passwd(&acc);
	char *group = accounts_group(&acc);
	char *shadow = accounts_shadow(&acc, cfg->path, err);
	int r = shadow ? 0 : -1;
	if (r == 0)
		r = stage_text(rootdir, "etc/passwd", passwd, 0644, m, err);
	if (r == 0)
		r = stage_text(rootdir, "etc/group", group, 0644, m, err);
	if (r == 0)
		r = stage_text(rootdir, "etc/shadow", shadow, 0600, m, err);
	for (size_t i = 0; r == 0 && i < acc.nusers; i++) {
		const struct account *a = &acc.users[i];
		char *rel = path_normalize(a->home + 1);
		if (strcmp(rel, ".") != 0 && strncmp(rel, "..", 2) != 0) {
			char *full = path_join(rootdir, rel);
			char *what = xasprintf("[users.%s] home", a->name);
			r = check_no_symlink(rootdir, rel, true, what, err);
			free(what);
			if (r == 0)
				r = mkdir_p(full, err);
			if (r == 0)
				meta_set(m, rel, 0700, a->uid, a->gid);
			free(full);
		}
		free(rel);
	}
	free(passwd);
	free(group);
	free(shadow);
	accounts_free(&acc);
	return r;
}

int stage_root(const struct config *cfg, const char *rootdir, const char *metafile, char *err)
{
	struct meta_list m = {0};
	int r = mkdir_p(rootdir, err);
	for (size_t i = 0; r == 0 && i < cfg->nfiles; i++)
		r = stage_file(&cfg->files[i], rootdir, &m, err);
	/* after [[files]]: the generated account files are authoritative */
	if (r == 0)
		r = stage_accounts(cfg, rootdir, &m, err);
	if (r == 0)
		r = meta_write(&m, metafile, err);
	for (size_t i = 0; i < m.len; i++)
		free(m.items[i].path);
	free(m.items);
	return r;
}
