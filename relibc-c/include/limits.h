/*
 * Implementation limits. The compiler's own limits.h cannot be used with
 * -nostdinc (it chains to a system one), so the integer limits are
 * spelled from the compiler's predefined macros, plus POSIX limits.
 */
#ifndef _RELIBC_LIMITS_H
#define _RELIBC_LIMITS_H

#include <redox/abi/limits.h>

#define CHAR_BIT  __CHAR_BIT__
#define SCHAR_MAX __SCHAR_MAX__
#define SCHAR_MIN (-SCHAR_MAX - 1)
#define UCHAR_MAX (SCHAR_MAX * 2 + 1)
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN 0
#define CHAR_MAX UCHAR_MAX
#else
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#endif
#define SHRT_MAX   __SHRT_MAX__
#define SHRT_MIN   (-SHRT_MAX - 1)
#define USHRT_MAX  (SHRT_MAX * 2 + 1)
#define INT_MAX    __INT_MAX__
#define INT_MIN    (-INT_MAX - 1)
#define UINT_MAX   (INT_MAX * 2U + 1U)
#define LONG_MAX   __LONG_MAX__
#define LONG_MIN   (-LONG_MAX - 1L)
#define ULONG_MAX  (LONG_MAX * 2UL + 1UL)
#define LLONG_MAX  __LONG_LONG_MAX__
#define LLONG_MIN  (-LLONG_MAX - 1LL)
#define ULLONG_MAX (LLONG_MAX * 2ULL + 1ULL)
#define MB_LEN_MAX 4

#define SSIZE_MAX LONG_MAX
#define LONG_BIT  (__SIZEOF_LONG__ * 8)
#define WORD_BIT  32

/* POSIX */
#define PATH_MAX           4096
#define NAME_MAX           255
#define PIPE_BUF           4096
#define PAGE_SIZE          4096
#define PAGESIZE           4096
#define ARG_MAX            REDOX_ARG_MAX
#define LINE_MAX           4096
#define HOST_NAME_MAX      255
#define LOGIN_NAME_MAX     256
#define TTY_NAME_MAX       32
#define IOV_MAX            1024
#define NGROUPS_MAX        32
#define OPEN_MAX           1024
#define SYMLOOP_MAX        40
#define NL_ARGMAX          64
#define NL_TEXTMAX         2048
#define TZNAME_MAX         6
#define CHARCLASS_NAME_MAX 14
#define RE_DUP_MAX         255
#define _POSIX_ARG_MAX     4096
#define _POSIX_PATH_MAX    256
#define _POSIX_NAME_MAX    14
#define _POSIX_OPEN_MAX    20

#endif
