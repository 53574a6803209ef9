/*
 * Small compiler helpers the public headers share: C/C++ linkage
 * brackets, restrict, noreturn and printf-format attributes.
 */
#ifndef _RELIBC_BITS_CDEFS_H
#define _RELIBC_BITS_CDEFS_H

#ifdef __cplusplus
#define __RELIBC_BEGIN_DECLS extern "C" {
#define __RELIBC_END_DECLS   }
#define __restrict_arg
#define __relibc_noreturn [[noreturn]]
#else
#define __RELIBC_BEGIN_DECLS
#define __RELIBC_END_DECLS
#define __restrict_arg    restrict
#define __relibc_noreturn _Noreturn
#endif

#define __relibc_printf(f, a) __attribute__((__format__(__printf__, f, a)))
#define __relibc_scanf(f, a)  __attribute__((__format__(__scanf__, f, a)))

#endif
