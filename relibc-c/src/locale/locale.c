/*
 * The one locale: "C" (also called "POSIX", and what "" selects), with
 * UTF-8 as its multibyte encoding.
 */
#include <locale.h>
#include <string.h>
#include <limits.h>

char *setlocale(int category, const char *locale)
{
	if (category < 0 || category > LC_ALL)
		return NULL;
	if (!locale || !*locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX") ||
	    !strcmp(locale, "C.UTF-8"))
		return (char *)"C";
	return NULL;
}

static struct lconv c_lconv = {
    .decimal_point = ".",
    .thousands_sep = "",
    .grouping = "",
    .int_curr_symbol = "",
    .currency_symbol = "",
    .mon_decimal_point = "",
    .mon_thousands_sep = "",
    .mon_grouping = "",
    .positive_sign = "",
    .negative_sign = "",
    .int_frac_digits = CHAR_MAX,
    .frac_digits = CHAR_MAX,
    .p_cs_precedes = CHAR_MAX,
    .p_sep_by_space = CHAR_MAX,
    .n_cs_precedes = CHAR_MAX,
    .n_sep_by_space = CHAR_MAX,
    .p_sign_posn = CHAR_MAX,
    .n_sign_posn = CHAR_MAX,
    .int_p_cs_precedes = CHAR_MAX,
    .int_p_sep_by_space = CHAR_MAX,
    .int_n_cs_precedes = CHAR_MAX,
    .int_n_sep_by_space = CHAR_MAX,
    .int_p_sign_posn = CHAR_MAX,
    .int_n_sign_posn = CHAR_MAX,
};

struct lconv *localeconv(void)
{
	return &c_lconv;
}
