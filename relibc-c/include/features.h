/* features.h: feature-test macros. relibc-c offers POSIX 2008 with the
 * usual BSD and GNU extensions whatever is asked for, so nothing here
 * switches anything; the file exists because programs include it. */
#ifndef _RELIBC_FEATURES_H
#define _RELIBC_FEATURES_H

#define __RELIBC_C__ 1

#endif
