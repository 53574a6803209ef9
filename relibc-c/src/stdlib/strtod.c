/*
 * strtod, strtof, strtold and atof: white space and sign here, the
 * numeral and its exact rounding in internal/fpconv.c. Results too big
 * give ±HUGE_VAL and ERANGE; tiny inexact results (zero or subnormal)
 * also set ERANGE.
 */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include "internal/fpconv.h"

/* parses the text around the numeral; returns chars used (0 = none) */
static size_t parse(const char *s, const struct fp_format *fmt, struct fp_value *v, int *neg,
                    int *is_nan)
{
	size_t i = 0;
	while (isspace((unsigned char)s[i]))
		i++;
	*neg = 0;
	if (s[i] == '+' || s[i] == '-')
		*neg = s[i++] == '-';
	size_t n = __relibc_parse_float(s + i, fmt, v, is_nan);
	if (!n)
		return 0;
	if (v->range_error)
		errno = ERANGE;
	return i + n;
}

double strtod(const char *restrict s, char **restrict end)
{
	struct fp_value v;
	int neg, is_nan;
	size_t n = parse(s, &__relibc_fmt_double, &v, &neg, &is_nan);
	if (end)
		*end = (char *)s + n;
	double r;
	if (!n)
		return 0;
	if (is_nan) {
		r = __builtin_nan("");
	} else if (v.cls == FP_CLASS_INF) {
		r = __builtin_inf();
	} else if (v.cls == FP_CLASS_ZERO) {
		r = 0;
	} else {
		uint64_t bits = v.mant;
		if (v.mant >> 52) /* normal: replace the leading bit by the exponent */
			bits =
			    ((uint64_t)(v.exp + 52 + 1023) << 52) | (v.mant & ((1ULL << 52) - 1));
		memcpy(&r, &bits, 8);
	}
	return neg ? -r : r;
}

float strtof(const char *restrict s, char **restrict end)
{
	struct fp_value v;
	int neg, is_nan;
	size_t n = parse(s, &__relibc_fmt_float, &v, &neg, &is_nan);
	if (end)
		*end = (char *)s + n;
	float r;
	if (!n)
		return 0;
	if (is_nan) {
		r = __builtin_nanf("");
	} else if (v.cls == FP_CLASS_INF) {
		r = __builtin_inff();
	} else if (v.cls == FP_CLASS_ZERO) {
		r = 0;
	} else {
		uint32_t bits = (uint32_t)v.mant;
		if (v.mant >> 23)
			bits = ((uint32_t)(v.exp + 23 + 127) << 23) | (bits & ((1u << 23) - 1));
		memcpy(&r, &bits, 4);
	}
	return neg ? -r : r;
}

long double strtold(const char *restrict s, char **restrict end)
{
	struct fp_value v;
	int neg, is_nan;
	size_t n = parse(s, &__relibc_fmt_ldouble, &v, &neg, &is_nan);
	if (end)
		*end = (char *)s + n;
	long double r;
	if (!n)
		return 0;
	if (is_nan) {
		r = __builtin_nanl("");
	} else if (v.cls == FP_CLASS_INF) {
		r = __builtin_infl();
	} else if (v.cls == FP_CLASS_ZERO) {
		r = 0;
	} else {
		/* x87 extended: explicit leading bit, 15-bit biased exponent */
		union {
			long double f;
			struct {
				uint64_t m;
				uint16_t se;
			} b;
		} u = {0};
		u.b.m = v.mant;
		u.b.se = v.mant >> 63 ? (uint16_t)(v.exp + 63 + 16383) : 0;
		r = u.f;
	}
	return neg ? -r : r;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
