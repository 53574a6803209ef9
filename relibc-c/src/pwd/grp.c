/*
 * The group database: /etc/group lines ("name;x;gid;member,member"),
 * lookups by name and gid, and the getgrent walk. The reentrant lookups
 * put the line and then the member pointer array into the caller's
 * buffer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pwd/db.h"

int __relibc_gr_parse(char *line, struct group *gr, char **mem, size_t nmem)
{
	/* count the members before splitting, so a short array leaves the line whole */
	const char *p = line;
	for (int i = 0; i < 3 && p; i++) {
		p = strchr(p, ';');
		if (p)
			p++;
	}
	size_t count = 0;
	if (p && *p && *p != '\n' && *p != '\r') {
		count = 1;
		for (; *p && *p != '\n' && *p != '\r'; p++)
			count += *p == ',';
	}
	if (count > nmem)
		return (int)count;
	char *f[4];
	unsigned gid;
	if (__relibc_db_split(line, f, 4) || !*f[0] || __relibc_db_id(f[2], &gid))
		return -1;
	size_t i = 0;
	if (count) {
		for (char *p = f[3];;) {
			mem[i++] = p;
			p = strchr(p, ',');
			if (!p)
				break;
			*p++ = 0;
		}
	}
	mem[i] = 0;
	gr->gr_name = f[0];
	gr->gr_passwd = f[1];
	gr->gr_gid = gid;
	gr->gr_mem = mem;
	return 0;
}

/* Copies a parsed line into buf with its member array after it; ERANGE if it does not fit. */
static int place(struct group *gr, const char *line, size_t n, char *buf, size_t len, size_t count)
{
	size_t at = (n + 1 + sizeof(char *) - 1) & ~(sizeof(char *) - 1);
	size_t need = at + (count + 1) * sizeof(char *);
	if (need > len || ((uintptr_t)buf & (sizeof(char *) - 1)))
		return ERANGE;
	memcpy(buf, line, n + 1);
	char **mem = (char **)(void *)(buf + at);
	for (size_t i = 0; i < count; i++)
		mem[i] = buf + (gr->gr_mem[i] - line);
	mem[count] = 0;
	gr->gr_name = buf + (gr->gr_name - line);
	gr->gr_passwd = buf + (gr->gr_passwd - line);
	gr->gr_mem = mem;
	return 0;
}

int __relibc_gr_search(FILE *f, const char *name, gid_t gid, struct group *gr, char *buf,
                       size_t len, struct group **result)
{
	char *line = 0, **mem = 0;
	size_t cap = 0, nmem = 0;
	ssize_t n;
	int err = 0;
	*result = 0;
	int saved = errno;
	while (!err && (n = getline(&line, &cap, f)) >= 0) {
		/* the member count is only known after parsing: count commas first */
		size_t want = 1;
		for (const char *p = line; *p; p++)
			want += *p == ',';
		if (want > nmem) {
			char **m = realloc(mem, (want + 1) * sizeof *m);
			if (!m) {
				err = ENOMEM;
				break;
			}
			mem = m;
			nmem = want;
		}
		if (__relibc_gr_parse(line, gr, mem, nmem))
			continue;
		if (name ? strcmp(gr->gr_name, name) : gr->gr_gid != gid)
			continue;
		size_t count = 0;
		while (mem[count])
			count++;
		err = place(gr, line, (size_t)n, buf, len, count);
		if (!err)
			*result = gr;
		break;
	}
	if (!*result && !err && ferror(f))
		err = EIO;
	free(line);
	free(mem);
	errno = saved;
	return err;
}

