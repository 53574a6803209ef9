/*
 * The operations of redoxfs.h on names and nodes. Each one checks
 * everything it can before changing anything (so a refused operation
 * leaves no trace) and reserves enough free blocks up front; a failure
 * after the first change marks the handle broken (see rfs_fail).
 */
#include "rw.h"

/* Worst-case new blocks of a namespace operation: a few nodes and their
 * inode-tree paths, a directory chunk and its indirect blocks. */
#define OP_COST          64
#define MAX_LINKS        0xFFFFFFFFu
#define MAX_SYMLINK_HOPS 40

/*
 * Refuse an operation that might run out of blocks half way. Operations
 * that add data leave OP_COST blocks more, so that removing files still
 * works on a full filesystem. Blocks freed since the last commit only
 * become available after the next one: a caller that gets ENOSPC can
 * commit and retry.
 */
static int begin_op(struct redoxfs *fs, uint64_t cost, bool frees)
{
	if (fs->broken)
		return -REDOXFS_EIO;
	if (fs->readonly)
		return -REDOXFS_EROFS;
	return rfs_reserve(fs, frees ? cost : cost + OP_COST);
}

static int begin(struct redoxfs *fs, uint64_t cost)
{
	return begin_op(fs, cost, false);
}

static int done(struct redoxfs *fs, int err)
{
	return err ? rfs_fail(fs, err < 0 ? err : -REDOXFS_EIO) : 0;
}

static bool is_type(const struct redoxfs_node *n, uint16_t type)
{
	return (n->mode & REDOXFS_MODE_TYPE) == type;
}

static int get_dir(struct redoxfs *fs, uint32_t ino, struct redoxfs_node *n)
{
	int err = rfs_node_get(fs, ino, n);
	if (err)
		return err;
	return is_type(n, REDOXFS_MODE_DIR) ? 0 : -REDOXFS_ENOTDIR;
}

static int check_name(const char *name, size_t *len)
{
	size_t l = rfs_strlen(name);
	if (l > REDOXFS_NAME_MAX)
		return -REDOXFS_ENAMETOOLONG;
	if (!rfs_name_ok(name, l))
		return -REDOXFS_EINVAL;
	*len = l;
	return 0;
}

int redoxfs_lookup(struct redoxfs *fs, uint32_t dir, const char *name, size_t len, uint32_t *ino)
{
	struct redoxfs_node *d = fs->node[0];
	uint64_t pos;

	int err = get_dir(fs, dir, d);
	if (err)
		return err;
	if (len == 0 || (len == 1 && name[0] == '.')) {
		*ino = dir;
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*ino = d->parent;
		return 0;
	}
	if (len > REDOXFS_NAME_MAX)
		return -REDOXFS_ENAMETOOLONG;
	return rfs_dir_find(fs, d, name, len, ino, &pos);
}

/* memmove, which the library may not call */
static void move_bytes(char *dst, const char *src, size_t n)
{
	if (dst < src)
		for (size_t i = 0; i < n; i++)
			dst[i] = src[i];
	else
		for (size_t i = n; i > 0; i--)
			dst[i - 1] = src[i - 1];
}

int redoxfs_lookup_path(struct redoxfs *fs, const char *path, bool follow, uint32_t *ino)
{
	char *buf = fs->path;
	size_t plen = rfs_strlen(path);
	uint32_t cur = REDOXFS_ROOT_INO;
	unsigned hops = 0;

	if (plen >= RFS_PATH_BUF)
		return -REDOXFS_ENAMETOOLONG;
	rfs_memcpy(buf, path, plen + 1);
	size_t i = 0;
	while (buf[i]) {
		while (buf[i] == '/')
			i++;
		size_t s = i;
		while (buf[i] && buf[i] != '/')
			i++;
		if (i == s)
			break;
		uint32_t next;
		int err = redoxfs_lookup(fs, cur, buf + s, i - s, &next);
		if (err)
			return err;
		struct redoxfs_node *n = fs->node[1];
		err = rfs_node_get(fs, next, n);
		if (err)
			return err;
		bool last = true;
		for (size_t k = i; buf[k]; k++)
			if (buf[k] != '/')
				last = false;
		if (!is_type(n, REDOXFS_MODE_SYMLINK) || (last && !follow)) {
			cur = next;
			continue;
		}
		if (++hops > MAX_SYMLINK_HOPS)
			return -REDOXFS_ELOOP;
		/* Replace the path so far by the target: target + rest. */
		size_t tlen = (size_t)n->size, rest = rfs_strlen(buf + i);
		if (tlen == 0 || tlen + 1 + rest >= RFS_PATH_BUF)
			return -REDOXFS_ENAMETOOLONG;
		move_bytes(buf + tlen + 1, buf + i, rest + 1);
		int64_t got = rfs_data_read(fs, n, 0, buf, tlen);
		if (got < 0)
			return (int)got;
		buf[tlen] = '/';
		if (buf[0] == '/')
			cur = REDOXFS_ROOT_INO;
		i = 0;
	}
	*ino = cur;
	return 0;
}

