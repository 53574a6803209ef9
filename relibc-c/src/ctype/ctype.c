/*
 * Character classes of the C locale, from one table of class bits over
 * the 128 ASCII codes; EOF and bytes >= 128 are in no class.
 */
#include <ctype.h>

enum {
	C_UPPER = 1,
	C_LOWER = 2,
	C_DIGIT = 4,
	C_SPACE = 8,
	C_PUNCT = 16,
	C_CNTRL = 32,
	C_BLANK = 64,
	C_XDIGIT = 128,
};

static unsigned char class_of(int c)
{
	if (c < 0 || c > 127)
		return 0;
	unsigned char k = 0;
	if (c < 32 || c == 127)
		k |= C_CNTRL;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		k |= C_SPACE;
	if (c == ' ' || c == '\t')
		k |= C_BLANK;
	if (c >= 'A' && c <= 'Z')
		k |= C_UPPER;
	else if (c >= 'a' && c <= 'z')
		k |= C_LOWER;
	else if (c >= '0' && c <= '9')
		k |= C_DIGIT;
	else if (c > ' ' && c < 127)
		k |= C_PUNCT;
	if ((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f'))
		k |= C_XDIGIT;
	return k;
}

int isalnum(int c)
{
	return (class_of(c) & (C_UPPER | C_LOWER | C_DIGIT)) != 0;
}

int isalpha(int c)
{
	return (class_of(c) & (C_UPPER | C_LOWER)) != 0;
}

int isblank(int c)
{
	return (class_of(c) & C_BLANK) != 0;
}

int iscntrl(int c)
{
	return (class_of(c) & C_CNTRL) != 0;
}

int isdigit(int c)
{
	return (unsigned)c - '0' < 10;
}

int isgraph(int c)
{
	return (unsigned)c - 33 < 94;
}

int islower(int c)
{
	return (unsigned)c - 'a' < 26;
}

int isprint(int c)
{
	return (unsigned)c - 32 < 95;
}

int ispunct(int c)
{
	return (class_of(c) & C_PUNCT) != 0;
}

int isspace(int c)
{
	return c == ' ' || (unsigned)c - '\t' < 5;
}

int isupper(int c)
{
	return (unsigned)c - 'A' < 26;
}

int isxdigit(int c)
{
	return (class_of(c) & C_XDIGIT) != 0;
}

int isascii(int c)
{
	return (unsigned)c < 128;
}

int toascii(int c)
{
	return c & 127;
}

int tolower(int c)
{
	return isupper(c) ? c + 32 : c;
}

int toupper(int c)
{
	return islower(c) ? c - 32 : c;
}
