/*
 * Calendar arithmetic shared by the time.h functions: proleptic
 * Gregorian dates <-> days since 1970-01-01, and names.
 */
#ifndef RELIBC_TIME_INTERNAL_H
#define RELIBC_TIME_INTERNAL_H

#include <time.h>

long long __relibc_days_from_civil(long long y, unsigned m, unsigned d);
void __relibc_civil_from_days(long long days, long long *y, unsigned *m, unsigned *d);
int __relibc_is_leap(long long y);
int __relibc_year_days(long long y);
/* fills *tm from seconds since the epoch (UTC); NULL if the year overflows */
struct tm *__relibc_fill_tm(long long t, struct tm *tm, const char *zone);

extern const char __relibc_day_names[7][10];
extern const char __relibc_month_names[12][10];

#endif
