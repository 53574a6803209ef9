/*
 * sys: the kernel's information files, read-only text made when opened:
 *   sys:uname    "Redox", the release and the machine, one a line
 *   sys:context  one line per process: pid, ppid, uid, name, state
 *   sys:cpu      the CPU count, vendor and model (cpuid)
 *   sys:log      the recent kernel log (a ring fed by kernel/lib/log.c)
 *   sys:exe      the caller's program name
 *   sys:env      the bootloader's environment block, KEY=value lines
 *   sys:kstop    (root only, write-only) "shutdown" or "reset"
 * "sys:" lists the names.
 */
#define LOG_MODULE "scheme::sys"
#include <stdbool.h>
#include <fmt/fmt.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>

#include "scheme.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"
#include "../mm/heap.h"
#include "../proc/account.h"
#include "../proc/process.h"

#define KERNEL_RELEASE "0.1.0"
#define LOG_RING_SIZE  (64 * 1024)
#define CONTEXT_LINE   112

enum sys_file { SYS_LIST, SYS_UNAME, SYS_CONTEXT, SYS_CPU, SYS_LOG, SYS_EXE, SYS_KSTOP, SYS_ENV };

static const char *const file_names[] = {
    [SYS_LIST] = "",   [SYS_UNAME] = "uname", [SYS_CONTEXT] = "context", [SYS_CPU] = "cpu",
    [SYS_LOG] = "log", [SYS_EXE] = "exe",     [SYS_KSTOP] = "kstop",     [SYS_ENV] = "env",
};
#define FILE_COUNT (sizeof file_names / sizeof file_names[0])

/* An open file: a snapshot of its text and where reading is. */
struct handle {
	enum sys_file file;
	char *text;
	size_t len, offset;
	uint32_t uid; /* charged for charge bytes of kernel heap */
	uint64_t charge;
};

/* The log ring: the last LOG_RING_SIZE bytes the kernel printed. */
static char ring[LOG_RING_SIZE];
static uint64_t ring_total; /* bytes ever appended; the newest is ring[(total-1) % size] */
static struct spinlock ring_lock;

/* The boot environment (in the reserved boot span, so it stays valid). */
static const char *boot_env;
static size_t boot_env_size;

/* Never wait long: a panic breaks the log lock and must still print. */
static bool ring_lock_bounded(void)
{
	for (int i = 0; i < 1000000; i++) {
		if (spin_trylock(&ring_lock))
			return true;
		arch_cpu_relax();
	}
	return false;
}

void sys_log_append(const char *text, size_t len)
{
	irq_flags_t irq = arch_irq_save();
	if (ring_lock_bounded()) {
		for (size_t i = 0; i < len; i++)
			ring[(ring_total + i) % LOG_RING_SIZE] = text[i];
		ring_total += len;
		spin_unlock(&ring_lock);
	}
	arch_irq_restore(irq);
}

/* A growing text buffer for the snapshots. */
struct text {
	char *buf;
	size_t len, cap;
	bool failed;
};

static void text_add(struct text *t, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void text_add(struct text *t, const char *format, ...)
{
	va_list args;
	for (;;) {
		size_t room = t->cap - t->len;
		va_start(args, format);
		size_t n = t->buf ? fmt_vsnprintf(t->buf + t->len, room, format, args) : room;
		va_end(args);
		if (t->buf && n < room) {
			t->len += n;
			return;
		}
		size_t cap = t->cap ? t->cap * 2 : 256;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *bigger = kmalloc(cap);
		if (!bigger) {
			t->failed = true;
			return;
		}
		if (t->buf)
			memcpy(bigger, t->buf, t->len);
		kfree(t->buf);
		t->buf = bigger;
		t->cap = cap;
	}
}

static const char *state_name(const struct process *p)
{
	if (p->zombie)
		return "zombie";
	switch (p->ctx ? p->ctx->state : CONTEXT_DEAD) {
	case CONTEXT_RUNNING:
		return "running";
	case CONTEXT_RUNNABLE:
		return "runnable";
	case CONTEXT_BLOCKED:
	case CONTEXT_NEW:
		return "blocked";
	default:
		return "dead";
	}
}

/*
 * The table has no lock for outside readers: each entry is copied at
 * once, and a process that exits meanwhile shows its last state.
 */
static void make_context(struct text *t)
{
	text_add(t, "%-6s %-6s %-6s %-24s %s\n", "PID", "PPID", "UID", "NAME", "STATE");
	for (uint32_t pid = 1; pid < MAX_PROCESSES; pid++) {
		struct process *p = proc_by_pid(pid);
		if (!p)
			continue;
		char name[sizeof p->name];
		memcpy(name, p->name, sizeof name);
		name[sizeof name - 1] = 0;
		text_add(t, "%-6u %-6u %-6u %-24s %s\n", p->pid, p->ppid, p->uid, name,
		         state_name(p));
		proc_put(p);
	}
}

static void make_cpu(struct text *t)
{
	struct arch_cpu_identity id;
	arch_cpu_identify(&id);
	text_add(t, "CPUs: %u\nVendor: %s\nModel: %s\nFamily: %u\nModel number: %u\nStepping: %u\n",
	         cpu_count, id.vendor, id.model, id.family, id.model_number, id.stepping);
}

static void make_log(struct text *t)
{
	t->buf = kmalloc(LOG_RING_SIZE);
	if (!t->buf) {
		t->failed = true;
		return;
	}
	t->cap = LOG_RING_SIZE;
	uint64_t irq = spin_lock_irqsave(&ring_lock);
	size_t n = ring_total < LOG_RING_SIZE ? (size_t)ring_total : LOG_RING_SIZE;
	size_t start = (size_t)((ring_total - n) % LOG_RING_SIZE);
	for (size_t i = 0; i < n; i++)
		t->buf[i] = ring[(start + i) % LOG_RING_SIZE];
	spin_unlock_irqrestore(&ring_lock, irq);
	t->len = n;
}

static int64_t sysfile_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	while (*path == '/')
		path++;
	size_t file = 0;
	while (file < FILE_COUNT && strcmp(path, file_names[file]))
		file++;
	if (file == FILE_COUNT)
		return -ENOENT;
	uint64_t mode = flags & O_ACCMODE;
	if (file == SYS_KSTOP || file == SYS_LOG || file == SYS_ENV) {
		/* stopping, the kernel log and the boot environment are root's */
		if (who->uid != 0)
			return -EACCES;
	}
	if (file != SYS_KSTOP && (mode == O_WRONLY || mode == O_RDWR)) {
		return -EACCES; /* read-only files */
	}
	struct text t = {0};
	switch (file) {
	case SYS_LIST:
		for (size_t i = 1; i < FILE_COUNT; i++)
			text_add(&t, "%s\n", file_names[i]);
		break;
	case SYS_UNAME:
		text_add(&t, "Redox\n%s\nx86_64\n", KERNEL_RELEASE);
		break;
	case SYS_CONTEXT:
		make_context(&t);
		break;
	case SYS_CPU:
		make_cpu(&t);
		break;
	case SYS_LOG:
		make_log(&t);
		break;
	case SYS_EXE: {
		struct process *p = proc_by_pid(who->pid);
		text_add(&t, "%s", p ? p->name : "");
		proc_put(p);
		break;
	}
	case SYS_ENV:
		text_add(&t, "%.*s", (int)boot_env_size, boot_env ? boot_env : "");
		if (boot_env_size && boot_env[boot_env_size - 1] != '\n')
			text_add(&t, "\n");
		break;
	default:
		break;
	}
	/* the text is kernel heap held for the opener: charged to its user */
	uint64_t charge = t.cap + sizeof(struct handle);
	struct handle *h = t.failed ? 0 : kzalloc(sizeof *h);
	if (!h || !account_charge(who->uid, ACCOUNT_KBUF_BYTES, charge)) {
		kfree(h);
		kfree(t.buf);
		return -ENOMEM;
	}
	*h = (struct handle){(enum sys_file)file, t.buf, t.len, 0, who->uid, charge};
	return handle_from_ptr(h);
}

static int64_t sysfile_read(void *data, uint64_t id, void *buf, size_t len,
                            const struct caller *who)
{
	(void)data;
	(void)who;
	struct handle *h = ptr_from_handle(id);
	if (h->offset >= h->len)
		return 0;
	size_t n = h->len - h->offset < len ? h->len - h->offset : len;
	memcpy(buf, h->text + h->offset, n);
	h->offset += n;
	return (int64_t)n;
}

static _Noreturn void kstop(bool reset)
{
	log_info("kstop: %s", reset ? "reset" : "shutdown");
	arch_machine_stop(reset);
}

static int64_t sysfile_write(void *data, uint64_t id, const void *buf, size_t len,
                             const struct caller *who)
{
	(void)data;
	(void)who;
	struct handle *h = ptr_from_handle(id);
	if (h->file != SYS_KSTOP)
		return -EBADF;
	const char *s = buf;
	while (len && (s[len - 1] == '\n' || s[len - 1] == 0))
		len--;
	if (len == 8 && !memcmp(s, "shutdown", 8))
		kstop(false);
	if (len == 5 && !memcmp(s, "reset", 5))
		kstop(true);
	return -EINVAL;
}

static int64_t sysfile_seek(void *data, uint64_t id, int64_t offset, int whence)
{
	(void)data;
	struct handle *h = ptr_from_handle(id);
	int64_t base = whence == SEEK_SET   ? 0
	               : whence == SEEK_CUR ? (int64_t)h->offset
	               : whence == SEEK_END ? (int64_t)h->len
	                                    : -1;
	if (base < 0 || base + offset < 0)
		return -EINVAL;
	h->offset = (size_t)(base + offset);
	return (int64_t)h->offset;
}

static int64_t sysfile_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	struct handle *h = ptr_from_handle(id);
	st->mode = h->file == SYS_LIST    ? MODE_DIR | 0555
	           : h->file == SYS_KSTOP ? MODE_FILE | 0200
	                                  : MODE_FILE | 0444;
	st->size = h->len;
	return 0;
}

static int64_t sysfile_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	struct handle *h = ptr_from_handle(id);
	char path[16];
	size_t n = fmt_snprintf(path, sizeof path, "sys:%s", file_names[h->file]);
	if (n > len)
		n = len;
	memcpy(buf, path, n);
	return (int64_t)n;
}

static int64_t sysfile_close(void *data, uint64_t id)
{
	(void)data;
	struct handle *h = ptr_from_handle(id);
	account_uncharge(h->uid, ACCOUNT_KBUF_BYTES, h->charge);
	kfree(h->text);
	kfree(h);
	return 0;
}

static const struct scheme_ops sysfile_ops = {
    .open = sysfile_open,
    .read = sysfile_read,
    .write = sysfile_write,
    .seek = sysfile_seek,
    .fstat = sysfile_fstat,
    .fpath = sysfile_fpath,
    .close = sysfile_close,
};

void sys_scheme_init(const char *env, size_t env_size)
{
	boot_env = env;
	boot_env_size = env_size;
	scheme_register("sys", &sysfile_ops, 0, 0);
}
