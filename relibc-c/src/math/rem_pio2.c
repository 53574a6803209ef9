/*
 * Argument reduction for the trigonometric functions: x = n pi/2 + r.
 * Below 2^18, pi/2 in four parts (33, 33, 33 and 53 bits; n has at most
 * 18 bits so n times each of the first three is exact) gives r to about
 * 2^-130 absolutely. Above, Payne-Hanek: x's integer mantissa times a
 * 224-bit window of the bits of 2/pi (tables.c), chosen so the bits to
 * its left only add multiples of 4 to n.
 */
#include <math.h>
#include <stdint.h>
#include "math/math_internal.h"

static const double inv_pio2 = 0x1.45f306dc9c883p-1;
static const double pio2_1 = 0x1.921fb54400000p+0;
static const double pio2_2 = 0x1.0b4611a600000p-34;
static const double pio2_3 = 0x1.3198a2e000000p-69;
static const double pio2_4 = 0x1.b839a252049c1p-104;

#define WINDOW 7 /* words of 2/pi used */

/* bits [lo, lo + 64) of the little-endian number in acc */
static uint64_t bits_at(const uint32_t *acc, int nwords, int lo)
{
	uint64_t v = 0;
	for (int b = 63; b >= 0; b--) {
		int pos = lo + b;
		uint32_t bit =
		    pos >= 0 && pos / 32 < nwords ? (acc[pos / 32] >> (pos % 32)) & 1 : 0;
		v = (v << 1) | bit;
	}
	return v;
}

static int reduce_large(double ax, dd_t *r)
{
	uint64_t i = asuint64(ax);
	int ex = (int)((i >> 52) & 0x7ff) - 1075;
	uint64_t m = (i & ((1ULL << 52) - 1)) | (1ULL << 52);
	/* word w of 2/pi weighs 2^(-32(w+1)); words with ex - 32(w+1) >= 2 only add multiples of 4
	 */
	int w0 = ex - 2 >= 0 ? (ex - 2) / 32 : 0;
	uint32_t acc[WINDOW + 3] = {0};
	for (int t = 0; t < WINDOW; t++) {
		unsigned __int128 p = (unsigned __int128)m * __relibc_two_over_pi[w0 + t];
		int pos = WINDOW - 1 - t; /* limb where p lands */
		for (int l = pos; p && l < WINDOW + 3; l++) {
			p += acc[l];
			acc[l] = (uint32_t)p;
			p >>= 32;
		}
	}
	/* acc * 2^(ex - 32(w0 + WINDOW)) = x * 2/pi mod 4 (plus what follows the window) */
	int point = 32 * (w0 + WINDOW) - ex;
	int n = (int)(bits_at(acc, WINDOW + 3, point) & 3);
	uint64_t fhi = bits_at(acc, WINDOW + 3, point - 64);
	uint64_t flo = bits_at(acc, WINDOW + 3, point - 128);
	int neg = 0;
	if (fhi >> 63) {
		/* fraction >= 1/2: take n + 1 and the negative fraction f - 1 */
		n = (n + 1) & 3;
		neg = 1;
		flo = ~flo + 1;
		fhi = ~fhi + (flo == 0);
	}
	/* normalize the 128-bit fraction and split it into two 53-bit doubles */
	int shift = fhi ? __builtin_clzll(fhi) : 64 + (flo ? __builtin_clzll(flo) : 63);
	if (shift >= 64) {
		fhi = flo << (shift - 64);
		flo = 0;
	} else if (shift > 0) {
		fhi = (fhi << shift) | (flo >> (64 - shift));
		flo <<= shift;
	}
	double hi = (double)(int64_t)(fhi >> 11);
	double lo = (double)(int64_t)(((fhi & 0x7ff) << 42) | (flo >> 22));
	dd_t f = fast_two_sum(scalbn(hi, -53 - shift), scalbn(lo, -106 - shift));
	*r = dd_mul(f, MC(PI_2));
	if (neg) {
		r->hi = -r->hi;
		r->lo = -r->lo;
	}
	return n;
}

int __relibc_rem_pio2(double x, dd_t *r)
{
	double ax = fabs(x);
	if (ax <= 0x1.921fb54442d18p-1) {
		*r = (dd_t){x, 0};
		return 0;
	}
	if (ax < 0x1p18) {
		double n = (x * inv_pio2 + 0x1.8p52) - 0x1.8p52;
		double a = x - n * pio2_1; /* exact */
		dd_t s = two_sum(a, -n * pio2_2);
		dd_t s2 = two_sum(s.hi, -n * pio2_3);
		*r = fast_two_sum(s2.hi, s.lo + s2.lo - n * pio2_4);
		return (int)n & 3;
	}
	int n = reduce_large(ax, r);
	if (x < 0) {
		r->hi = -r->hi;
		r->lo = -r->lo;
		n = -n & 3;
	}
	return n;
}
