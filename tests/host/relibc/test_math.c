/*
 * math.h: accuracy of every double function measured in ulps against
 * glibc's long double functions (64-bit mantissas, so effectively exact
 * at double precision) over random and special arguments; exact
 * functions must match glibc bit for bit; special values follow C99
 * Annex F; float and long double variants spot-checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <float.h>
#include <stdint.h>
#include "test.h"
#include "rl.h"

/* the library's math functions, renamed */
#define D1(f) double rl_##f(double)
#define D2(f) double rl_##f(double, double)
D1(sqrt);
D1(cbrt);
D1(fabs);
D1(floor);
D1(ceil);
D1(trunc);
D1(round);
D1(rint);
D1(nearbyint);
D1(exp);
D1(exp2);
D1(expm1);
D1(log);
D1(log2);
D1(log10);
D1(log1p);
D1(logb);
D1(sin);
D1(cos);
D1(tan);
D1(asin);
D1(acos);
D1(atan);
D1(sinh);
D1(cosh);
D1(tanh);
D1(asinh);
D1(acosh);
D1(atanh);
D2(fmod);
D2(remainder);
D2(pow);
D2(atan2);
D2(hypot);
D2(copysign);
D2(fmin);
D2(fmax);
D2(fdim);
D2(nextafter);
double rl_fma(double, double, double);
double rl_frexp(double, int *);
double rl_ldexp(double, int);
double rl_modf(double, double *);
double rl_remquo(double, double, int *);
int rl_ilogb(double);
long rl_lround(double);
long rl_lrint(double);
float rl_sinf(float);
float rl_expf(float);
float rl_logf(float);
float rl_powf(float, float);
float rl_sqrtf(float);
float rl_floorf(float);
float rl_fmodf(float, float);
float rl_atan2f(float, float);
long double rl_sqrtl(long double);
long double rl_floorl(long double);
long double rl_ceill(long double);
long double rl_truncl(long double);
long double rl_roundl(long double);
long double rl_rintl(long double);
long double rl_fmodl(long double, long double);
long double rl_frexpl(long double, int *);
long double rl_ldexpl(long double, int);
long double rl_nextafterl(long double, long double);
long double rl_expl(long double);
long double rl_fabsl(long double);

static int same(double a, double b)
{
	return (isnan(a) && isnan(b)) || !memcmp(&a, &b, sizeof a);
}

/* error of `got` in ulps of the exact value `want` */
static double ulps(double got, long double want)
{
	if (isnan(got) || isnan(want))
		return isnan(got) && isnan(want) ? 0 : 1e9;
	if (isinf(want) || isinf(got)) {
		/* a finite result just past DBL_MAX rounds to inf */
		if ((long double)got == want)
			return 0;
		if (isinf(got) && fabsl(want) > (long double)DBL_MAX)
			return 0.5;
		return 1e9;
	}
	int e;
	frexpl(want, &e);
	if (e < -1021)
		e = -1021; /* subnormal: the ulp stops shrinking */
	long double ulp = ldexpl(1.0L, e - 53);
	return (double)(fabsl((long double)got - want) / ulp);
}

static double rand_in(double lo, double hi)
{
	return lo + (hi - lo) * ((double)(t_rand() >> 11) / 0x1p53);
}

/* a double of random magnitude 2^lo..2^hi and random sign */
static double rand_log(int lo, int hi)
{
	double m = 1 + (double)(t_rand() >> 12) / 0x1p52;
	double v = ldexp(m, lo + (int)(t_rand() % (unsigned)(hi - lo + 1)));
	return t_rand() & 1 ? -v : v;
}

struct fn1 {
	const char *name;
	double (*ours)(double);
	long double (*ref)(long double);
	double lo, hi;  /* uniform range */
	int elo, ehi;   /* exponent range for log-uniform inputs */
	double max_ulp; /* allowed error */
};

static void check1(const struct fn1 *f)
{
	double worst = 0, worst_x = 0;
	for (int i = 0; i < 30000; i++) {
		double x = i % 2 ? rand_in(f->lo, f->hi) : rand_log(f->elo, f->ehi);
		if (x < f->lo || x > f->hi)
			x = rand_in(f->lo, f->hi);
		double u = ulps(f->ours(x), f->ref(x));
		if (u > worst) {
			worst = u;
			worst_x = x;
		}
	}
	CHECK_QUIET(worst <= f->max_ulp, "%s: %.3f ulp at %a (allowed %.2f)", f->name, worst,
	            worst_x, f->max_ulp);
	if (getenv("RELIBC_MATH_VERBOSE"))
		printf("    %-8s max %.3f ulp at %a\n", f->name, worst, worst_x);
}

static long double ref_exp10m1(long double x)
{
	return expm1l(x);
}

static void accuracy(void)
{
	const struct fn1 fns[] = {
	    {"exp", rl_exp, expl, -745, 709.7, -30, 9, 1},
	    {"exp2", rl_exp2, exp2l, -1074, 1023.9, -30, 10, 1},
	    {"expm1", rl_expm1, ref_exp10m1, -40, 709.7, -60, 9, 1},
	    {"log", rl_log, logl, 0, 1e308, -1074, 1023, 1},
	    {"log2", rl_log2, log2l, 0, 1e308, -1074, 1023, 1},
	    {"log10", rl_log10, log10l, 0, 1e308, -1074, 1023, 1},
	    {"log1p", rl_log1p, log1pl, -1, 1e308, -60, 1000, 1},
	    {"sin", rl_sin, sinl, -10, 10, -30, 1023, 1},
	    {"cos", rl_cos, cosl, -10, 10, -30, 1023, 1},
	    {"tan", rl_tan, tanl, -10, 10, -30, 1023, 1},
	    {"asin", rl_asin, asinl, -1, 1, -40, -1, 1},
	    {"acos", rl_acos, acosl, -1, 1, -40, -1, 1},
	    {"atan", rl_atan, atanl, -10, 10, -40, 1000, 1},
	    {"sinh", rl_sinh, sinhl, -710, 710, -40, 9, 1},
	    {"cosh", rl_cosh, coshl, -710, 710, -40, 9, 1},
	    {"tanh", rl_tanh, tanhl, -30, 30, -40, 5, 1},
	    {"asinh", rl_asinh, asinhl, -10, 10, -40, 1000, 2},
	    {"acosh", rl_acosh, acoshl, 1, 10, 0, 1000, 2},
	    {"atanh", rl_atanh, atanhl, -1, 1, -40, -1, 2},
	    {"cbrt", rl_cbrt, cbrtl, -10, 10, -1074, 1023, 1},
	    {"sqrt", rl_sqrt, sqrtl, 0, 1e308, -1074, 1023, 0.5},
	};
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
		check1(&fns[i]);

	/* pow: ordinary ranges, x near 1 with large y, negative x with integer y */
	double worst = 0, wx = 0, wy = 0;
	for (int i = 0; i < 60000; i++) {
		double x, y;
		switch (i % 4) {
		case 0:
			x = fabs(rand_log(-20, 20));
			y = rand_in(-30, 30);
			break;
		case 1:
			x = 1 + rand_in(-1e-6, 1e-6);
			y = rand_log(0, 25);
			break;
		case 2:
			x = -fabs(rand_log(-5, 5));
			y = (double)((int)(t_rand() % 200) - 100);
			break;
		default:
			x = fabs(rand_log(-1074, 1023));
			y = rand_in(-2, 2);
			break;
		}
		long double want = powl(x, y);
		if (fabsl(want) > (long double)DBL_MAX || fabsl(want) < (long double)DBL_MIN)
			continue;
		double u = ulps(rl_pow(x, y), want);
		if (u > worst) {
			worst = u;
			wx = x;
			wy = y;
		}
	}
	CHECK_QUIET(worst <= 1, "pow: %.3f ulp at %a, %a", worst, wx, wy);
	worst = 0;
	for (int i = 0; i < 30000; i++) {
		double y = rand_log(-30, 30), x = rand_log(-30, 30);
		double u = ulps(rl_atan2(y, x), atan2l(y, x));
		if (u > worst) {
			worst = u;
			wx = x;
			wy = y;
		}
		u = ulps(rl_hypot(x, y), hypotl(x, y));
		CHECK_QUIET(u <= 1, "hypot(%a, %a): %.3f ulp", x, y, u);
	}
	CHECK_QUIET(worst <= 1, "atan2: %.3f ulp at %a, %a", worst, wy, wx);
	if (getenv("RELIBC_MATH_VERBOSE"))
		printf("    atan2 max %.3f ulp\n", worst);
}

