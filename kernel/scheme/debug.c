/*
 * debug: the kernel console on COM1. Writes go out on the serial port (the
 * log the tests read). Input comes from the serial port's receive
 * interrupt (IRQ 4) through a line discipline driven by termios
 * (abi/include/redox/abi/termios.h):
 *   - canonical mode (ICANON): lines are edited here (erase, kill, ^D for
 *     end of file) and a read returns at most one whole line;
 *   - raw mode: every byte is readable at once (editors, the shell's line
 *     editing);
 *   - ECHO echoes what is typed; ISIG turns ^C and ^\ into SIGINT and
 *     SIGQUIT for the console's foreground process group.
 * dup(fd, "termios"), "winsize" and "pgrp" give handles whose read gets
 * and write sets the attributes, the window size and the foreground group
 * (tcsetpgrp).
 *
 * Who may read what is typed: the console belongs to a session, the
 * process group of the root group leader that opened it while it had none
 * (getty; login and the shell keep that group). Input goes only to the
 * foreground group, or to the session's group while the foreground group
 * it chose is gone; with no live session, only root reads (test images'
 * init). The foreground group and termios are set only by root, the
 * foreground group and the session's group: another user's process gets
 * EIO for a read and EPERM for a change.
 */
#include <stdbool.h>
#include <freestanding/string.h>
#include <redox/abi/errno.h>
#include <redox/abi/flags.h>
#include <redox/abi/signal.h>
#include <redox/abi/termios.h>

#include "scheme.h"
#include "../arch/arch.h"
#include "../lib/log.h"
#include "../lib/spinlock.h"
#include "../proc/process.h"
#include "../proc/signal.h"
#include "../sched/sched.h"

#define DEBUG_WRITE_MAX 4096
#define INPUT_SIZE      4096
#define LINE_MAX_CHARS  1024

/* Handle ids: the console itself and its attribute files. */
enum { H_CONSOLE, H_TERMIOS, H_WINSIZE, H_PGRP };

static struct scheme *debug_scheme;
static struct spinlock input_lock;
static struct wait_queue readers;
static char input[INPUT_SIZE]; /* readable bytes, a ring */
static size_t input_head, input_count;
static char line[LINE_MAX_CHARS]; /* the line being typed (canonical mode) */
static size_t line_len;
static size_t eof_pending; /* ^D on an empty line: reads that return 0 */
static struct termios tio;
static struct winsize winsize = {24, 80, 0, 0};
static uint32_t fg_pgrp;      /* 0: none yet */
static uint32_t session_pgid; /* the group that took the console; 0: none yet */

/* input_lock held */
static void input_push(char c)
{
	KASSERT(spin_held(&input_lock));
	if (input_count == INPUT_SIZE)
		return; /* nobody reads: drop */
	input[(input_head + input_count) % INPUT_SIZE] = c;
	input_count++;
}

static void echo_char(char c)
{
	if (!(tio.c_lflag & ECHO))
		return;
	if ((unsigned char)c < 0x20 && c != '\n' && c != '\t' && (tio.c_lflag & ECHOCTL))
		kprintf("^%c", c + '@');
	else
		kprintf("%c", c);
}

static void signal_group(uint32_t pgrp, int sig)
{
	for (uint32_t pid = 2; pgrp && pid < MAX_PROCESSES; pid++) {
		struct process *p = proc_by_pid(pid);
		if (p && !p->zombie && p->pgid == pgrp)
			signal_send(p, sig);
		proc_put(p);
	}
}

