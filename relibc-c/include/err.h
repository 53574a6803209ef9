/* err.h: BSD error messages, "program: message: strerror" on stderr. src/err/. */
#ifndef _RELIBC_ERR_H
#define _RELIBC_ERR_H

#include <bits/cdefs.h>
#include <stdarg.h>

__RELIBC_BEGIN_DECLS

__relibc_noreturn void err(int status, const char *fmt, ...) __relibc_printf(2, 3);
__relibc_noreturn void errx(int status, const char *fmt, ...) __relibc_printf(2, 3);
__relibc_noreturn void verr(int status, const char *fmt, va_list ap) __relibc_printf(2, 0);
__relibc_noreturn void verrx(int status, const char *fmt, va_list ap) __relibc_printf(2, 0);
void warn(const char *fmt, ...) __relibc_printf(1, 2);
void warnx(const char *fmt, ...) __relibc_printf(1, 2);
void vwarn(const char *fmt, va_list ap) __relibc_printf(1, 0);
void vwarnx(const char *fmt, va_list ap) __relibc_printf(1, 0);

__RELIBC_END_DECLS

#endif
