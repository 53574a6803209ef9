/*
 * Fixed-capacity unsigned big integers (32-bit limbs, little endian) for
 * exact decimal <-> binary conversion. The capacity covers the largest
 * numbers the long double conversions meet (about 18000 bits).
 */
#ifndef RELIBC_BIGINT_H
#define RELIBC_BIGINT_H

#include <stdint.h>

#define BIG_LIMBS 576

typedef struct {
	int n; /* limbs in use; the top one is nonzero (n == 0 means zero) */
	uint32_t d[BIG_LIMBS];
} big_t;

void __relibc_big_set(big_t *a, uint64_t v);
void __relibc_big_mul_small(big_t *a, uint32_t m);
void __relibc_big_add_small(big_t *a, uint32_t v);
void __relibc_big_mul_pow5(big_t *a, unsigned e);
void __relibc_big_shl(big_t *a, unsigned bits);
void __relibc_big_shr1(big_t *a);
int __relibc_big_cmp(const big_t *a, const big_t *b);
void __relibc_big_sub(big_t *a, const big_t *b);
int __relibc_big_bitlen(const big_t *a);

#endif
