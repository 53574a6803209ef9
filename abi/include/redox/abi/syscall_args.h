/*
 * The arguments of the entries in syscall_list.h, and the macros that
 * expand them. An entry is
 *
 *     X(NAME, name, number, count, kind1, name1, kind2, name2, ...)
 *
 * with `count` (kind, name) pairs, one per register (rdi, rsi, rdx, r10,
 * r8: a, b, c, d, e). The kind says what the register carries, and so
 * the C type on each side (the kernel's handler, relibc-c's wrapper):
 *
 *   kind   what                                        kernel       relibc-c
 *   fd     a descriptor                                uint64_t     int
 *   int    a signed number (pid, signal, status)       int64_t      int
 *   i64    a signed 64-bit number (an offset)          int64_t      int64_t
 *   u64    an unsigned number (flags, sizes, addrs)    uint64_t     uint64_t
 *   size   a length                                    uint64_t     size_t
 *   path   a path the dispatcher copies in (PATH       const char * const char *
 *          class, or FILE class with SYS_ARG_PATH)     (args->path, canonical)
 *   path2  the second path (LINK)                      const char * const char *
 *   plen   a path's length: the kernel has the copy    (none)       size_t
 *   in     a buffer the dispatcher copies in (SLICE)   const void * const void *
 *   out    a buffer the dispatcher copies out (MSLICE) void *       void *
 *   uin    a user pointer the handler reads itself     uint64_t     const void *
 *   uout   a user pointer the handler writes itself    uint64_t     void *
 *
 * So a kernel handler never holds a user address in a pointer type: it
 * reaches uin/uout memory only through copy_from_user/copy_to_user.
 * REDOX_ARGS_<count>(M, SEP, pairs...) gives M(kind, name, register) for
 * each pair, with SEP() between them.
 */
#ifndef REDOX_ABI_SYSCALL_ARGS_H
#define REDOX_ABI_SYSCALL_ARGS_H

#define REDOX_ARGS_0(M, SEP)
#define REDOX_ARGS_1(M, SEP, k1, n1)         M(k1, n1, a)
#define REDOX_ARGS_2(M, SEP, k1, n1, k2, n2) M(k1, n1, a) SEP() M(k2, n2, b)
#define REDOX_ARGS_3(M, SEP, k1, n1, k2, n2, k3, n3)                                               \
	M(k1, n1, a) SEP() M(k2, n2, b) SEP() M(k3, n3, c)
#define REDOX_ARGS_4(M, SEP, k1, n1, k2, n2, k3, n3, k4, n4)                                       \
	M(k1, n1, a) SEP() M(k2, n2, b) SEP() M(k3, n3, c) SEP() M(k4, n4, d)
#define REDOX_ARGS_5(M, SEP, k1, n1, k2, n2, k3, n3, k4, n4, k5, n5)                               \
	M(k1, n1, a) SEP() M(k2, n2, b) SEP() M(k3, n3, c) SEP() M(k4, n4, d) SEP() M(k5, n5, e)

#define REDOX_COMMA() ,
#define REDOX_NOSEP()

#endif
