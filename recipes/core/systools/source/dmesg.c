/* dmesg: the recent kernel log, from sys:log. */
#include "catfile.h"

int main(void)
{
	return cat_file("dmesg", "sys:log");
}
