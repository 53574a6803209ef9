/*
 * Crash test. Record every device write of a run of changes and commits,
 * then for many cut points replay only the first N writes (the last one
 * possibly torn at a 512-byte boundary) onto the image as it was before
 * the run. Each cut image must pass fsck, mount, and show exactly the
 * state of one commit — the newest whose header made it to disk — with
 * every file wholly of that state; the reader must agree.
 */
#include <string.h>
#include "util.h"

#define MAXF 64

struct entry {
	char path[48];
	bool dir;
	uint8_t *data;
	size_t len;
};

struct state {
	struct entry e[MAXF];
	int n;
	uint64_t generation;
	size_t nwrites; /* log length when this state was committed */
};

static struct entry *find(struct state *s, const char *path)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->e[i].path, path) == 0)
			return &s->e[i];
	return NULL;
}

static void copy_state(struct state *dst, const struct state *src)
{
	*dst = *src;
	for (int i = 0; i < src->n; i++) {
		dst->e[i].data = malloc(src->e[i].len + 1);
		memcpy(dst->e[i].data, src->e[i].data, src->e[i].len);
	}
}

static void free_state(struct state *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->e[i].data);
	s->n = 0;
}

static void model_put(struct state *s, const char *path, const uint8_t *data, size_t len)
{
	struct entry *e = find(s, path);
	if (!e) {
		REQUIRE(s->n < MAXF);
		e = &s->e[s->n++];
		snprintf(e->path, sizeof(e->path), "%s", path);
		e->dir = false;
		e->data = NULL;
	}
	free(e->data);
	e->data = malloc(len + 1);
	memcpy(e->data, data, len);
	e->len = len;
}

static void model_del(struct state *s, const char *path)
{
	struct entry *e = find(s, path);
	REQUIRE(e);
	free(e->data);
	*e = s->e[--s->n];
}

/* One random change, applied to both the filesystem and the model. */
/* Largest file a change writes; small images get small files. */
static size_t max_file = 300000;

static void random_change(struct redoxfs *fs, struct state *m, uint64_t *rng)
{
	static uint8_t buf[300000];
	char path[48];
	int files[MAXF], nf = 0;
	for (int i = 0; i < m->n; i++)
		if (!m->e[i].dir)
			files[nf++] = i;
	unsigned op = rng_next(rng) % 8;
	if (nf < 4 || op == 0) { /* new file */
		snprintf(path, sizeof(path), "%s/n%u", rng_next(rng) % 2 ? "d" : "d/e",
		         rng_next(rng) % 1000);
		if (find(m, path) || m->n >= MAXF - 2)
			return;
		size_t len = rng_next(rng) % 3 ? rng_next(rng) % 5000 : rng_next(rng) % max_file;
		fill_pattern(buf, len, rng_next(rng));
		put_file(fs, path, buf, len);
		model_put(m, path, buf, len);
		return;
	}
	struct entry *e = &m->e[files[rng_next(rng) % (unsigned)nf]];
	uint32_t ino = path_ino(fs, e->path);
	REQUIRE(ino);
	switch (op) {
	case 1: /* rewrite whole */
	case 2: {
		size_t len = rng_next(rng) % (max_file * 2 / 3);
		fill_pattern(buf, len, rng_next(rng));
		put_file(fs, e->path, buf, len);
		model_put(m, e->path, buf, len);
		break;
	}
	case 3: { /* overwrite a piece, maybe past the end */
		size_t off = e->len ? rng_next(rng) % (e->len + 1000) : 0;
		size_t len = 1 + rng_next(rng) % (max_file / 15);
		size_t end = off + len > e->len ? off + len : e->len;
		uint8_t *nd = calloc(1, end + 1);
		memcpy(nd, e->data, e->len);
		fill_pattern(nd + off, len, rng_next(rng));
		REQUIRE(redoxfs_write(fs, ino, off, nd + off, len) == (int64_t)len);
		char p[48];
		memcpy(p, e->path, sizeof(p));
		model_put(m, p, nd, end);
		free(nd);
		break;
	}
	case 4: { /* truncate */
		size_t len = e->len ? rng_next(rng) % (e->len + 5000) : 100;
		uint8_t *nd = calloc(1, len + 1);
		memcpy(nd, e->data, len < e->len ? len : e->len);
		OK(redoxfs_truncate(fs, ino, len));
		char p[48];
		memcpy(p, e->path, sizeof(p));
		model_put(m, p, nd, len);
		free(nd);
		break;
	}
	case 5: { /* delete */
		const char *slash = strrchr(e->path, '/');
		uint32_t dir = path_ino(fs, "d/e");
		if (slash - e->path == 1)
			dir = path_ino(fs, "d");
		OK(redoxfs_unlink(fs, dir, slash + 1));
		model_del(m, e->path);
		break;
	}
	default: { /* rename, maybe over another file */
		snprintf(path, sizeof(path), "%s/r%u", rng_next(rng) % 2 ? "d" : "d/e",
		         rng_next(rng) % 8);
		if (strcmp(path, e->path) == 0)
			return;
		const char *os = strrchr(e->path, '/'), *ns = strrchr(path, '/');
		uint32_t od = path_ino(fs, os - e->path == 1 ? "d" : "d/e");
		uint32_t nd = path_ino(fs, ns - path == 1 ? "d" : "d/e");
		OK(redoxfs_rename(fs, od, os + 1, nd, ns + 1));
		if (find(m, path))
			model_del(m, path);
		e = find(m, e->path); /* model_del may have moved it */
		snprintf(e->path, sizeof(e->path), "%s", path);
		break;
	}
	}
}

