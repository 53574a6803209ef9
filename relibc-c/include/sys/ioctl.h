/*
 * sys/ioctl.h: the few requests programs make of terminals and
 * descriptors, mapped onto Redox calls (there is no ioctl system call):
 * TCGETS/TCSETS* (termios), TIOCGWINSZ/TIOCSWINSZ (the "winsize" dup),
 * TIOCGPGRP/TIOCSPGRP (the "pgrp" dup: the foreground process group),
 * FIONBIO (O_NONBLOCK). Any other request fails with EINVAL.
 */
#ifndef _RELIBC_SYS_IOCTL_H
#define _RELIBC_SYS_IOCTL_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

#include <redox/abi/termios.h> /* struct winsize */

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGWINSZ 0x5413
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCSWINSZ 0x5414
#define FIONBIO    0x5421

int ioctl(int fd, unsigned long request, ...);

__RELIBC_END_DECLS

#endif
