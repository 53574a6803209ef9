/*
 * ctype.h against glibc's C locale for every byte and EOF; wide strings;
 * UTF-8 conversion of every code point and of malformed input.
 */
#include <ctype.h>
#include <string.h>
#include <errno.h>
#include <wchar.h>
#include "test.h"
#include "rl.h"

static void ctype_cases(void)
{
	static int (*const ours[])(int) = {rl_isalnum, rl_isalpha, rl_isblank, rl_iscntrl,
	                                   rl_isdigit, rl_isgraph, rl_islower, rl_isprint,
	                                   rl_ispunct, rl_isspace, rl_isupper, rl_isxdigit};
	static int (*const theirs[])(int) = {isalnum, isalpha, isblank, iscntrl, isdigit, isgraph,
	                                     islower, isprint, ispunct, isspace, isupper, isxdigit};
	for (int c = -1; c < 256; c++) {
		for (size_t f = 0; f < sizeof ours / sizeof ours[0]; f++)
			CHECK_QUIET(!ours[f](c) == !theirs[f](c), "class %zu of %d", f, c);
		CHECK_QUIET(rl_tolower(c) == tolower(c) && rl_toupper(c) == toupper(c), "case %d",
		            c);
	}
}

static void wide_cases(void)
{
	const wchar_t *w = L"wide string";
	CHECK_INT(rl_wcslen(w), 11);
	CHECK(rl_wcschr(w, L's') == w + 5);
	CHECK(rl_wcsstr(w, L"str") == w + 5);
	CHECK(rl_wcscmp(L"abc", L"abd") < 0 && rl_wcscmp(L"\x10000", L"a") > 0);
	wchar_t buf[32];
	rl_wcscpy(buf, w);
	CHECK(!wcscmp(buf, w));
}

static void utf8_cases(void)
{
	char mb[8];
	wchar_t wc;
	rl_mbstate_t st = {0, 0};
	/* every code point round trips and matches glibc's C.UTF-8 encoding rules */
	for (unsigned cp = 0; cp <= 0x10ffff; cp += (cp < 0x3000 ? 1 : 97)) {
		size_t n = rl_wcrtomb(mb, (wchar_t)cp, &st);
		if (cp >= 0xd800 && cp <= 0xdfff) {
			CHECK_QUIET(n == (size_t)-1, "surrogate %x encoded", cp);
			continue;
		}
		size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		size_t back = rl_mbrtowc(&wc, mb, n, &st);
		CHECK_QUIET(n == want && back == (cp ? n : 0) && (unsigned)wc == cp, "cp %x", cp);
	}
	/* byte at a time */
	const char *euro = "\xe2\x82\xac";
	CHECK_INT(rl_mbrtowc(&wc, euro, 1, &st), -2);
	CHECK_INT(rl_mbrtowc(&wc, euro + 1, 1, &st), -2);
	CHECK_INT(rl_mbrtowc(&wc, euro + 2, 1, &st), 1);
	CHECK_INT(wc, 0x20ac);
	static const char *const bad[] = {
	    "\x80",         "\xc0\x80",         "\xc1\xbf",         "\xe0\x80\x80",
	    "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe2\x28\xa1",
	    "\xff"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rl_mbstate_t s = {0, 0};
		rl_errno = 0;
		CHECK(rl_mbrtowc(&wc, bad[i], strlen(bad[i]), &s) == (size_t)-1 &&
		      rl_errno == EILSEQ);
	}
	wchar_t wbuf[16];
	CHECK_INT(rl_mbstowcs(wbuf, "a\xc3\xa9\xf0\x9f\x98\x80", 16), 3);
	CHECK(wbuf[0] == 'a' && wbuf[1] == 0xe9 && wbuf[2] == 0x1f600 && wbuf[3] == 0);
	char out[16];
	CHECK_INT(rl_wcstombs(out, wbuf, sizeof out), 7);
	CHECK_STR(out, "a\xc3\xa9\xf0\x9f\x98\x80");
	CHECK_INT(rl_wcstombs(NULL, wbuf, 0), 7);
	CHECK_INT(rl_mbtowc(&wc, "\xc3\xa9", 2), 2);
	CHECK_STR(rl_setlocale(0, ""), "C");
	CHECK(rl_setlocale(0, "de_DE") == NULL);
}

void test_ctype_wchar(void)
{
	ctype_cases();
	wide_cases();
	utf8_cases();
}
