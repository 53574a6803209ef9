/*
 * unistd.h: POSIX process and file calls, implemented over Redox
 * syscalls by src/platform/.
 */
#ifndef _RELIBC_UNISTD_H
#define _RELIBC_UNISTD_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <stddef.h>
#include <redox/abi/flags.h>

__RELIBC_BEGIN_DECLS

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

ssize_t read(int fd, void *buf, size_t len);
ssize_t write(int fd, const void *buf, size_t len);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int fd, int new_fd);
pid_t getpid(void);
pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
extern char **environ;
__relibc_noreturn void _exit(int status);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
int setreuid(uid_t ruid, uid_t euid);
int setregid(gid_t rgid, gid_t egid);
int setuid(uid_t uid);
int setgid(gid_t gid);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int sched_yield(void);
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

__RELIBC_END_DECLS

#endif
