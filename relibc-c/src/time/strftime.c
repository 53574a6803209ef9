/*
 * strftime: every C99 conversion (and the E/O modifiers, which the C
 * locale ignores), plus the common extensions %k %l %P %s and glibc's
 * padding flags '-', '_', '0', '^' with an optional field width.
 */
#include <time.h>
#include <string.h>
#include <stdio.h>
#include "time/time_internal.h"

struct out {
	char *s;
	size_t max, len;
};

static void put(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (o->len < o->max)
			o->s[o->len] = s[i];
		o->len++;
	}
}

static void put_upper(struct out *o, const char *s, size_t n, int upper)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (upper && c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		put(o, &c, 1);
	}
}

/* a number with the conversion's default padding unless a flag overrides */
static void put_num(struct out *o, long long v, int width, char pad, char flag)
{
	char buf[32];
	int neg = v < 0;
	unsigned long long u = neg ? -(unsigned long long)v : (unsigned long long)v;
	int n = 0;
	do {
		buf[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (flag == '-')
		width = 0;
	else if (flag == '_')
		pad = ' ';
	else if (flag == '0')
		pad = '0';
	int digits = n + neg;
	if (pad == ' ') {
		for (int i = digits; i < width; i++)
			put(o, " ", 1);
	}
	if (neg)
		put(o, "-", 1);
	if (pad == '0') {
		for (int i = digits; i < width; i++)
			put(o, "0", 1);
	}
	while (n)
		put(o, &buf[--n], 1);
}

/* ISO 8601 week number and its year */
static int iso_week(const struct tm *tm, long long *year)
{
	long long y = 1900LL + tm->tm_year;
	int wday_mon = (tm->tm_wday + 6) % 7;
	int thursday = tm->tm_yday - wday_mon + 3; /* yday of this week's Thursday */
	if (thursday < 0) {
		y--;
		thursday += __relibc_year_days(y);
	} else if (thursday >= __relibc_year_days(y)) {
		thursday -= __relibc_year_days(y);
		y++;
	}
	*year = y;
	return thursday / 7 + 1;
}

static size_t format(struct out *o, const char *fmt, const struct tm *tm);

static void conv(struct out *o, char c, char flag, int width, const struct tm *tm)
{
	long long year = 1900LL + tm->tm_year;
	int upper = flag == '^';
	const char *day =
	    tm->tm_wday >= 0 && tm->tm_wday < 7 ? __relibc_day_names[tm->tm_wday] : "?";
	const char *mon =
	    tm->tm_mon >= 0 && tm->tm_mon < 12 ? __relibc_month_names[tm->tm_mon] : "?";
	int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	long long iso_year;
	switch (c) {
	case 'a':
		put_upper(o, day, 3, upper);
		break;
	case 'A':
		put_upper(o, day, strlen(day), upper);
		break;
	case 'b':
	case 'h':
		put_upper(o, mon, 3, upper);
		break;
	case 'B':
		put_upper(o, mon, strlen(mon), upper);
		break;
	case 'c':
		format(o, "%a %b %e %H:%M:%S %Y", tm);
		break;
	case 'C':
		put_num(o, year >= 0 ? year / 100 : -((-year + 99) / 100), width ? width : 2, '0',
		        flag);
		break;
	case 'd':
		put_num(o, tm->tm_mday, width ? width : 2, '0', flag);
		break;
	case 'D':
		format(o, "%m/%d/%y", tm);
		break;
	case 'e':
		put_num(o, tm->tm_mday, width ? width : 2, ' ', flag);
		break;
	case 'F':
		format(o, "%Y-%m-%d", tm);
		break;
	case 'g':
		iso_week(tm, &iso_year);
		put_num(o, (iso_year % 100 + 100) % 100, width ? width : 2, '0', flag);
		break;
	case 'G':
		iso_week(tm, &iso_year);
		put_num(o, iso_year, width, '0', flag);
		break;
	case 'H':
		put_num(o, tm->tm_hour, width ? width : 2, '0', flag);
		break;
	case 'I':
		put_num(o, hour12, width ? width : 2, '0', flag);
		break;
	case 'j':
		put_num(o, tm->tm_yday + 1, width ? width : 3, '0', flag);
		break;
	case 'k':
		put_num(o, tm->tm_hour, width ? width : 2, ' ', flag);
		break;
	case 'l':
		put_num(o, hour12, width ? width : 2, ' ', flag);
		break;
	case 'm':
		put_num(o, tm->tm_mon + 1, width ? width : 2, '0', flag);
		break;
	case 'M':
		put_num(o, tm->tm_min, width ? width : 2, '0', flag);
		break;
	case 'n':
		put(o, "\n", 1);
		break;
	case 'p':
		put(o, tm->tm_hour < 12 ? "AM" : "PM", 2);
		break;
	case 'P':
		put(o, tm->tm_hour < 12 ? "am" : "pm", 2);
		break;
	case 'r':
		format(o, "%I:%M:%S %p", tm);
		break;
	case 'R':
		format(o, "%H:%M", tm);
		break;
	case 's': {
		struct tm copy = *tm;
		put_num(o, (long long)timegm(&copy) - tm->tm_gmtoff, width, '0', flag);
		break;
	}
	case 'S':
		put_num(o, tm->tm_sec, width ? width : 2, '0', flag);
		break;
	case 't':
		put(o, "\t", 1);
		break;
	case 'T':
		format(o, "%H:%M:%S", tm);
		break;
	case 'u':
		put_num(o, tm->tm_wday ? tm->tm_wday : 7, width ? width : 1, '0', flag);
		break;
	case 'U':
		put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, width ? width : 2, '0', flag);
		break;
	case 'V':
		put_num(o, iso_week(tm, &iso_year), width ? width : 2, '0', flag);
		break;
	case 'w':
		put_num(o, tm->tm_wday, width ? width : 1, '0', flag);
		break;
	case 'W':
		put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, width ? width : 2, '0',
		        flag);
		break;
	case 'x':
		format(o, "%m/%d/%y", tm);
		break;
	case 'X':
		format(o, "%H:%M:%S", tm);
		break;
	case 'y':
		put_num(o, (year % 100 + 100) % 100, width ? width : 2, '0', flag);
		break;
	case 'Y':
		put_num(o, year, width, '0', flag);
		break;
	case 'z': {
		long off = tm->tm_gmtoff;
		put(o, off < 0 ? "-" : "+", 1);
		off = off < 0 ? -off : off;
		put_num(o, off / 3600 * 100 + off / 60 % 60, 4, '0', 0);
		break;
	}
	case 'Z':
		if (tm->tm_zone)
			put_upper(o, tm->tm_zone, strlen(tm->tm_zone), upper);
		break;
	case '%':
		put(o, "%", 1);
		break;
	default:
		/* unknown: copy the conversion as written */
		put(o, "%", 1);
		put(o, &c, 1);
		break;
	}
}

static size_t format(struct out *o, const char *fmt, const struct tm *tm)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(o, p, 1);
			continue;
		}
		p++;
		char flag = 0;
		if (*p == '-' || *p == '_' || *p == '0' || *p == '^' || *p == '#')
			flag = *p++;
		int width = 0;
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
		if (*p == 'E' || *p == 'O')
			p++;
		if (!*p) {
			put(o, "%", 1);
			break;
		}
		conv(o, *p, flag, width, tm);
	}
	return o->len;
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
                const struct tm *restrict tm)
{
	struct out o = {s, max, 0};
	format(&o, fmt, tm);
	if (o.len >= max) {
		/* did not fit with its terminator: the contents are unspecified */
		if (max)
			s[0] = 0;
		return 0;
	}
	s[o.len] = 0;
	return o.len;
}
