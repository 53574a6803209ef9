/*
 * The C side of the `syscall` instruction: called by syscall.asm with
 * the saved user registers. The class bits of the number say which
 * arguments are buffers; those are copied here, once, for every call:
 * a SLICE is copied into a kernel buffer before the handler runs, an
 * MSLICE is handed to the handler as a kernel buffer and copied out after
 * it (mm/usercopy.h). Handlers never see a user pointer for these, so
 * nothing the user changes meanwhile reaches them twice.
 */
#define LOG_MODULE "syscall"
#include <redox/abi/errno.h>
#include <redox/abi/syscall.h>
#include <path/path.h>

#include "syscall.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../mm/heap.h"
#include "../mm/usercopy.h"
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

/* call_<name>: the registers as the handler's typed parameters */
#define KARG_fd(r)    , args->r
#define KARG_int(r)   , (int64_t)args->r
#define KARG_i64(r)   , (int64_t)args->r
#define KARG_u64(r)   , args->r
#define KARG_size(r)  , args->r
#define KARG_path(r)  , (const char *)args->path
#define KARG_path2(r) , (const char *)args->path2
#define KARG_plen(r)
#define KARG_in(r)              , (const void *)args->r
#define KARG_out(r)             , (void *)args->r
#define KARG_uin(r)             , args->r
#define KARG_uout(r)            , args->r
#define SYSCALL_ARG(kind, n, r) KARG_##kind(r)
#define X(NAME, name, number, count, ...)                                                          \
	static int64_t call_##name(struct syscall_args *args)                                      \
	{                                                                                          \
		return sys_##name(                                                                 \
		    args REDOX_ARGS_##count(SYSCALL_ARG, REDOX_NOSEP, ##__VA_ARGS__));             \
	}
#include <redox/abi/syscall_list.h>
#undef X

static int64_t (*handler_for(uint64_t number))(struct syscall_args *)
{
	switch (number) {
#define X(NAME, name, number, ...)                                                                 \
	case number:                                                                               \
		return call_##name;
#include <redox/abi/syscall_list.h>
#undef X
	default:
		return 0;
	}
}

/* The largest kernel copy of a slice: larger reads and writes go in pieces
 * of this size (a blocking write still writes everything, as POSIX wants;
 * a read of a file still returns all it asked for). */
#define BOUNCE_MAX (128 * 1024)

/* Run the handler with the user's slice at args->b replaced by a kernel copy. */
static int64_t with_bounce(struct syscall_args *args, int64_t (*handler)(struct syscall_args *),
                           bool out)
{
	uint64_t user = args->b, len = args->c < BOUNCE_MAX ? args->c : BOUNCE_MAX;
	bool is_read = args->number == SYS_READ;
	/* a read checks first: data taken from a pipe must not be lost to EFAULT */
	if (is_read && !user_buffer_ok(args, user, len, 1))
		return -EFAULT;
	void *buf = kmalloc(len ? len : 1);
	if (!buf)
		return -ENOMEM;
	int64_t r = 0;
	if (!is_read)
		r = copy_from_user(buf, user, len);
	if (r == 0) {
		args->b = (uint64_t)buf;
		args->c = len;
		r = handler(args);
		args->b = user;
		if (out && r >= 0) {
			/* a result past the buffer is a scheme's bug: never copy beyond it */
			uint64_t n = is_read ? (uint64_t)r : len;
			if (n > len)
				r = -EIO;
			else if (copy_to_user(user, buf, n) < 0)
				r = -EFAULT;
		}
	}
	kfree(buf);
	return r;
}

/* A read larger than one bounce buffer: piece by piece while each piece
 * comes back full; later pieces never wait (a stream that had exactly one
 * piece ready returns it, not a block). */
static int64_t read_in_pieces(struct syscall_args *args, int64_t (*handler)(struct syscall_args *))
{
	uint64_t user = args->b, len = args->c, done = 0;
	int64_t r = 0;
	while (done < len) {
		uint64_t piece = len - done < BOUNCE_MAX ? len - done : BOUNCE_MAX;
		args->b = user + done;
		args->c = piece;
		args->nonblock = done > 0;
		r = with_bounce(args, handler, true);
		if (r <= 0)
			break;
		done += (uint64_t)r;
		if ((uint64_t)r < piece)
			break;
	}
	args->b = user;
	args->c = len;
	args->nonblock = false;
	return done ? (int64_t)done : r;
}

/* A write larger than one bounce buffer: piece by piece, stopping at a short
 * or failed piece (what was written so far is the result). */
static int64_t write_in_pieces(struct syscall_args *args, int64_t (*handler)(struct syscall_args *))
{
	uint64_t user = args->b, len = args->c, done = 0;
	int64_t r = 0;
	while (done < len) {
		uint64_t piece = len - done < BOUNCE_MAX ? len - done : BOUNCE_MAX;
		args->b = user + done;
		args->c = piece;
		r = with_bounce(args, handler, false);
		if (r <= 0)
			break;
		done += (uint64_t)r;
		if ((uint64_t)r < piece)
			break;
	}
	args->b = user;
	args->c = len;
	return done ? (int64_t)done : r;
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
		if (args->number == SYS_WRITE && args->c > BOUNCE_MAX)
			return write_in_pieces(args, handler);
		if (args->number == SYS_READ && args->c > BOUNCE_MAX)
			return read_in_pieces(args, handler);
		if (arg == SYS_ARG_SLICE || arg == SYS_ARG_MSLICE)
			return with_bounce(args, handler, arg == SYS_ARG_MSLICE);
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