static void node_init(struct redoxfs *fs, struct redoxfs_node *n, uint16_t mode, uint32_t uid,
                      uint32_t gid)
{
	rfs_memset(n, 0, BS);
	n->magic = REDOXFS_NODE_MAGIC;
	n->ino = fs->next_ino++;
	n->mode = mode;
	n->flags = REDOXFS_NODE_INLINE;
	n->uid = uid;
	n->gid = gid;
	n->links = 1;
	rfs_touch(fs, n, true);
	n->atime = n->mtime;
	n->atime_nsec = n->mtime_nsec;
}

static int make(struct redoxfs *fs, uint32_t dir, const char *name, uint16_t mode, uint32_t uid,
                uint32_t gid, const char *target, uint32_t *out)
{
	struct redoxfs_node *d = fs->node[0], *n = fs->node[1];
	size_t len, tlen = 0;
	uint32_t found;
	uint64_t pos;
	uint16_t type = mode & REDOXFS_MODE_TYPE;

	int err = begin(fs, OP_COST);
	if (!err)
		err = check_name(name, &len);
	if (!err && target) {
		tlen = rfs_strlen(target);
		if (tlen == 0 || tlen > REDOXFS_SYMLINK_MAX)
			err = tlen ? -REDOXFS_ENAMETOOLONG : -REDOXFS_EINVAL;
	}
	if (!err && type != REDOXFS_MODE_FILE && type != REDOXFS_MODE_DIR &&
	    type != REDOXFS_MODE_SYMLINK)
		err = -REDOXFS_EINVAL;
	if (!err)
		err = get_dir(fs, dir, d);
	if (!err) {
		err = rfs_dir_find(fs, d, name, len, &found, &pos);
		err = err == 0 ? -REDOXFS_EEXIST : err == -REDOXFS_ENOENT ? 0 : err;
	}
	if (!err && fs->next_ino == 0)
		err = -REDOXFS_ENOSPC; /* 2^32 inode numbers used up */
	if (!err && type == REDOXFS_MODE_DIR && d->links == MAX_LINKS)
		err = -REDOXFS_EMLINK;
	if (err)
		return err;

	node_init(fs, n, mode, uid, gid);
	if (type == REDOXFS_MODE_DIR) {
		n->links = 2;
		n->parent = dir;
		d->links++;
	}
	if (target)
		err = rfs_data_write(fs, n, 0, target, tlen);
	if (!err)
		err = rfs_node_store(fs, n);
	if (!err)
		err = rfs_dir_add(fs, d, name, len, n->ino);
	rfs_touch(fs, d, true);
	if (!err)
		err = rfs_node_store(fs, d);
	if (!err && out)
		*out = n->ino;
	return done(fs, err);
}

int redoxfs_create(struct redoxfs *fs, uint32_t dir, const char *name, uint16_t mode, uint32_t uid,
                   uint32_t gid, uint32_t *ino)
{
	uint16_t type = mode & REDOXFS_MODE_TYPE;
	if (type != REDOXFS_MODE_FILE && type != REDOXFS_MODE_DIR)
		return -REDOXFS_EINVAL;
	return make(fs, dir, name, mode, uid, gid, NULL, ino);
}

int redoxfs_mkdir(struct redoxfs *fs, uint32_t dir, const char *name, uint16_t perm, uint32_t uid,
                  uint32_t gid, uint32_t *ino)
{
	return make(fs, dir, name, REDOXFS_MODE_DIR | (perm & REDOXFS_MODE_PERM), uid, gid, NULL,
	            ino);
}

int redoxfs_symlink(struct redoxfs *fs, uint32_t dir, const char *name, const char *target,
                    uint32_t uid, uint32_t gid, uint32_t *ino)
{
	return make(fs, dir, name, REDOXFS_MODE_SYMLINK | 0777, uid, gid, target, ino);
}

