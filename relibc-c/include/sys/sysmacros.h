/* sys/sysmacros.h: device numbers split into major and minor (Linux's
 * 64-bit encoding, which st_rdev values of this system follow). */
#ifndef _RELIBC_SYS_SYSMACROS_H
#define _RELIBC_SYS_SYSMACROS_H

#define major(dev) ((unsigned)((((dev) >> 32) & 0xfffff000u) | (((dev) >> 8) & 0xfffu)))
#define minor(dev) ((unsigned)((((dev) >> 12) & 0xffffff00u) | ((dev)&0xffu)))
#define makedev(ma, mi)                                                                            \
	((((unsigned long long)(ma)&0xfffff000ull) << 32) |                                        \
	 (((unsigned long long)(ma)&0xfffull) << 8) |                                              \
	 (((unsigned long long)(mi)&0xffffff00ull) << 12) | ((unsigned long long)(mi)&0xffull))

#endif
