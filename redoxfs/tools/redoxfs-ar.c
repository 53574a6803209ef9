/*
 * redoxfs-ar IMAGE DIR [--meta METAFILE] [--size MiB|auto] [--offset BYTES]
 *
 * Build a RedoxFS image from a host folder, without FUSE or root. Every
 * node is owned by 0:0 with the source's permission bits unless a line
 * "<mode octal> <uid> <gid> <relative path>" of METAFILE says otherwise
 * ('#' comments and blank lines are skipped; "." is the root). Symlinks
 * are kept as symlinks and hard links as hard links; modification times
 * are kept (clamped to SOURCE_DATE_EPOCH when set, which also fixes the
 * other timestamps). --size auto (the default) sizes the filesystem to
 * the content plus slack; see docs/redoxfs.md.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "host.h"

#define TOOL  "redoxfs-ar"
#define BLOCK 4096ull

struct meta {
	char *path;
	uint16_t mode;
	uint32_t uid, gid;
	bool used;
};

struct hardlink {
	dev_t dev;
	ino_t ino;
	uint32_t fs_ino;
};

struct ar {
	const char *image;
	struct redoxfs *fs;
	struct meta *meta;
	size_t nmeta;
	struct hardlink *links;
	size_t nlinks, cap_links;
	uint64_t epoch; /* SOURCE_DATE_EPOCH, or 0 */
	char *buf;      /* copy buffer */
};

#define COPY_BUF (1u << 20)

static char *normalize(char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	while (*p == '/')
		p++;
	size_t n = strlen(p);
	while (n && p[n - 1] == '/')
		p[--n] = 0;
	if (strcmp(p, ".") == 0)
		p[0] = 0;
	return p;
}

static bool load_meta(struct ar *ar, const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, TOOL ": %s: %s\n", file, strerror(errno));
		return false;
	}
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	bool ok = true;
	while (ok && getline(&line, &cap, f) >= 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		char *s = line + strspn(line, " \t");
		if (!*s || *s == '#')
			continue;
		unsigned long mode;
		unsigned long uid, gid;
		int used = 0;
		if (sscanf(s, "%lo %lu %lu %n", &mode, &uid, &gid, &used) != 3 || !used ||
		    !s[used] || mode > 0177777 || uid > 0xFFFFFFFFul || gid > 0xFFFFFFFFul) {
			fprintf(stderr,
			        TOOL ": %s:%u: expected '<mode octal> <uid> <gid> <path>'\n", file,
			        lineno);
			ok = false;
			break;
		}
		struct meta *m = realloc(ar->meta, (ar->nmeta + 1) * sizeof(*m));
		if (!m) {
			ok = false;
			break;
		}
		ar->meta = m;
		m = &ar->meta[ar->nmeta++];
		m->path = strdup(normalize(s + used));
		m->mode = (uint16_t)(mode & 07777); /* type bits, if given, are ignored */
		m->uid = (uint32_t)uid;
		m->gid = (uint32_t)gid;
		m->used = false;
	}
	free(line);
	fclose(f);
	return ok;
}

static struct meta *find_meta(struct ar *ar, const char *rel)
{
	for (size_t i = ar->nmeta; i-- > 0;) /* the last line for a path wins */
		if (strcmp(ar->meta[i].path, rel) == 0) {
			ar->meta[i].used = true;
			return &ar->meta[i];
		}
	return NULL;
}

static uint64_t clamp_time(const struct ar *ar, uint64_t t)
{
	return ar->epoch && t > ar->epoch ? ar->epoch : t;
}

static int finish_node(struct ar *ar, uint32_t ino, const struct stat *st, const char *rel)
{
	struct meta *m = find_meta(ar, rel);
	uint16_t perm = m ? m->mode : (uint16_t)(st->st_mode & 07777);
	int err = 0;
	if (!S_ISLNK(st->st_mode))
		err = redoxfs_chmod(ar->fs, ino, perm);
	if (!err)
		err = redoxfs_chown(ar->fs, ino, m ? m->uid : 0, m ? m->gid : 0);
	struct redoxfs_time t = {clamp_time(ar, (uint64_t)st->st_mtim.tv_sec),
	                         (uint32_t)st->st_mtim.tv_nsec};
	if (ar->epoch && t.sec == ar->epoch)
		t.nsec = 0;
	if (!err)
		err = redoxfs_utimens(ar->fs, ino, &t, &t);
	return err;
}

static int copy_file(struct ar *ar, const char *src, uint32_t ino)
{
	FILE *f = fopen(src, "rb");
	if (!f) {
		fprintf(stderr, TOOL ": %s: %s\n", src, strerror(errno));
		return -REDOXFS_EIO;
	}
	uint64_t off = 0;
	size_t n;
	int err = 0;
	while (!err && (n = fread(ar->buf, 1, COPY_BUF, f)) > 0) {
		for (size_t done = 0; done < n && !err;) {
			int64_t w = redoxfs_write(ar->fs, ino, off, ar->buf + done, n - done);
			if (w < 0)
				err = (int)w;
			else {
				done += (size_t)w;
				off += (uint64_t)w;
			}
		}
	}
	if (!err && ferror(f)) {
		fprintf(stderr, TOOL ": %s: read error\n", src);
		err = -REDOXFS_EIO;
	}
	fclose(f);
	return err;
}

