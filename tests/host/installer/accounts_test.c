/*
 * Host unit tests for installer/accounts.c and installer/stage.c: the
 * passwd/group/shadow lines, id assignment, that shadow never holds a
 * password's text and that its hashes verify, reproducible salts under
 * SOURCE_DATE_EPOCH, and what `stage` writes (files, modes, METAFILE).
 */
#include "accounts.h"
#include "../check.h"
#include "config.h"
#include "crypto/password.h"
#include "stage.h"
#include "util.h"

#include <argon2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/accounts_test.XXXXXX";

static char *put(const char *name, const char *text)
{
	char *path = path_join(tmpdir, name);
	char err[ERR_MAX];
	if (write_file_atomic(path, text, strlen(text), 0644, err) < 0) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	return path;
}

static const char BASE[] = "[users.root]\npassword = \"password\"\nuid = 0\ngid = 0\n"
                           "[users.user]\npassword = \"\"\n"
                           "[users.alice]\npassword = \"s3cret;x\"\nname = \"Alice A\"\n"
                           "shell = \"/usr/bin/lua\"\n"
                           "[users.bob]\nuid = 1000\nhome = \"/srv/bob\"\n"
                           "[groups.sudo]\ngid = 1\nmembers = [\"user\", \"alice\"]\n"
                           "[groups.audio]\nmembers = [\"bob\"]\n"
                           "[groups.bob]\ngid = 5000\n";

/* Finds the shadow line of name and returns its hash field (malloc'd). */
static char *shadow_hash(const char *shadow, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = shadow; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			break;
		if (strncmp(line, name, n) == 0 && line[n] == ';')
			return xstrndup(line + n + 1, (size_t)(end - line - n - 1));
		line = end + 1;
	}
	return NULL;
}

static void test_accounts(void)
{
	char *path = put("users.toml", BASE);
	struct config cfg;
	char err[ERR_MAX];
	CHECK(config_load(path, &cfg, err) == 0);
	struct accounts acc;
	CHECK(accounts_resolve(&cfg, &acc, err) == 0);

	/* bob holds 1000 explicitly, so the others count on from 1001 in name order */
	char *passwd = accounts_passwd(&acc);
	CHECK_STR(passwd, "root;0;0;root;/root;/usr/bin/sh\n"
	                  "bob;1000;1000;bob;/srv/bob;/usr/bin/sh\n"
	                  "alice;1001;1001;Alice A;/home/alice;/usr/bin/lua\n"
	                  "user;1002;1002;user;/home/user;/usr/bin/sh\n");
	/* own groups for users (bob's name is taken by [groups.bob]); audio gets a free gid */
	char *group = accounts_group(&acc);
	CHECK_STR(group, "root;x;0;root\n"
	                 "sudo;x;1;user,alice\n"
	                 "alice;x;1001;alice\n"
	                 "user;x;1002;user\n"
	                 "audio;x;1003;bob\n"
	                 "bob;x;5000;\n");

	char *shadow = accounts_shadow(&acc, path, err);
	CHECK(shadow != NULL);
	CHECK(strstr(shadow, "password") == NULL);
	CHECK(strstr(shadow, "s3cret") == NULL);
	char *h = shadow_hash(shadow, "user");
	CHECK_STR(h, "");
	free(h);
	h = shadow_hash(shadow, "bob");
	CHECK_STR(h, "");
	free(h);
	h = shadow_hash(shadow, "root");
	CHECK(h && strncmp(h, "$argon2id$v=19$m=4096,t=3,p=1$", 30) == 0);
	CHECK(h && argon2id_verify(h, "password", 8) == ARGON2_OK);
	CHECK(h && argon2id_verify(h, "Password", 8) != ARGON2_OK);
	free(h);
	h = shadow_hash(shadow, "alice");
	CHECK(h && argon2id_verify(h, "s3cret;x", 8) == ARGON2_OK);
	free(h);

	/* fresh random salts: two runs differ; with SOURCE_DATE_EPOCH they agree */
	char *again = accounts_shadow(&acc, path, err);
	CHECK(again && strcmp(again, shadow) != 0);
	free(again);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	char *r1 = accounts_shadow(&acc, "config/x.toml", err);
	char *r2 = accounts_shadow(&acc, "config/x.toml", err);
	char *r3 = accounts_shadow(&acc, "config/y.toml", err);
	CHECK(r1 && r2 && strcmp(r1, r2) == 0);
	CHECK(r1 && r3 && strcmp(r1, r3) != 0);
	uint8_t salt[PASSWORD_SALT_LEN];
	char want[SHADOW_HASH_MAX];
	password_salt_derive("root", "config/x.toml", salt);
	argon2id_hash_encoded(SHADOW_ARGON2_T, SHADOW_ARGON2_M, 1, "password", 8, salt,
	                      sizeof(salt), SHADOW_HASH_LEN, want, sizeof(want));
	h = r1 ? shadow_hash(r1, "root") : NULL;
	CHECK_STR(h, want);
	free(h);
	unsetenv("SOURCE_DATE_EPOCH");
	free(r1);
	free(r2);
	free(r3);

	free(shadow);
	free(group);
	free(passwd);
	accounts_free(&acc);
	config_free(&cfg);
	free(path);
}

static void check_resolve_error(const char *name, const char *text, const char *suffix)
{
	char *path = put(name, text);
	struct config cfg;
	char err[ERR_MAX];
	CHECK(config_load(path, &cfg, err) == 0);
	struct accounts acc;
	CHECK(accounts_resolve(&cfg, &acc, err) < 0);
	char *want = xasprintf("%s%s", path, suffix);
	CHECK_STR(err, want);
	free(want);
	config_free(&cfg);
	free(path);
}

