/*
 * recipe.toml parsing: every field read back, the defaults, and the one
 * line each kind of mistake gives ("FILE:LINE: ..." for TOML syntax,
 * "FILE: [table] key: ..." for meaning).
 */
#include "recipe.h"
#include "../check.h"

#include <stdlib.h>

#define FILE_NAME "recipes/x/demo/recipe.toml"

static int parse(const char *text, struct recipe *r, char *err)
{
	err[0] = 0;
	return recipe_parse(text, strlen(text), FILE_NAME, "demo", r, err);
}

/* The error text of a recipe that must not parse. */
static const char *error_of(const char *text)
{
	static char err[ERR_MAX];
	struct recipe r;
	if (parse(text, &r, err) == 0) {
		recipe_free(&r);
		return "(parsed)";
	}
	return err;
}

static void test_full(void)
{
	char err[ERR_MAX];
	struct recipe r;
	CHECK(
	    parse("[source]\n"
	          "tar = \"https://example.org/lua-5.4.6.tar.gz\"\n"
	          "blake3 = \"af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262\"\n"
	          "patches = [\"redox.patch\"]\n"
	          "[build]\n"
	          "template = \"configure\"\n"
	          "dependencies = [\"relibc\", \"zlib\"]\n"
	          "configureflags = [\"--without-x\"]\n"
	          "inputs = [\"../shared\"]\n"
	          "[package]\n"
	          "version = \"5.4.6\"\n"
	          "description = \"Lua\"\n"
	          "dependencies = [\"terminfo\"]\n",
	          &r, err) == 0);
	CHECK_STR(err, "");
	CHECK(r.source == SOURCE_TAR);
	CHECK_STR(r.tar, "https://example.org/lua-5.4.6.tar.gz");
	CHECK(r.blake3 && !r.sha256);
	CHECK(r.patches.len == 1);
	CHECK(r.template == TEMPLATE_CONFIGURE);
	CHECK(r.build_deps.len == 2);
	CHECK_STR(r.build_deps.items[1], "zlib");
	CHECK_STR(r.configure_flags.items[0], "--without-x");
	CHECK_STR(r.inputs.items[0], "../shared");
	CHECK_STR(r.version, "5.4.6");
	CHECK_STR(r.runtime_deps.items[0], "terminfo");
	CHECK_STR(r.dir, "recipes/x/demo");
	CHECK_STR(r.name, "demo");
	recipe_free(&r);
}

static void test_defaults(void)
{
	char err[ERR_MAX];
	struct recipe r;
	CHECK(parse("[build]\ntemplate = \"custom\"\nscript = \"echo hi\"\n", &r, err) == 0);
	CHECK(r.source == SOURCE_PATH);
	CHECK_STR(r.path, "source");
	CHECK_STR(r.version, "0.0.0");
	CHECK_STR(r.script, "echo hi");
	recipe_free(&r);

	CHECK(parse("[source]\ngit = \"https://example.org/x.git\"\nbranch = \"main\"\n"
	            "rev = \"abc123\"\n[build]\ntemplate = \"make\"\n",
	            &r, err) == 0);
	CHECK(r.source == SOURCE_GIT && r.template == TEMPLATE_MAKE);
	CHECK_STR(r.branch, "main");
	CHECK_STR(r.rev, "abc123");
	recipe_free(&r);

	CHECK(parse("[source]\nsame_as = \"../other\"\n[build]\ntemplate = \"none\"\n", &r, err) ==
	      0);
	CHECK(r.source == SOURCE_SAME_AS);
	recipe_free(&r);
}

