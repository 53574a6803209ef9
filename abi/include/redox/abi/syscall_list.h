/*
 * The one list of Redox system calls (seL4-style single source).
 *
 * Each line is X(NAME, name, number, count, kind, arg, ...): the call's
 * name, its number and its arguments (their kinds and names, explained in
 * syscall_args.h). The kernel builds its dispatch table and the typed
 * prototypes of its handlers (sys_<name>) from it, relibc-c its SYS_*
 * constants and its raw wrappers (redox_sys_<name>); nothing else spells a
 * syscall number or an argument's register. Numbers are Redox's classic ABI
 * (see docs/syscall-abi.md): the high bits encode the argument class.
 *
 * Include after defining X(NAME, name, number, ...); the header undefines
 * nothing.
 */
/* path class: (path ptr, path len, ...) */
X(OPEN, open, 0x10100005, 3, path, path, plen, path_len, u64, flags)
X(CHMOD, chmod, 0x1000000F, 3, path, path, plen, path_len, u64, mode)
X(RMDIR, rmdir, 0x10000054, 2, path, path, plen, path_len)
X(UNLINK, unlink, 0x1000000A, 2, path, path, plen, path_len)
X(LINK, link, 0x13000009, 4, path, from, plen, from_len, path2, to, plen, to_len)
/* file class: (fd, ...) */
X(CLOSE, close, 0x20000006, 1, fd, fd)
X(DUP, dup, 0x20100029, 3, fd, fd, uin, buf, size, len)
X(DUP2, dup2, 0x2010003F, 4, fd, fd, fd, new_fd, uin, buf, size, len)
X(READ, read, 0x22000003, 3, fd, fd, out, buf, size, len)
X(WRITE, write, 0x21000004, 3, fd, fd, in, buf, size, len)
X(LSEEK, lseek, 0x20000013, 3, fd, fd, i64, offset, int, whence)
X(FCHMOD, fchmod, 0x2000005E, 2, fd, fd, u64, mode)
X(FCHOWN, fchown, 0x200000CF, 3, fd, fd, u64, uid, u64, gid)
X(FCNTL, fcntl, 0x20000037, 3, fd, fd, u64, cmd, u64, arg)
X(FEVENT, fevent, 0x2000039F, 2, fd, fd, u64, flags)
X(FEXEC, fexec, 0x2000000B, 5, fd, fd, uin, arg_ptrs, size, argc, uin, env_ptrs, size, envc)
X(FMAP, fmap, 0x21000384, 3, u64, fd, in, map, size, len)
X(FUNMAP, funmap, 0x2000005C, 2, u64, addr, size, len)
X(FPATH, fpath, 0x220003A0, 3, fd, fd, out, buf, size, len)
X(FRENAME, frename, 0x23000026, 3, fd, fd, path, path, plen, path_len)
X(FSTAT, fstat, 0x2200001C, 3, fd, fd, out, stat, size, len)
X(FSTATVFS, fstatvfs, 0x22000064, 3, fd, fd, out, stat, size, len)
X(FSYNC, fsync, 0x20000076, 1, fd, fd)
X(FTRUNCATE, ftruncate, 0x2000005D, 2, fd, fd, u64, len)
X(FUTIMENS, futimens, 0x21000140, 3, fd, fd, in, times, size, len)
X(SENDFD, sendfd, 0x20000022, 4, fd, fd, fd, send_fd, u64, flags, u64, arg)
X(GETDENTS, getdents, 0x2000002B, 4, fd, fd, uout, buf, size, len, u64, opaque)
/* everything else */
X(EXIT, exit, 1, 1, int, status)
X(WAITPID, waitpid, 7, 3, int, pid, uout, status, u64, options)
X(CHDIR, chdir, 12, 2, uin, path, size, path_len)
X(GETPID, getpid, 20, 0)
X(KILL, kill, 37, 2, int, pid, int, sig)
X(SETPGID, setpgid, 57, 2, int, pid, int, pgid)
/* setitimer(which, const struct redox_itimerspec *new, struct redox_itimerspec *old):
 * ITIMER_REAL only; new NULL reads the timer */
