/*
 * getopt, getopt_long and getopt_long_only, GNU style: by default the
 * operands met before later options are skipped and, when parsing ends,
 * moved after the options (so `cmd file -v` works); a leading '+' in the
 * option string (or POSIXLY_CORRECT) stops at the first operand, a
 * leading '-' returns operands as option 1. A ':' after that silences
 * messages and reports a missing argument as ':'.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt = '?';

static struct {
	const char *next;                /* rest of a cluster of short options, or NULL */
	int first_operand, last_operand; /* the skipped operands: [first, last) */
	int started;
} st;

enum order { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static void complain(char *const argv[], const char *fmt, const char *what, int c)
{
	char msg[256];
	int n;
	if (what)
		n = snprintf(msg, sizeof msg, fmt, argv[0], what);
	else
		n = snprintf(msg, sizeof msg, fmt, argv[0], c);
	if (n > 0)
		write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
}

/* moves the operand block [first, last) after the options in [last, optind) */
static void exchange(char *const argv_in[])
{
	char **argv = (char **)argv_in;
	int first = st.first_operand, last = st.last_operand;
	/* rotate by reversing the two blocks and then the whole */
	for (int a = first, b = last - 1; a < b; a++, b--) {
		char *t = argv[a];
		argv[a] = argv[b];
		argv[b] = t;
	}
	for (int a = last, b = optind - 1; a < b; a++, b--) {
		char *t = argv[a];
		argv[a] = argv[b];
		argv[b] = t;
	}
	for (int a = first, b = optind - 1; a < b; a++, b--) {
		char *t = argv[a];
		argv[a] = argv[b];
		argv[b] = t;
	}
	st.first_operand = optind - (last - first);
	st.last_operand = optind;
}

static int is_option(const char *s)
{
	return s[0] == '-' && s[1] != 0;
}

static int long_option(int argc, char *const argv[], const char *arg, const struct option *lo,
                       int *longindex, int colon, int dashes)
{
	const char *name = arg, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	int found = -1, ambiguous = 0;
	for (int i = 0; lo[i].name; i++) {
		if (strncmp(lo[i].name, name, len))
			continue;
		if (strlen(lo[i].name) == len) {
			found = i; /* an exact match wins over prefixes */
			ambiguous = 0;
			break;
		}
		if (found < 0)
			found = i;
		else if (lo[i].has_arg != lo[found].has_arg || lo[i].flag != lo[found].flag ||
		         lo[i].val != lo[found].val)
			ambiguous = 1;
	}
	const char *dash = dashes == 2 ? "--" : "-";
	char shown[128];
	snprintf(shown, sizeof shown, "%s%.*s", dash, (int)(len < 100 ? len : 100), name);
	optind++;
	if (ambiguous) {
		if (opterr && !colon)
			complain(argv, "%s: option '%s' is ambiguous\n", shown, 0);
		optopt = 0;
		return '?';
	}
	if (found < 0) {
		if (opterr && !colon)
			complain(argv, "%s: unrecognized option '%s'\n", shown, 0);
		optopt = 0;
		return '?';
	}
	const struct option *o = &lo[found];
	optarg = NULL;
	if (eq) {
		if (o->has_arg == no_argument) {
			if (opterr && !colon)
				complain(argv, "%s: option '%s' doesn't allow an argument\n", shown,
				         0);
			optopt = o->flag ? 0 : o->val;
			return '?';
		}
		optarg = (char *)eq + 1;
	} else if (o->has_arg == required_argument) {
		if (optind >= argc) {
			if (opterr && !colon)
				complain(argv, "%s: option '%s' requires an argument\n", shown, 0);
			optopt = o->flag ? 0 : o->val;
			return colon ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	if (longindex)
		*longindex = found;
	if (o->flag) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

static int short_option(int argc, char *const argv[], const char *opts, int colon)
{
	int c = (unsigned char)*st.next++;
	const char *spec = c != ':' && c != '-' ? strchr(opts, c) : NULL;
	int last_in_cluster = *st.next == 0;
	if (!spec) {
		if (last_in_cluster) {
			optind++;
			st.next = NULL;
		}
		if (opterr && !colon)
			complain(argv, "%s: invalid option -- '%c'\n", NULL, c);
		optopt = c;
		return '?';
	}
	optarg = NULL;
	if (spec[1] == ':') {
		if (!last_in_cluster) {
			optarg = (char *)st.next; /* -ofile */
		} else if (spec[2] != ':') {
			if (optind + 1 >= argc) {
				optind++;
				st.next = NULL;
				if (opterr && !colon)
					complain(argv, "%s: option requires an argument -- '%c'\n",
					         NULL, c);
				optopt = c;
				return colon ? ':' : '?';
			}
			optarg = argv[optind + 1]; /* -o file */
			optind++;
		}
		optind++;
		st.next = NULL;
		return c;
	}
	if (last_in_cluster) {
		optind++;
		st.next = NULL;
	}
	return c;
}

static int parse(int argc, char *const argv[], const char *opts, const struct option *lo,
                 int *longindex, int long_only)
{
	if (optind == 0 || !st.started) {
		/* (re)start: optind = 0 asks for it */
		if (optind == 0)
			optind = 1;
		st.next = NULL;
		st.first_operand = st.last_operand = optind;
		st.started = 1;
	}
	enum order order = PERMUTE;
	if (*opts == '+' || getenv("POSIXLY_CORRECT"))
		order = REQUIRE_ORDER;
	if (*opts == '-')
		order = RETURN_IN_ORDER;
	if (*opts == '+' || *opts == '-')
		opts++;
	int colon = *opts == ':';
	optarg = NULL;
	if (st.next && *st.next)
		return short_option(argc, argv, opts, colon);
	if (order == PERMUTE) {
		if (st.last_operand != optind && st.first_operand != st.last_operand)
			exchange(argv);
		else if (st.first_operand == st.last_operand)
			st.first_operand = st.last_operand = optind;
		while (optind < argc && !is_option(argv[optind]))
			optind++;
		st.last_operand = optind;
	}
	if (optind < argc && !strcmp(argv[optind], "--")) {
		/* the skipped operands go after "--", in front of the rest */
		optind++;
		if (order == PERMUTE && st.first_operand != st.last_operand) {
			exchange(argv);
			optind = st.first_operand;
		}
		st.started = 0;
		return -1;
	}
	if (optind >= argc) {
		if (order == PERMUTE && st.first_operand != st.last_operand)
			optind = st.first_operand;
		st.started = 0;
		return -1;
	}
	const char *arg = argv[optind];
	if (!is_option(arg)) {
		if (order == RETURN_IN_ORDER) {
			optarg = (char *)arg;
			optind++;
			return 1;
		}
		st.started = 0;
		return -1;
	}
	if (lo && arg[1] == '-')
		return long_option(argc, argv, arg + 2, lo, longindex, colon, 2);
	if (lo && long_only) {
		/* -name is long if it matches one; else the short options */
		const char *name = arg + 1;
		size_t len = strcspn(name, "=");
		for (int i = 0; lo[i].name; i++) {
			if (!strncmp(lo[i].name, name, len) &&
			    (len > 1 || strlen(lo[i].name) == 1 || !strchr(opts, name[0])))
				return long_option(argc, argv, name, lo, longindex, colon, 1);
		}
		/* not a long option and not a short one either: report it whole */
		if (!strchr(opts, name[0]) || name[0] == ':')
			return long_option(argc, argv, name, lo, longindex, colon, 1);
	}
	st.next = arg + 1;
	return short_option(argc, argv, opts, colon);
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	return parse(argc, argv, optstring, NULL, NULL, 0);
}

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longindex)
{
	return parse(argc, argv, optstring, longopts, longindex, 0);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longindex)
{
	return parse(argc, argv, optstring, longopts, longindex, 1);
}
