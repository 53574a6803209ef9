/*
 * Users and groups of the image: defaults filled in, ids assigned, and the
 * text of /etc/passwd, /etc/shadow and /etc/group.
 *
 *   passwd  user;uid;gid;name;home;shell      (sorted by uid)
 *   shadow  user;$argon2id$v=19$m=4096,t=3,p=1$<salt>$<hash>  or  user;
 *           for an empty password (Argon2id from Debian's libargon2; the
 *           system checks it with the argon2 recipe, the same reference code)
 *   group   name;x;gid;member,member          (sorted by gid)
 *
 * Defaults: uid = next free from 1000 (users taken in name order), gid =
 * uid, name = user name, home = /root for uid 0 else /home/USER, shell =
 * DEFAULT_SHELL. Every user also gets a group of its own name and gid,
 * unless a [groups] entry already has that name or gid. Groups without a
 * gid get the next free one from 1000.
 */
#ifndef INSTALLER_ACCOUNTS_H
#define INSTALLER_ACCOUNTS_H

#include "config.h"

#define DEFAULT_SHELL "/usr/bin/sh"
/* Argon2id cost: 3 passes over 4 MiB, one lane, a 32-byte hash (as
 * upstream Redox's userutils). recipes/core/userutils checks these hashes
 * (and spends the same cost on unknown users): keep the two in step. */
#define SHADOW_ARGON2_T 3
#define SHADOW_ARGON2_M 4096
#define SHADOW_HASH_LEN 32
#define SHADOW_HASH_MAX 128
#define FIRST_AUTO_ID   1000

struct account {
	const char *name, *password, *fullname, *shell; /* borrowed from the config */
	char *home;
	uint32_t uid, gid;
};

struct group_entry {
	const char *name;
	uint32_t gid;
	const char **members;
	size_t nmembers;
};

struct accounts {
	struct account *users;
	size_t nusers;
	struct group_entry *groups;
	size_t ngroups;
};

int accounts_resolve(const struct config *cfg, struct accounts *out, char *err);
void accounts_free(struct accounts *acc);

/* malloc'd file contents */
char *accounts_passwd(const struct accounts *acc);
char *accounts_group(const struct accounts *acc);
/*
 * Hashes every password with a fresh salt (see random_bytes(); with
 * SOURCE_DATE_EPOCH the salt is password_salt_derive(user, config_path)).
 */
char *accounts_shadow(const struct accounts *acc, const char *config_path, char *err);

#endif
