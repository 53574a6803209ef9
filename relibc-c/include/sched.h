/* sched.h: yielding the processor (the one scheduling call there is). */
#ifndef _RELIBC_SCHED_H
#define _RELIBC_SCHED_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

int sched_yield(void);

__RELIBC_END_DECLS

#endif
