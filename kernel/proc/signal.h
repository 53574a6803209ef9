/*
 * Signals: pending and blocked masks per process, actions (default,
 * ignore, or a user handler entered through a frame on the user stack
 * and left through SYS_SIGRETURN), delivered whenever the process is about
 * to return to user mode.
 */
#ifndef KERNEL_PROC_SIGNAL_H
#define KERNEL_PROC_SIGNAL_H

#include <stdint.h>

struct process;
struct interrupt_frame;

/* Make sig pending on p and wake it if it sleeps; 0 or -errno. */
struct context;

/* A signal for the process: any thread that does not block it takes it. */
int64_t signal_send(struct process *p, int sig);
/* A signal for one thread (tkill); the caller holds its process's threads_lock. */
int64_t signal_send_thread(struct context *c, int sig);
/* On the way back to user mode: act on pending signals (may not return). */
void signal_deliver(struct interrupt_frame *frame);
/* Is a signal pending that would act (so a sleep must end with EINTR)? */
#include <stdbool.h>
/* Would a signal pending for this thread act now (or must it leave)? */
bool signal_pending_acts(struct context *c);
/* SYS_SIGRETURN: restore the frame a handler interrupted; returns its rax. */
int64_t signal_return(struct interrupt_frame *frame);

#endif
