/*
 * The compiled form of a regular expression (not public): a tree of
 * nodes, sequences linked through `next`, shared by regcomp.c (the
 * parser) and regexec.c (a backtracking matcher).
 */
#ifndef RELIBC_REGEX_INTERNAL_H
#define RELIBC_REGEX_INTERNAL_H

#include <regex.h>

enum re_type {
	RE_CHAR,    /* one byte (lower case under REG_ICASE) */
	RE_ANY,     /* . */
	RE_SET,     /* [...] as a 256-bit map */
	RE_BOL,     /* ^ */
	RE_EOL,     /* $ */
	RE_GROUP,   /* ( body ), capture `index` */
	RE_BACKREF, /* \n */
	RE_ALT,     /* body | alt */
	RE_REPEAT,  /* body{min,max}, max -1: no limit */
};

struct re_node {
	enum re_type type;
	struct re_node *next;  /* the rest of the sequence */
	struct re_node *chain; /* every node, for regfree */
	unsigned char c;
	int index, min, max;
	struct re_node *body, *alt;
	unsigned char set[32];
};

struct re_prog {
	struct re_node *start;
	struct re_node *nodes;
	int cflags;
};

#endif
