/*
 * A small printf-style formatter for freestanding code (bootloader and
 * kernel), writing through a callback. Supports %d %i %u %x %X %o %p %s %c
 * %%, the flags '-', '0', ' ' and '+', width and precision (also '*'), and
 * the length modifiers hh h l ll z t j. No floating point: the kernel has
 * none. relibc-c has its own full printf.
 */
#ifndef COMMON_FMT_H
#define COMMON_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_sink)(void *ctx, const char *text, size_t len);

/* Returns the number of characters produced. */
size_t fmt_vformat(fmt_sink sink, void *ctx, const char *format, va_list args);

/* snprintf-like into a buffer: always NUL-terminates when size > 0. */
size_t fmt_snprintf(char *buffer, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
size_t fmt_vsnprintf(char *buffer, size_t size, const char *format, va_list args);

#endif
