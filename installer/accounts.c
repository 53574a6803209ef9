/*
 * Resolving users and groups and writing passwd/shadow/group (see
 * accounts.h).
 */
#include "accounts.h"
#include "crypto/password.h"
#include "util.h"

#include <argon2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct cfg_user *const *)a)->name,
	              (*(const struct cfg_user *const *)b)->name);
}

static int by_uid(const void *a, const void *b)
{
	const struct account *x = a, *y = b;
	if (x->uid != y->uid)
		return x->uid < y->uid ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int by_gid(const void *a, const void *b)
{
	const struct group_entry *x = a, *y = b;
	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool uid_taken(const struct accounts *acc, uint32_t uid)
{
	for (size_t i = 0; i < acc->nusers; i++)
		if (acc->users[i].uid == uid)
			return true;
	return false;
}

static bool group_gid_taken(const struct accounts *acc, const struct config *cfg, uint32_t gid)
{
	for (size_t i = 0; i < acc->ngroups; i++)
		if (acc->groups[i].gid == gid)
			return true;
	for (size_t i = 0; i < cfg->ngroups; i++)
		if (cfg->groups[i].has_gid && cfg->groups[i].gid == gid)
			return true;
	return false;
}

/* For automatic gids: also steer clear of users' primary gids. */
static bool gid_taken(const struct accounts *acc, const struct config *cfg, uint32_t gid)
{
	if (group_gid_taken(acc, cfg, gid))
		return true;
	for (size_t i = 0; i < acc->nusers; i++)
		if (acc->users[i].gid == gid)
			return true;
	return false;
}

static const struct cfg_group *config_group(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->ngroups; i++)
		if (strcmp(cfg->groups[i].name, name) == 0)
			return &cfg->groups[i];
	return NULL;
}

static int resolve_users(const struct config *cfg, struct accounts *acc, char *err)
{
	const struct cfg_user **sorted = xcalloc(cfg->nusers, sizeof(*sorted));
	for (size_t i = 0; i < cfg->nusers; i++)
		sorted[i] = &cfg->users[i];
	qsort(sorted, cfg->nusers, sizeof(*sorted), by_name);
	acc->users = xcalloc(cfg->nusers, sizeof(*acc->users));

	/* explicit uids first, so automatic ones can step around them */
	for (size_t i = 0; i < cfg->nusers; i++) {
		const struct cfg_user *u = sorted[i];
		if (!u->has_uid)
			continue;
		for (size_t j = 0; j < acc->nusers; j++)
			if (acc->users[j].uid == u->uid) {
				free(sorted);
				return fail(err,
				            "%s: [users.%s] uid: %u is already the uid of '%s'",
				            u->origin, u->name, u->uid, acc->users[j].name);
			}
		acc->users[acc->nusers++] = (struct account){.name = u->name, .uid = u->uid};
	}
	uint32_t next = FIRST_AUTO_ID;
	for (size_t i = 0; i < cfg->nusers; i++) {
		if (sorted[i]->has_uid)
			continue;
		while (uid_taken(acc, next))
			next++;
		acc->users[acc->nusers++] = (struct account){.name = sorted[i]->name, .uid = next};
	}
	for (size_t i = 0; i < acc->nusers; i++) {
		struct account *a = &acc->users[i];
		const struct cfg_user *u = NULL;
		for (size_t j = 0; j < cfg->nusers && !u; j++)
			if (strcmp(cfg->users[j].name, a->name) == 0)
				u = &cfg->users[j];
		a->gid = u->has_gid ? u->gid : a->uid;
		a->password = u->password ? u->password : "";
		a->fullname = u->fullname ? u->fullname : u->name;
		a->shell = u->shell ? u->shell : DEFAULT_SHELL;
		a->home = u->home       ? xstrdup(u->home)
		          : a->uid == 0 ? xstrdup("/root")
		                        : xasprintf("/home/%s", u->name);
	}
	free(sorted);
	qsort(acc->users, acc->nusers, sizeof(*acc->users), by_uid);
	return 0;
}

static int resolve_groups(const struct config *cfg, struct accounts *acc, char *err)
{
	size_t cap = cfg->ngroups + acc->nusers;
	acc->groups = xcalloc(cap, sizeof(*acc->groups));
	for (size_t i = 0; i < cfg->ngroups; i++) {
		const struct cfg_group *g = &cfg->groups[i];
		if (!g->has_gid)
			continue;
		for (size_t j = 0; j < acc->ngroups; j++)
			if (acc->groups[j].gid == g->gid)
				return fail(err,
				            "%s: [groups.%s] gid: %u is already the gid of '%s'",
				            g->origin, g->name, g->gid, acc->groups[j].name);
		acc->groups[acc->ngroups++] = (struct group_entry){.name = g->name, .gid = g->gid};
	}
	/* a group per user, unless its name or gid is already spoken for */
	for (size_t i = 0; i < acc->nusers; i++) {
		const struct account *a = &acc->users[i];
		if (config_group(cfg, a->name) || group_gid_taken(acc, cfg, a->gid))
			continue;
		acc->groups[acc->ngroups++] =
		    (struct group_entry){.name = a->name, .gid = a->gid, .nmembers = 1};
	}
	/* then groups without a gid, in name order for stable ids */
	const struct cfg_group **rest = xcalloc(cfg->ngroups, sizeof(*rest));
	size_t nrest = 0;
	for (size_t i = 0; i < cfg->ngroups; i++)
		if (!cfg->groups[i].has_gid)
			rest[nrest++] = &cfg->groups[i];
	for (size_t i = 1; i < nrest; i++)
		for (size_t j = i; j > 0 && strcmp(rest[j - 1]->name, rest[j]->name) > 0; j--) {
			const struct cfg_group *t = rest[j];
			rest[j] = rest[j - 1];
			rest[j - 1] = t;
		}
	uint32_t next = FIRST_AUTO_ID;
	for (size_t i = 0; i < nrest; i++) {
		while (gid_taken(acc, cfg, next))
			next++;
		acc->groups[acc->ngroups++] =
		    (struct group_entry){.name = rest[i]->name, .gid = next};
	}
	free(rest);

	for (size_t i = 0; i < acc->ngroups; i++) {
		struct group_entry *e = &acc->groups[i];
		const struct cfg_group *g = config_group(cfg, e->name);
		if (!g) {
			/* a user's own group */
			e->members = xcalloc(1, sizeof(char *));
			e->members[0] = e->name;
			continue;
		}
		e->members = xcalloc(g->nmembers, sizeof(char *));
		for (size_t j = 0; j < g->nmembers; j++) {
			bool known = false;
			for (size_t k = 0; k < acc->nusers && !known; k++)
				known = strcmp(acc->users[k].name, g->members[j]) == 0;
			if (!known)
				return fail(err, "%s: [groups.%s] members: unknown user '%s'",
				            g->origin, g->name, g->members[j]);
			e->members[e->nmembers++] = g->members[j];
		}
	}
	qsort(acc->groups, acc->ngroups, sizeof(*acc->groups), by_gid);
	return 0;
}

int accounts_resolve(const struct config *cfg, struct accounts *out, char *err)
{
	memset(out, 0, sizeof(*out));
	if (resolve_users(cfg, out, err) < 0 || resolve_groups(cfg, out, err) < 0) {
		accounts_free(out);
		return -1;
	}
	return 0;
}

void accounts_free(struct accounts *acc)
{
	for (size_t i = 0; i < acc->nusers; i++)
		free(acc->users[i].home);
	for (size_t i = 0; i < acc->ngroups; i++)
		free(acc->groups[i].members);
	free(acc->users);
	free(acc->groups);
	memset(acc, 0, sizeof(*acc));
}

char *accounts_passwd(const struct accounts *acc)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < acc->nusers; i++) {
		const struct account *a = &acc->users[i];
		sb_printf(&sb, "%s;%u;%u;%s;%s;%s\n", a->name, a->uid, a->gid, a->fullname, a->home,
		          a->shell);
	}
	return sb_take(&sb);
}

