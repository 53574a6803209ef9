/*
 * getenv/setenv/unsetenv/putenv/clearenv over `environ`, starting from
 * a start-up style array the library does not own.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "test.h"
#include "rl.h"

static int count_env(void)
{
	int n = 0;
	while (rl_environ && rl_environ[n])
		n++;
	return n;
}

void test_env(void)
{
	static char *initial[] = {"HOME=/home/user", "PATH=/bin", "EMPTY=", "A=1", NULL};
	rl_environ = initial;
	CHECK_STR(rl_getenv("HOME"), "/home/user");
	CHECK_STR(rl_getenv("EMPTY"), "");
	CHECK(rl_getenv("HOM") == NULL && rl_getenv("HOME=") == NULL && rl_getenv("NOPE") == NULL);
	CHECK_INT(rl_setenv("PATH", "/usr/bin", 0), 0);
	CHECK_STR(rl_getenv("PATH"), "/bin");
	CHECK_INT(rl_setenv("PATH", "/usr/bin", 1), 0);
	CHECK_STR(rl_getenv("PATH"), "/usr/bin");
	CHECK_STR(initial[1], "PATH=/bin"); /* the start-up array is not written */
	CHECK_INT(rl_setenv("NEW", "v", 0), 0);
	CHECK_STR(rl_getenv("NEW"), "v");
	CHECK_INT(count_env(), 5);
	for (int i = 0; i < 200; i++) {
		char name[16];
		snprintf(name, sizeof name, "V%d", i);
		rl_setenv(name, name, 1);
	}
	CHECK_INT(count_env(), 205);
	CHECK_STR(rl_getenv("V123"), "V123");
	for (int i = 0; i < 200; i++) {
		char name[16];
		snprintf(name, sizeof name, "V%d", i);
		rl_unsetenv(name);
	}
	CHECK_INT(count_env(), 5);
	rl_errno = 0;
	CHECK(rl_setenv("BAD=NAME", "x", 1) == -1 && rl_errno == EINVAL);
	CHECK(rl_setenv("", "x", 1) == -1);
	static char put[] = "PUT=yes";
	CHECK_INT(rl_putenv(put), 0);
	CHECK_STR(rl_getenv("PUT"), "yes");
	put[4] = 'n'; /* putenv keeps the caller's string itself */
	CHECK_STR(rl_getenv("PUT"), "nes");
	CHECK_INT(rl_unsetenv("A"), 0);
	CHECK(rl_getenv("A") == NULL);
	CHECK_STR(rl_getenv("HOME"), "/home/user");
	CHECK_INT(rl_clearenv(), 0);
	CHECK(rl_getenv("HOME") == NULL && count_env() == 0);
	CHECK_INT(rl_setenv("AFTER", "1", 0), 0);
	CHECK_STR(rl_getenv("AFTER"), "1");
	rl_clearenv();
}
