/* paths.h: where standard files are on this system. Devices are schemes
 * (null:, debug:) rather than files under /dev. */
#ifndef _RELIBC_PATHS_H
#define _RELIBC_PATHS_H

#define _PATH_BSHELL  "/bin/sh"
#define _PATH_DEFPATH "/usr/bin:/bin"
#define _PATH_STDPATH "/usr/bin:/bin:/usr/sbin:/sbin"
#define _PATH_DEVNULL "null:"
#define _PATH_TTY     "tty:"
#define _PATH_CONSOLE "debug:"
#define _PATH_PASSWD  "/etc/passwd"
#define _PATH_GROUP   "/etc/group"
#define _PATH_SHADOW  "/etc/shadow"
#define _PATH_TMP     "/tmp/"
#define _PATH_VARTMP  "/var/tmp/"
#define _PATH_VARRUN  "/var/run/"
#define _PATH_MAILDIR "/var/mail"
#define _PATH_DEV     "/dev/"

#endif
