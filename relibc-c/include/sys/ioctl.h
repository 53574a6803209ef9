/*
 * sys/ioctl.h: the few requests programs make of terminals and
 * descriptors, mapped onto Redox calls (there is no ioctl system call):
 * TCGETS/TCSETS* (termios), TIOCGWINSZ/TIOCSWINSZ (the "winsize" dup),
 * FIONBIO (O_NONBLOCK). Any other request fails with EINVAL.
 */
#ifndef _RELIBC_SYS_IOCTL_H
#define _RELIBC_SYS_IOCTL_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONBIO    0x5421

int ioctl(int fd, unsigned long request, ...);

__RELIBC_END_DECLS

#endif
