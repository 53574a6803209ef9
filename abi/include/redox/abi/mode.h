/*
 * File type and permission bits (Stat.mode), apart from the other flags
 * so host tools can use them beside the host's own <fcntl.h>.
 */
#ifndef REDOX_ABI_MODE_H
#define REDOX_ABI_MODE_H

#define MODE_TYPE    0xF000
#define MODE_DIR     0x4000
#define MODE_FILE    0x8000
#define MODE_SYMLINK 0xA000
#define MODE_FIFO    0x1000
#define MODE_CHR     0x2000
#define MODE_BLK     0x6000
#define MODE_SOCK    0xC000
#define MODE_SETUID  0x0800 /* 04000: exec runs as the file's owner */
#define MODE_SETGID  0x0400 /* 02000: exec runs with the file's group */
#define MODE_STICKY  0x0200 /* 01000: only owners unlink in this folder */
#define MODE_PERM    0x0FFF

#endif
