/*
 * sys/select.h: select and pselect over poll (src/platform/poll.c),
 * fd_set for descriptors below FD_SETSIZE.
 */
#ifndef _RELIBC_SYS_SELECT_H
#define _RELIBC_SYS_SELECT_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <bits/timeval.h>
#include <time.h>
#include <signal.h>

__RELIBC_BEGIN_DECLS

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd)   ((fd) / (8 * (int)sizeof(unsigned long)))
#define __FD_BIT(fd)    (1UL << ((fd) % (8 * (int)sizeof(unsigned long))))
#define FD_ZERO(s)      __builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s)   ((void)((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd)))
#define FD_CLR(fd, s)   ((void)((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd)))
#define FD_ISSET(fd, s) (((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

int select(int n, fd_set *__restrict_arg rd, fd_set *__restrict_arg wr, fd_set *__restrict_arg ex,
           struct timeval *__restrict_arg timeout);
int pselect(int n, fd_set *__restrict_arg rd, fd_set *__restrict_arg wr, fd_set *__restrict_arg ex,
            const struct timespec *__restrict_arg timeout, const sigset_t *__restrict_arg mask);

__RELIBC_END_DECLS

#endif
