/*
 * inttypes.h: printf/scanf format macros for the stdint.h types (LP64)
 * and the intmax_t helpers.
 */
#ifndef _RELIBC_INTTYPES_H
#define _RELIBC_INTTYPES_H

#include <bits/cdefs.h>
#include <stdint.h>

__RELIBC_BEGIN_DECLS

typedef struct {
	intmax_t quot, rem;
} imaxdiv_t;

intmax_t imaxabs(intmax_t i);
imaxdiv_t imaxdiv(intmax_t n, intmax_t d);
intmax_t strtoimax(const char *__restrict_arg s, char **__restrict_arg end, int base);
uintmax_t strtoumax(const char *__restrict_arg s, char **__restrict_arg end, int base);

__RELIBC_END_DECLS

#define __PRI64  "l"
#define __PRIPTR "l"

#define PRId8       "d"
#define PRId16      "d"
#define PRId32      "d"
#define PRId64      __PRI64 "d"
#define PRIi8       "i"
#define PRIi16      "i"
#define PRIi32      "i"
#define PRIi64      __PRI64 "i"
#define PRIo8       "o"
#define PRIo16      "o"
#define PRIo32      "o"
#define PRIo64      __PRI64 "o"
#define PRIu8       "u"
#define PRIu16      "u"
#define PRIu32      "u"
#define PRIu64      __PRI64 "u"
#define PRIx8       "x"
#define PRIx16      "x"
#define PRIx32      "x"
#define PRIx64      __PRI64 "x"
#define PRIX8       "X"
#define PRIX16      "X"
#define PRIX32      "X"
#define PRIX64      __PRI64 "X"
#define PRIdLEAST8  PRId8
#define PRIdLEAST16 PRId16
#define PRIdLEAST32 PRId32
#define PRIdLEAST64 PRId64
#define PRIuLEAST8  PRIu8
#define PRIuLEAST16 PRIu16
#define PRIuLEAST32 PRIu32
#define PRIuLEAST64 PRIu64
#define PRIxLEAST8  PRIx8
#define PRIxLEAST16 PRIx16
#define PRIxLEAST32 PRIx32
#define PRIxLEAST64 PRIx64
#define PRIdFAST8   "d"
#define PRIdFAST16  __PRIPTR "d"
#define PRIdFAST32  __PRIPTR "d"
#define PRIdFAST64  PRId64
#define PRIuFAST8   "u"
#define PRIuFAST16  __PRIPTR "u"
#define PRIuFAST32  __PRIPTR "u"
#define PRIuFAST64  PRIu64
#define PRIxFAST8   "x"
#define PRIxFAST16  __PRIPTR "x"
#define PRIxFAST32  __PRIPTR "x"
#define PRIxFAST64  PRIx64
#define PRIdMAX     __PRI64 "d"
#define PRIiMAX     __PRI64 "i"
#define PRIoMAX     __PRI64 "o"
#define PRIuMAX     __PRI64 "u"
#define PRIxMAX     __PRI64 "x"
#define PRIXMAX     __PRI64 "X"
#define PRIdPTR     __PRIPTR "d"
#define PRIiPTR     __PRIPTR "i"
#define PRIoPTR     __PRIPTR "o"
#define PRIuPTR     __PRIPTR "u"
#define PRIxPTR     __PRIPTR "x"
#define PRIXPTR     __PRIPTR "X"

#define SCNd8   "hhd"
#define SCNd16  "hd"
#define SCNd32  "d"
#define SCNd64  __PRI64 "d"
#define SCNi8   "hhi"
#define SCNi16  "hi"
#define SCNi32  "i"
#define SCNi64  __PRI64 "i"
#define SCNo8   "hho"
#define SCNo16  "ho"
#define SCNo32  "o"
#define SCNo64  __PRI64 "o"
#define SCNu8   "hhu"
#define SCNu16  "hu"
#define SCNu32  "u"
#define SCNu64  __PRI64 "u"
#define SCNx8   "hhx"
#define SCNx16  "hx"
#define SCNx32  "x"
#define SCNx64  __PRI64 "x"
#define SCNdMAX __PRI64 "d"
#define SCNiMAX __PRI64 "i"
#define SCNoMAX __PRI64 "o"
#define SCNuMAX __PRI64 "u"
#define SCNxMAX __PRI64 "x"
#define SCNdPTR __PRIPTR "d"
#define SCNuPTR __PRIPTR "u"
#define SCNxPTR __PRIPTR "x"

#endif
