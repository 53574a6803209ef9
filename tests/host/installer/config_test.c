/*
 * Host unit tests for installer/config.c: include order and precedence,
 * "ignore", [[files]] appending, include cycles, and the exact one-line
 * errors for TOML and content mistakes. Each case writes its config files
 * into a fresh temporary directory.
 */
#include "../check.h"
#include "config.h"
#include "util.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/config_test.XXXXXX";

static void put(const char *name, const char *text)
{
	char *path = path_join(tmpdir, name);
	char *dir = path_dirname(path);
	char err[ERR_MAX];
	if (mkdir_p(dir, err) < 0 || write_file_atomic(path, text, strlen(text), 0644, err) < 0) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	free(dir);
	free(path);
}

/* Loads NAME from tmpdir; returns the error text (tmpdir replaced by "T") or NULL. */
static char errbuf[ERR_MAX + 64];

static const char *load(const char *name, struct config *cfg)
{
	char *path = path_join(tmpdir, name);
	char err[ERR_MAX];
	int r = config_load(path, cfg, err);
	free(path);
	if (r == 0)
		return NULL;
	config_free(cfg);
	/* make messages independent of the temporary directory's name */
	struct strbuf sb = {0};
	size_t n = strlen(tmpdir);
	for (const char *s = err; *s;) {
		if (strncmp(s, tmpdir, n) == 0) {
			sb_puts(&sb, "T");
			s += n;
		} else {
			sb_add(&sb, s++, 1);
		}
	}
	snprintf(errbuf, sizeof(errbuf), "%s", sb.s);
	free(sb.s);
	return errbuf;
}

static char *packages(const struct config *cfg)
{
	const char **names;
	size_t n = config_package_names(cfg, &names);
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", names[i]);
	free(names);
	return sb_take(&sb);
}

static const struct cfg_file *file(const struct config *cfg, const char *path)
{
	for (size_t i = 0; i < cfg->nfiles; i++)
		if (strcmp(cfg->files[i].path, path) == 0)
			return &cfg->files[i];
	return NULL;
}

static const struct cfg_user *user(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nusers; i++)
		if (strcmp(cfg->users[i].name, name) == 0)
			return &cfg->users[i];
	return NULL;
}

static void test_includes(void)
{
	put("base.toml", "[general]\nfilesystem_size = 100\nprompt = true\n"
	                 "[packages]\nkernel = {}\nlua = {}\nold = {}\n"
	                 "[users.root]\npassword = \"pw\"\nuid = 0\nshell = \"/bin/a\"\n"
	                 "[groups.sudo]\ngid = 1\nmembers = [\"root\"]\n"
	                 "[[files]]\npath = \"/etc/a\"\ndata = \"base a\"\n"
	                 "[[files]]\npath = \"/etc/b\"\ndata = \"base b\"\nmode = 0o600\n");
	put("mid.toml", "include = [\"base.toml\"]\n[general]\nfilesystem_size = 200\n"
	                "[packages]\nnet = { path = \"recipes/net\", git = \"https://x/y.git\" }\n"
	                "[[files]]\npath = \"/etc/c\"\ndata = \"mid c\"\n");
	put("sub/top.toml", "include = [\"../mid.toml\"]\n"
	                    "[general]\nefi_partition_size = 0\n"
	                    "[packages]\nlua = \"ignore\"\nextra = {}\n"
	                    "[users.root]\npassword = \"new\"\n"
	                    "[groups.sudo]\nmembers = [\"root\", \"u\"]\n"
	                    "[users.u]\n"
	                    "[[files]]\npath = \"etc/b\"\ndata = \"top b\"\n"
	                    "[[files]]\npath = \"/etc//d/./e\"\ndirectory = true\n");
	struct config cfg;
	const char *e = load("sub/top.toml", &cfg);
	CHECK(e == NULL);
	if (e) {
		fprintf(stderr, "%s\n", e);
		return;
	}
	char *p = packages(&cfg);
	CHECK_STR(p, "extra kernel net old");
	free(p);
	/* the including file wins, key by key */
	CHECK(cfg.general.filesystem_size == 200);
	CHECK(cfg.general.has_prompt && cfg.general.prompt);
	CHECK(cfg.general.has_efi_partition_size && cfg.general.efi_partition_size == 0);
	const struct cfg_user *root = user(&cfg, "root");
	CHECK(root && strcmp(root->password, "new") == 0 && root->has_uid && root->uid == 0 &&
	      strcmp(root->shell, "/bin/a") == 0);
	CHECK(user(&cfg, "u") != NULL);
	CHECK(cfg.ngroups == 1 && cfg.groups[0].has_gid && cfg.groups[0].gid == 1 &&
	      cfg.groups[0].nmembers == 2);
	/* files: appended in include order; a later entry replaces the same path */
	CHECK(cfg.nfiles == 4);
	if (cfg.nfiles == 4) {
		CHECK_STR(cfg.files[0].path, "etc/a");
		CHECK_STR(cfg.files[1].path, "etc/c");
		CHECK_STR(cfg.files[2].path, "etc/b");
		CHECK_STR(cfg.files[3].path, "etc/d/e");
	}
	const struct cfg_file *b = file(&cfg, "etc/b");
	CHECK(b && strcmp(b->data, "top b") == 0 && !b->has_mode);
	CHECK(b && strstr(b->origin, "sub/top.toml"));
	const struct cfg_file *de = file(&cfg, "etc/d/e");
	CHECK(de && de->directory);
	const struct cfg_package *net = NULL;
	for (size_t i = 0; i < cfg.npackages; i++)
		if (strcmp(cfg.packages[i].name, "net") == 0)
			net = &cfg.packages[i];
	CHECK(net && strcmp(net->path, "recipes/net") == 0 &&
	      strcmp(net->git, "https://x/y.git") == 0);

	char v[64];
	CHECK(config_general_value(&cfg, "filesystem_size", v, sizeof(v)) == 0);
	CHECK_STR(v, "200");
	CHECK(config_general_value(&cfg, "efi_partition_size", v, sizeof(v)) == 0);
	CHECK_STR(v, "0");
	CHECK(config_general_value(&cfg, "live_disk", v, sizeof(v)) == 0);
	CHECK_STR(v, "false");
	CHECK(config_general_value(&cfg, "nope", v, sizeof(v)) < 0);
	config_free(&cfg);

	/* defaults when nothing sets [general] */
	put("empty.toml", "");
	CHECK(load("empty.toml", &cfg) == NULL);
	CHECK(config_general_value(&cfg, "filesystem_size", v, sizeof(v)) == 0);
	CHECK_STR(v, "256");
	CHECK(config_general_value(&cfg, "efi_partition_size", v, sizeof(v)) == 0);
	CHECK_STR(v, "1");
	config_free(&cfg);

	/* a package ignored in an include can come back in the including file */
	put("back.toml", "include = [\"sub/top.toml\"]\n[packages]\nlua = {}\n");
	CHECK(load("back.toml", &cfg) == NULL);
	p = packages(&cfg);
	CHECK_STR(p, "extra kernel lua net old");
	free(p);
	config_free(&cfg);

	/* the same file reached twice (a diamond) is fine */
	put("d1.toml", "include = [\"base.toml\"]\n");
	put("d2.toml", "include = [\"base.toml\"]\n");
	put("diamond.toml", "include = [\"d1.toml\", \"d2.toml\"]\n");
	CHECK(load("diamond.toml", &cfg) == NULL);
	CHECK(cfg.nfiles == 2);
	config_free(&cfg);
}

