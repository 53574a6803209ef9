/*
 * Pseudo-random numbers. rand/random share a 64-bit linear congruential
 * generator (Knuth's MMIX constants) and return its high 31 bits, which
 * are far better distributed than the low ones; rand_r keeps its state
 * in the caller's 32-bit seed. The *rand48 family follows POSIX exactly
 * (48-bit LCG, a = 0x5DEECE66D, c = 11).
 */
#include <stdlib.h>
#include <stdint.h>

static uint64_t state = 1;

void srand(unsigned int seed)
{
	state = seed;
}

int rand(void)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(state >> 33);
}

void srandom(unsigned int seed)
{
	srand(seed);
}

long random(void)
{
	return rand();
}

int rand_r(unsigned int *seed)
{
	/* 32 bits of state: mix the output so the low bits are usable */
	uint32_t x = *seed = *seed * 1103515245u + 12345u;
	x ^= x >> 16;
	x *= 0x45d9f3bu;
	x ^= x >> 16;
	return (int)(x & RAND_MAX);
}

static uint64_t x48 = 0x1234abcd330eULL;

static uint64_t step48(void)
{
	x48 = (x48 * 0x5deece66dULL + 0xb) & ((1ULL << 48) - 1);
	return x48;
}

void srand48(long seed)
{
	x48 = ((uint64_t)(uint32_t)seed << 16) | 0x330e;
}

double drand48(void)
{
	return (double)step48() / (double)(1ULL << 48);
}

long lrand48(void)
{
	return (long)(step48() >> 17);
}

long mrand48(void)
{
	return (long)(int32_t)(uint32_t)(step48() >> 16);
}
