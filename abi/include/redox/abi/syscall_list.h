/*
 * The one list of Redox system calls (seL4-style single source).
 *
 * Each line is X(NAME, name, number). The kernel builds its dispatch
 * table from it (handler sys_<name>) and relibc-c its SYS_* constants;
 * nothing else spells a syscall number. Numbers are Redox's classic ABI
 * (see docs/syscall-abi.md): the high bits encode the argument class.
 *
 * Include after defining X(NAME, name, number); the header undefines nothing.
 */
/* path class: (path ptr, path len, ...) */
X(OPEN, open, 0x10100005)
X(CHMOD, chmod, 0x1000000F)
X(RMDIR, rmdir, 0x10000054)
X(UNLINK, unlink, 0x1000000A)
X(LINK, link, 0x13000009)
/* file class: (fd, ...) */
X(CLOSE, close, 0x20000006)
X(DUP, dup, 0x20100029)
X(DUP2, dup2, 0x2010003F)
X(READ, read, 0x22000003)
X(WRITE, write, 0x21000004)
X(LSEEK, lseek, 0x20000013)
X(FCHMOD, fchmod, 0x2000005E)
X(FCHOWN, fchown, 0x200000CF)
X(FCNTL, fcntl, 0x20000037)
X(FEVENT, fevent, 0x2000039F)
X(FEXEC, fexec, 0x2000000B)
X(FMAP, fmap, 0x21000384)
X(FUNMAP, funmap, 0x2000005C)
X(FPATH, fpath, 0x220003A0)
X(FRENAME, frename, 0x23000026)
X(FSTAT, fstat, 0x2200001C)
X(FSTATVFS, fstatvfs, 0x22000064)
X(FSYNC, fsync, 0x20000076)
X(FTRUNCATE, ftruncate, 0x2000005D)
X(FUTIMENS, futimens, 0x21000140)
X(SENDFD, sendfd, 0x20000022)
X(GETDENTS, getdents, 0x2000002B)
/* everything else */
X(EXIT, exit, 1)
X(WAITPID, waitpid, 7)
X(CHDIR, chdir, 12)
X(GETPID, getpid, 20)
X(KILL, kill, 37)
X(SETPGID, setpgid, 57)
/* setitimer(which, const struct redox_itimerspec *new, struct redox_itimerspec *old):
 * ITIMER_REAL only; new NULL reads the timer */
X(SETITIMER, setitimer, 104)
X(UMASK, umask, 60)
X(GETPPID, getppid, 64)
X(SIGACTION, sigaction, 67)
X(IOPL, iopl, 110)
X(SIGRETURN, sigreturn, 119)
X(CLONE, clone, 120)
/* clone_thread(struct redox_clone_args *): a thread sharing the address
 * space, files and signal actions; returns its tid (docs/threads.md) */
X(CLONE_THREAD, clone_thread, 121)
/* exit_thread(status): end the calling thread; the last one ends the
 * process with this status (EXIT ends the whole thread group) */
X(EXIT_THREAD, exit_thread, 122)
X(MPROTECT, mprotect, 125)
X(SIGPROCMASK, sigprocmask, 126)
X(GETPGID, getpgid, 132)
/* sigsuspend(mask *): wait for a signal with this mask in force; -EINTR */
X(SIGSUSPEND, sigsuspend, 130)
X(MREMAP, mremap, 155)
X(YIELD, yield, 158)
X(NANOSLEEP, nanosleep, 162)
X(GETCWD, getcwd, 183)
X(GETTID, gettid, 186)
X(GETUID, getuid, 199)
X(GETGID, getgid, 200)
X(GETEUID, geteuid, 201)
X(GETEGID, getegid, 202)
X(SETREUID, setreuid, 203)
X(SETREGID, setregid, 204)
X(FUTEX, futex, 240)
/* tkill(tid, sig): a signal for one thread of the calling process */
X(TKILL, tkill, 241)
X(CLOCK_GETTIME, clock_gettime, 265)
X(PIPE2, pipe2, 331)
X(PHYSALLOC, physalloc, 945)
X(PHYSFREE, physfree, 946)
X(PHYSMAP, physmap, 947)
X(PHYSUNMAP, physunmap, 948)
X(VIRTTOPHYS, virttophys, 949)
X(GETNS, getns, 950)
X(GETENS, getens, 951)
X(SETRENS, setrens, 952)
X(MKNS, mkns, 984)
/* the seed's own call: prints "SYS_HELLOWORLD: Hello, world!" */
X(HELLOWORLD, helloworld, 999)
