/*
 * sqrt (the SSE2 instruction, correctly rounded), cbrt (Newton steps
 * finished with a double-double residual) and hypot (the sum of squares
 * in double-double, scaled away from overflow and underflow).
 */
#include <math.h>
#include "math/math_internal.h"

double sqrt(double x)
{
	return sqrt_insn(x);
}

double cbrt(double x)
{
	if (!isfinite(x) || x == 0)
		return x + x;
	double ax = fabs(x);
	int scale = 0;
	if (ax < 0x1p-1000) {
		ax *= 0x1p300;
		scale = -100;
	}
	int e;
	double m = frexp(ax, &e); /* ax = m 2^e, m in [1/2, 1) */
	int r = ((e % 3) + 3) % 3;
	m = ldexp(m, r);
	e -= r; /* now e is a multiple of 3 and m in [1/2, 4) */
	/* a rough start, then Newton: y = y - (y^3 - m) / (3 y^2) */
	double y = 0.6 + 0.4 * m;
	for (int i = 0; i < 6; i++)
		y = y - (y * y * y - m) / (3 * y * y);
	/* the last step with the residual m - y^3 computed exactly */
	dd_t y2 = two_prod(y, y);
	dd_t y3 = dd_mul_d(y2, y);
	double resid = ((m - y3.hi) - y3.lo);
	y += resid / (3 * y2.hi);
	y = ldexp(y, e / 3 + scale);
	return x < 0 ? -y : y;
}

double hypot(double x, double y)
{
	double ax = fabs(x), ay = fabs(y);
	if (isinf(ax) || isinf(ay))
		return INFINITY;
	if (isnan(ax) || isnan(ay))
		return ax + ay;
	if (ax < ay) {
		double t = ax;
		ax = ay;
		ay = t;
	}
	if (ay == 0 || ax > ay * 0x1p60)
		return ax + ay;
	/* scale so that the squares neither overflow nor lose bits */
	int e = ilogb(ax);
	double sx = scalbn(ax, -e), sy = scalbn(ay, -e);
	dd_t s = dd_add(two_prod(sx, sx), two_prod(sy, sy));
	dd_t r = dd_sqrt(s);
	return scalbn(r.hi + r.lo, e);
}