struct error_case {
	const char *text;
	const char *message; /* "T" stands for the temporary directory */
};

static const struct error_case errors[] = {
    {"foo = 1\n", "T/bad.toml: foo: unknown top-level key"},
    {"[general]\nfilesystem_sise = 1\n", "T/bad.toml: [general] filesystem_sise: unknown key"},
    {"[general]\nfilesystem_size = \"1\"\n",
     "T/bad.toml: [general] filesystem_size: expected an integer, found a string"},
    {"[general]\nfilesystem_size = 0\n",
     "T/bad.toml: [general] filesystem_size: 0 is out of range (1..16777216)"},
    {"[general]\nprompt = 1\n",
     "T/bad.toml: [general] prompt: expected a boolean, found an integer"},
    {"general = 1\n", "T/bad.toml: general: expected a table, found an integer"},
    {"include = \"x.toml\"\n", "T/bad.toml: include: expected an array of strings"},
    {"include = [\"missing.toml\"]\n",
     "T/bad.toml: include: cannot open T/missing.toml: No such file or directory"},
    {"[packages]\nx = \"yes\"\n",
     "T/bad.toml: [packages] x: expected {} or \"ignore\", found \"yes\""},
    {"[packages]\nx = 1\n",
     "T/bad.toml: [packages] x: expected {} or \"ignore\", found an integer"},
    {"[packages]\nx = { branch = \"b\" }\n", "T/bad.toml: [packages.x] branch: unknown key"},
    {"[packages]\n\"a/b\" = {}\n", "T/bad.toml: [packages] a/b: not a valid package name"},
    {"[files]\npath = \"/x\"\n",
     "T/bad.toml: files: expected an array of tables ([[files]]), found a table"},
    {"[[files]]\npath = \"/a\"\n[[files]]\ndata = \"x\"\n",
     "T/bad.toml: [[files]] #2 path: missing"},
    {"[[files]]\npath = \"/a\"\nowner = 1\n", "T/bad.toml: [[files]] #1 owner: unknown key"},
    {"[[files]]\npath = \"/a\"\nmode = \"755\"\n",
     "T/bad.toml: [[files]] #1 mode: expected an integer, found a string"},
    {"[[files]]\npath = \"/a\"\nmode = 0o10000\n",
     "T/bad.toml: [[files]] #1 mode: 4096 is out of range (0..4095)"},
    {"[[files]]\npath = \"/../etc\"\n",
     "T/bad.toml: [[files]] #1 path: \"/../etc\" is not a path inside the image"},
    {"[[files]]\npath = \"/\"\ndirectory = true\n",
     "T/bad.toml: [[files]] #1 path: \"/\" is not a path inside the image"},
    {"[[files]]\npath = \"/a\"\nsymlink = true\n",
     "T/bad.toml: [[files]] #1 (a) data: a symlink needs its target as data"},
    {"[[files]]\npath = \"/a\"\nsymlink = true\ndirectory = true\ndata = \"b\"\n",
     "T/bad.toml: [[files]] #1 (a): symlink and directory exclude each other"},
    {"[[files]]\npath = \"/a\"\ndirectory = true\ndata = \"b\"\n",
     "T/bad.toml: [[files]] #1 (a) data: a directory has no data"},
    {"[users.root]\nuid = -1\n",
     "T/bad.toml: [users.root] uid: -1 is out of range (0..4294967294)"},
    {"[users.root]\npasswd = \"x\"\n", "T/bad.toml: [users.root] passwd: unknown key"},
    {"[users.root]\nname = \"a;b\"\n",
     "T/bad.toml: [users.root] name: must not contain ';' or a line break"},
    {"[users.root]\nhome = \"root\"\n", "T/bad.toml: [users.root] home: must be an absolute path"},
    {"[users]\nroot = \"x\"\n", "T/bad.toml: [users.root]: expected a table, found a string"},
    {"[users.\"a;b\"]\n", "T/bad.toml: [users] a;b: not a valid user name"},
    {"[groups.g]\nmembers = \"u\"\n",
     "T/bad.toml: [groups.g] members: expected an array of strings"},
    {"[groups.g]\nmembers = [1]\n", "T/bad.toml: [groups.g] members: expected an array of strings"},
    {"[groups.g]\ngid = 1\nname = \"x\"\n", "T/bad.toml: [groups.g] name: unknown key"},
    /* TOML syntax errors keep their FILE:LINE form */
    {"[general]\nprompt = false\nprompt = true\n", "T/bad.toml:3: duplicate key 'prompt'"},
    {"\n\n[packages\n", "T/bad.toml:3: expected ']' after table name, found end of line"},
};

