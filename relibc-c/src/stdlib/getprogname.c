/*
 * getprogname (BSD; gnulib and GNU make call it): the running program's
 * name without folders, as err/warn print it (the platform hook).
 */
#include <stdlib.h>

#include "internal/internal.h"

const char *getprogname(void)
{
	return __relibc_program_name();
}
