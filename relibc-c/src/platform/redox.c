/*
 * Redox-specific calls that have no POSIX name: the seed's helloworld().
 */
#include <redox/syscall.h>

#include "sys.h"

int helloworld(void)
{
	return (int)__sys_result(redox_sys_helloworld());
}