static void test_errors(void)
{
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		put("bad.toml", errors[i].text);
		struct config cfg;
		const char *e = load("bad.toml", &cfg);
		CHECK(e != NULL);
		if (e)
			CHECK_STR(e, errors[i].message);
		else
			config_free(&cfg);
	}
	struct config cfg;
	/* errors inside an included file name that file and its line */
	put("inc/broken.toml", "[general]\nlive_disk = yes\n");
	put("outer.toml", "include = [\"inc/broken.toml\"]\n");
	CHECK_STR(load("outer.toml", &cfg),
	          "T/inc/broken.toml:2: invalid value 'yes' (strings must be quoted)");
	put("inc/unknown.toml", "[general]\nsize = 1\n");
	put("outer.toml", "include = [\"inc/unknown.toml\"]\n");
	CHECK_STR(load("outer.toml", &cfg), "T/inc/unknown.toml: [general] size: unknown key");
	/* a file's own mistakes are reported before its includes are read */
	put("outer.toml", "include = [\"inc/unknown.toml\"]\nbogus = 1\n");
	CHECK_STR(load("outer.toml", &cfg), "T/outer.toml: bogus: unknown top-level key");
	CHECK_STR(load("nonexistent.toml", &cfg),
	          "T/nonexistent.toml: cannot open: No such file or directory");
}

static void test_cycles(void)
{
	struct config cfg;
	put("cyc/a.toml", "include = [\"b.toml\"]\n");
	put("cyc/b.toml", "include = [\"../cyc/c.toml\"]\n");
	put("cyc/c.toml", "include = [\"a.toml\"]\n");
	CHECK_STR(load("cyc/a.toml", &cfg),
	          "T/cyc/c.toml: include cycle: T/cyc/a.toml -> T/cyc/b.toml -> T/cyc/c.toml -> "
	          "T/cyc/a.toml");
	put("cyc/self.toml", "include = [\"./self.toml\"]\n");
	CHECK_STR(load("cyc/self.toml", &cfg),
	          "T/cyc/self.toml: include cycle: T/cyc/self.toml -> T/cyc/self.toml");
	/* a cycle further down is reported from where it closes */
	put("cyc/top.toml", "include = [\"b.toml\"]\n");
	CHECK_STR(load("cyc/top.toml", &cfg),
	          "T/cyc/a.toml: include cycle: T/cyc/b.toml -> T/cyc/c.toml -> T/cyc/a.toml -> "
	          "T/cyc/b.toml");
}

static void test_path_normalize(void)
{
	const char *cases[][2] = {
	    {"a/b/../c", "a/c"},
	    {"../x", "../x"},
	    {"a/../../x", "../x"},
	    {"/a/./b//c/", "/a/b/c"},
	    {"/..", "/"},
	    {"a/..", "."},
	    {"config/x86_64/../base.toml", "config/base.toml"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *n = path_normalize(cases[i][0]);
		CHECK_STR(n, cases[i][1]);
		free(n);
	}
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_includes();
	test_errors();
	test_cycles();
	test_path_normalize();
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	free(cmd);
	return check_done("config_test");
}
