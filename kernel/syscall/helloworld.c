/*
 * SYS_HELLOWORLD (999): the seed's example of adding a system call.
 * The number lives in abi/include/redox/abi/syscall_list.h; defining
 * sys_helloworld here is all the kernel side needs (docs/adding-a-syscall.md).
 */
#include "syscall.h"
#include "../lib/log.h"

int64_t sys_helloworld(struct syscall_args *args)
{
	(void)args;
	kprintf("SYS_HELLOWORLD: Hello, world!\n");
	return 0;
}
