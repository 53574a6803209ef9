/*
 * FEXEC: replace the calling process's program with the ELF file open on
 * fd. Arguments: fd, args (array of {ptr, len}), args count, vars (same),
 * vars count. The old image stays intact until the new one has loaded,
 * so a bad file returns an error to a caller that still exists.
 */
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/limits.h>
#include <redox/abi/types.h>

#include "syscall.h"
#include "../arch/arch.h"
#include "../mm/frame.h"
#include "../mm/heap.h"
#include "../mm/paging.h"
#include "../mm/usercopy.h"
#include "../mm/usermem.h"
#include "../proc/process.h"
#include "../scheme/scheme.h"

#define EXEC_MAX_SIZE (256ULL << 20)

struct user_slice {
	uint64_t ptr, len;
};

/*
 * Copy `count` user strings into one kernel block, with a NULL-ended list
 * of pointers into it (both kmalloc'd; *list stays 0 for none). `*bytes`
 * counts what the caller has already copied: args and vars share
 * REDOX_ARG_MAX.
 */
static int64_t copy_strings(uint64_t array, uint64_t count, char ***list, uint64_t *bytes)
{
	*list = 0;
	if (count > REDOX_ARGV_MAX)
		return -E2BIG;
	/* the slices are read once: a length cannot change between check and copy */
	struct user_slice *s = kmalloc((count ? count : 1) * sizeof *s);
	if (!s)
		return -ENOMEM;
	int64_t r = copy_from_user(s, array, count * sizeof *s) < 0 ? -EFAULT : 0;
	uint64_t total = 0;
	for (uint64_t i = 0; !r && i < count; i++) {
		if (s[i].len > REDOX_ARG_MAX)
			r = -E2BIG;
		total += s[i].len + 1;
	}
	if (!r && total + *bytes > REDOX_ARG_MAX)
		r = -E2BIG;
	/* one block: the pointers, then the strings */
	char **out = r ? 0 : kmalloc((count + 1) * sizeof(char *) + total);
	if (!r && !out)
		r = -ENOMEM;
	char *at = out ? (char *)(out + count + 1) : 0;
	for (uint64_t i = 0; !r && i < count; i++) {
		if (copy_from_user(at, s[i].ptr, s[i].len) < 0) {
			r = -EFAULT;
			break;
		}
		at[s[i].len] = 0;
		out[i] = at;
		at += s[i].len + 1;
	}
	kfree(s);
	if (r) {
		kfree(out);
		return r;
	}
	out[count] = 0;
	*list = out;
	*bytes += total;
	return 0;
}

/* Read exactly len bytes at the file's position into buf. */
static int64_t read_exact(struct file *f, const struct caller *who, uint8_t *buf, uint64_t len)
{
	uint64_t got = 0;
	while (got < len) {
		int64_t n = f->scheme->ops->read(f->scheme->data, f->id, buf + got, len - got, who);
		/* a provider's count past what was asked would run the loader off buf */
		if (n <= 0 || (uint64_t)n > len - got)
			return n < 0 ? n : -EIO;
		got += (uint64_t)n;
	}
	return 0;
}

/*
 * The part of the file the loader needs: the first page tells (from the
 * program headers) how far the loaded segments reach, so symbols and
 * debug sections after them, often more than half of a program, are not
 * read on every exec.
 */
static int64_t read_image(struct file *f, const struct caller *who, void **out, uint64_t *size,
                          struct redox_stat *stat_out)
{
	struct redox_stat st = {0};
	if (!f->scheme->ops->fstat || f->scheme->ops->fstat(f->scheme->data, f->id, &st) < 0)
		return -ENOEXEC;
	*stat_out = st;
	if ((st.mode & MODE_TYPE) == MODE_DIR)
		return -EISDIR;
	if (st.size == 0 || st.size > EXEC_MAX_SIZE)
		return -ENOEXEC;
	if (!f->scheme->ops->read)
		return -EACCES;
	if (f->scheme->ops->seek)
		f->scheme->ops->seek(f->scheme->data, f->id, 0, SEEK_SET);
	uint64_t head_len = st.size < PAGE_SIZE ? st.size : PAGE_SIZE;
	uint8_t *head = kmalloc(head_len); /* not on the 16 KiB kernel stack */
	if (!head)
		return -ENOMEM;
	int64_t r = read_exact(f, who, head, head_len);
	uint64_t need = r ? 0 : elf_needed_size(head, head_len, st.size);
	if (need < head_len)
		need = head_len;
	uint8_t *buf = r ? 0 : kmalloc(need);
	if (!r && !buf)
		r = -ENOMEM;
	if (!r) {
		memcpy(buf, head, head_len);
		r = read_exact(f, who, buf + head_len, need - head_len);
	}
	kfree(head);
	if (r) {
		kfree(buf);
		return r;
	}
	*out = buf;
	*size = need;
	return 0;
}

