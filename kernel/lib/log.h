/*
 * The kernel log: lines of the form
 *     kernel::<module>:INFO -- <message>
 * on COM1 (and later the sys:log buffer). Each .c file names its module by
 * defining LOG_MODULE before including this header.
 */
#ifndef KERNEL_LIB_LOG_H
#define KERNEL_LIB_LOG_H

#include <stdarg.h>

#ifndef LOG_MODULE
#define LOG_MODULE "kernel"
#endif

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_init(void);
void log_write(enum log_level level, const char *module, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* Raw text, no prefix (the panic dump, the SYS_HELLOWORLD line). */
void kprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *format, va_list args);

#define log_debug(...) log_write(LOG_DEBUG, LOG_MODULE, __VA_ARGS__)
#define log_info(...)  log_write(LOG_INFO, LOG_MODULE, __VA_ARGS__)
#define log_warn(...)  log_write(LOG_WARN, LOG_MODULE, __VA_ARGS__)
#define log_error(...) log_write(LOG_ERROR, LOG_MODULE, __VA_ARGS__)

_Noreturn void panic(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