X(SETITIMER, setitimer, 104, 3, int, which, uin, new_value, uout, old_value)
X(UMASK, umask, 60, 1, u64, mask)
/* getrlimit(resource, struct redox_rlimit *), setrlimit(resource, const
 * struct redox_rlimit *): the calling process's limits (redox/abi/resource.h) */
X(GETRLIMIT, getrlimit, 97, 2, int, resource, uout, rlim)
X(SETRLIMIT, setrlimit, 160, 2, int, resource, uin, rlim)
X(GETPPID, getppid, 64, 0)
X(SIGACTION, sigaction, 67, 4, int, sig, uin, act, uout, old, u64, restorer)
X(IOPL, iopl, 110, 1, u64, level)
X(SIGRETURN, sigreturn, 119, 0)
X(CLONE, clone, 120, 1, u64, flags)
/* clone_thread(struct redox_clone_args *): a thread sharing the address
 * space, files and signal actions; returns its tid (docs/threads.md) */
X(CLONE_THREAD, clone_thread, 121, 1, uin, clone_args)
/* exit_thread(status): end the calling thread; the last one ends the
 * process with this status (EXIT ends the whole thread group) */
X(EXIT_THREAD, exit_thread, 122, 1, int, status)
X(MPROTECT, mprotect, 125, 3, u64, addr, size, len, u64, prot)
X(SIGPROCMASK, sigprocmask, 126, 3, int, how, uin, set, uout, old)
X(GETPGID, getpgid, 132, 1, int, pid)
/* sigsuspend(mask *): wait for a signal with this mask in force; -EINTR */
X(SIGSUSPEND, sigsuspend, 130, 1, uin, mask)
X(MREMAP, mremap, 155, 4, u64, addr, size, old_len, size, new_len, u64, flags)
X(YIELD, yield, 158, 0)
X(NANOSLEEP, nanosleep, 162, 2, uin, req, uout, rem)
X(GETCWD, getcwd, 183, 2, uout, buf, size, len)
X(GETTID, gettid, 186, 0)
X(GETUID, getuid, 199, 0)
X(GETGID, getgid, 200, 0)
X(GETEUID, geteuid, 201, 0)
X(GETEGID, getegid, 202, 0)
X(SETREUID, setreuid, 203, 2, int, ruid, int, euid)
X(SETREGID, setregid, 204, 2, int, rgid, int, egid)
/* POSIX timers (proc/itimer.c): timer_create(clock, signo) returns a timer
 * id (signo 0: SIGEV_NONE); settime(id, flags (TIMER_ABSTIME), const struct
 * redox_itimerspec *new, struct redox_itimerspec *old (may be NULL)) */
X(TIMER_CREATE, timer_create, 222, 2, u64, clock, int, signo)
X(TIMER_SETTIME, timer_settime, 223, 4, int, id, u64, flags, uin, new_value, uout, old_value)
X(TIMER_GETTIME, timer_gettime, 224, 2, int, id, uout, value)
X(TIMER_GETOVERRUN, timer_getoverrun, 225, 1, int, id)
X(TIMER_DELETE, timer_delete, 226, 1, int, id)
X(FUTEX, futex, 240, 4, u64, addr, u64, op, u64, val, uin, timeout)
/* tkill(tid, sig): a signal for one thread of the calling process */
X(TKILL, tkill, 241, 2, int, tid, int, sig)
X(CLOCK_GETTIME, clock_gettime, 265, 2, u64, clock, uout, ts)
X(PIPE2, pipe2, 331, 2, uout, fds, u64, flags)
X(PHYSALLOC, physalloc, 945, 1, size, size)
X(PHYSFREE, physfree, 946, 2, u64, phys, size, size)
X(PHYSMAP, physmap, 947, 3, u64, phys, size, size, u64, flags)
X(PHYSUNMAP, physunmap, 948, 2, u64, addr, size, size)
X(VIRTTOPHYS, virttophys, 949, 1, u64, addr)
X(GETNS, getns, 950, 0)
X(GETENS, getens, 951, 0)
X(SETRENS, setrens, 952, 2, u64, rns, u64, ens)
X(MKNS, mkns, 984, 2, uin, names, size, len)
/* the seed's own call: prints "SYS_HELLOWORLD: Hello, world!" */
X(HELLOWORLD, helloworld, 999, 0)