static void test_resolve_errors(void)
{
	check_resolve_error("dupuid.toml", "[users.a]\nuid = 7\n[users.b]\nuid = 7\n",
	                    ": [users.b] uid: 7 is already the uid of 'a'");
	check_resolve_error("dupgid.toml", "[groups.a]\ngid = 7\n[groups.b]\ngid = 7\n",
	                    ": [groups.b] gid: 7 is already the gid of 'a'");
	check_resolve_error("member.toml", "[users.a]\n[groups.g]\nmembers = [\"a\", \"zed\"]\n",
	                    ": [groups.g] members: unknown user 'zed'");
}

static char *slurp(const char *dir, const char *rel)
{
	char *path = path_join(dir, rel);
	char *data = NULL;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		data = NULL;
	free(path);
	return data;
}

static void test_stage(void)
{
	char *path =
	    put("stage.toml", "[users.root]\npassword = \"password\"\nuid = 0\n"
	                      "[users.user]\npassword = \"\"\n"
	                      "[[files]]\npath = \"/etc/hostname\"\ndata = \"redox\\n\"\n"
	                      "[[files]]\npath = \"/usr/bin/tool\"\ndata = \"#!x\"\nmode = 0o4755\n"
	                      "uid = 5\ngid = 6\n"
	                      "[[files]]\npath = \"/var/empty\"\ndirectory = true\nmode = 0o700\n"
	                      "[[files]]\npath = \"/bin\"\ndata = \"usr/bin\"\nsymlink = true\n"
	                      "[[files]]\npath = \"/etc/passwd\"\ndata = \"overwritten\"\n");
	struct config cfg;
	char err[ERR_MAX];
	CHECK(config_load(path, &cfg, err) == 0);
	char *root = path_join(tmpdir, "root");
	char *meta = path_join(tmpdir, "meta/files.txt");
	/* twice: staging over an existing root must work too */
	for (int i = 0; i < 2; i++) {
		int r = stage_root(&cfg, root, meta, err);
		CHECK(r == 0);
		if (r)
			fprintf(stderr, "%s\n", err);
	}
	char *m = NULL;
	size_t len;
	CHECK(read_file(meta, &m, &len) == 0);
	CHECK_STR(m, "0777 0 0 bin\n"
	             "0644 0 0 etc/group\n"
	             "0644 0 0 etc/hostname\n"
	             "0644 0 0 etc/passwd\n"
	             "0600 0 0 etc/shadow\n"
	             "0700 1000 1000 home/user\n"
	             "0700 0 0 root\n"
	             "4755 5 6 usr/bin/tool\n"
	             "0700 0 0 var/empty\n");
	free(m);
	char *s = slurp(root, "etc/hostname");
	CHECK_STR(s, "redox\n");
	free(s);
	s = slurp(root, "etc/passwd");
	CHECK_STR(s, "root;0;0;root;/root;/usr/bin/sh\nuser;1000;1000;user;/home/user;"
	             "/usr/bin/sh\n");
	free(s);
	s = slurp(root, "etc/group");
	CHECK_STR(s, "root;x;0;root\nuser;x;1000;user\n");
	free(s);
	s = slurp(root, "etc/shadow");
	CHECK(s && strncmp(s, "root;$argon2id$", 15) == 0 && strstr(s, "\nuser;\n"));
	CHECK(s && !strstr(s, ";password"));
	free(s);

	char *p = path_join(root, "etc/shadow");
	struct stat st;
	CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600);
	free(p);
	p = path_join(root, "usr/bin/tool");
	CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0755);
	free(p);
	p = path_join(root, "bin");
	char target[64] = {0};
	CHECK(readlink(p, target, sizeof(target) - 1) == 7 && strcmp(target, "usr/bin") == 0);
	free(p);
	p = path_join(root, "home/user");
	CHECK(stat(p, &st) == 0 && S_ISDIR(st.st_mode));
	free(p);

	/* a directory where a file should go is an error that names the config */
	p = path_join(root, "etc/hostname");
	unlink(p);
	CHECK(mkdir(p, 0755) == 0);
	CHECK(stage_root(&cfg, root, meta, err) < 0);
	char *want =
	    xasprintf("%s: [[files]] etc/hostname: a directory is in the way at %s", path, p);
	CHECK_STR(err, want);
	free(want);
	free(p);

	config_free(&cfg);
	free(path);

	/* nothing is written through a symlink: its target would be on the host */
	free(root);
	root = path_join(tmpdir, "root2");
	path = put("escape.toml", "[[files]]\npath = \"/x\"\ndata = \"/tmp\"\nsymlink = true\n"
	                          "[[files]]\npath = \"/x/evil\"\ndata = \"no\"\n");
	CHECK(config_load(path, &cfg, err) == 0);
	CHECK(stage_root(&cfg, root, meta, err) < 0);
	want = xasprintf("%s: [[files]]: x/evil passes through the symlink x", path);
	CHECK_STR(err, want);
	free(want);
	CHECK(access("/tmp/evil", F_OK) < 0);
	config_free(&cfg);
	free(path);
	path = put("escape2.toml", "[[files]]\npath = \"/home\"\ndata = \"/tmp\"\nsymlink = true\n"
	                           "[users.u]\n");
	CHECK(config_load(path, &cfg, err) == 0);
	CHECK(stage_root(&cfg, root, meta, err) < 0);
	CHECK_STR(err, "[users.u] home: home/u passes through the symlink home");
	config_free(&cfg);

	free(root);
	free(meta);
	free(path);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	unsetenv("SOURCE_DATE_EPOCH");
	test_accounts();
	test_resolve_errors();
	test_stage();
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	free(cmd);
	return check_done("accounts_test");
}