static void test_errors(void)
{
	CHECK_STR(error_of("[build]\ntemplate = \"foo\"\n"),
	          FILE_NAME ": [build] template: unknown value 'foo'");
	CHECK_STR(error_of("[source]\npath = \"x\"\n"),
	          FILE_NAME ": [build] template: missing (none, custom, make or configure)");
	/* Syntax: the parser's own "FILE:LINE: message". */
	const char *e = error_of("[build]\ntemplate = \"none\"\nscript = \n");
	CHECK(strncmp(e, FILE_NAME ":3: ", strlen(FILE_NAME ":3: ")) == 0);
	CHECK(strchr(e, '\n') == NULL);
	e = error_of("[build]\ntemplate = \"none\"\n[build]\n");
	CHECK(strncmp(e, FILE_NAME ":3: ", strlen(FILE_NAME ":3: ")) == 0);
	CHECK_STR(error_of("[build]\ntemplate = \"none\"\nscrpt = \"x\"\n"),
	          FILE_NAME ":3: [build] unknown key 'scrpt'");
	CHECK_STR(error_of("[builds]\ntemplate = \"none\"\n"),
	          FILE_NAME ":1: unknown table 'builds'");
	CHECK_STR(error_of("[build]\ntemplate = 3\n"),
	          FILE_NAME ": [build] template: expected a string, found integer");
	CHECK_STR(error_of("[build]\ntemplate = \"custom\"\n"),
	          FILE_NAME ": [build] script: missing (template \"custom\" runs it)");
	CHECK_STR(error_of("[build]\ntemplate = \"make\"\nscript = \"x\"\n"),
	          FILE_NAME ": [build] script: only used with template \"custom\"");
	CHECK_STR(error_of("[source]\npath = \"a\"\ngit = \"b\"\n[build]\ntemplate = \"none\"\n"),
	          FILE_NAME ": [source]: give only one of path, git, tar and same_as");
	CHECK_STR(error_of("[source]\ntar = \"https://x/y.tar\"\n[build]\ntemplate = \"none\"\n"),
	          FILE_NAME ": [source] tar: needs a blake3 or sha256 hash");
	CHECK_STR(error_of("[source]\ntar = \"https://x/y.tar\"\nsha256 = \"ABC\"\n"
	                   "[build]\ntemplate = \"none\"\n"),
	          FILE_NAME ": [source] sha256: expected 64 lowercase hex digits");
	CHECK_STR(error_of("[source]\npath = \"s\"\npatches = [\"a.patch\"]\n"
	                   "[build]\ntemplate = \"none\"\n"),
	          FILE_NAME ": [source] patches: only for git and tar sources");
	CHECK_STR(error_of("[source]\npath = \"/abs\"\n[build]\ntemplate = \"none\"\n"),
	          FILE_NAME ": [source] path: must be a relative path");
	CHECK_STR(error_of("[source]\nbranch = \"main\"\n[build]\ntemplate = \"none\"\n"),
	          FILE_NAME ": [source] branch: only with git");
	CHECK_STR(error_of("[build]\ntemplate = \"none\"\ndependencies = [\"Bad Name\"]\n"),
	          FILE_NAME ": [build] dependencies: 'Bad Name' is not a recipe name");
	CHECK_STR(error_of("[build]\ntemplate = \"none\"\ndependencies = \"relibc\"\n"),
	          FILE_NAME ": [build] dependencies: expected an array of strings, found string");
	CHECK_STR(error_of("[build]\ntemplate = \"none\"\n[package]\ndependencies = [1]\n"),
	          FILE_NAME ": [package] dependencies: item 1 is not a non-empty string");
	CHECK_STR(error_of("source = 1\n[build]\ntemplate = \"none\"\n"),
	          FILE_NAME ": [source]: expected a table, found integer");
}

static void test_names(void)
{
	CHECK(recipe_name_valid("base-initfs"));
	CHECK(recipe_name_valid("gcc13"));
	CHECK(recipe_name_valid("libstdc++"));
	CHECK(!recipe_name_valid(""));
	CHECK(!recipe_name_valid("-x"));
	CHECK(!recipe_name_valid("Upper"));
	CHECK(!recipe_name_valid("a/b"));
}

int main(void)
{
	test_full();
	test_defaults();
	test_errors();
	test_names();
	return check_done("recipe_test");
}
