/*
 * Error messages, built from the ABI's errno_list.h so that numbers and
 * messages have one source.
 */
#include <string.h>
#include <errno.h>

static const char *const messages[REDOX_ERRNO_LAST + 1] = {
    [0] = "Success",
#define X(name, text) [name] = text,
#include <redox/abi/errno_list.h>
#undef X
};

static const char *lookup(int errnum)
{
	if (errnum >= 0 && errnum <= REDOX_ERRNO_LAST && messages[errnum])
		return messages[errnum];
	return NULL;
}

char *strerror(int errnum)
{
	const char *m = lookup(errnum);
	return (char *)(m ? m : "Unknown error");
}

int strerror_r(int errnum, char *buf, size_t len)
{
	const char *m = lookup(errnum);
	int ret = 0;
	if (!m) {
		m = "Unknown error";
		ret = EINVAL;
	}
	size_t n = strlen(m);
	if (len == 0)
		return ERANGE;
	if (n >= len) {
		memcpy(buf, m, len - 1);
		buf[len - 1] = 0;
		return ERANGE;
	}
	memcpy(buf, m, n + 1);
	return ret;
}
