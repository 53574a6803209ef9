/*
 * assert.h: assert() reports through __assert_fail, which the platform
 * layer provides (it prints to stderr and aborts). Deliberately without
 * an include guard: NDEBUG may change between inclusions.
 */
#include <bits/cdefs.h>

#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
__RELIBC_BEGIN_DECLS
__relibc_noreturn void __assert_fail(const char *expr, const char *file, unsigned int line,
                                     const char *func);
__RELIBC_END_DECLS
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif
