/*
 * pwd.h: the user database, /etc/passwd in Redox's format: one user a
 * line, "name;uid;gid;full name;home;shell" (password hashes are in
 * /etc/shadow, so pw_passwd is always "x"). src/pwd/.
 */
#ifndef _RELIBC_PWD_H
#define _RELIBC_PWD_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

struct passwd {
	char *pw_name;
	char *pw_passwd;
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;
	char *pw_dir;
	char *pw_shell;
};

struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len, struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **result);
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);

__RELIBC_END_DECLS

#endif