int redoxfs_link(struct redoxfs *fs, uint32_t ino, uint32_t dir, const char *name)
{
	struct redoxfs_node *d = fs->node[0], *n = fs->node[1];
	size_t len;
	uint32_t found;
	uint64_t pos;

	int err = begin(fs, OP_COST);
	if (!err)
		err = check_name(name, &len);
	if (!err)
		err = rfs_node_get(fs, ino, n);
	if (!err && is_type(n, REDOXFS_MODE_DIR))
		err = -REDOXFS_EPERM;
	if (!err && n->links == MAX_LINKS)
		err = -REDOXFS_EMLINK;
	if (!err)
		err = get_dir(fs, dir, d);
	if (!err) {
		err = rfs_dir_find(fs, d, name, len, &found, &pos);
		err = err == 0 ? -REDOXFS_EEXIST : err == -REDOXFS_ENOENT ? 0 : err;
	}
	if (err)
		return err;
	err = rfs_dir_add(fs, d, name, len, ino);
	rfs_touch(fs, d, true);
	if (!err)
		err = rfs_node_store(fs, d);
	n->links++;
	rfs_touch(fs, n, false);
	if (!err)
		err = rfs_node_store(fs, n);
	return done(fs, err);
}

/* Drop one link of `n`; the node and its data go with the last one,
 * unless `keep` (it is still open: redoxfs_release frees it later). */
static int drop_link(struct redoxfs *fs, struct redoxfs_node *n, bool keep)
{
	if (is_type(n, REDOXFS_MODE_DIR) || (--n->links == 0 && !keep)) {
		int err = rfs_data_truncate(fs, n, 0);
		return err ? err : rfs_node_remove(fs, n->ino);
	}
	rfs_touch(fs, n, false);
	return rfs_node_store(fs, n);
}

static int remove_entry(struct redoxfs *fs, uint32_t dir, const char *name, bool want_dir,
                        bool keep)
{
	struct redoxfs_node *d = fs->node[0], *n = fs->node[1];
	size_t len;
	uint32_t ino;
	uint64_t pos;

	int err = begin_op(fs, OP_COST, true);
	if (!err)
		err = check_name(name, &len);
	if (!err)
		err = get_dir(fs, dir, d);
	if (!err)
		err = rfs_dir_find(fs, d, name, len, &ino, &pos);
	if (!err)
		err = rfs_node_get(fs, ino, n);
	if (!err && want_dir && !is_type(n, REDOXFS_MODE_DIR))
		err = -REDOXFS_ENOTDIR;
	if (!err && !want_dir && is_type(n, REDOXFS_MODE_DIR))
		err = -REDOXFS_EISDIR;
	if (!err && want_dir) {
		err = rfs_dir_empty(fs, n);
		err = err == 1 ? 0 : err == 0 ? -REDOXFS_ENOTEMPTY : err;
	}
	if (err)
		return err;
	err = rfs_dir_remove(fs, d, pos);
	if (want_dir)
		d->links--;
	rfs_touch(fs, d, true);
	if (!err)
		err = rfs_node_store(fs, d);
	if (!err)
		err = drop_link(fs, n, keep);
	return done(fs, err);
}

int redoxfs_unlink(struct redoxfs *fs, uint32_t dir, const char *name)
{
	return remove_entry(fs, dir, name, false, false);
}

int redoxfs_rmdir(struct redoxfs *fs, uint32_t dir, const char *name)
{
	return remove_entry(fs, dir, name, true, false);
}

int redoxfs_unlink_open(struct redoxfs *fs, uint32_t dir, const char *name)
{
	return remove_entry(fs, dir, name, false, true);
}

int redoxfs_release(struct redoxfs *fs, uint32_t ino)
{
	struct redoxfs_node *n = fs->node[1];
	int err = begin_op(fs, OP_COST, true);
	if (!err)
		err = rfs_node_get(fs, ino, n);
	if (err || n->links != 0 || is_type(n, REDOXFS_MODE_DIR))
		return err ? done(fs, err) : 0;
	err = rfs_data_truncate(fs, n, 0);
	if (!err)
		err = rfs_node_remove(fs, ino);
	return done(fs, err);
}

