/*
 * su [USER]: a shell as another user (root by default), after that user's
 * password unless the caller is root. Set-user-id root, like sudo. The
 * new shell gets the user's scheme list from /etc/login_schemes.toml as
 * far as the current session's allows (a namespace only narrows).
 */
#include "account.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define FAIL_DELAY_S 2

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "root";
	if (argc > 2) {
		fprintf(stderr, "usage: su [USER]\n");
		return 2;
	}
	struct account a;
	char hash[512] = "";
	int known = account_find(name, 0, &a) == 0 && account_shadow(name, hash, sizeof hash) == 0;
	if (getuid() != 0 && !(known && !hash[0])) {
		char password[256];
		if (read_password("Password: ", password, sizeof password) < 0)
			return 1;
		int ok = known && account_check_password(hash, password);
		explicit_bzero(password, sizeof password);
		if (!ok) {
			sleep(FAIL_DELAY_S);
			fprintf(stderr, "su: authentication failure\n");
			return 1;
		}
	} else if (!known) {
		fprintf(stderr, "su: user %s does not exist\n", name);
		return 1;
	}
	if (a.uid != 0 && account_enter_schemes(a.name, "su") < 0)
		return 1;
	if (account_become(&a, "su") < 0)
		return 1;
	char *shell_argv[] = {a.shell, 0};
	execv(a.shell, shell_argv);
	fprintf(stderr, "su: %s: %s\n", a.shell, strerror(errno));
	return 1;
}
