/*
 * The platform hooks the library core calls, implemented for the host:
 * pages from mmap (counted, so tests can see memory go back), and a
 * signal mask the sigsetjmp tests can observe.
 */
#include <stddef.h>
#include <sys/mman.h>
#include "rl.h"

long t_pages_mapped; /* bytes currently mapped through the hook */
long t_pages_calls;

void *__relibc_pages_alloc(size_t len)
{
	if (len % 4096)
		return NULL;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	t_pages_mapped += (long)len;
	t_pages_calls++;
	return p;
}

void __relibc_pages_free(void *addr, size_t len)
{
	if (((size_t)addr | len) % 4096)
		__builtin_trap();
	munmap(addr, len);
	t_pages_mapped -= (long)len;
}

unsigned long t_sigmask;

int __relibc_sigmask_get(unsigned long *mask)
{
	*mask = t_sigmask;
	return 0;
}

int __relibc_sigmask_set(const unsigned long *mask)
{
	t_sigmask = *mask;
	return 0;
}

/* fdopendir's check: the tests feed it listings from pipes and files. */
int t_fake_dir = 1;

int __relibc_fd_is_dir(int fd)
{
	(void)fd;
	return t_fake_dir;
}

const char *__relibc_program_name(void)
{
	return "relibc-tests";
}

/* No network on the host side of the tests: DNS knows no name. */
int __relibc_dns_lookup(const char *name, void *addr)
{
	(void)name;
	(void)addr;
	return 0;
}