static uint32_t *hardlink_of(struct ar *ar, const struct stat *st)
{
	for (size_t i = 0; i < ar->nlinks; i++)
		if (ar->links[i].dev == st->st_dev && ar->links[i].ino == st->st_ino)
			return &ar->links[i].fs_ino;
	return NULL;
}

static void remember_link(struct ar *ar, const struct stat *st, uint32_t ino)
{
	if (ar->nlinks == ar->cap_links) {
		size_t cap = ar->cap_links ? ar->cap_links * 2 : 64;
		struct hardlink *p = realloc(ar->links, cap * sizeof(*p));
		if (!p)
			return; /* the next link becomes a copy: still correct */
		ar->links = p;
		ar->cap_links = cap;
	}
	ar->links[ar->nlinks++] = (struct hardlink){st->st_dev, st->st_ino, ino};
}

static int not_dot(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

/* Copy the contents of host folder `src` into directory `dir`. */
static int add_dir(struct ar *ar, const char *src, const char *rel, uint32_t dir)
{
	struct dirent **names;
	int n = scandir(src, &names, not_dot, alphasort);
	if (n < 0) {
		fprintf(stderr, TOOL ": %s: %s\n", src, strerror(errno));
		return -REDOXFS_EIO;
	}
	int err = 0;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char *path = NULL, *sub = NULL;
		struct stat st;
		if (err || asprintf(&path, "%s/%s", src, name) < 0 ||
		    asprintf(&sub, "%s%s%s", rel, *rel ? "/" : "", name) < 0) {
			free(path);
			free(names[i]);
			err = err ? err : -REDOXFS_ENOMEM;
			continue;
		}
		uint32_t ino = 0;
		uint32_t *prev;
		if (lstat(path, &st) != 0) {
			fprintf(stderr, TOOL ": %s: %s\n", path, strerror(errno));
			err = -REDOXFS_EIO;
		} else if (S_ISDIR(st.st_mode)) {
			err = redoxfs_mkdir(ar->fs, dir, name, 0755, 0, 0, &ino);
			if (!err)
				err = add_dir(ar, path, sub, ino);
			if (!err)
				err = finish_node(ar, ino, &st, sub);
		} else if (S_ISREG(st.st_mode) && st.st_nlink > 1 &&
		           (prev = hardlink_of(ar, &st))) {
			err = redoxfs_link(ar->fs, *prev, dir, name);
			find_meta(ar, sub); /* applies through the first name */
		} else if (S_ISREG(st.st_mode)) {
			err =
			    redoxfs_create(ar->fs, dir, name, REDOXFS_MODE_FILE | 0644, 0, 0, &ino);
			if (!err)
				err = copy_file(ar, path, ino);
			if (!err)
				err = finish_node(ar, ino, &st, sub);
			if (!err && st.st_nlink > 1)
				remember_link(ar, &st, ino);
		} else if (S_ISLNK(st.st_mode)) {
			ssize_t len = readlink(path, ar->buf, COPY_BUF - 1);
			if (len < 0) {
				fprintf(stderr, TOOL ": %s: %s\n", path, strerror(errno));
				err = -REDOXFS_EIO;
			} else {
				ar->buf[len] = 0;
				err = redoxfs_symlink(ar->fs, dir, name, ar->buf, 0, 0, &ino);
				if (!err)
					err = finish_node(ar, ino, &st, sub);
			}
		} else {
			fprintf(stderr, TOOL ": %s: skipped (not a file, directory or symlink)\n",
			        path);
		}
		if (err && err != -REDOXFS_EIO && err != -REDOXFS_ENOSPC)
			fprintf(stderr, TOOL ": %s: %s\n", path, host_strerror(err));
		free(path);
		free(sub);
		free(names[i]);
	}
	free(names);
	return err;
}

/* ---- --size auto ---- */

struct estimate {
	uint64_t blocks, inodes;
};

static uint64_t data_blocks(uint64_t bytes)
{
	if (bytes <= 3840)
		return 0; /* inline in the node */
	uint64_t b = (bytes + BLOCK - 1) / BLOCK;
	uint64_t total = b;
	for (uint64_t level = b; level > 240; level = (level + 255) / 256)
		total += (level + 255) / 256 + 1;
	return total;
}

static void estimate(const char *src, struct estimate *e)
{
	DIR *d = opendir(src);
	if (!d)
		return;
	uint64_t dir_bytes = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (!not_dot(ent))
			continue;
		char *path;
		struct stat st;
		if (asprintf(&path, "%s/%s", src, ent->d_name) < 0)
			continue;
		dir_bytes += 5 + strlen(ent->d_name);
		if (lstat(path, &st) == 0) {
			e->inodes++;
			e->blocks++;
			if (S_ISDIR(st.st_mode))
				estimate(path, e);
			else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
				e->blocks += data_blocks((uint64_t)st.st_size);
		}
		free(path);
	}
	closedir(d);
	/* chunks are 1024 bytes and records do not span them */
	e->blocks += data_blocks((dir_bytes + dir_bytes / 4 + 1023) / 1024 * 1024);
}

