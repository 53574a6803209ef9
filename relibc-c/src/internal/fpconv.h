/*
 * Exact conversion of decimal and binary numerals to the binary
 * floating-point formats (float, double, x87 long double), rounding to
 * nearest-even once. Shared by strtod and the scanf engine.
 */
#ifndef RELIBC_FPCONV_H
#define RELIBC_FPCONV_H

#include <stdint.h>
#include <stddef.h>

/* the shape of a binary format: mantissa bits and normal exponent range */
struct fp_format {
	int prec;
	int emin; /* exponent of the smallest normal's leading bit */
	int emax; /* exponent of the largest finite's leading bit */
};

enum fp_class { FP_CLASS_ZERO, FP_CLASS_FINITE, FP_CLASS_INF };

/* value = mant * 2^exp; mant has prec bits when normal, fewer when subnormal */
struct fp_value {
	enum fp_class cls;
	uint64_t mant;
	int exp;
	int range_error; /* overflow, or an inexact tiny result */
};

extern const struct fp_format __relibc_fmt_float, __relibc_fmt_double, __relibc_fmt_ldouble;

/* value = (q + a fraction that is nonzero iff sticky) * 2^e2 */
struct fp_value __relibc_round_binary(unsigned __int128 q, int sticky, long e2,
                                      const struct fp_format *fmt);
/* value = digits (ASCII, no leading zeros, nd >= 1) * 10^dexp */
struct fp_value __relibc_decimal_to_binary(const char *digits, int nd, long dexp,
                                           const struct fp_format *fmt);

/*
 * Parses a strtod numeral (after white space and sign): decimal, hex,
 * inf, infinity, nan, nan(chars). Returns the characters consumed (0 if
 * none) and fills *v; *is_nan marks NaN.
 */
size_t __relibc_parse_float(const char *s, const struct fp_format *fmt, struct fp_value *v,
                            int *is_nan);

#endif