/* One received byte; input_lock held. Returns a signal to send, or 0. */
static int receive_char(char c, bool *ready)
{
	KASSERT(spin_held(&input_lock));
	const cc_t *cc = tio.c_cc;
	if (c == '\r' && (tio.c_iflag & IGNCR))
		return 0;
	if (c == '\r' && (tio.c_iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (tio.c_iflag & INLCR))
		c = '\r';
	if (tio.c_lflag & ISIG) {
		int sig = c == (char)cc[VINTR] ? SIGINT : c == (char)cc[VQUIT] ? SIGQUIT : 0;
		if (sig) {
			echo_char(c);
			if (tio.c_lflag & ECHO)
				kprintf("\n");
			if (!(tio.c_lflag & NOFLSH))
				line_len = 0;
			return sig;
		}
	}
	if (!(tio.c_lflag & ICANON)) {
		input_push(c);
		echo_char(c);
		*ready = true;
		return 0;
	}
	if (c == (char)cc[VERASE] || c == '\b') {
		if (line_len) {
			line_len--;
			if (tio.c_lflag & ECHO)
				kprintf("\b \b");
		}
	} else if (c == (char)cc[VKILL]) {
		while (line_len) {
			line_len--;
			if (tio.c_lflag & ECHO)
				kprintf("\b \b");
		}
	} else if (c == (char)cc[VEOF]) {
		/* the line so far without a newline, or end of file if empty */
		if (line_len == 0)
			eof_pending++;
		for (size_t i = 0; i < line_len; i++)
			input_push(line[i]);
		line_len = 0;
		*ready = true;
	} else if (c == '\n') {
		for (size_t i = 0; i < line_len; i++)
			input_push(line[i]);
		input_push('\n');
		line_len = 0;
		*ready = true;
		if (tio.c_lflag & (ECHO | ECHONL))
			kprintf("\n");
	} else if (line_len < LINE_MAX_CHARS) {
		line[line_len++] = c;
		echo_char(c);
	}
	return 0;
}

static void receive(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	bool ready = false;
	int sig = 0;
	uint64_t flags = spin_lock_irqsave(&input_lock);
	for (int byte; (byte = arch_console_getc()) >= 0;) {
		int s = receive_char((char)byte, &ready);
		if (s)
			sig = s;
	}
	uint32_t group = fg_pgrp;
	if (ready)
		wait_queue_wake_all(&readers);
	spin_unlock_irqrestore(&input_lock, flags);
	arch_irq_eoi();
	if (sig)
		signal_group(group, sig);
	if (ready && debug_scheme)
		scheme_event(debug_scheme, H_CONSOLE, EVENT_READ);
}

/* Is there a process group `pgid` (its leader alive)? */
static bool group_alive(uint32_t pgid)
{
	struct process *leader = pgid ? proc_by_pid(pgid) : 0;
	bool alive = leader && !leader->zombie && leader->pgid == pgid;
	proc_put(leader);
	return alive;
}

/* The caller's process group (0 if it is gone). */
static uint32_t caller_pgid(const struct caller *who)
{
	struct process *p = proc_by_pid(who->pid);
	uint32_t pgid = p ? p->pgid : 0;
	proc_put(p);
	return pgid;
}

static bool may_read_input(const struct caller *who)
{
	uint32_t pgid = caller_pgid(who), fg = fg_pgrp, session = session_pgid;
	if (!group_alive(session))
		return who->uid == 0;
	return pgid == fg || (pgid == session && !group_alive(fg));
}

static bool may_control(const struct caller *who)
{
	if (who->uid == 0)
		return true;
	uint32_t pgid = caller_pgid(who);
	return pgid && (pgid == fg_pgrp || (pgid == session_pgid && group_alive(pgid)));
}

static int64_t debug_open(void *data, const char *path, uint64_t flags, const struct caller *who)
{
	(void)data;
	(void)path;
	(void)flags;
	struct process *p = proc_by_pid(who->pid);
	bool take =
	    p && p->pgid == p->pid && p->pid > 1 && p->euid == 0 && !group_alive(session_pgid);
	uint64_t f = spin_lock_irqsave(&input_lock);
	/* a root group leader (getty) takes the console when its session is gone */
	if (take)
		fg_pgrp = session_pgid = p->pgid;
	spin_unlock_irqrestore(&input_lock, f);
	proc_put(p);
	return H_CONSOLE;
}

static int64_t debug_dup(void *data, uint64_t id, const char *buf, size_t len,
                         const struct caller *who)
{
	(void)data;
	(void)who;
	if (id != H_CONSOLE)
		return -EBADF;
	if (len == 7 && !memcmp(buf, "termios", 7))
		return H_TERMIOS;
	if (len == 7 && !memcmp(buf, "winsize", 7))
		return H_WINSIZE;
	if (len == 4 && !memcmp(buf, "pgrp", 4))
		return H_PGRP;
	return -EINVAL;
}

static int64_t attr_io(uint64_t id, void *buf, size_t len, bool set)
{
	void *attr = id == H_TERMIOS ? (void *)&tio : id == H_WINSIZE ? (void *)&winsize : &fg_pgrp;
	size_t size = id == H_TERMIOS   ? sizeof tio
	              : id == H_WINSIZE ? sizeof winsize
	                                : sizeof fg_pgrp;
	if (len != size)
		return -EINVAL;
	uint64_t f = spin_lock_irqsave(&input_lock);
	if (!set) {
		memcpy(buf, attr, size);
	} else {
		bool was_canonical = tio.c_lflag & ICANON;
		memcpy(attr, buf, size);
		if (id == H_TERMIOS && was_canonical && !(tio.c_lflag & ICANON)) {
			/* leaving canonical mode: what was typed becomes readable */
			for (size_t i = 0; i < line_len; i++)
				input_push(line[i]);
			line_len = 0;
			wait_queue_wake_all(&readers);
		}
	}
	spin_unlock_irqrestore(&input_lock, f);
	return (int64_t)size;
}

static int64_t debug_write(void *data, uint64_t id, const void *buf, size_t len,
                           const struct caller *who)
{
	(void)data;
	if (id != H_CONSOLE)
		return may_control(who) ? attr_io(id, (void *)buf, len, true) : -EPERM;
	/* The log lock is held with interrupts off while printing: keep each
	 * write short (a short write count is allowed) so no caller can stall
	 * every CPU for long. */
	if (len > DEBUG_WRITE_MAX)
		len = DEBUG_WRITE_MAX;
	kprintf("%.*s", (int)len, (const char *)buf);
	return (int64_t)len;
}

static int64_t debug_read(void *data, uint64_t id, void *buf, size_t len, const struct caller *who)
{
	(void)data;
	if (id != H_CONSOLE)
		return attr_io(id, buf, len, false);
	if (!may_read_input(who))
		return -EIO;
	uint64_t flags = spin_lock_irqsave(&input_lock);
	while (input_count == 0 && eof_pending == 0) {
		bool raw_poll = !(tio.c_lflag & ICANON) && tio.c_cc[VMIN] == 0;
		if ((who->flags & O_NONBLOCK) || raw_poll) {
			spin_unlock_irqrestore(&input_lock, flags);
			return raw_poll && !(who->flags & O_NONBLOCK) ? 0 : -EAGAIN;
		}
		if (!wait_queue_sleep(&readers, &input_lock) && sched_current()->interrupted) {
			spin_unlock_irqrestore(&input_lock, flags);
			return -EINTR;
		}
	}
	if (input_count == 0) {
		eof_pending--;
		spin_unlock_irqrestore(&input_lock, flags);
		return 0;
	}
	/* canonical: up to the end of one line; raw: whatever is there */
	bool canonical = tio.c_lflag & ICANON;
	size_t n = 0;
	char *out = buf;
	while (n < len && input_count) {
		char c = input[input_head];
		input_head = (input_head + 1) % INPUT_SIZE;
		input_count--;
		out[n++] = c;
		if (canonical && c == '\n')
			break;
	}
	spin_unlock_irqrestore(&input_lock, flags);
	return (int64_t)n;
}

static int64_t debug_fevent(void *data, uint64_t id, uint64_t flags)
{
	(void)data;
	(void)id;
	bool readable = input_count || eof_pending;
	return (flags & EVENT_WRITE) | (readable && (flags & EVENT_READ) ? EVENT_READ : 0);
}

static int64_t debug_fstat(void *data, uint64_t id, struct redox_stat *st)
{
	(void)data;
	(void)id;
	st->mode = MODE_CHR | 0666;
	return 0;
}

static int64_t debug_fpath(void *data, uint64_t id, char *buf, size_t len)
{
	(void)data;
	(void)id;
	const char name[] = "debug:";
	size_t n = len < sizeof name - 1 ? len : sizeof name - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = name[i];
	return (int64_t)n;
}

static const struct scheme_ops debug_ops = {
    .open = debug_open,
    .dup = debug_dup,
    .read = debug_read,
    .write = debug_write,
    .fevent = debug_fevent,
    .fstat = debug_fstat,
    .fpath = debug_fpath,
};

void debug_scheme_init(void)
{
	tio.c_iflag = ICRNL;
	tio.c_oflag = OPOST | ONLCR;
	tio.c_cflag = CS8 | CREAD;
	tio.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | IEXTEN;
	tio.c_cc[VINTR] = 3;     /* ^C */
	tio.c_cc[VQUIT] = 0x1C;  /* ^\ */
	tio.c_cc[VERASE] = 0x7F; /* DEL, as terminals send for backspace */
	tio.c_cc[VKILL] = 0x15;  /* ^U */
	tio.c_cc[VEOF] = 4;      /* ^D */
	tio.c_cc[VSUSP] = 0x1A;  /* ^Z: no job stops yet; kept for programs that read it */
	tio.c_cc[VMIN] = 1;
	tio.c_ispeed = tio.c_ospeed = B115200;
	scheme_register("debug", &debug_ops, 0, &debug_scheme);
	irq_reserve(arch_console_irq_line());
	arch_console_rx_start(receive);
}