static int lookup(const char *name, gid_t gid, struct group *gr, char *buf, size_t len,
                  struct group **result)
{
	*result = 0;
	FILE *f = fopen(GROUP_FILE, "re");
	if (!f)
		return errno == ENOENT ? 0 : errno;
	int r = __relibc_gr_search(f, name, gid, gr, buf, len, result);
	fclose(f);
	return r;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len, struct group **result)
{
	return lookup(name, 0, gr, buf, len, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len, struct group **result)
{
	return lookup(0, gid, gr, buf, len, result);
}

static struct group static_gr;
static char *static_buf;
static size_t static_len;

static struct group *lookup_static(const char *name, gid_t gid)
{
	for (;;) {
		struct group *result;
		int e = static_len ? lookup(name, gid, &static_gr, static_buf, static_len, &result)
		                   : ERANGE;
		if (e != ERANGE) {
			if (e)
				errno = e;
			return result;
		}
		size_t len = static_len ? static_len * 2 : 512;
		char *b = realloc(static_buf, len);
		if (!b)
			return 0;
		static_buf = b;
		static_len = len;
	}
}

struct group *getgrnam(const char *name)
{
	return lookup_static(name, 0);
}

struct group *getgrgid(gid_t gid)
{
	return lookup_static(0, gid);
}

static FILE *ent_file;
static char *ent_line, **ent_mem;
static size_t ent_cap, ent_nmem;

void setgrent(void)
{
	if (ent_file)
		rewind(ent_file);
}

void endgrent(void)
{
	if (ent_file)
		fclose(ent_file);
	ent_file = 0;
}

struct group *getgrent(void)
{
	if (!ent_file && !(ent_file = fopen(GROUP_FILE, "re")))
		return 0;
	if (!ent_mem) {
		ent_mem = malloc(9 * sizeof *ent_mem);
		if (!ent_mem)
			return 0;
		ent_nmem = 8;
	}
	while (getline(&ent_line, &ent_cap, ent_file) >= 0) {
		int r = __relibc_gr_parse(ent_line, &static_gr, ent_mem, ent_nmem);
		if (r > 0) {
			/* grow the member array and parse again (the line is still whole) */
			char **m = realloc(ent_mem, ((size_t)r + 1) * sizeof *m);
			if (!m)
				return 0;
			ent_mem = m;
			ent_nmem = (size_t)r;
			r = __relibc_gr_parse(ent_line, &static_gr, ent_mem, ent_nmem);
		}
		if (r == 0)
			return &static_gr;
	}
	return 0;
}

/* Is `user` among the group's members? */
static int has_member(const struct group *gr, const char *user)
{
	for (char **m = gr->gr_mem; *m; m++)
		if (!strcmp(*m, user))
			return 1;
	return 0;
}

int __relibc_grouplist(FILE *f, const char *user, gid_t group, gid_t *groups, int *ngroups)
{
	int n = 0, max = *ngroups;
	if (n < max)
		groups[n] = group;
	n++;
	char *line = 0, **mem = 0;
	size_t cap = 0, nmem = 8;
	mem = malloc((nmem + 1) * sizeof *mem);
	if (!mem) {
		errno = ENOMEM;
		return -1;
	}
	while (f && getline(&line, &cap, f) >= 0) {
		struct group gr;
		char *copy = strdup(line);
		if (!copy)
			break;
		int r = __relibc_gr_parse(copy, &gr, mem, nmem);
		if (r > 0) {
			char **bigger = realloc(mem, ((size_t)r + 1) * sizeof *mem);
			if (bigger) {
				mem = bigger;
				nmem = (size_t)r;
				strcpy(copy, line);
				r = __relibc_gr_parse(copy, &gr, mem, nmem);
			}
		}
		if (r == 0 && gr.gr_gid != group && has_member(&gr, user)) {
			int dup = 0;
			for (int i = 0; i < n && i < max; i++)
				dup |= groups[i] == gr.gr_gid;
			if (!dup) {
				if (n < max)
					groups[n] = gr.gr_gid;
				n++;
			}
		}
		free(copy);
	}
	free(line);
	free(mem);
	*ngroups = n;
	return n > max ? -1 : n;
}

int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
	FILE *f = fopen(GROUP_FILE, "re");
	int r = __relibc_grouplist(f, user, group, groups, ngroups);
	if (f)
		fclose(f);
	return r;
}
