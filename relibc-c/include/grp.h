/*
 * grp.h: the group database, /etc/group in Redox's format: one group a
 * line, "name;x;gid;member,member,...". src/pwd/.
 */
#ifndef _RELIBC_GRP_H
#define _RELIBC_GRP_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;
};

struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len, struct group **result);
int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len, struct group **result);
struct group *getgrent(void);
/* The groups `user` is a member of, `group` first; -1 if more than *ngroups
 * (then *ngroups says how many there are). */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups);
void setgrent(void);
void endgrent(void);

__RELIBC_END_DECLS

#endif
