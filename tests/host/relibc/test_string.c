/*
 * string.h and strings.h: edge cases by hand, then random buffers with
 * random offsets and lengths compared with glibc (memcpy/memmove/memset
 * at every alignment, memcmp/strcmp signs, searching).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include "test.h"
#include "rl.h"

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void fixed_cases(void)
{
	char buf[64];
	CHECK_INT(rl_strlen(""), 0);
	CHECK_INT(rl_strlen("abc"), 3);
	CHECK_INT(rl_strnlen("abcdef", 3), 3);
	CHECK_STR(rl_strcpy(buf, "hello"), "hello");
	CHECK_STR(rl_strcat(buf, " world"), "hello world");
	CHECK_STR(rl_strncat(buf, "!!!", 1), "hello world!");
	CHECK(rl_stpcpy(buf, "xy") == buf + 2);
	memset(buf, 'q', sizeof buf);
	rl_strncpy(buf, "ab", 5);
	CHECK(!memcmp(buf, "ab\0\0\0q", 6));
	CHECK(rl_stpncpy(buf, "abc", 2) == buf + 2);
	CHECK_INT(rl_strlcpy(buf, "abcdef", 4), 6);
	CHECK_STR(buf, "abc");
	CHECK_INT(rl_strlcat(buf, "defgh", 6), 8);
	CHECK_STR(buf, "abcde");
	CHECK_INT(rl_strlcat(buf, "x", 3), 4); /* dst already fills size */
	CHECK(rl_strcmp("abc", "abd") < 0 && rl_strcmp("b", "a") > 0 && rl_strcmp("", "") == 0);
	CHECK(rl_strcmp("\xff", "a") > 0); /* compared as unsigned char */
	CHECK(rl_strncmp("abcX", "abcY", 3) == 0 && rl_strncmp("ab", "abc", 5) < 0);
	CHECK(rl_strcasecmp("HeLLo", "hello") == 0 && rl_strncasecmp("ABx", "aby", 2) == 0);
	CHECK(rl_strcasecmp("a", "B") < 0);
	const char *s = "hello world";
	CHECK(rl_strchr(s, 'o') == s + 4 && rl_strrchr(s, 'o') == s + 7);
	CHECK(rl_strchr(s, 0) == s + 11 && rl_strchr(s, 'z') == NULL);
	CHECK(rl_strchrnul(s, 'z') == s + 11);
	CHECK(rl_strstr(s, "wor") == s + 6 && rl_strstr(s, "") == s && !rl_strstr(s, "worlds"));
	CHECK(rl_strcasestr(s, "WORLD") == s + 6);
	CHECK_INT(rl_strspn("aabbcx", "abc"), 5);
	CHECK_INT(rl_strcspn("hello", "lo"), 2);
	CHECK(rl_strpbrk(s, "wd") == s + 6);
	CHECK(rl_memrchr(s, 'l', 11) == s + 9);
	CHECK(rl_memmem(s, 11, "o w", 3) == s + 4 && rl_memmem(s, 11, "", 0) == s);
	CHECK(rl_memccpy(buf, "abc:def", ':', 7) == buf + 4);
	CHECK(rl_mempcpy(buf, "abc", 3) == buf + 3);
	char t[] = "  a,b,,c  ";
	char *save, *tok = rl_strtok_r(t, " ,", &save);
	CHECK_STR(tok, "a");
	CHECK_STR(rl_strtok_r(NULL, " ,", &save), "b");
	CHECK_STR(rl_strtok_r(NULL, " ,", &save), "c");
	CHECK(rl_strtok_r(NULL, " ,", &save) == NULL);
	char t2[] = "x;y";
	CHECK_STR(rl_strtok(t2, ";"), "x");
	CHECK_STR(rl_strtok(NULL, ";"), "y");
	CHECK(rl_strtok(NULL, ";") == NULL);
	char t3[] = "a,,b";
	char *sp = t3;
	CHECK_STR(rl_strsep(&sp, ","), "a");
	CHECK_STR(rl_strsep(&sp, ","), "");
	CHECK_STR(rl_strsep(&sp, ","), "b");
	CHECK(sp == NULL && rl_strsep(&sp, ",") == NULL);
	char *d = rl_strdup("dup");
	CHECK_STR(d, "dup");
	rl_free(d);
	d = rl_strndup("abcdef", 3);
	CHECK_STR(d, "abc");
	rl_free(d);
	CHECK_STR(rl_strerror(ENOENT), "No such file or directory");
	CHECK_STR(rl_strerror(EWOULDBLOCK == 41 ? 41 : 41), "Operation would block");
	CHECK_STR(rl_strerror(0), "Success");
	CHECK_STR(rl_strerror(9999), "Unknown error");
	CHECK_INT(rl_strerror_r(EINVAL, buf, sizeof buf), 0);
	CHECK_STR(buf, "Invalid argument");
	CHECK_INT(rl_strerror_r(EINVAL, buf, 4), ERANGE);
	CHECK_STR(buf, "Inv");
	CHECK_INT(rl_ffs(0), 0);
	CHECK_INT(rl_ffs(0x80), 8);
	CHECK_INT(rl_ffsll(1LL << 40), 41);
	CHECK_INT(rl_strxfrm(buf, "abc", sizeof buf), 3);
}

