/*
 * Reading the account files (see account.h) and becoming a user.
 */
#include "account.h"

#include <argon2.h>
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Split line at ';' into exactly n fields; 0, or -1 if the count differs. */
static int split(char *line, char **fields, int n)
{
	int i = 0;
	for (char *p = line;; p++) {
		if (i == n)
			return -1;
		fields[i++] = p;
		p = strchr(p, ';');
		if (!p)
			break;
		*p = 0;
	}
	return i == n ? 0 : -1;
}

static int parse_id(const char *s, unsigned *out)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || errno || v > 0xFFFFFFFFUL)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static void bad_line(const char *path, int lineno, const char *what)
{
	fprintf(stderr, "%s line %d: %s; line skipped\n", path, lineno, what);
}

/* Copy s into a fixed field; -1 if it does not fit. */
static int field(char *dst, size_t len, const char *s)
{
	if (strlen(s) >= len)
		return -1;
	strcpy(dst, s);
	return 0;
}

int account_find(const char *name, uid_t uid, struct account *out)
{
	FILE *f = fopen(PASSWD_PATH, "r");
	if (!f)
		return -1;
	char *line = 0;
	size_t cap = 0;
	int lineno = 0, found = -1;
	while (found < 0 && getline(&line, &cap, f) >= 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!*line || *line == '#')
			continue;
		char *fl[6];
		unsigned u, g;
		if (split(line, fl, 6)) {
			bad_line(PASSWD_PATH, lineno, "expected 6 fields separated by ';'");
			continue;
		}
		if (!*fl[0] || parse_id(fl[1], &u) || parse_id(fl[2], &g)) {
			bad_line(PASSWD_PATH, lineno,
			         "empty name, or a uid or gid that is not a number");
			continue;
		}
		if (name ? strcmp(fl[0], name) != 0 : u != uid)
			continue;
		if (field(out->name, sizeof out->name, fl[0]) ||
		    field(out->gecos, sizeof out->gecos, fl[3]) ||
		    field(out->home, sizeof out->home, fl[4]) ||
		    field(out->shell, sizeof out->shell, fl[5])) {
			bad_line(PASSWD_PATH, lineno, "a field is too long");
			continue;
		}
		out->uid = u;
		out->gid = g;
		found = 0;
	}
	free(line);
	fclose(f);
	return found;
}

int account_shadow(const char *name, char *buf, size_t len)
{
	FILE *f = fopen(SHADOW_PATH, "r");
	if (!f)
		return -1;
	char *line = 0;
	size_t cap = 0;
	int lineno = 0, found = -1;
	while (found < 0 && getline(&line, &cap, f) >= 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!*line || *line == '#')
			continue;
		char *fl[2];
		if (split(line, fl, 2) || !*fl[0]) {
			bad_line(SHADOW_PATH, lineno, "expected 'name;hash'");
			continue;
		}
		if (strcmp(fl[0], name) != 0)
			continue;
		if (strlen(fl[1]) >= len) {
			bad_line(SHADOW_PATH, lineno, "hash too long");
			continue;
		}
		strcpy(buf, fl[1]);
		found = 0;
	}
	free(line);
	fclose(f);
	return found;
}

/* A hash of the installer's cost (installer/accounts.c), so that a user
 * without a password or without an account takes as long as any other. */
static void decoy_hash(const char *password)
{
	static const char salt[16] = "redox-decoy-salt";
	unsigned char out[32];
	argon2id_hash_raw(ACCOUNT_ARGON2_T, ACCOUNT_ARGON2_M, 1, password, strlen(password), salt,
	                  sizeof salt, out, sizeof out);
}

bool account_check_password(const char *hash, const char *password)
{
	if (!hash || !*hash) {
		decoy_hash(password);
		return !*password;
	}
	if (strncmp(hash, "$argon2id$", 10) != 0) {
		decoy_hash(password);
		return false;
	}
	return argon2id_verify(hash, password, strlen(password)) == ARGON2_OK;
}

/* Does the comma-separated list hold name? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	while (*list) {
		size_t len = strcspn(list, ",");
		if (len == n && !strncmp(list, name, n))
			return true;
		list += len + (list[len] == ',');
	}
	return false;
}

/* Walk /etc/group: call fn for every well-formed entry; stop when it returns nonzero. */
static int each_group(int (*fn)(const char *gname, gid_t gid, const char *members, void *ctx),
                      void *ctx)
{
	FILE *f = fopen(GROUP_PATH, "r");
	if (!f)
		return -1;
	char *line = 0;
	size_t cap = 0;
	int lineno = 0, r = 0;
	while (!r && getline(&line, &cap, f) >= 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!*line || *line == '#')
			continue;
		char *fl[4];
		unsigned g;
		if (split(line, fl, 4) || !*fl[0] || parse_id(fl[2], &g)) {
			bad_line(GROUP_PATH, lineno, "expected 'name;x;gid;members'");
			continue;
		}
		r = fn(fl[0], g, fl[3], ctx);
	}
	free(line);
	fclose(f);
	return r;
}

struct groups_ctx {
	const char *name;
	gid_t *gids;
	int n, max;
};

static int add_group(const char *gname, gid_t gid, const char *members, void *ctx)
{
	(void)gname;
	struct groups_ctx *c = ctx;
	if (!listed(members, c->name))
		return 0;
	for (int i = 0; i < c->n; i++)
		if (c->gids[i] == gid)
			return 0;
	if (c->n < c->max)
		c->gids[c->n++] = gid;
	return 0;
}

int account_groups(const char *name, gid_t primary, gid_t *gids, int max)
{
	struct groups_ctx c = {name, gids, 0, max};
	if (max > 0)
		gids[c.n++] = primary;
	each_group(add_group, &c);
	return c.n;
}

struct member_ctx {
	const char *name, *group;
};

static int is_member(const char *gname, gid_t gid, const char *members, void *ctx)
{
	(void)gid;
	struct member_ctx *c = ctx;
	return !strcmp(gname, c->group) && listed(members, c->name);
}

bool account_in_group(const char *name, const char *group)
{
	struct member_ctx c = {name, group};
	return each_group(is_member, &c) > 0;
}
