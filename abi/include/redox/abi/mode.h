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
#define MODE_PERM    0x0FFF

#endif
