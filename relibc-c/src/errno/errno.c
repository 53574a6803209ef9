/*
 * errno storage: one int per thread. Uses the static TLS block that the
 * platform's start-up code sets up (see src/platform/README.md).
 */
#include <errno.h>

static _Thread_local int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}