static void random_cases(void)
{
	static unsigned char a[700], b[700], c[700];
	for (int i = 0; i < 20000; i++) {
		for (size_t k = 0; k < sizeof a; k++)
			a[k] = (unsigned char)t_rand();
		memcpy(b, a, sizeof a);
		memcpy(c, a, sizeof a);
		size_t n = t_rand() % 256, so = t_rand() % 64, d = t_rand() % 64;
		switch (i % 5) {
		case 0:
			rl_memcpy(b + d, a + 300 + so, n);
			memcpy(c + d, a + 300 + so, n);
			break;
		case 1: /* overlapping both ways */
			rl_memmove(b + d, b + so, n);
			memmove(c + d, c + so, n);
			break;
		case 2:
			rl_memset(b + d, (int)so, n);
			memset(c + d, (int)so, n);
			break;
		case 3: {
			memcpy(b + 300, b, 300);
			if (n && t_rand() % 2)
				b[300 + (t_rand() % n)] ^= 1u << (t_rand() % 8);
			CHECK_QUIET(sign(rl_memcmp(b, b + 300, n)) == sign(memcmp(b, b + 300, n)),
			            "memcmp n=%zu", n);
			memcpy(c, b, sizeof b);
			break;
		}
		default: {
			unsigned char ch = a[t_rand() % sizeof a];
			CHECK_QUIET(rl_memchr(a + so, ch, n) == memchr(a + so, ch, n), "memchr");
			CHECK_QUIET(rl_memrchr(a + so, ch, n) == memrchr(a + so, ch, n), "memrchr");
			break;
		}
		}
		CHECK_QUIET(!memcmp(b, c, sizeof b), "mem op %d n=%zu so=%zu d=%zu", i % 5, n, so,
		            d);
	}
	/* strings over a small alphabet so searches hit */
	char h[200], nd[8];
	for (int i = 0; i < 20000; i++) {
		size_t hl = t_rand() % 199, nl = t_rand() % 7;
		for (size_t k = 0; k < hl; k++)
			h[k] = (char)('a' + t_rand() % 3);
		h[hl] = 0;
		for (size_t k = 0; k < nl; k++)
			nd[k] = (char)('a' + t_rand() % 3);
		nd[nl] = 0;
		CHECK_QUIET(rl_strstr(h, nd) == strstr(h, nd), "strstr(%s, %s)", h, nd);
		CHECK_QUIET(rl_memmem(h, hl, nd, nl) == memmem(h, hl, nd, nl), "memmem");
		CHECK_QUIET(rl_strspn(h, nd) == strspn(h, nd) &&
		                rl_strcspn(h, nd) == strcspn(h, nd),
		            "strspn");
		CHECK_QUIET(sign(rl_strcmp(h, nd)) == sign(strcmp(h, nd)) &&
		                sign(rl_strncmp(h, nd, nl)) == sign(strncmp(h, nd, nl)),
		            "strcmp");
	}
}

/* strverscmp against glibc: its documented examples, then every pair of a
 * set of version-like strings. */
static void versions(void)
{
	static const char *const v[] = {
	    "",        "a",     "0",    "00",    "000",  "01",   "010", "09",    "1",
	    "9",       "10",    "100",  "1.01",  "1.1",  "1.10", "1.9", "file9", "file10",
	    "file010", "file0", "a1b2", "a1b10", "a01b", "x.00", "x.0", "x.9",   "2.6.39",
	    "2.6.4",   "abc",   "abd",  "0a",    "00a",  "1a",   "~1",
	};
	size_t n = sizeof v / sizeof v[0];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			CHECK_INT(sign(rl_strverscmp(v[i], v[j])), sign(strverscmp(v[i], v[j])));
	CHECK(rl_strverscmp("000", "00") < 0 && rl_strverscmp("00", "01") < 0 &&
	      rl_strverscmp("01", "010") < 0 && rl_strverscmp("010", "09") < 0 &&
	      rl_strverscmp("09", "0") < 0 && rl_strverscmp("0", "1") < 0 &&
	      rl_strverscmp("9", "10") < 0);
}

void test_string(void)
{
	fixed_cases();
	random_cases();
	versions();
}
