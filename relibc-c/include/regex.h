/*
 * regex.h: POSIX regular expressions, basic (BRE) and extended (ERE), with
 * the GNU extensions \+ \? \| in BREs and back-references in both. The
 * overall match is the leftmost-longest one; subexpressions report the
 * first way of matching found for that longest match. src/regex/.
 */
#ifndef _RELIBC_REGEX_H
#define _RELIBC_REGEX_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

typedef ssize_t regoff_t;

typedef struct {
	size_t re_nsub;
	void *__prog;
	int __cflags;
} regex_t;

typedef struct {
	regoff_t rm_so;
	regoff_t rm_eo;
} regmatch_t;

#define REG_EXTENDED 1
#define REG_ICASE    2
#define REG_NEWLINE  4
#define REG_NOSUB    8

#define REG_NOTBOL 1
#define REG_NOTEOL 2

#define REG_NOMATCH  1
#define REG_BADPAT   2
#define REG_ECOLLATE 3
#define REG_ECTYPE   4
#define REG_EESCAPE  5
#define REG_ESUBREG  6
#define REG_EBRACK   7
#define REG_EPAREN   8
#define REG_EBRACE   9
#define REG_BADBR    10
#define REG_ERANGE   11
#define REG_ESPACE   12
#define REG_BADRPT   13

int regcomp(regex_t *__restrict_arg re, const char *__restrict_arg pattern, int cflags);
int regexec(const regex_t *__restrict_arg re, const char *__restrict_arg s, size_t nmatch,
            regmatch_t *__restrict_arg match, int eflags);
size_t regerror(int err, const regex_t *__restrict_arg re, char *__restrict_arg buf, size_t len);
void regfree(regex_t *re);

__RELIBC_END_DECLS

#endif