int64_t sys_fexec(struct syscall_args *args, uint64_t fd, uint64_t arg_ptrs, uint64_t argc,
                  uint64_t env_ptrs, uint64_t envc)
{
	struct process *p = args->process;
	char **argv = 0, **envp = 0;
	uint64_t bytes = 0;
	int64_t r = copy_strings(arg_ptrs, argc, &argv, &bytes);
	if (!r)
		r = copy_strings(env_ptrs, envc, &envp, &bytes);
	struct file *f = r ? 0 : fd_get(p, fd);
	if (!r && !f)
		r = -EBADF;
	void *image = 0;
	uint64_t size = 0;
	struct redox_stat st = {0};
	if (!r) {
		struct caller who = file_caller(f, p);
		r = read_image(f, &who, &image, &size, &st);
	}
	if (f)
		file_put(f);

	uint64_t root = 0, entry = 0, rsp = 0, fs_base = 0;
	if (!r) {
		root = paging_new_root();
		r = root ? 0 : -ENOMEM;
	}
	if (!r)
		entry = elf_load_user(root, image, size, &r);
	if (!r) {
		rsp = user_stack_setup(root, (const char *const *)argv, (const char *const *)envp,
		                       rlimit_stack(p));
		fs_base = rsp ? user_tls_setup(root, image, size) : 0;
		if (!fs_base)
			r = -ENOMEM;
	}
	kfree(image);
	if (!r)
		r = thread_end_others(p); /* exec ends every other thread first */
	if (r) {
		if (root)
			user_free_space(root);
		kfree(argv);
		kfree(envp);
		return r;
	}

	/* Point of no return: switch to the new image. */
	struct context *self = sched_current(); /* now the only thread */
	uint64_t old = p->cr3;
	p->cr3 = root;
	self->cr3 = root;
	arch_space_load(root);
	self->fs_base = fs_base;
	self->gs_base = 0;
	self->clear_tid = 0; /* an address in the old image */
	arch_user_tls_load(fs_base, 0);
	arch_fpu_reset_state(self->fpu_state);
	arch_fpu_restore(self->fpu_state);
	user_free_space(old);
	if (argv && argv[0]) {
		const char *name = argv[0];
		for (const char *c = argv[0]; *c; c++)
			if (*c == '/' || *c == ':')
				name = c + 1;
		size_t n = strlen(name);
		if (n >= sizeof p->name)
			n = sizeof p->name - 1;
		memcpy(p->name, name, n);
		p->name[n] = 0;
	}
	kfree(argv);
	kfree(envp);
	/* set-user-id and set-group-id programs run as the file's owner/group */
	if (st.mode & MODE_SETUID)
		p->euid = st.uid;
	if (st.mode & MODE_SETGID)
		p->egid = st.gid;
	itimer_cancel(p, true); /* POSIX timers end with the image; ITIMER_REAL stays */
	/* Handlers point into the old image: back to the default action. */
	for (int sig = 1; sig < NSIG; sig++)
		if (p->actions[sig].sa_handler != SIG_IGN)
			p->actions[sig] = (struct redox_sigaction){0};
	for (uint64_t fd = 0; fd < MAX_FILES; fd++)
		if (p->cloexec[fd / 64] & (1ULL << (fd % 64))) {
			fd_close(p, fd);
			p->cloexec[fd / 64] &= ~(1ULL << (fd % 64));
		}
	arch_user_frame_init(args->frame, entry, rsp, 0);
	return 0;
}
