/*
 * helloworld: the seed's application package. It makes the seed's own
 * system call, SYS_HELLOWORLD (999); the kernel answers by printing
 * "SYS_HELLOWORLD: Hello, world!" to its log (the serial console).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <redox/syscall.h>

int main(void)
{
	if (helloworld() < 0) {
		const char *why = strerror(errno);
		write(2, "helloworld: ", 12);
		write(2, why, strlen(why));
		write(2, "\n", 1);
		return 1;
	}
	return 0;
}
