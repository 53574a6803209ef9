/* sys/uio.h: scatter/gather I/O (one read or write per buffer, in order). src/platform/uio.c. */
#ifndef _RELIBC_SYS_UIO_H
#define _RELIBC_SYS_UIO_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int n);
ssize_t writev(int fd, const struct iovec *iov, int n);

__RELIBC_END_DECLS

#endif
