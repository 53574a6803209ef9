/*
 * The user database: parsing /etc/passwd lines ("name;uid;gid;full
 * name;home;shell"), the lookups by name and uid (reentrant ones copy
 * into the caller's buffer, the others into a buffer of their own), the
 * getpwent walk, and getlogin.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pwd/db.h"

int __relibc_db_split(char *line, char **fields, int n)
{
	line[strcspn(line, "\r\n")] = 0;
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

int __relibc_db_id(const char *s, unsigned *out)
{
	if (*s < '0' || *s > '9')
		return -1;
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || errno || v > 0xFFFFFFFFUL)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static char no_password[] = "x";

int __relibc_pw_parse(char *line, struct passwd *pw)
{
	char *f[6];
	unsigned uid, gid;
	if (__relibc_db_split(line, f, 6) || !*f[0] || __relibc_db_id(f[1], &uid) ||
	    __relibc_db_id(f[2], &gid))
		return -1;
	pw->pw_name = f[0];
	pw->pw_passwd = no_password;
	pw->pw_uid = uid;
	pw->pw_gid = gid;
	pw->pw_gecos = f[3];
	pw->pw_dir = f[4];
	pw->pw_shell = f[5];
	return 0;
}

static char *move(char *p, const char *from, char *to)
{
	return p == no_password ? p : to + (p - from);
}

int __relibc_pw_search(FILE *f, const char *name, uid_t uid, struct passwd *pw, char *buf,
                       size_t len, struct passwd **result)
{
	char *line = 0;
	size_t cap = 0;
	ssize_t n;
	int err = 0;
	*result = 0;
	int saved = errno;
	while ((n = getline(&line, &cap, f)) >= 0) {
		if (__relibc_pw_parse(line, pw))
			continue;
		if (name ? strcmp(pw->pw_name, name) : pw->pw_uid != uid)
			continue;
		if ((size_t)n + 1 > len) {
			err = ERANGE;
			break;
		}
		memcpy(buf, line, (size_t)n + 1);
		pw->pw_name = move(pw->pw_name, line, buf);
		pw->pw_gecos = move(pw->pw_gecos, line, buf);
		pw->pw_dir = move(pw->pw_dir, line, buf);
		pw->pw_shell = move(pw->pw_shell, line, buf);
		*result = pw;
		break;
	}
	if (!*result && !err && ferror(f))
		err = EIO;
	free(line);
	errno = saved;
	return err;
}

static int lookup(const char *name, uid_t uid, struct passwd *pw, char *buf, size_t len,
                  struct passwd **result)
{
	*result = 0;
	FILE *f = fopen(PASSWD_FILE, "re");
	if (!f)
		return errno == ENOENT ? 0 : errno;
	int r = __relibc_pw_search(f, name, uid, pw, buf, len, result);
	fclose(f);
	return r;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len, struct passwd **result)
{
	return lookup(name, 0, pw, buf, len, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **result)
{
	return lookup(0, uid, pw, buf, len, result);
}

static struct passwd static_pw;
static char *static_buf;
static size_t static_len;

/* The non-reentrant lookups: the shared buffer grows until the line fits. */
static struct passwd *lookup_static(const char *name, uid_t uid)
{
	for (;;) {
		struct passwd *result;
		int e = static_len ? lookup(name, uid, &static_pw, static_buf, static_len, &result)
		                   : ERANGE;
		if (e != ERANGE) {
			if (e)
				errno = e;
			return result;
		}
		size_t len = static_len ? static_len * 2 : 256;
		char *b = realloc(static_buf, len);
		if (!b)
			return 0;
		static_buf = b;
		static_len = len;
	}
}

struct passwd *getpwnam(const char *name)
{
	return lookup_static(name, 0);
}

struct passwd *getpwuid(uid_t uid)
{
	return lookup_static(0, uid);
}

static FILE *ent_file;
static char *ent_line;
static size_t ent_cap;

void setpwent(void)
{
	if (ent_file)
		rewind(ent_file);
}

void endpwent(void)
{
	if (ent_file)
		fclose(ent_file);
	ent_file = 0;
}

struct passwd *getpwent(void)
{
	if (!ent_file && !(ent_file = fopen(PASSWD_FILE, "re")))
		return 0;
	while (getline(&ent_line, &ent_cap, ent_file) >= 0)
		if (!__relibc_pw_parse(ent_line, &static_pw))
			return &static_pw;
	return 0;
}

/* LOGNAME when set, else the name of the effective user. */
char *getlogin(void)
{
	char *name = getenv("LOGNAME");
	if (name && *name)
		return name;
	struct passwd *pw = getpwuid(geteuid());
	return pw ? pw->pw_name : 0;
}

int getlogin_r(char *buf, size_t len)
{
	const char *name = getlogin();
	if (!name)
		return errno ? errno : ENOENT;
	if (strlen(name) >= len)
		return ERANGE;
	strcpy(buf, name);
	return 0;
}