/* functions whose results are exact: identical to glibc, bit for bit */
static void exactness(void)
{
	for (int i = 0; i < 30000; i++) {
		double x = i % 3 ? rand_log(-1074, 1023) : rand_in(-100, 100);
		double y = i % 5 ? rand_log(-1074, 1023) : rand_in(-10, 10);
		if (i % 7 == 0 && fabs(x) < 1e300)
			x = round(x * 2) / 2; /* halfway cases */
		CHECK_QUIET(same(rl_floor(x), floor(x)) && same(rl_ceil(x), ceil(x)) &&
		                same(rl_trunc(x), trunc(x)) && same(rl_round(x), round(x)) &&
		                same(rl_rint(x), rint(x)) && same(rl_nearbyint(x), nearbyint(x)),
		            "rounding of %a", x);
		/* a zero remainder has the sign of x (IEEE 754; glibc errs for subnormal y) */
		double rem = rl_remainder(x, y), grem = remainder(x, y);
		int rem_ok =
		    same(rem, grem) || (rem == 0 && grem == 0 && signbit(rem) == signbit(x));
		CHECK_QUIET(same(rl_fmod(x, y), fmod(x, y)) && rem_ok,
		            "fmod/remainder(%a, %a): %a %a, glibc %a %a", x, y, rl_fmod(x, y),
		            rl_remainder(x, y), fmod(x, y), remainder(x, y));
		int q1, q2;
		double r1 = rl_remquo(x, y, &q1), r2 = remquo(x, y, &q2);
		/* the quotient: sign of x/y (if nonzero), magnitude's low 3 bits */
		int r_ok = same(r1, r2) || (r1 == 0 && r2 == 0 && signbit(r1) == signbit(x));
		CHECK_QUIET(r_ok && (abs(q1) & 7) == (abs(q2) & 7) &&
		                (q2 == 0 || (q1 < 0) == (q2 < 0)),
		            "remquo(%a, %a)", x, y);
		double z = rand_log(-1074, 1023);
		if (i % 4 == 0)
			z = -x * y * (1 + 0x1p-40); /* cancellation */
		CHECK_QUIET(same(rl_fma(x, y, z), fma(x, y, z)), "fma(%a, %a, %a): %a, glibc %a", x,
		            y, z, rl_fma(x, y, z), fma(x, y, z));
		int e1, e2;
		CHECK_QUIET(same(rl_frexp(x, &e1), frexp(x, &e2)) && e1 == e2, "frexp(%a)", x);
		int n = (int)(t_rand() % 4200) - 2100;
		CHECK_QUIET(same(rl_ldexp(x, n), ldexp(x, n)), "ldexp(%a, %d)", x, n);
		double i1, i2;
		CHECK_QUIET(same(rl_modf(x, &i1), modf(x, &i2)) && same(i1, i2), "modf(%a)", x);
		CHECK_QUIET(same(rl_nextafter(x, y), nextafter(x, y)), "nextafter(%a, %a)", x, y);
		CHECK_QUIET(rl_ilogb(x) == ilogb(x) && same(rl_logb(x), logb(x)), "ilogb(%a)", x);
		CHECK_QUIET(same(rl_sqrt(fabs(x)), sqrt(fabs(x))), "sqrt(%a)", x);
		if (fabs(x) < 1e18)
			CHECK_QUIET(rl_lround(x) == lround(x) && rl_lrint(x) == lrint(x),
			            "lround(%a)", x);
		CHECK_QUIET(same(rl_fmin(x, y), fmin(x, y)) && same(rl_fmax(x, y), fmax(x, y)) &&
		                same(rl_fdim(x, y), fdim(x, y)) &&
		                same(rl_copysign(x, y), copysign(x, y)),
		            "min/max(%a, %a)", x, y);
		/* long double exact operations */
		long double lx = (long double)x * (1 + 0x1p-60L), ly = (long double)y;
		CHECK_QUIET(rl_floorl(lx) == floorl(lx) && rl_ceill(lx) == ceill(lx) &&
		                rl_truncl(lx) == truncl(lx) && rl_roundl(lx) == roundl(lx) &&
		                rl_rintl(lx) == rintl(lx) &&
		                rl_sqrtl(fabsl(lx)) == sqrtl(fabsl(lx)),
		            "long double rounding of %La", lx);
		if (ly != 0)
			CHECK_QUIET(rl_fmodl(lx, ly) == fmodl(lx, ly), "fmodl(%La, %La)", lx, ly);
		int le1, le2;
		CHECK_QUIET(rl_frexpl(lx, &le1) == frexpl(lx, &le2) && le1 == le2, "frexpl");
		CHECK_QUIET(rl_ldexpl(lx, n) == ldexpl(lx, n), "ldexpl(%La, %d)", lx, n);
		CHECK_QUIET(rl_nextafterl(lx, ly) == nextafterl(lx, ly), "nextafterl(%La, %La)", lx,
		            ly);
	}
}

