/*
 * POSIX record locks for fcntl(F_GETLK, F_SETLK, F_SETLKW): held per
 * process on a file (its scheme, device and inode), kept in one list for
 * the whole system with common/reclock's range logic.
 */
#ifndef KERNEL_PROC_RECLOCK_H
#define KERNEL_PROC_RECLOCK_H

#include <stdint.h>

struct process;
struct file;

/* fcntl's lock commands; arg is the user's struct redox_flock. */
int64_t reclock_fcntl(struct process *p, struct file *f, uint64_t cmd, uint64_t arg);
/* p closed a descriptor of f: its locks on that file go (POSIX). */
void reclock_file_closed(struct process *p, struct file *f);
/* p has ended: all its locks go. */
void reclock_process_gone(uint32_t pid);

#endif
