/*
 * One hex digit's value, for every parser of hex text in the tree (GUIDs,
 * password hashes, TOML escapes). Header-only: it builds freestanding (the
 * bootloader), on the host and against relibc-c alike.
 */
#ifndef COMMON_FMT_HEX_H
#define COMMON_FMT_HEX_H

/* 0-15 for [0-9a-fA-F], -1 for anything else. */
static inline int hex_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