static void special_values(void)
{
	const double inf = INFINITY, nan_ = NAN;
	const double specials[] = {0.0,     -0.0,     1.0,    -1.0, 0.5,       -0.5,       2.0,
	                           -2.0,    inf,      -inf,   nan_, 0x1p-1074, -0x1p-1074, DBL_MIN,
	                           DBL_MAX, -DBL_MAX, 3.0,    -3.0, 0x1p53,    0x1p-60,    1e300,
	                           -1e300,  710.0,    -746.0, M_PI, 1e22};
	const int ns = sizeof specials / sizeof specials[0];
	double (*const o1[])(double) = {rl_exp,   rl_exp2, rl_expm1, rl_log,  rl_log2,  rl_log10,
	                                rl_log1p, rl_sin,  rl_cos,   rl_tan,  rl_asin,  rl_acos,
	                                rl_atan,  rl_sinh, rl_cosh,  rl_tanh, rl_asinh, rl_acosh,
	                                rl_atanh, rl_cbrt, rl_sqrt,  rl_logb};
	double (*const g1[])(double) = {exp,   exp2,  expm1, log,  log2, log10, log1p, sin,
	                                cos,   tan,   asin,  acos, atan, sinh,  cosh,  tanh,
	                                asinh, acosh, atanh, cbrt, sqrt, logb};
	const char *const n1[] = {"exp",   "exp2", "expm1", "log",  "log2",  "log10",
	                          "log1p", "sin",  "cos",   "tan",  "asin",  "acos",
	                          "atan",  "sinh", "cosh",  "tanh", "asinh", "acosh",
	                          "atanh", "cbrt", "sqrt",  "logb"};
	for (size_t f = 0; f < sizeof o1 / sizeof o1[0]; f++) {
		for (int i = 0; i < ns; i++) {
			double x = specials[i], a = o1[f](x), b = g1[f](x);
			/* exact agreement for NaN/inf/zero results and exact cases, else 1 ulp */
			int ok = same(a, b) || (isfinite(a) && isfinite(b) && a != 0 && b != 0 &&
			                        fabs(a - b) <= fabs(b) * 0x1p-52);
			CHECK_QUIET(ok, "%s(%a): %a, glibc %a", n1[f], x, a, b);
		}
	}
	double (*const o2[])(double, double) = {rl_pow, rl_atan2, rl_hypot, rl_fmod, rl_remainder};
	double (*const g2[])(double, double) = {pow, atan2, hypot, fmod, remainder};
	const char *const n2[] = {"pow", "atan2", "hypot", "fmod", "remainder"};
	for (size_t f = 0; f < sizeof o2 / sizeof o2[0]; f++) {
		for (int i = 0; i < ns; i++) {
			for (int j = 0; j < ns; j++) {
				double x = specials[i], y = specials[j];
				double a = o2[f](x, y), b = g2[f](x, y);
				int ok = same(a, b) || (isfinite(a) && isfinite(b) && a != 0 &&
				                        fabs(a - b) <= fabs(b) * 0x1p-52);
				CHECK_QUIET(ok, "%s(%a, %a): %a, glibc %a", n2[f], x, y, a, b);
			}
		}
	}
	/* values programs rely on being exact */
	CHECK(rl_pow(2, 10) == 1024 && rl_pow(10, 2) == 100 && rl_pow(10, -2) == 0.01);
	CHECK(rl_log10(1000) == 3 && rl_log2(1024) == 10 && rl_log(1) == 0 && rl_exp(0) == 1);
	CHECK(rl_sqrt(2) == M_SQRT2 && rl_cbrt(27) == 3 && rl_cbrt(-8) == -2);
	CHECK(rl_sin(M_PI) == sin(M_PI) && rl_cos(0) == 1 && rl_atan2(1, 1) == M_PI_4);
}

static void float_variants(void)
{
	for (int i = 0; i < 20000; i++) {
		float x = (float)rand_in(-50, 50), y = (float)rand_in(-5, 5);
		CHECK_QUIET(rl_sinf(x) == (float)sinl(x), "sinf(%a)", x);
		CHECK_QUIET(rl_expf(x) == (float)expl(x), "expf(%a)", x);
		float ax = fabsf(x);
		CHECK_QUIET(rl_logf(ax) == (float)logl(ax), "logf(%a)", ax);
		CHECK_QUIET(rl_sqrtf(ax) == sqrtf(ax) && rl_floorf(x) == floorf(x), "sqrtf(%a)",
		            ax);
		CHECK_QUIET(y == 0 || rl_fmodf(x, y) == fmodf(x, y), "fmodf(%a, %a)", x, y);
		float p = rl_powf(ax, y), pw = (float)powl(ax, y);
		CHECK_QUIET(p == pw || fabsf(p - pw) <= fabsf(pw) * 0x1p-23f, "powf(%a, %a)", ax,
		            y);
		CHECK_QUIET(rl_atan2f(y, x) == (float)atan2l(y, x), "atan2f(%a, %a)", y, x);
	}
	CHECK(rl_expl(1.0L) == (long double)exp(1.0));
	CHECK(rl_fabsl(-2.5L) == 2.5L);
}

void test_math(void)
{
	special_values();
	exactness();
	accuracy();
	float_variants();
}
