/*
 * regcomp/regexec against glibc: whether each pattern compiles, whether
 * it matches, where the whole match is (leftmost-longest), and where the
 * groups are for patterns whose POSIX submatch rules leave no choice.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include "test.h"
#include "rl.h"

typedef struct {
	size_t re_nsub;
	void *prog;
	int cflags;
} rl_regex_t;
typedef struct {
	long so, eo;
} rl_regmatch_t;
int rl_regcomp(rl_regex_t *re, const char *pattern, int cflags);
int rl_regexec(const rl_regex_t *re, const char *s, size_t n, rl_regmatch_t *m, int eflags);
size_t rl_regerror(int err, const rl_regex_t *re, char *buf, size_t len);
void rl_regfree(rl_regex_t *re);

static const struct {
	const char *re, *s;
	int cflags, eflags, groups; /* groups: compare this many submatches too */
} cases[] = {
    {"abc", "xxabcxx", 0, 0, 0},
    {"a.c", "abc a\nc", 0, 0, 0},
    {"a*", "baaa", 0, 0, 0},
    {"^a*", "aaab", 0, 0, 0},
    {"b*$", "abbb", 0, 0, 0},
    {"\\(ab\\)*c", "xababc", 0, 0, 1},
    {"\\(a\\)\\(b\\)\\1\\2", "zabab", 0, 0, 2},
    {"a\\{2,3\\}", "aaaa", 0, 0, 0},
    {"a\\{2\\}b", "aab", 0, 0, 0},
    {"a\\{,2\\}b", "aaab", 0, 0, 0},
    {"[[:digit:]]\\+", "ab123c", 0, 0, 0},
    {"x\\|yz", "ayz", 0, 0, 0},
    {"*a", "x*a", 0, 0, 0},
    {"^*a", "*a", 0, 0, 0},
    {"a^b", "a^b", 0, 0, 0},
    {"a$b", "a$b", 0, 0, 0},
    {"[]a]", "x]", 0, 0, 0},
    {"[^]a]", "]ab", 0, 0, 0},
    {"[a-c-]", "x-", 0, 0, 0},
    {"a|ab|abc", "xabcd", REG_EXTENDED, 0, 0},
    {"(a|ab)(c|bcd)", "abcd", REG_EXTENDED, 0, 0},
    {"(a+)(b+)", "xaabbb", REG_EXTENDED, 0, 2},
    {"([a-z]+)@([a-z]+)\\.com", "mail bob@example.com now", REG_EXTENDED, 0, 2},
    {"colou?r", "my color", REG_EXTENDED, 0, 0},
    {"a{3}", "aaaa", REG_EXTENDED, 0, 0},
    {"a{2,}", "aaaaa", REG_EXTENDED, 0, 0},
    {"(ab){2}", "abababa", REG_EXTENDED, 0, 1},
    {"^$", "", REG_EXTENDED, 0, 0},
    {"^abc$", "abc", REG_EXTENDED, REG_NOTBOL, 0},
    {"abc$", "abc", REG_EXTENDED, REG_NOTEOL, 0},
    {"^b", "a\nb", REG_EXTENDED | REG_NEWLINE, 0, 0},
    {"a$", "a\nb", REG_EXTENDED | REG_NEWLINE, 0, 0},
    {"a.b", "a\nb", REG_EXTENDED | REG_NEWLINE, 0, 0},
    {"a[^x]b", "a\nb", REG_EXTENDED | REG_NEWLINE, 0, 0},
    {"hello", "Say HeLLo", REG_EXTENDED | REG_ICASE, 0, 0},
    {"[a-c]+", "xxBCAd", REG_EXTENDED | REG_ICASE, 0, 0},
    {"[[:upper:]]+", "abcDEF", REG_EXTENDED, 0, 0},
    {"[[:space:][:punct:]]+", "a ,.;b", REG_EXTENDED, 0, 0},
    {"(a*)*", "b", REG_EXTENDED, 0, 0},
    {"(a*)+b", "aab", REG_EXTENDED, 0, 0},
    {"(.*)=(.*)", "key=value", REG_EXTENDED, 0, 2},
    {"x(y|z)*w", "xyzzyw", REG_EXTENDED, 0, 0},
    {"\\.", "a.b", REG_EXTENDED, 0, 0},
    {"a\\|b", "a|b", REG_EXTENDED, 0, 0},
    {"(foo|foobar)baz", "foobarbaz", REG_EXTENDED, 0, 1},
    {"[0-9]+\\.[0-9]*", "pi is 3.14159!", REG_EXTENDED, 0, 0},
    {"a{,3}", "a{,3}", REG_EXTENDED, 0, 0},
    {"(a)|b", "b", REG_EXTENDED, 0, 1},
    {"([ab])\\1", "abba", REG_EXTENDED, 0, 1},
    {"nomatch", "something else", REG_EXTENDED, 0, 0},
};

