/*
 * poll, select and pselect over Redox's readiness calls. A pass asks each
 * descriptor what is ready now (SYS_FEVENT; regular files and folders
 * are always ready). If nothing is and the caller will wait, an event:
 * queue watches every descriptor (plus a time:4 deadline for a timeout)
 * and one read sleeps until something fires; then the pass runs again.
 * That sleep is a cancellation point of poll, select and pselect.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <redox/abi/types.h>

#include "cancel.h"
#include "internal/thread.h"
#include "sys.h"

#define POLL_READ  (POLLIN | POLLRDNORM | POLLRDBAND | POLLPRI)
#define POLL_WRITE (POLLOUT | POLLWRNORM | POLLWRBAND)

static uint64_t wanted(short events)
{
	return ((events & POLL_READ) ? EVENT_READ : 0) | ((events & POLL_WRITE) ? EVENT_WRITE : 0);
}

/* What is ready on one entry now. */
static short ready_now(const struct pollfd *p)
{
	struct stat st;
	if (fstat(p->fd, &st) < 0)
		return POLLNVAL;
	if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		return p->events & (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM);
	uint64_t want = wanted(p->events);
	if (!want)
		return 0;
	int error;
	int64_t r = redox_demux(redox_sys_fevent(p->fd, want), &error);
	if (r < 0)
		return error == EBADF ? POLLNVAL : POLLERR;
	short out = 0;
	if (r & EVENT_READ)
		out |= p->events & (POLLIN | POLLRDNORM);
	if (r & EVENT_WRITE)
		out |= p->events & (POLLOUT | POLLWRNORM);
	return out;
}

static int pass(struct pollfd *fds, nfds_t n)
{
	int count = 0;
	for (nfds_t i = 0; i < n; i++) {
		fds[i].revents = fds[i].fd < 0 ? 0 : ready_now(&fds[i]);
		if (fds[i].revents)
			count++;
	}
	return count;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Sleeps until a watched descriptor may be ready or the deadline (ns, 0: none) passes. */
static int wait_events(const struct pollfd *fds, nfds_t n, uint64_t deadline)
{
	/* only the sleep is a cancellation point: the queue is closed before acting */
	int state;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state);
	int q = open("event:", O_RDWR | O_CLOEXEC);
	if (q < 0) {
		pthread_setcancelstate(state, 0);
		return -1;
	}
	int t = -1, r = 0;
	for (nfds_t i = 0; i < n && r == 0; i++) {
		if (fds[i].fd < 0)
			continue;
		/* one watch per descriptor, with every entry's flags */
		int seen = 0;
		uint64_t flags = 0;
		for (nfds_t j = 0; j < n; j++)
			if (fds[j].fd == fds[i].fd) {
				seen |= j < i;
				flags |= wanted(fds[j].events);
			}
		if (seen || !flags)
			continue;
		struct redox_event ev = {(uint64_t)fds[i].fd, flags, i};
		if (write(q, &ev, sizeof ev) != sizeof ev)
			r = -1;
	}
	if (r == 0 && deadline) {
		t = open("time:4", O_RDWR | O_CLOEXEC);
		struct redox_timespec when = {(int64_t)(deadline / 1000000000ULL),
		                              (int32_t)(deadline % 1000000000ULL)};
		struct redox_event ev = {(uint64_t)t, EVENT_READ, (uint64_t)-1};
		if (t < 0 || write(t, &when, sizeof when) != sizeof when ||
		    write(q, &ev, sizeof ev) != sizeof ev)
			r = -1;
	}
	uint64_t got_r = 0;
	if (r == 0) {
		struct redox_event got[8];
		pthread_setcancelstate(state, 0);
		got_r = __relibc_syscall_cp_raw(SYS_READ, (uint64_t)q, (uint64_t)(uintptr_t)got,
		                                sizeof got, 0, 0);
		pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
		if (__sys_result(got_r) < 0)
			r = -1;
	}
	int saved = errno;
	if (t >= 0)
		close(t);
	close(q);
	pthread_setcancelstate(state, 0);
	if (__relibc_cancel_due(got_r))
		__relibc_cancel_act();
	errno = saved;
	return r;
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	uint64_t deadline = timeout_ms > 0 ? now_ns() + (uint64_t)timeout_ms * 1000000ULL : 0;
	for (;;) {
		int count = pass(fds, n);
		if (count || timeout_ms == 0)
			return count;
		if (deadline && now_ns() >= deadline)
			return 0;
		if (wait_events(fds, n, deadline) < 0)
			return -1;
	}
}

int select(int n, fd_set *restrict rd, fd_set *restrict wr, fd_set *restrict ex,
           struct timeval *restrict timeout)
{
	if (n < 0 || n > FD_SETSIZE ||
	    (timeout &&
	     (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= 1000000))) {
		errno = EINVAL;
		return -1;
	}
	struct pollfd fds[FD_SETSIZE];
	nfds_t count = 0;
	for (int fd = 0; fd < n; fd++) {
		short ev = (rd && FD_ISSET(fd, rd) ? POLLIN : 0) |
		           (wr && FD_ISSET(fd, wr) ? POLLOUT : 0) |
		           (ex && FD_ISSET(fd, ex) ? POLLPRI : 0);
		if (ev)
			fds[count++] = (struct pollfd){fd, ev, 0};
	}
	int ms = -1;
	if (timeout) {
		long long t = (long long)timeout->tv_sec * 1000 + (timeout->tv_usec + 999) / 1000;
		ms = t > 0x7FFFFFFF ? 0x7FFFFFFF : (int)t;
	}
	int r = poll(fds, count, ms);
	if (r < 0)
		return -1;
	for (nfds_t i = 0; i < count; i++)
		if (fds[i].revents & POLLNVAL) {
			errno = EBADF;
			return -1;
		}
	if (rd)
		FD_ZERO(rd);
	if (wr)
		FD_ZERO(wr);
	if (ex)
		FD_ZERO(ex);
	int bits = 0;
	for (nfds_t i = 0; i < count; i++) {
		short re = fds[i].revents;
		if (rd && re & (POLLIN | POLLHUP | POLLERR)) {
			FD_SET(fds[i].fd, rd);
			bits++;
		}
		if (wr && re & (POLLOUT | POLLERR)) {
			FD_SET(fds[i].fd, wr);
			bits++;
		}
		if (ex && re & POLLPRI) {
			FD_SET(fds[i].fd, ex);
			bits++;
		}
	}
	return bits;
}

/* The mask is swapped around select, not atomically: a signal may land in between. */
int pselect(int n, fd_set *restrict rd, fd_set *restrict wr, fd_set *restrict ex,
            const struct timespec *restrict timeout, const sigset_t *restrict mask)
{
	struct timeval tv, *tvp = 0;
	if (timeout) {
		tv.tv_sec = timeout->tv_sec;
		tv.tv_usec = (timeout->tv_nsec + 999) / 1000;
		if (tv.tv_usec >= 1000000) {
			tv.tv_sec++;
			tv.tv_usec -= 1000000;
		}
		tvp = &tv;
	}
	sigset_t old;
	if (mask && sigprocmask(SIG_SETMASK, mask, &old) < 0)
		return -1;
	int r = select(n, rd, wr, ex, tvp);
	int saved = errno;
	if (mask)
		sigprocmask(SIG_SETMASK, &old, 0);
	errno = saved;
	return r;
}
