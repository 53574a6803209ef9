/*
 * Shared by the user and group databases (not public): the files, the
 * field splitter and the lookups the host tests call on memory streams.
 */
#ifndef RELIBC_PWD_DB_H
#define RELIBC_PWD_DB_H

#include <grp.h>
#include <pwd.h>
#include <stdio.h>

#define PASSWD_FILE "/etc/passwd"
#define GROUP_FILE  "/etc/group"

/* Splits line (in place) at ';' into exactly n fields; 0, or -1 if the count differs. */
int __relibc_db_split(char *line, char **fields, int n);
/* A decimal id field; 0, or -1 if it is not one. */
int __relibc_db_id(const char *s, unsigned *out);

/* Parses one passwd line in place. 0, or -1 if it is not one. */
int __relibc_pw_parse(char *line, struct passwd *pw);
/* Finds a user (by name, or by uid when name is NULL) in f; the strings go into buf.
 * Returns 0 (*result = pw, or NULL if there is none) or an error number (ERANGE). */
int __relibc_pw_search(FILE *f, const char *name, uid_t uid, struct passwd *pw, char *buf,
                       size_t len, struct passwd **result);

/* Parses one group line in place; members go into mem (room for nmem pointers + NULL).
 * 0, -1 if it is not a group line, or the member count needed (> nmem) if mem is too small. */
int __relibc_gr_parse(char *line, struct group *gr, char **mem, size_t nmem);
/* getgrouplist over the group file f (NULL: no file; only `group`). */
int __relibc_grouplist(FILE *f, const char *user, gid_t group, gid_t *groups, int *ngroups);
int __relibc_gr_search(FILE *f, const char *name, gid_t gid, struct group *gr, char *buf,
                       size_t len, struct group **result);

#endif
