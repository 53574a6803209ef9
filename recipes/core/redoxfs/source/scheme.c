/*
 * The "file:" scheme over a mounted RedoxFS: one function per request of
 * the classic packet protocol (see /work/shared/spec/abi.md).
 *
 * Paths are the part after "file:" ("/usr/bin/x"; the kernel has already
 * made them canonical). Every directory on the way needs search (x)
 * permission; symlinks are followed, the last one too unless the open has
 * O_NOFOLLOW or O_SYMLINK (then O_STAT or O_SYMLINK opens the link itself,
 * else ELOOP). Permissions are checked against the caller's uid/gid from
 * the packet (uid 0 may do everything) and the node's mode/uid/gid: read
 * and write at open, write on the parent to create, remove or rename
 * (plus the sticky bit's owner rule), ownership for chmod. fchmod, fchown
 * and futimens reach us as the kernel (uid 0), so they are checked
 * against whoever opened the handle.
 *
 * Reading a directory gives its entry names, one per line. open with
 * O_CREAT|O_DIRECTORY is mkdir; open with O_CREAT|O_SYMLINK makes a
 * symlink whose target is the first write. Every request that changes
 * something is committed before the reply (live mode; on a disk commits are
 * lazy: within a second, at once when idle, and fsync commits before it
 * replies), so a reply means durable (on
 * the medium the daemon writes to). Unknown path calls give ENOENT,
 * unknown handle calls EBADF.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <redox/abi/flags.h>
#include <redox/abi/syscall.h>

#include "redoxfsd.h"

#define PATH_BUF  4096
#define MAX_HOPS  32
#define PERM_BITS 07777

#ifndef UTIME_NOW
#define UTIME_NOW  ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)
#endif

enum { MAY_X = 1, MAY_W = 2, MAY_R = 4 };

struct cred {
	uint32_t uid, gid;
};

struct handle {
	uint32_t ino;      /* 0: a symlink still waiting for its target */
	uint64_t flags;    /* O_* given at open (O_APPEND may change) */
	struct cred owner; /* who opened it */
	uint64_t offset;
	char *path;    /* "/a/b", as opened */
	char *listing; /* directories: the names, one a line (NULL: not readable) */
	size_t listing_len;
	uint32_t link_dir; /* a waiting symlink: where it goes */
	char *link_name;
};

/* Where a path leads: the entry `name` in directory `dir`, which is `ino` (0: absent). */
struct place {
	uint32_t dir, ino;
	char name[REDOXFS_NAME_MAX + 1];
};

static struct redoxfs *fs;
static struct handle **handles; /* id = index + 1 */
static size_t handle_cap;

static bool lazy, dirty;

void scheme_init(struct redoxfs *mounted, bool lazy_commit)
{
	fs = mounted;
	lazy = lazy_commit;
}

/* ---- helpers ---- */

static bool is_type(const struct redoxfs_stat *st, uint16_t type)
{
	return (st->mode & REDOXFS_MODE_TYPE) == type;
}

static bool may(const struct redoxfs_stat *st, const struct cred *c, int want)
{
	if (c->uid == 0)
		return true;
	unsigned bits = st->mode & 0777;
	bits = c->uid == st->uid ? bits >> 6 : c->gid == st->gid ? bits >> 3 : bits;
	return ((int)bits & want) == want;
}

/* Removing `victim` from directory `dir`: write permission, and the sticky bit's rule. */
static int may_remove(uint32_t dir, uint32_t victim, const struct cred *c)
{
	struct redoxfs_stat d, v;
	int r = redoxfs_stat(fs, dir, &d);
	if (!r && victim)
		r = redoxfs_stat(fs, victim, &v);
	if (r)
		return r;
	if (!may(&d, c, MAY_W))
		return -EACCES;
	if (victim && (d.mode & 01000) && c->uid != 0 && c->uid != d.uid && c->uid != v.uid)
		return -EPERM;
	return 0;
}

/* Make the changes durable; keeps `result` unless the commit fails. Lazy
 * (on a disk): only mark them; main.c's loop commits soon (scheme_flush),
 * fsync at once. */
