/*
 * signal.h: signals over the Redox syscalls (sigaction with a restorer
 * that calls SYS_SIGRETURN). Numbers and flags come from the ABI.
 */
#ifndef _RELIBC_SIGNAL_H
#define _RELIBC_SIGNAL_H

#include <bits/cdefs.h>
#include <bits/pthreadtypes.h>
#include <bits/types.h>
#include <redox/abi/signal.h>

__RELIBC_BEGIN_DECLS

typedef unsigned long sigset_t;
typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

#define SIG_ERR ((sighandler_t)-1)
#undef SIG_DFL
#undef SIG_IGN
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)

struct sigaction {
	sighandler_t sa_handler;
	sigset_t sa_mask;
	unsigned long sa_flags;
	void (*sa_restorer)(void);
};

/* How a timer (timer_create) tells of its expiry. */
union sigval {
	int sival_int;
	void *sival_ptr;
};

struct sigevent {
	union sigval sigev_value; /* SIGEV_THREAD's argument (signals carry no siginfo) */
	int sigev_signo;
	int sigev_notify;
	void (*sigev_notify_function)(union sigval);
	pthread_attr_t *sigev_notify_attributes;
};

#define SIGEV_SIGNAL 0 /* send sigev_signo */
#define SIGEV_NONE   1 /* nothing: read it with timer_gettime */
#define SIGEV_THREAD 2 /* call sigev_notify_function(sigev_value) in a thread */

int kill(pid_t pid, int sig);
int raise(int sig);
int killpg(pid_t pgrp, int sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
/* the calling thread's mask (masks are per thread) */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

__RELIBC_END_DECLS

#endif