char *accounts_group(const struct accounts *acc)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < acc->ngroups; i++) {
		const struct group_entry *g = &acc->groups[i];
		sb_printf(&sb, "%s;x;%u;", g->name, g->gid);
		for (size_t j = 0; j < g->nmembers; j++)
			sb_printf(&sb, "%s%s", j ? "," : "", g->members[j]);
		sb_puts(&sb, "\n");
	}
	return sb_take(&sb);
}

char *accounts_shadow(const struct accounts *acc, const char *config_path, char *err)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < acc->nusers; i++) {
		const struct account *a = &acc->users[i];
		if (!a->password[0]) {
			sb_printf(&sb, "%s;\n", a->name);
			continue;
		}
		uint8_t salt[PASSWORD_SALT_LEN];
		if (reproducible_epoch()) {
			password_salt_derive(a->name, config_path, salt);
		} else if (random_bytes(salt, sizeof(salt), "salt", err) < 0) {
			free(sb.s);
			return NULL;
		}
		char hash[SHADOW_HASH_MAX];
		if (argon2id_hash_encoded(SHADOW_ARGON2_T, SHADOW_ARGON2_M, 1, a->password,
		                          strlen(a->password), salt, sizeof(salt), SHADOW_HASH_LEN,
		                          hash, sizeof(hash)) != ARGON2_OK) {
			free(sb.s);
			fail(err, "cannot hash the password of '%s'", a->name);
			return NULL;
		}
		sb_printf(&sb, "%s;%s\n", a->name, hash);
	}
	return sb_take(&sb);
}
