/*
 * sfuzz-stress: the structural fuzzer (sfuzz.c) for 10 million calls with
 * no time limit: the stress run docs/fuzzing.md describes. Not part of
 * `make test` (no BATS file boots it).
 */
#define SFUZZ_CALLS        10000000ULL
#define SFUZZ_TIME_LIMIT_S 0ULL
#include "sfuzz.c"
