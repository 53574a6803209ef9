/*
 * termios.h: terminal attributes. A terminal scheme serves them through
 * two dup names (Redox's convention): dup(fd, "termios") is a handle whose
 * read gives and write sets a struct termios, dup(fd, "winsize") the same
 * for struct winsize. A file whose scheme has neither is not a terminal
 * for these calls (ENOTTY). src/platform/tty.c.
 */
#ifndef _RELIBC_TERMIOS_H
#define _RELIBC_TERMIOS_H

#include <bits/cdefs.h>
#include <bits/types.h>

__RELIBC_BEGIN_DECLS

#include <redox/abi/termios.h>

#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2
#define TCOOFF    0
#define TCOON     1
#define TCIOFF    2
#define TCION     3

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
speed_t cfgetispeed(const struct termios *t);
speed_t cfgetospeed(const struct termios *t);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);
void cfmakeraw(struct termios *t);
int tcdrain(int fd);

__RELIBC_END_DECLS

#endif