static int64_t commit(int64_t result)
{
	if (lazy) {
		dirty = true;
		return result;
	}
	int r = redoxfs_commit(fs);
	return r ? r : result;
}

bool scheme_dirty(void)
{
	return dirty;
}

int scheme_flush(void)
{
	if (!dirty)
		return 0;
	dirty = false;
	return redoxfs_commit(fs);
}

static int64_t commit_now(int64_t result)
{
	dirty = true;
	int r = scheme_flush();
	return r ? r : result;
}

/*
 * Follow `path` from the root. Every directory passed needs search
 * permission. The last name may be missing (out->ino = 0); symlinks on the
 * way are followed, the last one only with `follow`.
 */
static int walk(const char *path, bool follow, const struct cred *c, struct place *out)
{
	static char buf[PATH_BUF], target[PATH_BUF];
	size_t len = strlen(path);
	if (len >= sizeof buf)
		return -ENAMETOOLONG;
	memcpy(buf, path, len + 1);
	uint32_t cur = redoxfs_root(fs);
	*out = (struct place){.dir = cur, .ino = cur};
	int hops = 0;
	size_t i = 0;
	for (;;) {
		while (buf[i] == '/')
			i++;
		if (!buf[i])
			return 0;
		size_t start = i;
		while (buf[i] && buf[i] != '/')
			i++;
		size_t n = i - start, j = i;
		while (buf[j] == '/')
			j++;
		bool last = !buf[j];
		struct redoxfs_stat st;
		int r = redoxfs_stat(fs, cur, &st);
		if (r)
			return r;
		if (!is_type(&st, REDOXFS_MODE_DIR))
			return -ENOTDIR;
		if (!may(&st, c, MAY_X))
			return -EACCES;
		if (n > REDOXFS_NAME_MAX)
			return -ENAMETOOLONG;
		uint32_t next;
		r = redoxfs_lookup(fs, cur, buf + start, n, &next);
		if (r == -ENOENT && last) {
			out->dir = cur;
			out->ino = 0;
			memcpy(out->name, buf + start, n);
			out->name[n] = 0;
			return 0;
		}
		if (!r)
			r = redoxfs_stat(fs, next, &st);
		if (r)
			return r;
		if (is_type(&st, REDOXFS_MODE_SYMLINK) && (follow || !last)) {
			if (++hops > MAX_HOPS)
				return -ELOOP;
			int64_t t = redoxfs_readlink(fs, next, target, sizeof target);
			if (t < 0)
				return (int)t;
			size_t rest = strlen(buf + i);
			if ((size_t)t + rest + 1 > sizeof buf)
				return -ENAMETOOLONG;
			memmove(buf + t, buf + i, rest + 1);
			memcpy(buf, target, (size_t)t);
			if (buf[0] == '/')
				cur = redoxfs_root(fs);
			i = 0;
			continue;
		}
		out->dir = cur;
		out->ino = next;
		memcpy(out->name, buf + start, n);
		out->name[n] = 0;
		cur = next;
	}
}

/* The packet's path (b, c) as a C string without its leading slashes. */
static int packet_path(const struct redox_packet *p, char *out)
{
	const char *s = (const char *)p->b;
	size_t len = p->c;
	out[0] = 0;
	if (!len)
		return 0; /* "file:" itself: the root */
	while (len && *s == '/') {
		s++;
		len--;
	}
	if (len >= PATH_BUF)
		return -ENAMETOOLONG;
	memcpy(out, s, len);
	out[len] = 0;
	return memchr(out, 0, len) ? -EINVAL : 0;
}

static struct handle *handle_get(uint64_t id)
{
	return id >= 1 && id <= handle_cap ? handles[id - 1] : 0;
}

static void handle_free(struct handle *h)
{
	free(h->path);
	free(h->listing);
	free(h->link_name);
	free(h);
}

