/*
 * Syscall numbers and their class bits, shared by kernel and relibc-c.
 *
 * The class bits let the dispatcher validate arguments before it knows
 * which call it is handling: a PATH call's first two arguments are a
 * user string, a FILE call's first argument is a descriptor, and SLICE /
 * MSLICE calls carry a (pointer, length) buffer that must be readable /
 * writable user memory.
 */
#ifndef REDOX_ABI_SYSCALL_H
#define REDOX_ABI_SYSCALL_H

#define SYS_CLASS      0xF0000000UL
#define SYS_CLASS_PATH 0x10000000UL
#define SYS_CLASS_FILE 0x20000000UL

#define SYS_ARG        0x0F000000UL
#define SYS_ARG_SLICE  0x01000000UL
#define SYS_ARG_MSLICE 0x02000000UL
#define SYS_ARG_PATH   0x03000000UL

#define SYS_RET      0x00F00000UL
#define SYS_RET_FILE 0x00100000UL

enum redox_syscall {
#define X(NAME, name, number, ...) SYS_##NAME = number,
#include <redox/abi/syscall_list.h>
#undef X
};

/* Longest errno the "mux/demux" convention treats as an error. */
#define REDOX_ERRNO_MAX 4095

#endif
