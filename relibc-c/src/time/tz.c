/*
 * Local time from the TZ environment variable in POSIX form (there is no
 * zone database here): "std offset [dst [offset] [,start[/time],end[/time]]]",
 * e.g. "EET-2EEST,M3.5.0/3,M10.5.0/4". Names are three or more letters or
 * <...>; offsets are [+-]hh[:mm[:ss]] west of Greenwich (the dst offset
 * defaults to one hour east of std); a rule is Jn (1..365, Feb 29 never
 * counted), n (0..365) or Mm.w.d (day d of week w of month m, 5 = the
 * last), its time 02:00 local unless given. A dst without rules follows
 * the US rules (M3.2.0,M11.1.0), as glibc does. No TZ, or one that does
 * not parse (":Europe/Paris", a file name), is UTC.
 */
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include "time/time_internal.h"

struct rule {
	char kind; /* 'J', 'D' (zero-based day) or 'M' */
	int day, week, month;
	long time; /* seconds after local midnight */
};

static struct {
	char source[64]; /* the TZ this was parsed from */
	int parsed;
	char std_name[16], dst_name[16];
	long std_off, dst_off; /* seconds east of UTC */
	int has_dst;
	struct rule start, end;
} zone;

static const char *parse_name(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	if (*s == '<') {
		for (s++; *s && *s != '>'; s++)
			if (n + 1 < cap)
				out[n++] = *s;
		if (*s != '>')
			return NULL;
		s++;
	} else {
		for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++)
			if (n + 1 < cap)
				out[n++] = *s;
	}
	out[n] = 0;
	return n >= 3 ? s : NULL;
}

static const char *parse_num(const char *s, int min, int max, int *out)
{
	if (*s < '0' || *s > '9')
		return NULL;
	long v = 0;
	while (*s >= '0' && *s <= '9' && v <= max)
		v = v * 10 + (*s++ - '0');
	if (v < min || v > max)
		return NULL;
	*out = (int)v;
	return s;
}

/* [+-]hh[:mm[:ss]] as seconds, the sign kept */
static const char *parse_time(const char *s, int max_hours, long *out)
{
	int sign = 1, h, m = 0, sec = 0;
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if (!(s = parse_num(s, 0, max_hours, &h)))
		return NULL;
	if (*s == ':' && !(s = parse_num(s + 1, 0, 59, &m)))
		return NULL;
	if (*s == ':' && !(s = parse_num(s + 1, 0, 59, &sec)))
		return NULL;
	*out = sign * (h * 3600L + m * 60L + sec);
	return s;
}

static const char *parse_rule(const char *s, struct rule *r)
{
	r->time = 2 * 3600;
	if (*s == 'J') {
		r->kind = 'J';
		s = parse_num(s + 1, 1, 365, &r->day);
	} else if (*s == 'M') {
		r->kind = 'M';
		if ((s = parse_num(s + 1, 1, 12, &r->month)) && *s == '.' &&
		    (s = parse_num(s + 1, 1, 5, &r->week)) && *s == '.')
			s = parse_num(s + 1, 0, 6, &r->day);
		else
			s = NULL;
	} else {
		r->kind = 'D';
		s = parse_num(s, 0, 365, &r->day);
	}
	if (s && *s == '/')
		s = parse_time(s + 1, 167, &r->time);
	return s;
}

static int parse(const char *s)
{
	long off = 0;
	if (!(s = parse_name(s, zone.std_name, sizeof zone.std_name)))
		return 0;
	/* "UTC" alone (no offset) is taken as zero, as glibc does */
	if (*s && !(s = parse_time(s, 24, &off)))
		return 0;
	zone.std_off = zone.dst_off = -off;
	zone.has_dst = 0;
	if (!*s)
		return 1;
	if (!(s = parse_name(s, zone.dst_name, sizeof zone.dst_name)))
		return 0;
	zone.has_dst = 1;
	zone.dst_off = zone.std_off + 3600;
	if (*s && *s != ',') {
		if (!(s = parse_time(s, 24, &off)))
			return 0;
		zone.dst_off = -off;
	}
	if (!*s)
		s = ",M3.2.0,M11.1.0";
	if (*s != ',' || !(s = parse_rule(s + 1, &zone.start)) || *s != ',' ||
	    !(s = parse_rule(s + 1, &zone.end)))
		return 0;
	return *s == 0;
}