/* A slot for h; returns its id, or -ENOMEM (and frees h). */
static int64_t handle_add(struct handle *h)
{
	size_t i = 0;
	while (i < handle_cap && handles[i])
		i++;
	if (i == handle_cap) {
		size_t cap = handle_cap ? handle_cap * 2 : 64;
		struct handle **bigger = realloc(handles, cap * sizeof *bigger);
		if (!bigger) {
			handle_free(h);
			return -ENOMEM;
		}
		memset(bigger + handle_cap, 0, (cap - handle_cap) * sizeof *bigger);
		handles = bigger;
		handle_cap = cap;
	}
	handles[i] = h;
	return (int64_t)i + 1;
}

/* Does a handle other than `except` have node `ino` open? */
static bool ino_open(uint32_t ino, const struct handle *except)
{
	for (size_t i = 0; i < handle_cap; i++)
		if (handles[i] && handles[i] != except && handles[i]->ino == ino)
			return true;
	return false;
}

static char *path_dup(const char *path)
{
	size_t len = strlen(path);
	char *s = malloc(len + 2);
	if (s) {
		s[0] = '/';
		memcpy(s + 1, path, len + 1);
	}
	return s;
}

/* The names in directory h->ino, one a line. */
static int make_listing(struct handle *h)
{
	size_t cap = 256, len = 0;
	char *out = malloc(cap);
	uint64_t cookie = 0;
	struct redoxfs_dirent ent;
	int r;
	while (out && (r = redoxfs_readdir(fs, h->ino, &cookie, &ent)) == 1) {
		if (len + ent.name_len + 1 > cap) {
			char *bigger = realloc(out, cap *= 2);
			if (!bigger)
				break;
			out = bigger;
		}
		memcpy(out + len, ent.name, ent.name_len);
		len += ent.name_len;
		out[len++] = '\n';
	}
	if (!out || r > 0) {
		free(out);
		return -ENOMEM;
	}
	if (r < 0) {
		free(out);
		return r;
	}
	h->listing = out;
	h->listing_len = len;
	return 0;
}

static bool readable(const struct handle *h)
{
	uint64_t acc = h->flags & O_ACCMODE;
	return !(h->flags & O_STAT) && acc != O_WRONLY;
}

static bool writable(const struct handle *h)
{
	uint64_t acc = h->flags & O_ACCMODE;
	return !(h->flags & O_STAT) && (acc == O_WRONLY || acc == O_RDWR);
}

/* ---- path calls ---- */

static int64_t create(const struct place *at, uint64_t flags, const struct cred *c,
                      struct handle *h)
{
	struct redoxfs_stat dir;
	int r = redoxfs_stat(fs, at->dir, &dir);
	if (r)
		return r;
	if (!may(&dir, c, MAY_W))
		return -EACCES;
	uint16_t perm = flags & PERM_BITS, type = flags & REDOXFS_MODE_TYPE;
	if ((flags & O_SYMLINK) || type == REDOXFS_MODE_SYMLINK) {
		/* made by the first write, which carries the target */
		h->link_dir = at->dir;
		h->link_name = strdup(at->name);
		return h->link_name ? 0 : -ENOMEM;
	}
	if ((flags & O_DIRECTORY) || type == REDOXFS_MODE_DIR)
		r = redoxfs_mkdir(fs, at->dir, at->name, perm, c->uid, c->gid, &h->ino);
	else
		r = redoxfs_create(fs, at->dir, at->name, REDOXFS_MODE_FILE | perm, c->uid, c->gid,
		                   &h->ino);
	return commit(r);
}

