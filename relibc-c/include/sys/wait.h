/*
 * sys/wait.h: waiting for children. Status words use the usual encoding
 * (exit code in bits 8..15, terminating signal in bits 0..6).
 */
#ifndef _RELIBC_SYS_WAIT_H
#define _RELIBC_SYS_WAIT_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <redox/abi/flags.h>

__RELIBC_BEGIN_DECLS

#define WEXITSTATUS(s) (((s) >> 8) & 0xFF)
#define WTERMSIG(s)    ((s)&0x7F)
#define WIFEXITED(s)   (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7F)
#define WCOREDUMP(s)   ((s)&0x80)
#define WIFSTOPPED(s)  (((s)&0xFF) == 0x7F)
#define WSTOPSIG(s)    WEXITSTATUS(s)

pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);

__RELIBC_END_DECLS

#endif
