/*
 * readv and writev: one read or write per buffer, stopping at the first
 * short transfer (so the result counts contiguous bytes, as one call's).
 */
#include <errno.h>
#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

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