/* -REDOXFS_EINVAL if directory `dir` is `ino` or inside it. */
static int check_not_inside(struct redoxfs *fs, uint32_t dir, uint32_t ino,
                            struct redoxfs_node *tmp)
{
	for (unsigned steps = 0; steps < 1u << 20; steps++) {
		if (dir == ino)
			return -REDOXFS_EINVAL;
		if (dir == REDOXFS_ROOT_INO)
			return 0;
		int err = get_dir(fs, dir, tmp);
		if (err)
			return err;
		dir = tmp->parent;
	}
	return -REDOXFS_EIO; /* a cycle: the tree is damaged */
}

int redoxfs_rename(struct redoxfs *fs, uint32_t old_dir, const char *old_name, uint32_t new_dir,
                   const char *new_name)
{
	struct redoxfs_node *od = fs->node[0], *s = fs->node[2], *t = fs->node[3];
	struct redoxfs_node *nd = old_dir == new_dir ? od : fs->node[1];
	size_t olen, nlen;
	uint32_t sino, tino = 0;
	uint64_t spos, tpos;

	int err = begin(fs, 2 * OP_COST);
	if (!err)
		err = check_name(old_name, &olen);
	if (!err)
		err = check_name(new_name, &nlen);
	if (!err)
		err = get_dir(fs, old_dir, od);
	if (!err)
		err = rfs_dir_find(fs, od, old_name, olen, &sino, &spos);
	if (!err)
		err = rfs_node_get(fs, sino, s);
	if (err)
		return err;
	bool sdir = is_type(s, REDOXFS_MODE_DIR);
	if (old_dir == new_dir && olen == nlen && rfs_memcmp(old_name, new_name, olen) == 0)
		return 0;
	if (sdir)
		err = check_not_inside(fs, new_dir, sino, t);
	if (!err && nd != od)
		err = get_dir(fs, new_dir, nd);
	if (err)
		return err;
	err = rfs_dir_find(fs, nd, new_name, nlen, &tino, &tpos);
	if (err && err != -REDOXFS_ENOENT)
		return err;
	bool replace = err == 0;
	if (replace) {
		if (tino == sino)
			return 0; /* two links to one file: POSIX says do nothing */
		err = rfs_node_get(fs, tino, t);
		if (!err && sdir && !is_type(t, REDOXFS_MODE_DIR))
			err = -REDOXFS_ENOTDIR;
		if (!err && !sdir && is_type(t, REDOXFS_MODE_DIR))
			err = -REDOXFS_EISDIR;
		if (!err && sdir) {
			err = rfs_dir_empty(fs, t);
			err = err == 1 ? 0 : err == 0 ? -REDOXFS_ENOTEMPTY : err;
		}
		if (err)
			return err;
	} else if (sdir && nd != od && nd->links == MAX_LINKS) {
		return -REDOXFS_EMLINK;
	}

	/* Removing first keeps tpos valid: it only clears spos (and empty
	 * chunks, which cannot hold the target). */
	err = rfs_dir_remove(fs, od, spos);
	if (!err && replace)
		err = rfs_dir_set(fs, nd, tpos, sino);
	else if (!err)
		err = rfs_dir_add(fs, nd, new_name, nlen, sino);
	if (!err && replace) {
		if (sdir)
			nd->links--; /* the replaced directory's ".." */
		err = drop_link(fs, t, false);
	}
	if (sdir && nd != od) {
		s->parent = new_dir;
		od->links--;
		nd->links++;
	}
	rfs_touch(fs, s, false);
	if (!err)
		err = rfs_node_store(fs, s);
	rfs_touch(fs, od, true);
	if (!err)
		err = rfs_node_store(fs, od);
	if (nd != od) {
		rfs_touch(fs, nd, true);
		if (!err)
			err = rfs_node_store(fs, nd);
	}
	return done(fs, err);
}

int redoxfs_readdir(struct redoxfs *fs, uint32_t dir, uint64_t *cookie, struct redoxfs_dirent *ent)
{
	struct redoxfs_node *d = fs->node[0];
	int err = get_dir(fs, dir, d);
	return err ? err : rfs_dir_next_entry(fs, d, cookie, ent);
}

int redoxfs_stat(struct redoxfs *fs, uint32_t ino, struct redoxfs_stat *st)
{
	struct redoxfs_node *n = fs->node[0];
	int err = rfs_node_get(fs, ino, n);
	if (err)
		return err;
	rfs_node_stat(n, st);
	return 0;
}

int64_t redoxfs_read(struct redoxfs *fs, uint32_t ino, uint64_t offset, void *buf, size_t len)
{
	struct redoxfs_node *n = fs->node[0];
	int err = rfs_node_get(fs, ino, n);
	if (err)
		return err;
	if (is_type(n, REDOXFS_MODE_DIR))
		return -REDOXFS_EISDIR;
	return rfs_data_read(fs, n, offset, buf, len);
}

