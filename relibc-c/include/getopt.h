/*
 * getopt.h: command-line option parsing, GNU style (arguments are
 * permuted so options may follow operands, unless the option string
 * starts with '+' or POSIXLY_CORRECT is set), with long options.
 */
#ifndef _RELIBC_GETOPT_H
#define _RELIBC_GETOPT_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

extern char *optarg;
extern int optind, opterr, optopt;

struct option {
	const char *name;
	int has_arg;
	int *flag;
	int val;
};

#define no_argument       0
#define required_argument 1
#define optional_argument 2

int getopt(int argc, char *const argv[], const char *optstring);
int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longindex);
int getopt_long_only(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longindex);

__RELIBC_END_DECLS

#endif
