/*
 * readv and writev: one read or write per buffer, stopping at the first
 * short transfer (so the result counts contiguous bytes, as one call's).
 * pread and pwrite: the scheme protocol has no positional call, so the
 * offset is moved there and put back, under one lock: the process's own
 * threads never see each other's offsets (another process sharing the
 * open file could, for the length of the call). All four are
 * cancellation points (pread and pwrite only on the way in).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../internal/internal.h"

static __relibc_spinlock positional_lock;

static ssize_t positional(int fd, void *buf, size_t n, off_t off, bool writing)
{
	if (off < 0) {
		errno = EINVAL;
		return -1;
	}
	/* a cancellation point on the way in, not under the lock */
	pthread_testcancel();
	int state;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state);
	__relibc_lock(&positional_lock);
	off_t saved = lseek(fd, 0, SEEK_CUR);
	ssize_t r = -1;
	if (saved >= 0 && lseek(fd, off, SEEK_SET) >= 0) {
		r = writing ? write(fd, buf, n) : read(fd, buf, n);
		int error = errno;
		lseek(fd, saved, SEEK_SET);
		errno = error;
	}
	__relibc_unlock(&positional_lock);
	pthread_setcancelstate(state, 0);
	return r;
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return positional(fd, buf, n, off, false);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return positional(fd, (void *)buf, n, off, true);
}

static int check(const struct iovec *iov, int n)
{
	if (n < 0 || n > IOV_MAX) {
		errno = EINVAL;
		return -1;
	}
	size_t total = 0;
	for (int i = 0; i < n; i++) {
		if (iov[i].iov_len > SSIZE_MAX - total) {
			errno = EINVAL;
			return -1;
		}
		total += iov[i].iov_len;
	}
	return 0;
}

ssize_t readv(int fd, const struct iovec *iov, int n)
{
	if (check(iov, n))
		return -1;
	ssize_t total = 0;
	for (int i = 0; i < n; i++) {
		if (!iov[i].iov_len)
			continue;
		ssize_t r = read(fd, iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return total ? total : -1;
		total += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return total;
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	if (check(iov, n))
		return -1;
	ssize_t total = 0;
	for (int i = 0; i < n; i++) {
		if (!iov[i].iov_len)
			continue;
		ssize_t w = write(fd, iov[i].iov_base, iov[i].iov_len);
		if (w < 0)
			return total ? total : -1;
		total += w;
		if ((size_t)w < iov[i].iov_len)
			break;
	}
	return total;
}