static int64_t do_open(const struct redox_packet *p)
{
	static char path[PATH_BUF];
	struct cred c = {p->uid, p->gid};
	uint64_t flags = p->d;
	int64_t r = packet_path(p, path);
	struct place at;
	/* O_CREAT | O_EXCL never follows a last symlink: it exists */
	bool excl = (flags & O_CREAT) && (flags & O_EXCL);
	bool follow = !(flags & (O_NOFOLLOW | O_SYMLINK)) && !excl;
	if (!r)
		r = walk(path, follow, &c, &at);
	if (r)
		return r;
	struct handle *h = calloc(1, sizeof *h);
	if (!h || !(h->path = path_dup(path))) {
		free(h);
		return -ENOMEM;
	}
	h->flags = flags;
	h->owner = c;
	h->ino = at.ino;
	bool created = false;
	if (!at.ino) {
		r = flags & O_CREAT ? create(&at, flags, &c, h) : -ENOENT;
		created = true;
	} else if (excl) {
		r = -EEXIST;
	}
	struct redoxfs_stat st = {0};
	if (!r && h->ino)
		r = redoxfs_stat(fs, h->ino, &st);
	if (!r && h->ino) {
		bool dir = is_type(&st, REDOXFS_MODE_DIR),
		     link = is_type(&st, REDOXFS_MODE_SYMLINK);
		if (link && !(flags & (O_SYMLINK | O_STAT)))
			r = -ELOOP;
		else if ((flags & O_DIRECTORY) && !dir)
			r = -ENOTDIR;
		else if (dir && writable(h))
			r = -EISDIR;
		else if (!created && !(flags & O_STAT) &&
		         ((readable(h) && !may(&st, &c, MAY_R) && !(dir && may(&st, &c, MAY_X))) ||
		          (writable(h) && !may(&st, &c, MAY_W))))
			r = -EACCES;
		else if (dir && readable(h) && may(&st, &c, MAY_R))
			r = make_listing(h);
		else if ((flags & O_TRUNC) && !created && writable(h) && st.size)
			r = commit(redoxfs_truncate(fs, h->ino, 0));
	}
	if (r) {
		handle_free(h);
		return r;
	}
	return handle_add(h);
}

static int64_t do_chmod(const struct redox_packet *p)
{
	static char path[PATH_BUF];
	struct cred c = {p->uid, p->gid};
	struct place at;
	struct redoxfs_stat st;
	int r = packet_path(p, path);
	if (!r)
		r = walk(path, true, &c, &at);
	if (!r && !at.ino)
		r = -ENOENT;
	if (!r)
		r = redoxfs_stat(fs, at.ino, &st);
	if (!r && c.uid != 0 && c.uid != st.uid)
		r = -EPERM;
	return r ? r : commit(redoxfs_chmod(fs, at.ino, (uint16_t)(p->d & PERM_BITS)));
}

static int64_t do_remove(const struct redox_packet *p, bool dir)
{
	static char path[PATH_BUF];
	struct cred c = {p->uid, p->gid};
	struct place at;
	int r = packet_path(p, path);
	if (!r)
		r = walk(path, false, &c, &at);
	if (!r && !at.ino)
		r = -ENOENT;
	if (!r && at.ino == redoxfs_root(fs))
		r = -EBUSY;
	if (!r)
		r = may_remove(at.dir, at.ino, &c);
	if (r)
		return r;
	if (dir)
		return commit(redoxfs_rmdir(fs, at.dir, at.name));
	/* an open file outlives its last name until its last close (POSIX) */
	return commit(ino_open(at.ino, 0) ? redoxfs_unlink_open(fs, at.dir, at.name)
	                                  : redoxfs_unlink(fs, at.dir, at.name));
}

/* ---- handle calls ---- */

static int64_t do_read(struct handle *h, void *buf, size_t len)
{
	static char target[PATH_BUF];
	if (!readable(h))
		return -EBADF;
	if (!h->ino)
		return 0;
	struct redoxfs_stat st;
	int64_t r = redoxfs_stat(fs, h->ino, &st);
	if (r)
		return r;
	if (is_type(&st, REDOXFS_MODE_DIR) || is_type(&st, REDOXFS_MODE_SYMLINK)) {
		const char *text = h->listing;
		size_t size = h->listing_len;
		if (is_type(&st, REDOXFS_MODE_SYMLINK)) {
			r = redoxfs_readlink(fs, h->ino, target, sizeof target);
			text = target;
			size = r > 0 ? (size_t)r : 0;
		} else if (!text) {
			return -EACCES;
		}
		if (r < 0)
			return r;
		size_t n = h->offset < size ? size - h->offset : 0;
		n = n < len ? n : len;
		memcpy(buf, text + h->offset, n);
		h->offset += n;
		return (int64_t)n;
	}
	r = redoxfs_read(fs, h->ino, h->offset, buf, len);
	if (r > 0) {
		fmap_overlay_read(h->ino, h->offset, buf, (uint64_t)r); /* shared mappings' bytes */
		h->offset += (uint64_t)r;
	}
	return r;
}

