/*
 * The C side of the `syscall` instruction: called by syscall.asm with
 * the saved user registers. The class bits of the number say which
 * arguments are buffers; those are checked here, once, for every call,
 * so handlers never see a pointer that would fault the kernel.
 */
#define LOG_MODULE "syscall"
#include <redox/abi/errno.h>
#include <redox/abi/syscall.h>
#include <path/path.h>

#include "syscall.h"
#include "../arch/x86_64/interrupt.h"
#include "../lib/log.h"
#include "../mm/heap.h"
#include "../mm/usermem.h"
#include "../proc/process.h"
#include "../proc/signal.h"

#define PATH_MAX 4096

int user_buffer_ok(struct syscall_args *args, uint64_t addr, uint64_t len, int write)
{
	return user_range_ok(args->process->cr3, addr, len, write);
}

/* Copy a user path in and make it absolute against the working directory. */
int64_t syscall_copy_path(struct syscall_args *args, uint64_t addr, uint64_t len, char **out)
{
	char *raw = kmalloc(PATH_MAX), *buf = kmalloc(PATH_MAX);
	int64_t r =
	    raw && buf ? user_copy_path(args->process->cr3, addr, len, raw, PATH_MAX) : -ENOMEM;
	if (r >= 0 && path_canonicalize(args->process->cwd, raw, buf, PATH_MAX) < 0)
		r = -ENAMETOOLONG;
	kfree(raw);
	if (r < 0) {
		kfree(buf);
		return r;
	}
	*out = buf;
	return 0;
}

static int64_t (*handler_for(uint64_t number))(struct syscall_args *)
{
	switch (number) {
#define X(NAME, name, number)                                                                      \
	case number:                                                                               \
		return sys_##name;
#include <redox/abi/syscall_list.h>
#undef X
	default:
		return 0;
	}
}

static int64_t dispatch(struct syscall_args *args)
{
	int64_t (*handler)(struct syscall_args *) = handler_for(args->number);
	if (!handler)
		return -ENOSYS;
	uint64_t class = args->number & SYS_CLASS, arg = args->number & SYS_ARG;
	int64_t r;
	if (class == SYS_CLASS_PATH) {
		if ((r = syscall_copy_path(args, args->a, args->b, &args->path)))
			return r;
		if (arg == SYS_ARG_PATH &&
		    (r = syscall_copy_path(args, args->c, args->d, &args->path2)))
			return r;
	} else if (class == SYS_CLASS_FILE) {
		if (arg == SYS_ARG_SLICE && !user_buffer_ok(args, args->b, args->c, 0))
			return -EFAULT;
		if (arg == SYS_ARG_MSLICE && !user_buffer_ok(args, args->b, args->c, 1))
			return -EFAULT;
		if (arg == SYS_ARG_PATH &&
		    (r = syscall_copy_path(args, args->b, args->c, &args->path)))
			return r;
	}
	return handler(args);
}

void syscall_dispatch(struct interrupt_frame *frame)
{
	struct syscall_args args = {
	    .number = frame->rax,
	    .a = frame->rdi,
	    .b = frame->rsi,
	    .c = frame->rdx,
	    .d = frame->r10,
	    .e = frame->r8,
	    .f = frame->r9,
	    .frame = frame,
	    .process = proc_current(),
	};
	int64_t result = dispatch(&args);
	kfree(args.path);
	kfree(args.path2);
	frame->rax = (uint64_t)result;
	signal_deliver(frame);
}
