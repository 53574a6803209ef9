/*
 * Big integer arithmetic for the number conversions: only what they need
 * (multiply by small factors and powers of five, shifts, compare,
 * subtract). Results never exceed BIG_LIMBS by construction: callers
 * bound the exponents first.
 */
#include "internal/bigint.h"

static void trim(big_t *a)
{
	while (a->n > 0 && a->d[a->n - 1] == 0)
		a->n--;
}

void __relibc_big_set(big_t *a, uint64_t v)
{
	a->d[0] = (uint32_t)v;
	a->d[1] = (uint32_t)(v >> 32);
	a->n = 2;
	trim(a);
}

void __relibc_big_mul_small(big_t *a, uint32_t m)
{
	uint64_t carry = 0;
	for (int i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->d[i] * m + carry;
		a->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry && a->n < BIG_LIMBS)
		a->d[a->n++] = (uint32_t)carry;
}

void __relibc_big_add_small(big_t *a, uint32_t v)
{
	uint64_t carry = v;
	for (int i = 0; carry && i < a->n; i++) {
		uint64_t t = (uint64_t)a->d[i] + carry;
		a->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry && a->n < BIG_LIMBS)
		a->d[a->n++] = (uint32_t)carry;
}

void __relibc_big_mul_pow5(big_t *a, unsigned e)
{
	/* 5^13 is the largest power of five below 2^32 */
	for (; e >= 13; e -= 13)
		__relibc_big_mul_small(a, 1220703125u);
	static const uint32_t small[13] = {
	    1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625, 48828125, 244140625};
	if (e)
		__relibc_big_mul_small(a, small[e]);
}

void __relibc_big_shl(big_t *a, unsigned bits)
{
	if (a->n == 0)
		return;
	unsigned limbs = bits / 32, b = bits % 32;
	int n = a->n + (int)limbs + 1;
	if (n > BIG_LIMBS)
		n = BIG_LIMBS;
	for (int i = n - 1; i >= 0; i--) {
		int src = i - (int)limbs;
		uint32_t hi = src >= 0 && src < a->n ? a->d[src] : 0;
		uint32_t lo = src - 1 >= 0 && src - 1 < a->n ? a->d[src - 1] : 0;
		a->d[i] = b ? (hi << b) | (lo >> (32 - b)) : hi;
	}
	a->n = n;
	trim(a);
}

void __relibc_big_shr1(big_t *a)
{
	for (int i = 0; i < a->n; i++) {
		uint32_t next = i + 1 < a->n ? a->d[i + 1] : 0;
		a->d[i] = (a->d[i] >> 1) | (next << 31);
	}
	trim(a);
}

int __relibc_big_cmp(const big_t *a, const big_t *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--) {
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	}
	return 0;
}

void __relibc_big_sub(big_t *a, const big_t *b)
{
	int64_t borrow = 0;
	for (int i = 0; i < a->n; i++) {
		int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
		borrow = t < 0;
		a->d[i] = (uint32_t)t;
	}
	trim(a);
}

int __relibc_big_bitlen(const big_t *a)
{
	if (a->n == 0)
		return 0;
	return (a->n - 1) * 32 + 32 - __builtin_clz(a->d[a->n - 1]);
}