static int64_t do_write(struct handle *h, const void *buf, size_t len)
{
	if (!writable(h))
		return -EBADF;
	if (!h->ino) {
		/* a new symlink: this is its target */
		if (h->offset || !len || len > REDOXFS_SYMLINK_MAX || memchr(buf, 0, len))
			return -EINVAL;
		char target[REDOXFS_SYMLINK_MAX + 1];
		memcpy(target, buf, len);
		target[len] = 0;
		int r = (int)commit(redoxfs_symlink(fs, h->link_dir, h->link_name, target,
		                                    h->owner.uid, h->owner.gid, &h->ino));
		if (r)
			return r;
		h->offset = len;
		return (int64_t)len;
	}
	struct redoxfs_stat st;
	int64_t r = redoxfs_stat(fs, h->ino, &st);
	if (r)
		return r;
	if (is_type(&st, REDOXFS_MODE_SYMLINK))
		return -EINVAL;
	if (h->flags & O_APPEND)
		h->offset = st.size;
	r = redoxfs_write(fs, h->ino, h->offset, buf, len);
	if (r == -ENOSPC && !commit_now(0)) /* blocks freed since the last commit */
		r = redoxfs_write(fs, h->ino, h->offset, buf, len);
	if (r > 0) {
		fmap_update_write(h->ino, h->offset, buf, (uint64_t)r);
		h->offset += (uint64_t)r;
	}
	return commit(r);
}

static int64_t do_seek(struct handle *h, int64_t offset, uint64_t whence)
{
	int64_t base;
	if (whence == SEEK_SET) {
		base = 0;
	} else if (whence == SEEK_CUR) {
		base = (int64_t)h->offset;
	} else if (whence == SEEK_END) {
		struct redoxfs_stat st = {0};
		int r = h->ino ? redoxfs_stat(fs, h->ino, &st) : 0;
		if (r)
			return r;
		base = h->listing ? (int64_t)h->listing_len : (int64_t)st.size;
	} else {
		return -EINVAL;
	}
	if (base + offset < 0)
		return -EINVAL;
	h->offset = (uint64_t)(base + offset);
	return (int64_t)h->offset;
}

static int64_t do_fstat(struct handle *h, struct redox_stat *out, size_t len)
{
	if (len < sizeof *out)
		return -EINVAL;
	struct redoxfs_stat st = {
	    .mode = REDOXFS_MODE_SYMLINK | 0777, .uid = h->owner.uid, .gid = h->owner.gid};
	int r = h->ino ? redoxfs_stat(fs, h->ino, &st) : 0;
	if (r)
		return r;
	*out = (struct redox_stat){
	    .dev = 0,
	    .ino = st.ino,
	    .mode = st.mode,
	    .nlink = st.links,
	    .uid = st.uid,
	    .gid = st.gid,
	    .size = st.size,
	    .blksize = REDOXFS_BLOCK_SIZE,
	    .blocks = st.blocks * (REDOXFS_BLOCK_SIZE / 512),
	    .mtime = st.mtime.sec,
	    .mtime_nsec = st.mtime.nsec,
	    .atime = st.atime.sec,
	    .atime_nsec = st.atime.nsec,
	    .ctime = st.ctime.sec,
	    .ctime_nsec = st.ctime.nsec,
	};
	return 0;
}

static int64_t do_fstatvfs(struct redox_statvfs *out, size_t len)
{
	if (len < sizeof *out)
		return -EINVAL;
	struct redoxfs_info info;
	redoxfs_info(fs, &info);
	*out = (struct redox_statvfs){REDOXFS_BLOCK_SIZE, info.blocks, info.free, info.free};
	return 0;
}

