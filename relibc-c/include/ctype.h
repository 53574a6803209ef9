/*
 * ctype.h: character classes and case mapping of the C locale (ASCII;
 * bytes 128..255 belong to no class).
 */
#ifndef _RELIBC_CTYPE_H
#define _RELIBC_CTYPE_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int isascii(int c);
int tolower(int c);
int toupper(int c);
int toascii(int c);

__RELIBC_END_DECLS

#endif
