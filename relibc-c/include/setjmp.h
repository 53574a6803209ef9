/*
 * setjmp.h: non-local jumps (x86_64 assembly in src/setjmp/). A jmp_buf
 * holds rbx, rbp, r12-r15, rsp and the return address; sigjmp_buf adds
 * whether the signal mask was saved and the mask itself.
 */
#ifndef _RELIBC_SETJMP_H
#define _RELIBC_SETJMP_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

typedef unsigned long jmp_buf[8];
typedef unsigned long sigjmp_buf[10];

int setjmp(jmp_buf env) __attribute__((__returns_twice__));
__relibc_noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((__returns_twice__));
__relibc_noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((__returns_twice__));
__relibc_noreturn void siglongjmp(sigjmp_buf env, int val);

__RELIBC_END_DECLS

#endif