int64_t redoxfs_readlink(struct redoxfs *fs, uint32_t ino, char *buf, size_t len)
{
	struct redoxfs_node *n = fs->node[0];
	int err = rfs_node_get(fs, ino, n);
	if (err)
		return err;
	if (!is_type(n, REDOXFS_MODE_SYMLINK))
		return -REDOXFS_EINVAL;
	return rfs_data_read(fs, n, 0, buf, len);
}

int64_t redoxfs_write(struct redoxfs *fs, uint32_t ino, uint64_t offset, const void *buf,
                      size_t len)
{
	struct redoxfs_node *n = fs->node[0];

	int err = begin(fs, 0);
	if (!err)
		err = rfs_node_get(fs, ino, n);
	if (!err && is_type(n, REDOXFS_MODE_DIR))
		err = -REDOXFS_EISDIR;
	if (!err && offset + len < offset)
		err = -REDOXFS_EFBIG;
	if (err)
		return err;
	if (len == 0)
		return 0;
	/* Write what the free space allows (a short write), or nothing. */
	while (len && begin(fs, rfs_data_cost(n, offset, len)) != 0) {
		size_t room = (size_t)(BS - (offset & (BS - 1)));
		len = len > room ? len / 2 : 0;
	}
	if (len == 0)
		return -REDOXFS_ENOSPC;
	err = rfs_data_write(fs, n, offset, buf, len);
	if (err == -REDOXFS_EFBIG)
		return err;
	rfs_touch(fs, n, true);
	if (!err)
		err = rfs_node_store(fs, n);
	return err ? done(fs, err) : (int64_t)len;
}

int redoxfs_truncate(struct redoxfs *fs, uint32_t ino, uint64_t size)
{
	struct redoxfs_node *n = fs->node[0];
	int err = rfs_node_get(fs, ino, n);
	if (!err && is_type(n, REDOXFS_MODE_DIR))
		err = -REDOXFS_EISDIR;
	if (!err)
		err = begin_op(fs, OP_COST, size <= n->size);
	if (err)
		return err;
	err = rfs_data_truncate(fs, n, size);
	if (err == -REDOXFS_EFBIG)
		return err;
	rfs_touch(fs, n, true);
	if (!err)
		err = rfs_node_store(fs, n);
	return done(fs, err);
}

/* Change a node's attributes: `set` edits it, then it is stored. */
static int set_attr(struct redoxfs *fs, uint32_t ino,
                    void (*set)(struct redoxfs_node *, const void *), const void *arg)
{
	struct redoxfs_node *n = fs->node[0];
	int err = begin(fs, OP_COST);
	if (!err)
		err = rfs_node_get(fs, ino, n);
	if (err)
		return err;
	set(n, arg);
	rfs_touch(fs, n, false);
	return done(fs, rfs_node_store(fs, n));
}

static void set_mode(struct redoxfs_node *n, const void *arg)
{
	n->mode = (uint16_t)((n->mode & REDOXFS_MODE_TYPE) |
	                     (*(const uint16_t *)arg & REDOXFS_MODE_PERM));
}

static void set_owner(struct redoxfs_node *n, const void *arg)
{
	const uint32_t *ids = arg;
	n->uid = ids[0];
	n->gid = ids[1];
}

static void set_times(struct redoxfs_node *n, const void *arg)
{
	const struct redoxfs_time *const *t = arg;
	if (t[0]) {
		n->atime = t[0]->sec;
		n->atime_nsec = t[0]->nsec;
	}
	if (t[1]) {
		n->mtime = t[1]->sec;
		n->mtime_nsec = t[1]->nsec;
	}
}

int redoxfs_chmod(struct redoxfs *fs, uint32_t ino, uint16_t perm)
{
	return set_attr(fs, ino, set_mode, &perm);
}

int redoxfs_chown(struct redoxfs *fs, uint32_t ino, uint32_t uid, uint32_t gid)
{
	uint32_t ids[2] = {uid, gid};
	return set_attr(fs, ino, set_owner, ids);
}

int redoxfs_utimens(struct redoxfs *fs, uint32_t ino, const struct redoxfs_time *atime,
                    const struct redoxfs_time *mtime)
{
	const struct redoxfs_time *t[2] = {atime, mtime};
	return set_attr(fs, ino, set_times, t);
}
