/* langinfo.h: the C locale's names and formats (the codeset is UTF-8). src/locale/langinfo.c. */
#ifndef _RELIBC_LANGINFO_H
#define _RELIBC_LANGINFO_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

typedef int nl_item;

#define CODESET     0
#define D_T_FMT     1
#define D_FMT       2
#define T_FMT       3
#define T_FMT_AMPM  4
#define AM_STR      5
#define PM_STR      6
#define DAY_1       7  /* DAY_1..DAY_7: Sunday..Saturday */
#define ABDAY_1     14 /* ABDAY_1..ABDAY_7 */
#define MON_1       21 /* MON_1..MON_12 */
#define ABMON_1     33 /* ABMON_1..ABMON_12 */
#define RADIXCHAR   45
#define THOUSEP     46
#define YESEXPR     47
#define NOEXPR      48
#define CRNCYSTR    49
#define ERA         50
#define ERA_D_FMT   51
#define ALT_DIGITS  52
#define ERA_D_T_FMT 53
#define ERA_T_FMT   54

#define DAY_2    (DAY_1 + 1)
#define DAY_3    (DAY_1 + 2)
#define DAY_4    (DAY_1 + 3)
#define DAY_5    (DAY_1 + 4)
#define DAY_6    (DAY_1 + 5)
#define DAY_7    (DAY_1 + 6)
#define ABDAY_2  (ABDAY_1 + 1)
#define ABDAY_3  (ABDAY_1 + 2)
#define ABDAY_4  (ABDAY_1 + 3)
#define ABDAY_5  (ABDAY_1 + 4)
#define ABDAY_6  (ABDAY_1 + 5)
#define ABDAY_7  (ABDAY_1 + 6)
#define MON_2    (MON_1 + 1)
#define MON_3    (MON_1 + 2)
#define MON_4    (MON_1 + 3)
#define MON_5    (MON_1 + 4)
#define MON_6    (MON_1 + 5)
#define MON_7    (MON_1 + 6)
#define MON_8    (MON_1 + 7)
#define MON_9    (MON_1 + 8)
#define MON_10   (MON_1 + 9)
#define MON_11   (MON_1 + 10)
#define MON_12   (MON_1 + 11)
#define ABMON_2  (ABMON_1 + 1)
#define ABMON_3  (ABMON_1 + 2)
#define ABMON_4  (ABMON_1 + 3)
#define ABMON_5  (ABMON_1 + 4)
#define ABMON_6  (ABMON_1 + 5)
#define ABMON_7  (ABMON_1 + 6)
#define ABMON_8  (ABMON_1 + 7)
#define ABMON_9  (ABMON_1 + 8)
#define ABMON_10 (ABMON_1 + 9)
#define ABMON_11 (ABMON_1 + 10)
#define ABMON_12 (ABMON_1 + 11)

char *nl_langinfo(nl_item item);

__RELIBC_END_DECLS

#endif
