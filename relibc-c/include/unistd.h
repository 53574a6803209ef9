/*
 * unistd.h: POSIX process and file calls, implemented over Redox
 * syscalls by src/platform/. What is not implemented is not declared
 * (see relibc-c/README.md).
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

#define _POSIX_VERSION  200809L
#define _POSIX_TIMERS   200809L /* timer_create and friends */
#define _POSIX2_VERSION 200809L
#define _XOPEN_VERSION  700

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

ssize_t read(int fd, void *buf, size_t len);
ssize_t write(int fd, const void *buf, size_t len);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
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
int pause(void);
int usleep(useconds_t usec);

/* files (src/platform/fs.c) */
int unlink(const char *path);
int rmdir(const char *path);
int link(const char *from, const char *to);
int symlink(const char *target, const char *path);
ssize_t readlink(const char *__restrict_arg path, char *__restrict_arg buf, size_t n);
unsigned alarm(unsigned seconds);
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
int eaccess(const char *path, int mode);
int unlinkat(int dirfd, const char *path, int flags);
int linkat(int fromfd, const char *from, int tofd, const char *to, int flags);
int symlinkat(const char *target, int dirfd, const char *path);
ssize_t readlinkat(int dirfd, const char *__restrict_arg path, char *__restrict_arg buf, size_t n);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
int chown(const char *path, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int fchdir(int fd);
int fsync(int fd);
void sync(void);
int sethostname(const char *name, size_t len);
pid_t setsid(void);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
int fdatasync(int fd);
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);
long pathconf(const char *path, int name);
long fpathconf(int fd, int name);

/* terminals (src/platform/tty.c) */
int isatty(int fd);
char *ttyname(int fd);
int ttyname_r(int fd, char *buf, size_t len);

/* processes (src/platform/exec.c) */
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
int execle(const char *path, const char *arg, ...);
pid_t vfork(void);
int getgroups(int n, gid_t list[]);

/* the system (src/platform/sysinfo.c) */
long sysconf(int name);
int getpagesize(void);
int gethostname(char *name, size_t len);
char *getlogin(void);
int getlogin_r(char *buf, size_t len);

/* getopt.h's parser, which POSIX also declares here */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *opts);

#define _SC_ARG_MAX          0
#define _SC_CHILD_MAX        1
#define _SC_CLK_TCK          2
#define _SC_NGROUPS_MAX      3
#define _SC_OPEN_MAX         4
#define _SC_STREAM_MAX       5
#define _SC_TZNAME_MAX       6
#define _SC_VERSION          29
#define _SC_PAGESIZE         30
#define _SC_PAGE_SIZE        _SC_PAGESIZE
#define _SC_LINE_MAX         43
#define _SC_RE_DUP_MAX       44
#define _SC_IOV_MAX          60
#define _SC_GETGR_R_SIZE_MAX 69
#define _SC_GETPW_R_SIZE_MAX 70
#define _SC_LOGIN_NAME_MAX   71
#define _SC_TTY_NAME_MAX     72
#define _SC_NPROCESSORS_CONF 83
#define _SC_NPROCESSORS_ONLN 84
#define _SC_SYMLOOP_MAX      173
#define _SC_HOST_NAME_MAX    180

#define _PC_LINK_MAX  0
#define _PC_MAX_CANON 1
#define _PC_MAX_INPUT 2
#define _PC_NAME_MAX  3
#define _PC_PATH_MAX  4
#define _PC_PIPE_BUF  5
#define _PC_NO_TRUNC  7

__RELIBC_END_DECLS

#endif
