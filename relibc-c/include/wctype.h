/*
 * wctype.h: wide character classes. Only ASCII has classes and case
 * mappings (the C locale); other code points are printable letters for
 * iswprint/iswgraph/iswalpha so that UTF-8 text is not treated as
 * control bytes.
 */
#ifndef _RELIBC_WCTYPE_H
#define _RELIBC_WCTYPE_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

#ifndef _RELIBC_WINT_T
#define _RELIBC_WINT_T
typedef unsigned int wint_t;
#endif
#ifndef WEOF
#define WEOF ((wint_t)-1)
#endif
typedef unsigned long wctype_t;
typedef const int *wctrans_t;

int iswalnum(wint_t c);
int iswalpha(wint_t c);
int iswblank(wint_t c);
int iswcntrl(wint_t c);
int iswdigit(wint_t c);
int iswgraph(wint_t c);
int iswlower(wint_t c);
int iswprint(wint_t c);
int iswpunct(wint_t c);
int iswspace(wint_t c);
int iswupper(wint_t c);
int iswxdigit(wint_t c);
wint_t towlower(wint_t c);
wint_t towupper(wint_t c);
wctype_t wctype(const char *name);
int iswctype(wint_t c, wctype_t t);

__RELIBC_END_DECLS

#endif