static int64_t do_fpath(struct handle *h, char *buf, size_t len)
{
	size_t n = strlen(h->path);
	size_t total = 5 + n;
	char *full = malloc(total);
	if (!full)
		return -ENOMEM;
	memcpy(full, "file:", 5);
	memcpy(full + 5, h->path, n);
	n = total < len ? total : len;
	memcpy(buf, full, n);
	free(full);
	return (int64_t)n;
}

static int64_t do_frename(struct handle *h, const char *buf, size_t len, const struct cred *c)
{
	static char path[PATH_BUF];
	if (len < 5 || memcmp(buf, "file:", 5))
		return -EXDEV;
	buf += 5;
	len -= 5;
	while (len && *buf == '/') {
		buf++;
		len--;
	}
	if (len >= sizeof path || memchr(buf, 0, len))
		return -EINVAL;
	memcpy(path, buf, len);
	path[len] = 0;
	struct place from, to;
	int r = walk(h->path, false, c, &from);
	if (!r && (!from.ino || from.ino != h->ino))
		r = -ENOENT; /* it moved since it was opened */
	if (!r && from.ino == redoxfs_root(fs))
		r = -EBUSY;
	if (!r)
		r = walk(path, false, c, &to);
	if (!r)
		r = may_remove(from.dir, from.ino, c);
	if (!r)
		r = may_remove(to.dir, to.ino, c);
	if (!r)
		r = (int)commit(redoxfs_rename(fs, from.dir, from.name, to.dir, to.name));
	char *moved = r ? 0 : path_dup(path);
	if (moved) {
		free(h->path);
		h->path = moved;
	}
	return r;
}

/* fchmod, fchown, futimens: the owner of the node (as the opener) or root. */
static int owner_check(struct handle *h, struct redoxfs_stat *st)
{
	int r = h->ino ? redoxfs_stat(fs, h->ino, st) : -EBADF;
	if (!r && h->owner.uid != 0 && h->owner.uid != st->uid)
		r = -EPERM;
	return r;
}

static int64_t do_fchown(struct handle *h, uint32_t uid, uint32_t gid)
{
	struct redoxfs_stat st;
	int r = owner_check(h, &st);
	if (r)
		return r;
	uint32_t keep = (uint32_t)-1;
	uid = uid == keep ? st.uid : uid;
	gid = gid == keep ? st.gid : gid;
	/* others may only give their own file to one of their groups */
	if (h->owner.uid != 0 && (uid != st.uid || (gid != st.gid && gid != h->owner.gid)))
		return -EPERM;
	return commit(redoxfs_chown(fs, h->ino, uid, gid));
}

static int64_t do_futimens(struct handle *h, const struct redox_timespec *t, size_t len)
{
	struct redoxfs_stat st;
	int r = len < 2 * sizeof *t ? -EINVAL : owner_check(h, &st);
	if (r)
		return r;
	struct redoxfs_time times[2], *use[2];
	for (int i = 0; i < 2; i++) {
		use[i] = &times[i];
		if (t[i].tv_nsec == UTIME_OMIT) {
			use[i] = 0;
		} else if (t[i].tv_nsec == UTIME_NOW) {
			struct timespec now;
			clock_gettime(CLOCK_REALTIME, &now);
			times[i] =
			    (struct redoxfs_time){(uint64_t)now.tv_sec, (uint32_t)now.tv_nsec};
		} else if (t[i].tv_sec < 0 || t[i].tv_nsec < 0 || t[i].tv_nsec >= 1000000000) {
			return -EINVAL;
		} else {
			times[i] =
			    (struct redoxfs_time){(uint64_t)t[i].tv_sec, (uint32_t)t[i].tv_nsec};
		}
	}
	return commit(redoxfs_utimens(fs, h->ino, use[0], use[1]));
}

static int64_t do_dup(struct handle *h, size_t len)
{
	if (len)
		return -EINVAL; /* no named dups */
	struct handle *d = calloc(1, sizeof *d);
	if (!d)
		return -ENOMEM;
	*d = *h;
	d->path = strdup(h->path);
	d->listing = h->listing ? malloc(h->listing_len + 1) : 0;
	d->link_name = h->link_name ? strdup(h->link_name) : 0;
	if (!d->path || (h->listing && !d->listing) || (h->link_name && !d->link_name)) {
		handle_free(d);
		return -ENOMEM;
	}
	if (d->listing)
		memcpy(d->listing, h->listing, h->listing_len);
	return handle_add(d);
}

