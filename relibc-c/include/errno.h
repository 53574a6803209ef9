/*
 * errno: one per thread. The numbers come from the ABI header, the one
 * place they are written; strerror() pairs them with their messages.
 */
#ifndef _RELIBC_ERRNO_H
#define _RELIBC_ERRNO_H

#include <bits/cdefs.h>
#include <redox/abi/errno.h>

__RELIBC_BEGIN_DECLS

int *__errno_location(void);
#define errno (*__errno_location())

__RELIBC_END_DECLS

#endif
