/* ps: the processes, from the kernel's sys:context (pid, parent, uid,
 * name, state). */
#include "catfile.h"

int main(void)
{
	return cat_file("ps", "sys:context");
}
