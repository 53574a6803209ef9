/*
 * Wide character classes: ASCII as in ctype.h; every other valid code
 * point from U+00A0 up counts as a printable letter so that non-ASCII
 * text is treated as text.
 */
#include <wctype.h>
#include <ctype.h>
#include <string.h>

static int other(wint_t c)
{
	return c >= 0xa0 && c <= 0x10ffff && (c < 0xd800 || c > 0xdfff);
}

int iswalnum(wint_t c)
{
	return c < 128 ? isalnum((int)c) : other(c);
}

int iswalpha(wint_t c)
{
	return c < 128 ? isalpha((int)c) : other(c);
}

int iswblank(wint_t c)
{
	return c < 128 && isblank((int)c);
}

int iswcntrl(wint_t c)
{
	return c < 128 ? iscntrl((int)c) : (c >= 0x80 && c < 0xa0);
}

int iswdigit(wint_t c)
{
	return c - '0' < 10;
}

int iswgraph(wint_t c)
{
	return c < 128 ? isgraph((int)c) : other(c);
}

int iswlower(wint_t c)
{
	return c < 128 && islower((int)c);
}

int iswprint(wint_t c)
{
	return c < 128 ? isprint((int)c) : other(c);
}

int iswpunct(wint_t c)
{
	return c < 128 && ispunct((int)c);
}

int iswspace(wint_t c)
{
	return c < 128 && isspace((int)c);
}

int iswupper(wint_t c)
{
	return c < 128 && isupper((int)c);
}

int iswxdigit(wint_t c)
{
	return c < 128 && isxdigit((int)c);
}

wint_t towlower(wint_t c)
{
	return c < 128 ? (wint_t)tolower((int)c) : c;
}

wint_t towupper(wint_t c)
{
	return c < 128 ? (wint_t)toupper((int)c) : c;
}

static const char *const class_names[] = {
    "alnum", "alpha", "blank", "cntrl", "digit", "graph",
    "lower", "print", "punct", "space", "upper", "xdigit",
};
static int (*const class_funcs[])(wint_t) = {
    iswalnum, iswalpha, iswblank, iswcntrl, iswdigit, iswgraph,
    iswlower, iswprint, iswpunct, iswspace, iswupper, iswxdigit,
};

wctype_t wctype(const char *name)
{
	for (size_t i = 0; i < sizeof class_names / sizeof class_names[0]; i++) {
		if (!strcmp(name, class_names[i]))
			return i + 1;
	}
	return 0;
}

int iswctype(wint_t c, wctype_t t)
{
	if (t == 0 || t > sizeof class_funcs / sizeof class_funcs[0])
		return 0;
	return class_funcs[t - 1](c);
}