static uint64_t auto_size(const char *src)
{
	struct estimate e = {1, 1};
	estimate(src, &e);
	uint64_t blocks = e.blocks + e.inodes / 128 + 8 + 4;
	blocks += blocks / 32768 + 4; /* the space map */
	uint64_t bytes = blocks * BLOCK;
	/* slack for later changes, copy-on-write and the allocator's reserve */
	bytes += bytes / 4 + (4ull << 20);
	return (bytes + (1ull << 20) - 1) >> 20;
}

static int build(struct ar *ar, struct image *img, const char *src, uint64_t mib)
{
	uint64_t size = mib << 20;
	if ((img->offset == 0 && (ftruncate(img->fd, 0) != 0 || ftruncate(img->fd, (off_t)size))) ||
	    (img->offset && img->size < size &&
	     ftruncate(img->fd, (off_t)(img->offset + size)) != 0)) {
		fprintf(stderr, TOOL ": %s: %s\n", ar->image, strerror(errno));
		return -REDOXFS_EIO;
	}
	uint8_t uuid[16];
	host_uuid(uuid);
	int err = redoxfs_format(&img->io, img->offset, size, uuid, &host_hooks);
	if (err)
		return err;
	ar->fs = host_mount(TOOL, img);
	if (!ar->fs)
		return -REDOXFS_EIO;
	struct stat st;
	uint32_t root = redoxfs_root(ar->fs);
	if (stat(src, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, TOOL ": %s: not a directory\n", src);
		err = -REDOXFS_EIO;
	}
	if (!err)
		err = add_dir(ar, src, "", root);
	if (!err)
		err = finish_node(ar, root, &st, "");
	if (!err)
		err = redoxfs_commit(ar->fs);
	redoxfs_unmount(ar->fs);
	ar->fs = NULL;
	return err;
}

static int usage(void)
{
	fprintf(stderr, "usage: " TOOL " IMAGE DIR [--meta METAFILE] [--size MiB|auto] "
	                "[--offset BYTES]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct ar ar = {0};
	const char *pos[2], *meta = NULL, *size_arg = "auto";
	int npos = 0;
	uint64_t offset = 0, mib = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--meta") == 0 && i + 1 < argc)
			meta = argv[++i];
		else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc)
			size_arg = argv[++i];
		else if (strcmp(argv[i], "--offset") == 0 && i + 1 < argc) {
			if (!host_parse_u64(argv[++i], &offset))
				return usage();
		} else if (npos < 2 && argv[i][0] != '-')
			pos[npos++] = argv[i];
		else
			return usage();
	}
	bool is_auto = strcmp(size_arg, "auto") == 0;
	if (npos != 2 || (!is_auto && (!host_parse_u64(size_arg, &mib) || mib == 0)))
		return usage();
	ar.image = pos[0];
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch && host_parse_u64(epoch, &ar.epoch)) {
		host_fixed_now.sec = ar.epoch;
		host_fixed_now.nsec = 0;
	}
	if (meta && !load_meta(&ar, meta))
		return 1;
	if (is_auto)
		mib = auto_size(pos[1]);
	ar.buf = malloc(COPY_BUF);
	struct image img = {.offset = offset};
	if (!ar.buf || !image_open(&img, TOOL, pos[0], true, true))
		return 1;

	int err = build(&ar, &img, pos[1], mib);
	/* An estimate can fall short (say, for a tree of huge directories):
	 * grow and retry. */
	for (int tries = 0; is_auto && err == -REDOXFS_ENOSPC && tries < 4; tries++) {
		for (size_t i = 0; i < ar.nmeta; i++)
			ar.meta[i].used = false;
		ar.nlinks = 0;
		mib *= 2;
		err = build(&ar, &img, pos[1], mib);
	}
	image_close(&img);
	if (err == -REDOXFS_ENOSPC)
		fprintf(stderr, TOOL ": %s: filesystem full at %llu MiB (give a larger --size)\n",
		        pos[0], (unsigned long long)mib);
	else if (err && err != -REDOXFS_EIO)
		fprintf(stderr, TOOL ": %s: %s\n", pos[0], host_strerror(err));
	for (size_t i = 0; !err && i < ar.nmeta; i++)
		if (!ar.meta[i].used) {
			fprintf(stderr, TOOL ": %s: meta file names '%s', which is not in %s\n",
			        pos[0], ar.meta[i].path, pos[1]);
			err = -REDOXFS_ENOENT;
		}
	for (size_t i = 0; i < ar.nmeta; i++)
		free(ar.meta[i].path);
	free(ar.meta);
	free(ar.links);
	free(ar.buf);
	return err ? 1 : 0;
}
