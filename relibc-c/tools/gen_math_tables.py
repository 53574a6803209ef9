#!/usr/bin/env python3
"""
Generates relibc-c/src/math/tables.c: the constant tables of the math
library, computed with mpmath at 200 digits and written as exact
hexadecimal double literals (each value as a hi part, the correctly
rounded double, and a lo part, the rounded remainder).

Run:  python3 relibc-c/tools/gen_math_tables.py > relibc-c/src/math/tables.c
      clang-format -i relibc-c/src/math/tables.c
"""
import mpmath
from mpmath import mp, mpf

mp.prec = 2000


def d(x):
    """the double nearest to x, as a C hex literal"""
    return float(x).hex()


def hilo(x):
    hi = mpf(float(x))
    lo = mpf(float(x - hi))
    return float(hi).hex(), float(lo).hex()


out = []
out.append("""/*
 * Constant tables of the math library (generated: see
 * relibc-c/tools/gen_math_tables.py; do not edit by hand). Values are
 * pairs hi + lo whose sum is the constant to about 106 bits.
 */
#include "math/math_internal.h"
""")

# exp: 2^(j/128) for j = 0..127
out.append("const double __relibc_exp2_table[2 * EXP_TABLE_N] = {")
for j in range(128):
    hi, lo = hilo(mpmath.power(2, mpf(j) / 128))
    out.append(f"\t{hi}, {lo},")
out.append("};\n")

# log: for c = 1 + j/128, j = LOG_TABLE_MIN..LOG_TABLE_MAX: invc (a double) and -log(invc)
out.append("const double __relibc_log_table[3 * LOG_TABLE_COUNT] = {")
for j in range(-38, 54):
    c = 1 + mpf(j) / 128
    invc = mpf(float(1 / c))
    hi, lo = hilo(-mpmath.log(invc))
    out.append(f"\t{d(invc)}, {hi}, {lo},")
out.append("};\n")

# atan(j/16), j = 0..16
out.append("const double __relibc_atan_table[2 * (ATAN_TABLE_N + 1)] = {")
for j in range(17):
    hi, lo = hilo(mpmath.atan(mpf(j) / 16))
    out.append(f"\t{hi}, {lo},")
out.append("};\n")

# 2/pi bits for large-argument reduction: 48 words of 32 bits after the point
two_over_pi = 2 / mp.pi
words = []
frac = two_over_pi
for i in range(48):
    frac *= 2**32
    w = int(mpmath.floor(frac))
    words.append(w)
    frac -= w
out.append("const uint32_t __relibc_two_over_pi[48] = {")
for i in range(0, 48, 4):
    out.append("\t" + " ".join(f"0x{w:08x}," for w in words[i:i + 4]))
out.append("};\n")

# named constants as hi/lo pairs
consts = {
    "LN2": mpmath.log(2),
    "INV_LN2": 1 / mpmath.log(2),
    "INV_LN10": 1 / mpmath.log(10),
    "LOG10_2": mpmath.log10(2),
    "PI": mp.pi,
    "PI_2": mp.pi / 2,
}
out.append("const double __relibc_math_consts[2 * MC_COUNT] = {")
for name, v in consts.items():
    hi, lo = hilo(v)
    out.append(f"\t{hi}, {lo}, /* {name} */")
out.append("};")
print("\n".join(out))


def split(x, bits):
    """x as parts of at most `bits` significant bits each (Cody-Waite)"""
    parts = []
    for b in bits:
        e = int(mpmath.floor(mpmath.log(abs(x), 2)))
        scale = mpf(2) ** (b - 1 - e)
        p = mpmath.floor(x * scale) / scale
        parts.append(float(p).hex())
        x -= p
    return parts


# The reduction constants written in exp.c and trig.c (not in tables.c);
# printed to stderr so they can be checked against the code:
import sys
print("pi/2 in 33,33,33,53-bit parts:", split(mp.pi / 2, (33, 33, 33, 53)), file=sys.stderr)
print("ln2/128 in 32,53-bit parts:", split(mpmath.log(2) / 128, (32, 53)), file=sys.stderr)
print("128/ln2:", float(128 / mpmath.log(2)).hex(), " 2/pi:", float(2 / mp.pi).hex(), file=sys.stderr)
