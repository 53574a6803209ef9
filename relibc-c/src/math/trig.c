/*
 * sin, cos and tan. Arguments are reduced by multiples of pi/2 to
 * |r| <= pi/4 (rem_pio2.c), then Taylor kernels evaluate sin and cos of
 * r = hi + lo as double-double; tan divides them in double-double.
 */
#include <math.h>
#include "math/math_internal.h"

dd_t __relibc_sin_kernel(double hi, double lo)
{
	double z = hi * hi;
	/* sin(h) = h + h z (-1/3! + z/5! - ...), through z^9 (r^19) */
	double p = -1.0 / 121645100408832000.0;
	p = 1.0 / 355687428096000.0 + z * p;
	p = -1.0 / 1307674368000.0 + z * p;
	p = 1.0 / 6227020800.0 + z * p;
	p = -1.0 / 39916800.0 + z * p;
	p = 1.0 / 362880.0 + z * p;
	p = -1.0 / 5040.0 + z * p;
	p = 1.0 / 120.0 + z * p;
	p = -1.0 / 6.0 + z * p;
	/* sin(h + l) = sin(h) + l cos(h) */
	return fast_two_sum(hi, hi * z * p + lo * (1 - 0.5 * z));
}

dd_t __relibc_cos_kernel(double hi, double lo)
{
	dd_t z = two_prod(hi, hi);
	double hz = 0.5 * z.hi, w = 1 - hz;
	/* cos(h) = 1 - z/2 + z^2 (1/4! - z/6! + ...), through z^10 (r^20) */
	double c = 1.0 / 2432902008176640000.0;
	c = -1.0 / 6402373705728000.0 + z.hi * c;
	c = 1.0 / 20922789888000.0 + z.hi * c;
	c = -1.0 / 87178291200.0 + z.hi * c;
	c = 1.0 / 479001600.0 + z.hi * c;
	c = -1.0 / 3628800.0 + z.hi * c;
	c = 1.0 / 40320.0 + z.hi * c;
	c = -1.0 / 720.0 + z.hi * c;
	c = 1.0 / 24.0 + z.hi * c;
	/* (1 - w) - hz recovers what rounding 1 - hz lost; cos(h + l) = cos(h) - l sin(h) */
	double tail = ((1 - w) - hz) - 0.5 * z.lo + z.hi * z.hi * c - hi * lo;
	return fast_two_sum(w, tail);
}

double sin(double x)
{
	if (fabs(x) < 0x1p-26)
		return x;
	if (!isfinite(x))
		return x - x;
	dd_t r;
	int n = __relibc_rem_pio2(x, &r);
	dd_t v = n & 1 ? __relibc_cos_kernel(r.hi, r.lo) : __relibc_sin_kernel(r.hi, r.lo);
	return n & 2 ? -v.hi : v.hi;
}

double cos(double x)
{
	if (fabs(x) < 0x1p-27)
		return 1;
	if (!isfinite(x))
		return x - x;
	dd_t r;
	int n = __relibc_rem_pio2(x, &r);
	dd_t v = n & 1 ? __relibc_sin_kernel(r.hi, r.lo) : __relibc_cos_kernel(r.hi, r.lo);
	return (n + 1) & 2 ? -v.hi : v.hi;
}

double tan(double x)
{
	if (fabs(x) < 0x1p-27)
		return x;
	if (!isfinite(x))
		return x - x;
	dd_t r;
	int n = __relibc_rem_pio2(x, &r);
	dd_t s = __relibc_sin_kernel(r.hi, r.lo), c = __relibc_cos_kernel(r.hi, r.lo);
	/* odd quadrants: tan(r + pi/2) = -cos(r) / sin(r) */
	if (n & 1)
		return -dd_div(c, s).hi;
	return dd_div(s, c).hi;
}