/* Count files in the filesystem under dir and check each against the model. */
static int walk_check(struct redoxfs *fs, struct state *m, struct redoxfs_reader *rd, uint32_t dir,
                      const char *prefix)
{
	uint64_t cookie = 0;
	struct redoxfs_dirent ent;
	int r, count = 0;
	while ((r = redoxfs_readdir(fs, dir, &cookie, &ent)) == 1) {
		char path[320];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "/" : "", ent.name);
		struct entry *e = find(m, path);
		REQUIRE(e);
		struct redoxfs_stat st;
		OK(redoxfs_stat(fs, ent.ino, &st));
		count++;
		if (e->dir) {
			REQUIRE((st.mode & REDOXFS_MODE_TYPE) == REDOXFS_MODE_DIR);
			count += walk_check(fs, m, rd, ent.ino, path);
			continue;
		}
		REQUIRE(st.size == e->len);
		uint8_t *buf = malloc(e->len + 1);
		REQUIRE(redoxfs_read(fs, ent.ino, 0, buf, e->len) == (int64_t)e->len);
		REQUIRE(memcmp(buf, e->data, e->len) == 0);
		uint32_t ri;
		OK(redoxfs_reader_lookup(rd, path, &ri));
		REQUIRE(ri == ent.ino);
		REQUIRE(redoxfs_reader_read(rd, ri, 0, buf, e->len) == (int64_t)e->len);
		REQUIRE(memcmp(buf, e->data, e->len) == 0);
		free(buf);
	}
	OK(r);
	return count;
}

