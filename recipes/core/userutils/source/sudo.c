/*
 * sudo COMMAND [ARGS]: run a command as root. Allowed for root and for
 * members of group `sudo` (/etc/group), after the caller's own password
 * (none asked when the account has none). Installed set-user-id root: the
 * kernel starts it with effective uid 0, and it makes that the real uid
 * only once the caller has been checked. The scheme list of the session
 * stays as login set it (a namespace only narrows).
 */
#include "account.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FAIL_DELAY_S 2

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: sudo COMMAND [ARGS...]\n");
		return 2;
	}
	uid_t uid = getuid();
	if (uid != 0) {
		struct account me;
		if (account_find(0, uid, &me) < 0) {
			fprintf(stderr, "sudo: uid %u has no account in %s\n", (unsigned)uid,
			        PASSWD_PATH);
			return 1;
		}
		if (!account_in_group(me.name, "sudo")) {
			fprintf(stderr, "sudo: %s is not in the sudo group\n", me.name);
			return 1;
		}
		char hash[512] = "";
		if (account_shadow(me.name, hash, sizeof hash) < 0) {
			fprintf(stderr, "sudo: %s has no line in %s\n", me.name, SHADOW_PATH);
			return 1;
		}
		if (hash[0]) {
			char prompt[128], password[256];
			snprintf(prompt, sizeof prompt, "[sudo] password for %s: ", me.name);
			if (read_password(prompt, password, sizeof password) < 0)
				return 1;
			int ok = account_check_password(hash, password);
			explicit_bzero(password, sizeof password);
			if (!ok) {
				sleep(FAIL_DELAY_S);
				fprintf(stderr, "sudo: incorrect password\n");
				return 1;
			}
		}
	}
	if (setregid(0, 0) < 0 || setreuid(0, 0) < 0) {
		fprintf(stderr, "sudo: cannot become root: %s (is sudo set-user-id root?)\n",
		        strerror(errno));
		return 1;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "sudo: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
