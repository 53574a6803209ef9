/*
 * SYS_PIPE2(fds, flags): make a pipe (kernel/scheme/pipe.c) and store its
 * read-end and write-end descriptors as two u64s at fds. Flags: O_CLOEXEC
 * on both descriptors, O_NONBLOCK on both ends.
 */
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "syscall.h"
#include "../proc/process.h"
#include "../mm/usercopy.h"
#include "../scheme/scheme.h"

int64_t sys_pipe2(struct syscall_args *args, uint64_t fds, uint64_t flags)
{
	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	/* checked first, so a bad pointer leaves no descriptors behind */
	if (!user_buffer_ok(args, fds, 2 * sizeof(uint64_t), 1))
		return -EFAULT;
	uint64_t pair[2];
	struct file *r, *w;
	int64_t err = pipe_create(flags, args->process->acct_uid, &r, &w);
	if (err < 0)
		return err;
	struct process *p = args->process;
	bool cloexec = flags & O_CLOEXEC;
	int64_t rfd = fd_install(p, r, cloexec);
	if (rfd < 0) {
		file_put(r);
		file_put(w);
		return rfd;
	}
	int64_t wfd = fd_install(p, w, cloexec);
	if (wfd < 0) {
		fd_close(p, (uint64_t)rfd);
		file_put(w);
		return wfd;
	}
	pair[0] = (uint64_t)rfd;
	pair[1] = (uint64_t)wfd;
	if (copy_to_user(fds, pair, sizeof pair) < 0) {
		fd_close(p, (uint64_t)rfd);
		fd_close(p, (uint64_t)wfd);
		return -EFAULT;
	}
	return 0;
}
