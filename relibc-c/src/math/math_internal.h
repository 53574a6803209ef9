/*
 * Shared pieces of the math library: bit access, double-double
 * arithmetic (a value as an unevaluated sum hi + lo, ~106 bits), the
 * generated tables (tables.c) and the internal kernels that several
 * functions build on. Everything relies on round-to-nearest and on no
 * contraction of a*b+c into an fma (-ffp-contract=off).
 */
#ifndef RELIBC_MATH_INTERNAL_H
#define RELIBC_MATH_INTERNAL_H

#include <stdint.h>
#include <math.h>

static inline uint64_t asuint64(double x)
{
	union {
		double f;
		uint64_t i;
	} u = {x};
	return u.i;
}

static inline double asdouble(uint64_t i)
{
	union {
		uint64_t i;
		double f;
	} u = {i};
	return u.f;
}

static inline uint32_t asuint32(float x)
{
	union {
		float f;
		uint32_t i;
	} u = {x};
	return u.i;
}

static inline float asfloat(uint32_t i)
{
	union {
		uint32_t i;
		float f;
	} u = {i};
	return u.f;
}

/* keeps a value computed only for its floating-point exceptions */
static inline void force_eval(double x)
{
	volatile double v = x;
	(void)v;
}

typedef struct {
	double hi, lo;
} dd_t;

/* a + b exactly as hi + lo (any magnitudes) */
static inline dd_t two_sum(double a, double b)
{
	double s = a + b, bb = s - a;
	return (dd_t){s, (a - (s - bb)) + (b - bb)};
}

/* a + b exactly as hi + lo, given |a| >= |b| (or a == 0) */
static inline dd_t fast_two_sum(double a, double b)
{
	double s = a + b;
	return (dd_t){s, b - (s - a)};
}

/* a * b exactly as hi + lo (Dekker; |a|, |b| < 2^995) */
static inline dd_t two_prod(double a, double b)
{
	const double split = 134217729.0; /* 2^27 + 1 */
	double ca = split * a, cb = split * b;
	double ah = ca - (ca - a), al = a - ah;
	double bh = cb - (cb - b), bl = b - bh;
	double p = a * b;
	return (dd_t){p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}

static inline dd_t dd_add(dd_t a, dd_t b)
{
	dd_t s = two_sum(a.hi, b.hi);
	return fast_two_sum(s.hi, s.lo + a.lo + b.lo);
}

static inline dd_t dd_mul(dd_t a, dd_t b)
{
	dd_t p = two_prod(a.hi, b.hi);
	return fast_two_sum(p.hi, p.lo + a.hi * b.lo + a.lo * b.hi);
}

static inline dd_t dd_mul_d(dd_t a, double b)
{
	dd_t p = two_prod(a.hi, b);
	return fast_two_sum(p.hi, p.lo + a.lo * b);
}

static inline dd_t dd_div(dd_t a, dd_t b)
{
	double q = a.hi / b.hi;
	dd_t p = two_prod(q, b.hi);
	double r = ((a.hi - p.hi) - p.lo + a.lo - q * b.lo) / b.hi;
	return fast_two_sum(q, r);
}

static inline dd_t dd_sqrt(dd_t a)
{
	double s;
	__asm__("sqrtsd %1, %0" : "=x"(s) : "x"(a.hi));
	dd_t p = two_prod(s, s);
	return fast_two_sum(s, ((a.hi - p.hi) - p.lo + a.lo) / (2 * s));
}

static inline double sqrt_insn(double x)
{
	double r;
	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	return r;
}

/* tables.c */
#define EXP_TABLE_N     128
#define LOG_TABLE_MIN   (-38)
#define LOG_TABLE_COUNT 92
#define ATAN_TABLE_N    16
extern const double __relibc_exp2_table[2 * EXP_TABLE_N];
extern const double __relibc_log_table[3 * LOG_TABLE_COUNT];
extern const double __relibc_atan_table[2 * (ATAN_TABLE_N + 1)];
extern const uint32_t __relibc_two_over_pi[48];
enum { MC_LN2, MC_INV_LN2, MC_INV_LN10, MC_LOG10_2, MC_PI, MC_PI_2, MC_COUNT };
extern const double __relibc_math_consts[2 * MC_COUNT];
#define MC(name)                                                                                   \
	((dd_t){__relibc_math_consts[2 * MC_##name], __relibc_math_consts[2 * MC_##name + 1]})

/*
 * exp of hi + lo (|hi| < 746): returns t in [0.7, 1.5) as double-double
 * and *k such that exp = t * 2^k, accurate to about 2^-62.
 */
dd_t __relibc_exp_core(double hi, double lo, int *k);
/* exp(x) - 1 as double-double, for |x| <= 709 */
dd_t __relibc_expm1_dd(double x);
/* t * 2^k rounded once (also into the subnormal range), overflow to inf */
double __relibc_scale(dd_t t, int k);
/*
 * log of a positive finite x as k * ln2 + m: returns log(m) (as
 * double-double, relative error about 2^-66) and k.
 */
dd_t __relibc_log_core(double x, int *k);
/* log(x) for positive finite x as double-double */
dd_t __relibc_log_dd(double x);
/* atan of t + tl for 0 <= t <= 1, as double-double */
dd_t __relibc_atan_core(double t, double tl);
/* x reduced by multiples of pi/2: returns r (|r| <= ~pi/4) and the quadrant */
int __relibc_rem_pio2(double x, dd_t *r);
/* sin and cos of hi + lo for |hi| <= ~pi/4, as double-double */
dd_t __relibc_sin_kernel(double hi, double lo);
dd_t __relibc_cos_kernel(double hi, double lo);

#endif
