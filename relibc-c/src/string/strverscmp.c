/*
 * strverscmp (GNU): compare strings the way people order versions and
 * file names. Where the strings first differ inside a run of digits:
 *   - runs that do not start with '0' are integers: the longer run is the
 *     larger number ("file9" < "file10");
 *   - a run that starts with '0' is a fraction and compares digit by
 *     digit, and a run of only zeros so far sorts before any digit after
 *     it ("000" < "00" < "01" < "010" < "09" < "0" < "1" < "9" < "10").
 * Elsewhere the bytes compare as in strcmp.
 */
#include <ctype.h>
#include <string.h>

static size_t digits_from(const unsigned char *s)
{
	size_t n = 0;
	while (isdigit(s[n]))
		n++;
	return n;
}

int strverscmp(const char *a0, const char *b0)
{
	const unsigned char *a = (const unsigned char *)a0, *b = (const unsigned char *)b0;
	size_t at = 0, run = 0; /* run: where the digit run holding `at` starts */
	while (a[at] == b[at]) {
		if (!a[at])
			return 0;
		if (!isdigit(a[at]))
			run = at + 1;
		at++;
	}
	int ca = a[at], cb = b[at];
	int in_run = run < at || (isdigit(ca) && isdigit(cb));
	if (!in_run)
		return ca - cb;
	if (a[run] != '0' && b[run] != '0') {
		size_t na = digits_from(a + at), nb = digits_from(b + at);
		if (na != nb)
			return na > nb ? 1 : -1;
		return ca - cb;
	}
	int zeros_only = run < at;
	for (size_t k = run; k < at; k++)
		zeros_only &= a[k] == '0';
	if (zeros_only && (isdigit(ca) || isdigit(cb))) {
		/* after leading zeros, a digit sorts before the run's end */
		int da = isdigit(ca) ? ca - '0' : 10, db = isdigit(cb) ? cb - '0' : 10;
		return da - db;
	}
	return ca - cb;
}