static const struct {
	const char *re;
	int cflags;
} bad[] = {
    {"a\\", 0},
    {"[abc", 0},
    {"\\(a", 0},
    {"a\\{1", 0},
    {"a\\{2,1\\}", 0},
    {"\\1", 0},
    {"[[:nope:]]", 0},
    {"[z-a]", 0},
    {"(a", REG_EXTENDED},
    {"a)", REG_EXTENDED},
    {"a{1,2", REG_EXTENDED},
    {"a{300}", REG_EXTENDED},
    {"(a)\\2", REG_EXTENDED},
};

void test_regex(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rl_regex_t r;
		regex_t g;
		int rc = rl_regcomp(&r, cases[i].re, cases[i].cflags);
		int gc = regcomp(&g, cases[i].re, cases[i].cflags);
		CHECK_QUIET(rc == gc, "regcomp(%s): %d vs glibc %d", cases[i].re, rc, gc);
		if (rc || gc) {
			if (!rc)
				rl_regfree(&r);
			if (!gc)
				regfree(&g);
			continue;
		}
		CHECK_QUIET(r.re_nsub == g.re_nsub, "re_nsub(%s)", cases[i].re);
		rl_regmatch_t rm[4];
		regmatch_t gm[4];
		int re = rl_regexec(&r, cases[i].s, 4, rm, cases[i].eflags);
		int ge = regexec(&g, cases[i].s, 4, gm, cases[i].eflags);
		CHECK_QUIET(re == ge, "regexec(%s, %s): %d vs glibc %d", cases[i].re, cases[i].s,
		            re, ge);
		for (int k = 0; !re && !ge && k <= cases[i].groups; k++)
			CHECK_QUIET(rm[k].so == gm[k].rm_so && rm[k].eo == gm[k].rm_eo,
			            "regexec(%s, %s)[%d]: %ld-%ld vs glibc %d-%d", cases[i].re,
			            cases[i].s, k, rm[k].so, rm[k].eo, gm[k].rm_so, gm[k].rm_eo);
		rl_regfree(&r);
		regfree(&g);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rl_regex_t r;
		int rc = rl_regcomp(&r, bad[i].re, bad[i].cflags);
		CHECK_QUIET(rc != 0, "regcomp(%s) should fail", bad[i].re);
		if (!rc)
			rl_regfree(&r);
	}
	rl_regex_t r;
	char msg[64];
	CHECK(rl_regcomp(&r, "(x", REG_EXTENDED) == REG_EPAREN);
	CHECK(rl_regerror(REG_EPAREN, &r, msg, sizeof msg) > 5 && strstr(msg, "("));
	/* REG_NOSUB: only whether it matches */
	CHECK(rl_regcomp(&r, "b+", REG_EXTENDED | REG_NOSUB) == 0 && r.re_nsub == 0);
	CHECK(rl_regexec(&r, "abbbc", 0, NULL, 0) == 0 &&
	      rl_regexec(&r, "ac", 0, NULL, 0) == REG_NOMATCH);
	rl_regfree(&r);
	/* a long line through ".*" stays shallow */
	static char line[200001];
	memset(line, 'x', sizeof line - 1);
	rl_regmatch_t m;
	CHECK(rl_regcomp(&r, "^x.*x$", REG_EXTENDED) == 0 && rl_regexec(&r, line, 1, &m, 0) == 0 &&
	      m.eo == 200000);
	rl_regfree(&r);
	/* a pathological pattern ends with REG_ESPACE, not a hang */
	CHECK(rl_regcomp(&r, "(x+x+)+y", REG_EXTENDED) == 0);
	CHECK(rl_regexec(&r, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 1, &m, 0) == REG_ESPACE);
	rl_regfree(&r);
}
