/*
 * The account files login, su, sudo and passwd read: /etc/passwd
 * ("name;uid;gid;full name;home;shell"), /etc/shadow ("name;hash", an
 * empty hash meaning no password), /etc/group ("name;x;gid;members") and
 * /etc/login_schemes.toml. A malformed line is reported on stderr with the
 * file's name and line number and skipped, so the well-formed entries
 * still work.
 */
#ifndef USERUTILS_ACCOUNT_H
#define USERUTILS_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PASSWD_PATH        "/etc/passwd"
#define SHADOW_PATH        "/etc/shadow"
#define GROUP_PATH         "/etc/group"
#define LOGIN_SCHEMES_PATH "/etc/login_schemes.toml"
#define MAX_GROUPS         32
#define MAX_SCHEMES        64
/* The Argon2id cost the installer hashes with: 3 passes over 4 MiB. */
#define ACCOUNT_ARGON2_T 3
#define ACCOUNT_ARGON2_M 4096

struct account {
	char name[64];
	uid_t uid;
	gid_t gid;
	char gecos[128];
	char home[256];
	char shell[256];
};

/* Look a user up by name (or by uid when name is NULL). 0, or -1 if none. */
int account_find(const char *name, uid_t uid, struct account *out);

/* The user's shadow hash into buf (may be empty). 0, or -1 if the user has no line. */
int account_shadow(const char *name, char *buf, size_t len);

/* Is `password` the user's? Empty hash: only the empty password. Argon2id
 * otherwise (constant-time comparison inside argon2_verify). */
bool account_check_password(const char *hash, const char *password);

/* The gids of the groups that list `name` as a member (plus `primary`). */
int account_groups(const char *name, gid_t primary, gid_t *gids, int max);

/* Is `name` a member of the group called `group`? */
bool account_in_group(const char *name, const char *group);

/* The schemes /etc/login_schemes.toml lets `name` open, as a
 * NUL-separated list into buf (double NUL at the end); "*" means all.
 * Returns the count, 0 for a user the file does not list, -1 if the file
 * cannot be read. */
int account_schemes(const char *name, char *buf, size_t len);

/* Limit the calling process (and its children) to the schemes the file
 * lists for `name` (SYS_MKNS). 0, or -1 with a message on stderr. */
int account_enter_schemes(const char *name, const char *prog);

/* Switch the calling process to the account: groups, gid, uid, scheme
 * list, working directory and environment (HOME, USER, LOGNAME, SHELL,
 * PATH). 0, or -1 with a message on stderr. */
int account_become(const struct account *a, const char *prog);

/* Read a line from the terminal on fd 0 without echo (prompt on stdout). */
int read_password(const char *prompt, char *buf, size_t len);

#endif
