/*
 * shutdown [-r]: stop the system through the kernel (sys:kstop): power off
 * (ACPI S5), or with -r (or run as `reboot`) reset. Root only: others
 * cannot open sys:kstop.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	int reset = !strcmp(base, "reboot") || (argc > 1 && !strcmp(argv[1], "-r"));
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-r") && strcmp(argv[1], "-h"))) {
		fprintf(stderr, "usage: shutdown [-r | -h]\n");
		return 2;
	}
	sync();
	int fd = open("sys:kstop", O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: sys:kstop: %s\n", base, strerror(errno));
		return 1;
	}
	const char *what = reset ? "reset" : "shutdown";
	write(fd, what, strlen(what));
	fprintf(stderr, "%s: %s: %s\n", base, what, strerror(errno));
	return 1;
}
