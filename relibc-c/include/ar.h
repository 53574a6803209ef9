/*
 * ar.h: the layout of ar(1) archives (static libraries): the magic
 * string, then for each member a header of fixed-width text fields.
 */
#ifndef _RELIBC_AR_H
#define _RELIBC_AR_H

#define ARMAG  "!<arch>\n"
#define SARMAG 8
#define ARFMAG "`\n"

struct ar_hdr {
	char ar_name[16]; /* member name, '/'-terminated in the GNU/SysV form */
	char ar_date[12]; /* modification time, decimal */
	char ar_uid[6];
	char ar_gid[6];
	char ar_mode[8];  /* octal */
	char ar_size[10]; /* bytes, decimal */
	char ar_fmag[2];  /* ARFMAG */
};

#endif
