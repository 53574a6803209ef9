/*
 * strptime: the inverse of strftime for the C locale's conversions.
 * Fields are stored as parsed; %j/%U/%W do not derive the date, but a
 * parsed year, month and day also set tm_wday and tm_yday.
 */
#include <time.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include "time/time_internal.h"

/* up to `digits` digits in [lo, hi]; returns the end or NULL */
static const char *num(const char *s, int digits, int lo, int hi, int *out)
{
	int v = 0, n = 0, neg = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; n < digits && isdigit((unsigned char)*s); n++)
		v = v * 10 + (*s++ - '0');
	if (!n)
		return NULL;
	v = neg ? -v : v;
	if (v < lo || v > hi)
		return NULL;
	*out = v;
	return s;
}

/* a day or month name, full or abbreviated; returns the index via *out */
static const char *name(const char *s, const char (*names)[10], int count, int *out)
{
	for (int i = 0; i < count; i++) {
		size_t full = strlen(names[i]);
		if (!strncasecmp(s, names[i], full)) {
			*out = i;
			return s + full;
		}
		if (!strncasecmp(s, names[i], 3)) {
			*out = i;
			return s + 3;
		}
	}
	return NULL;
}

char *strptime(const char *restrict s, const char *restrict fmt, struct tm *restrict tm)
{
	int century = -1, year_in_century = -1, pm = -1, v, have_date = 0, year_set = 0;
	for (const char *f = fmt; *f && s; f++) {
		if (isspace((unsigned char)*f)) {
			while (isspace((unsigned char)*s))
				s++;
			continue;
		}
		if (*f != '%') {
			if (*s++ != *f)
				return NULL;
			continue;
		}
		f++;
		if (*f == 'E' || *f == 'O')
			f++;
		switch (*f) {
		case 'a':
		case 'A':
			s = name(s, __relibc_day_names, 7, &tm->tm_wday);
			break;
		case 'b':
		case 'B':
		case 'h':
			s = name(s, __relibc_month_names, 12, &tm->tm_mon);
			break;
		case 'c':
			s = strptime(s, "%a %b %e %H:%M:%S %Y", tm);
			have_date = 1;
			year_set = 1;
			break;
		case 'C':
			s = num(s, 2, 0, 99, &century);
			break;
		case 'd':
		case 'e':
			s = num(s, 2, 1, 31, &tm->tm_mday);
			have_date = 1;
			break;
		case 'D':
		case 'x':
			s = strptime(s, "%m/%d/%y", tm);
			have_date = 1;
			year_set = 1;
			break;
		case 'F':
			s = strptime(s, "%Y-%m-%d", tm);
			have_date = 1;
			year_set = 1;
			break;
		case 'H':
		case 'k':
			s = num(s, 2, 0, 23, &tm->tm_hour);
			break;
		case 'I':
		case 'l':
			s = num(s, 2, 1, 12, &tm->tm_hour);
			break;
		case 'j':
			if ((s = num(s, 3, 1, 366, &v)))
				tm->tm_yday = v - 1;
			break;
		case 'm':
			if ((s = num(s, 2, 1, 12, &v)))
				tm->tm_mon = v - 1;
			have_date = 1;
			break;
		case 'M':
			s = num(s, 2, 0, 59, &tm->tm_min);
			break;
		case 'n':
		case 't':
			while (isspace((unsigned char)*s))
				s++;
			break;
		case 'p':
			if (!strncasecmp(s, "AM", 2))
				pm = 0;
			else if (!strncasecmp(s, "PM", 2))
				pm = 1;
			else
				return NULL;
			s += 2;
			break;
		case 'r':
			s = strptime(s, "%I:%M:%S %p", tm);
			break;
		case 'R':
			s = strptime(s, "%H:%M", tm);
			break;
		case 's': {
			long long t = 0;
			int neg = *s == '-';
			if (neg)
				s++;
			if (!isdigit((unsigned char)*s))
				return NULL;
			while (isdigit((unsigned char)*s))
				t = t * 10 + (*s++ - '0');
			if (!__relibc_fill_tm(neg ? -t : t, tm, "UTC"))
				return NULL;
			break;
		}
		case 'S':
			s = num(s, 2, 0, 60, &tm->tm_sec);
			break;
		case 'T':
		case 'X':
			s = strptime(s, "%H:%M:%S", tm);
			break;
		case 'u':
			if ((s = num(s, 1, 1, 7, &v)))
				tm->tm_wday = v % 7;
			break;
		case 'w':
			s = num(s, 1, 0, 6, &tm->tm_wday);
			break;
		case 'U':
		case 'W':
		case 'V':
			s = num(s, 2, 0, 53, &v);
			break;
		case 'y':
			s = num(s, 2, 0, 99, &year_in_century);
			have_date = 1;
			break;
		case 'Y':
			if ((s = num(s, 9, -999999, 999999999, &v)))
				tm->tm_year = v - 1900;
			have_date = 1;
			year_set = 1;
			break;
		case 'z': {
			int sign = *s == '-' ? -1 : 1;
			if (*s != '+' && *s != '-')
				return NULL;
			s++;
			int hh, mm;
			if (!(s = num(s, 2, 0, 23, &hh)))
				return NULL;
			if (*s == ':')
				s++;
			if (!(s = num(s, 2, 0, 59, &mm)))
				return NULL;
			tm->tm_gmtoff = sign * (hh * 3600L + mm * 60L);
			break;
		}
		case 'Z':
			while (isalpha((unsigned char)*s))
				s++;
			break;
		case '%':
			if (*s++ != '%')
				return NULL;
			break;
		default:
			return NULL;
		}
	}
	if (!s)
		return NULL;
	if (year_in_century >= 0) {
		/* POSIX: 69-99 are 1969-1999, 00-68 are 2000-2068 */
		int c = century >= 0 ? century : (year_in_century < 69 ? 20 : 19);
		tm->tm_year = c * 100 + year_in_century - 1900;
	} else if (century >= 0 && !year_set) {
		tm->tm_year = century * 100 - 1900;
	}
	if (pm >= 0)
		tm->tm_hour = tm->tm_hour % 12 + (pm ? 12 : 0);
	if (have_date && tm->tm_mon >= 0 && tm->tm_mon < 12 && tm->tm_mday >= 1) {
		long long y = 1900LL + tm->tm_year;
		long long days =
		    __relibc_days_from_civil(y, (unsigned)tm->tm_mon + 1, (unsigned)tm->tm_mday);
		tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7);
		tm->tm_yday = (int)(days - __relibc_days_from_civil(y, 1, 1));
	}
	return (char *)s;
}
