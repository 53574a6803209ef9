/*
 * atan, atan2, asin and acos. atan on [0, 1] subtracts the nearest
 * c = j/16 (atan(x) = atan(c) + atan((x - c)/(1 + x c)), atan(c) from a
 * table) and sums a short series; larger arguments use pi/2 - atan(1/x).
 * asin and acos are atan of x / sqrt(1 - x^2), or of the half-angle form
 * near |x| = 1, all in double-double.
 */
#include <math.h>
#include "math/math_internal.h"

dd_t __relibc_atan_core(double t, double tl)
{
	int j = (int)(t * ATAN_TABLE_N + 0.5);
	dd_t u = {t, tl};
	if (j) {
		double c = (double)j / ATAN_TABLE_N;
		dd_t num = fast_two_sum(t - c, tl); /* t - c is exact */
		dd_t den = two_prod(t, c);
		den = fast_two_sum(1.0, den.hi);
		den.lo += two_prod(t, c).lo + tl * c;
		u = dd_div(num, den);
	}
	/* |u| <= 1/32: atan(u) = u - u^3/3 + ... through u^15 */
	double z = u.hi * u.hi;
	double p = u.hi * z *
	           (-1.0 / 3 +
	            z * (0.2 + z * (-1.0 / 7 +
	                            z * (1.0 / 9 + z * (-1.0 / 11 + z * (1.0 / 13 - z / 15))))));
	double ah = __relibc_atan_table[2 * j], al = __relibc_atan_table[2 * j + 1];
	dd_t s = two_sum(ah, u.hi);
	return fast_two_sum(s.hi, s.lo + al + u.lo + p);
}

static dd_t dd_neg(dd_t a)
{
	return (dd_t){-a.hi, -a.lo};
}

double atan(double x)
{
	if (isnan(x))
		return x + x;
	double ax = fabs(x);
	if (ax < 0x1p-27)
		return x;
	dd_t a;
	if (ax <= 1) {
		a = __relibc_atan_core(ax, 0);
	} else {
		dd_t t = ax > 0x1p900 ? (dd_t){1 / ax, 0} : dd_div((dd_t){1, 0}, (dd_t){ax, 0});
		a = dd_add(MC(PI_2), dd_neg(__relibc_atan_core(t.hi, t.lo)));
	}
	return x < 0 ? -a.hi : a.hi;
}

double atan2(double y, double x)
{
	if (isnan(x) || isnan(y))
		return x + y;
	dd_t pi = MC(PI), pi_2 = MC(PI_2);
	double sy = signbit(y) ? -1 : 1;
	if (y == 0)
		return signbit(x) ? sy * pi.hi : y;
	if (x == 0)
		return sy * pi_2.hi;
	if (isinf(x)) {
		if (isinf(y))
			return sy * (x > 0 ? pi.hi / 4 : 3 * pi.hi / 4);
		return x > 0 ? sy * 0.0 : sy * pi.hi;
	}
	if (isinf(y))
		return sy * pi_2.hi;
	double ax = fabs(x), ay = fabs(y);
	/* a common power of two keeps the double-double products in range */
	if (ax > 0x1p500 || ay > 0x1p500) {
		ax *= 0x1p-600;
		ay *= 0x1p-600;
	} else if (ax < 0x1p-500 && ay < 0x1p-500) {
		ax *= 0x1p600;
		ay *= 0x1p600;
	}
	dd_t a;
	if (ay <= ax) {
		dd_t t = dd_div((dd_t){ay, 0}, (dd_t){ax, 0});
		if (t.hi < 0x1p-900)
			t = (dd_t){ay / ax, 0};
		a = __relibc_atan_core(t.hi, t.lo);
		if (x < 0)
			a = dd_add(pi, dd_neg(a));
	} else {
		dd_t t = dd_div((dd_t){ax, 0}, (dd_t){ay, 0});
		if (t.hi < 0x1p-900)
			t = (dd_t){ax / ay, 0};
		a = __relibc_atan_core(t.hi, t.lo);
		a = x < 0 ? dd_add(pi_2, a) : dd_add(pi_2, dd_neg(a));
	}
	return sy * a.hi;
}

/* asin(s) for 0 <= s <= 1/2 given as double-double */
static dd_t asin_core(dd_t s)
{
	dd_t s2 = two_prod(s.hi, s.hi);
	s2.lo += 2 * s.hi * s.lo;
	dd_t d = dd_add((dd_t){1, 0}, dd_neg(s2));
	dd_t t = dd_div(s, dd_sqrt(d));
	return __relibc_atan_core(t.hi, t.lo);
}

/* sqrt((1 - ax) / 2) as double-double, for 1/2 <= ax <= 1 */
static dd_t half_angle(double ax)
{
	double z = (1 - ax) * 0.5; /* exact */
	return z == 0 ? (dd_t){0, 0} : dd_sqrt((dd_t){z, 0});
}

double asin(double x)
{
	if (isnan(x))
		return x + x;
	double ax = fabs(x);
	if (ax > 1)
		return (x - x) / (x - x);
	if (ax < 0x1p-26)
		return x;
	dd_t a;
	if (ax <= 0.5) {
		a = asin_core((dd_t){ax, 0});
	} else {
		/* asin(x) = pi/2 - 2 asin(sqrt((1 - x)/2)) */
		dd_t h = asin_core(half_angle(ax));
		a = dd_add(MC(PI_2), (dd_t){-2 * h.hi, -2 * h.lo});
	}
	return x < 0 ? -a.hi : a.hi;
}

double acos(double x)
{
	if (isnan(x))
		return x + x;
	double ax = fabs(x);
	if (ax > 1)
		return (x - x) / (x - x);
	if (ax <= 0.5) {
		dd_t a = ax < 0x1p-60 ? (dd_t){ax, 0} : asin_core((dd_t){ax, 0});
		return dd_add(MC(PI_2), x < 0 ? a : dd_neg(a)).hi;
	}
	dd_t h = asin_core(half_angle(ax));
	dd_t twice = {2 * h.hi, 2 * h.lo};
	/* acos(x) = 2 asin(sqrt((1 - x)/2)); for x < 0, pi minus that of |x| */
	return x > 0 ? twice.hi : dd_add(MC(PI), dd_neg(twice)).hi;
}