void tzset(void)
{
	const char *tz = getenv("TZ");
	if (!tz || !*tz)
		tz = "UTC";
	if (zone.parsed && !strcmp(tz, zone.source))
		return;
	strncpy(zone.source, tz, sizeof zone.source - 1);
	zone.source[sizeof zone.source - 1] = 0;
	zone.parsed = 1;
	if (strlen(tz) >= sizeof zone.source || !parse(tz)) {
		strcpy(zone.std_name, "UTC");
		zone.std_off = zone.dst_off = 0;
		zone.has_dst = 0;
	}
	tzname[0] = zone.std_name;
	tzname[1] = zone.has_dst ? zone.dst_name : zone.std_name;
	timezone = -zone.std_off;
	daylight = zone.has_dst;
}

/* The rule's moment in `year`, as seconds of local time since the epoch. */
static long long rule_local(long long year, const struct rule *r)
{
	long long jan1 = __relibc_days_from_civil(year, 1, 1), day;
	if (r->kind == 'J')
		day = jan1 + r->day - 1 + (__relibc_is_leap(year) && r->day >= 60);
	else if (r->kind == 'D')
		day = jan1 + r->day;
	else {
		static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		long long first = __relibc_days_from_civil(year, (unsigned)r->month, 1);
		int wday_first = (int)(((first + 4) % 7 + 7) % 7);
		int mday = 1 + (r->day - wday_first + 7) % 7 + (r->week - 1) * 7;
		int len = mdays[r->month - 1] + (r->month == 2 && __relibc_is_leap(year));
		while (mday > len)
			mday -= 7;
		day = first + mday - 1;
	}
	return day * 86400 + r->time;
}

/* Is the UTC moment t in daylight saving time? */
static int in_dst(long long t)
{
	if (!zone.has_dst)
		return 0;
	long long y;
	unsigned m, d;
	long long days = (t + zone.std_off) / 86400 - ((t + zone.std_off) % 86400 < 0);
	__relibc_civil_from_days(days, &y, &m, &d);
	if (y < 1970)
		y = 1970; /* glibc's rules start then: earlier times see 1970's */
	/* the rules' times are local: start in standard time, end in dst */
	long long start = rule_local(y, &zone.start) - zone.std_off;
	long long end = rule_local(y, &zone.end) - zone.dst_off;
	if (start < end)
		return t >= start && t < end;
	return !(t >= end && t < start); /* the southern hemisphere */
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	tzset();
	int dst = in_dst(*t);
	long off = dst ? zone.dst_off : zone.std_off;
	if (!__relibc_fill_tm((long long)*t + off, tm, dst ? zone.dst_name : zone.std_name))
		return NULL;
	tm->tm_isdst = dst;
	tm->tm_gmtoff = off;
	return tm;
}

struct tm *localtime(const time_t *t)
{
	static struct tm tm;
	return localtime_r(t, &tm);
}

time_t mktime(struct tm *tm)
{
	tzset();
	struct tm copy = *tm;
	long long local = timegm(&copy); /* the fields as if they were UTC, normalized */
	if (local == -1 && copy.tm_year != 69)
		return -1;
	long long t;
	if (tm->tm_isdst > 0 && zone.has_dst)
		t = local - zone.dst_off;
	else if (tm->tm_isdst == 0 || !zone.has_dst)
		t = local - zone.std_off;
	else { /* unknown: whichever offset is in force then */
		t = local - zone.std_off;
		if (in_dst(t))
			t = local - zone.dst_off;
	}
	time_t r = (time_t)t;
	if (!localtime_r(&r, tm))
		return -1;
	return r;
}
