/*
 * SYS_IOPL(level): I/O privilege for port-driving drivers. Root that is
 * not confined to a manifest may take level 3 (every port); a confined
 * driver is refused, since without a per-process I/O bitmap the kernel
 * could not hold it to the ports its manifest names. exec resets the
 * level, so a driver asks after it starts.
 */
#define LOG_MODULE "grant"
#include <redox/abi/errno.h>

#include "grant.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../proc/process.h"
#include "../syscall/syscall.h"

int64_t sys_iopl(struct syscall_args *args, uint64_t level)
{
	struct process *p = args->process;
	if (level > 3)
		return -EINVAL;
	if (p->euid != 0 || grant_confined(p->pid)) {
		log_warn("pid %u (%s) refused: iopl %llu", (unsigned)p->pid, p->name,
		         (unsigned long long)level);
		return -EPERM;
	}
	arch_frame_set_io_level(args->frame, level);
	return 0;
}