static int64_t handle_call(const struct redox_packet *p, struct handle *h)
{
	struct cred c = {p->uid, p->gid};
	struct redoxfs_stat st;
	int r;
	switch (p->a) {
	case SYS_READ:
		return do_read(h, (void *)p->c, p->d);
	case SYS_WRITE:
		return do_write(h, (const void *)p->c, p->d);
	case SYS_LSEEK:
		return do_seek(h, (int64_t)p->c, p->d);
	case SYS_FSTAT:
		return do_fstat(h, (struct redox_stat *)p->c, p->d);
	case SYS_FSTATVFS:
		return do_fstatvfs((struct redox_statvfs *)p->c, p->d);
	case SYS_FPATH:
		return do_fpath(h, (char *)p->c, p->d);
	case SYS_FRENAME:
		return do_frename(h, (const char *)p->c, p->d, &c);
	case SYS_FSYNC:
		r = h->ino ? fmap_sync(fs, h->ino) : 0;
		return r < 0 ? r : commit_now(0);
	case SYS_FTRUNCATE:
		if (!writable(h) || !h->ino)
			return -EINVAL;
		fmap_truncate(h->ino, p->c);
		return commit(redoxfs_truncate(fs, h->ino, p->c));
	case SYS_FMAP:
		if (p->d < sizeof(struct redox_map) || !h->ino || redoxfs_stat(fs, h->ino, &st))
			return -EINVAL;
		if (!is_type(&st, REDOXFS_MODE_FILE))
			return -ENODEV;
		return fmap_answer(fs, p->b, h->ino, (const struct redox_map *)p->c, readable(h),
		                   writable(h));
	case SYS_FCHMOD:
		r = owner_check(h, &st);
		return r ? r : commit(redoxfs_chmod(fs, h->ino, (uint16_t)(p->c & PERM_BITS)));
	case SYS_FCHOWN:
		return do_fchown(h, (uint32_t)p->c, (uint32_t)p->d);
	case SYS_FUTIMENS:
		return do_futimens(h, (const struct redox_timespec *)p->c, p->d);
	case SYS_FCNTL:
		if (p->c == F_GETFL)
			return (int64_t)h->flags;
		if (p->c != F_SETFL)
			return -EINVAL;
		h->flags = (h->flags & ~(uint64_t)(O_APPEND | O_NONBLOCK)) |
		           (p->d & (O_APPEND | O_NONBLOCK));
		return 0;
	case SYS_FEVENT:
		return (int64_t)(p->c & (EVENT_READ | EVENT_WRITE)); /* always ready */
	case SYS_DUP:
		return do_dup(h, p->d);
	case SYS_CLOSE: {
		/* the last close of a file unlinked while open frees it */
		struct redoxfs_stat st;
		int w = fmap_close(fs, p->b); /* its shared mappings' bytes */
		int64_t r = w > 0 ? commit(0) : w;
		if (h->ino && !ino_open(h->ino, h) && !redoxfs_stat(fs, h->ino, &st) &&
		    st.links == 0 && !is_type(&st, REDOXFS_MODE_DIR))
			r = commit(redoxfs_release(fs, h->ino));
		handles[p->b - 1] = 0;
		handle_free(h);
		return r;
	}
	default:
		return -EBADF;
	}
}

int64_t scheme_handle(const struct redox_packet *p)
{
	switch (p->a) {
	case SYS_OPEN:
		return do_open(p);
	case SYS_CHMOD:
		return do_chmod(p);
	case SYS_UNLINK:
		return do_remove(p, false);
	case SYS_RMDIR:
		return do_remove(p, true);
	default:
		if ((p->a & SYS_CLASS) == SYS_CLASS_PATH)
			return -ENOENT;
	}
	struct handle *h = handle_get(p->b);
	return h ? handle_call(p, h) : -EBADF;
}