static void run(uint32_t seed, int steps, int cuts, size_t img_size, size_t biggest)
{
	struct memdisk md;
	struct redoxfs *fs = fresh_fs(&md, img_size);
	static struct state states[64];
	struct state model = {0};
	uint64_t rng = seed;
	uint32_t ino;
	max_file = biggest;
	static uint8_t scratch[REDOXFS_READER_SCRATCH] __attribute__((aligned(8)));

	OK(redoxfs_mkdir(fs, 1, "d", 0755, 0, 0, &ino));
	OK(redoxfs_mkdir(fs, ino, "e", 0755, 0, 0, &ino));
	model.n = 2;
	snprintf(model.e[0].path, 48, "d");
	snprintf(model.e[1].path, 48, "d/e");
	model.e[0].dir = model.e[1].dir = true;
	model.e[0].data = malloc(1);
	model.e[1].data = malloc(1);
	model.e[0].len = model.e[1].len = 0;
	for (int i = 0; i < 8; i++)
		random_change(fs, &model, &rng);
	OK(redoxfs_commit(fs));

	uint8_t *base = malloc(img_size);
	memcpy(base, md.data, img_size);
	md.record = true;
	struct redoxfs_info info;
	redoxfs_info(fs, &info);
	copy_state(&states[0], &model);
	states[0].generation = info.generation;
	states[0].nwrites = 0;
	REQUIRE(steps < 63);
	for (int s = 1; s <= steps; s++) {
		int changes = 1 + (int)(rng_next(&rng) % 6);
		for (int c = 0; c < changes; c++)
			random_change(fs, &model, &rng);
		OK(redoxfs_commit(fs));
		redoxfs_info(fs, &info);
		copy_state(&states[s], &model);
		states[s].generation = info.generation;
		states[s].nwrites = md.nlog;
	}
	for (int c = 0; c < 5; c++) /* never committed: must never show */
		random_change(fs, &model, &rng);
	redoxfs_unmount(fs);
	size_t total = md.nlog;
	REQUIRE(total > (size_t)steps);

	struct memdisk cut;
	md_init(&cut, img_size);
	int seen_states = 0;
	bool seen[64] = {0};
	for (int k = 0; k < cuts; k++) {
		/* Every commit boundary (and one write either side), then random points. */
		size_t n;
		if (k < 3 * (steps + 1)) {
			n = states[k / 3].nwrites + (size_t)(k % 3) - 1;
			if (n > total)
				n = states[k / 3].nwrites;
		} else {
			n = rng_next(&rng) % (total + 1);
		}
		memcpy(cut.data, base, img_size);
		for (size_t i = 0; i < n; i++)
			memcpy(cut.data + md.log[i].off, md.log[i].data, md.log[i].len);
		if (n < total && md.log[n].len > 512 && rng_next(&rng) % 2) {
			size_t sectors = md.log[n].len / 512;
			size_t part = 512 * (1 + rng_next(&rng) % (sectors - 1));
			memcpy(cut.data + md.log[n].off, md.log[n].data, part);
		}
		char msg[256];
		if (fsck_md(&cut, msg, sizeof(msg)) != 0) {
			fprintf(stderr, "seed %u cut %zu/%zu: fsck: %s\n", seed, n, total, msg);
			exit(1);
		}
		OK(redoxfs_mount(&fs, &cut.io, 0, &test_hooks));
		redoxfs_info(fs, &info);
		int s = -1;
		for (int i = 0; i <= steps; i++)
			if (states[i].generation == info.generation)
				s = i;
		REQUIRE(s >= 0);
		/* The newest commit whose writes are all in must be the one shown. */
		REQUIRE(states[s].nwrites <= n);
		REQUIRE(s == steps || states[s + 1].nwrites > n);
		struct redoxfs_reader rd;
		OK(redoxfs_reader_open(&rd, &cut.io, 0, scratch));
		int count = walk_check(fs, &states[s], &rd, 1, "");
		REQUIRE(count == states[s].n);
		redoxfs_unmount(fs);
		if (!seen[s]) {
			seen[s] = true;
			seen_states++;
		}
	}
	REQUIRE(seen_states == steps + 1);
	printf("test_crash: seed %u: %d cuts over %zu writes, %d states, %zu KiB disk, ok\n", seed,
	       cuts, total, seen_states, img_size / 1024);
	for (int i = 0; i <= steps; i++)
		free_state(&states[i]);
	free_state(&model);
	free(base);
	md_free(&cut);
	md_free(&md);
}

int main(void)
{
	run(1, 10, 400, 6u << 20, 300000);
	run(2, 20, 400, 6u << 20, 300000);
	run(3, 6, 300, 6u << 20, 300000);
	/* A small disk: the allocator wraps around and reuses freed blocks,
	 * which must never be blocks the last commit still uses. */
	run(4, 40, 500, 2u << 20, 60000);
	run(5, 40, 500, 2u << 20, 60000);
	return check_done("test_crash");
}
