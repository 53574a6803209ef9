/* assert()'s failure: the message on stderr, then abort. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal/internal.h"

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
	fprintf(stderr, "%s: %s:%u: %s: Assertion `%s' failed.\n", __relibc_program_name(), file,
	        line, func, expr);
	abort();
}
