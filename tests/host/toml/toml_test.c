/*
 * Host unit tests for common/toml: every supported feature parses to the
 * expected tree, every malformed input fails with the exact
 * "FILE:LINE: message", and the accessor API behaves.
 */
#include "../check.h"
#include "toml_dump.h"

#include <stdlib.h>

struct valid_case {
	const char *input;
	const char *dump;
};

static const struct valid_case valid[] = {
    /* empty documents */
    {"", "{}"},
    {"# only a comment\n\n   \t\n", "{}"},
    {"\xef\xbb\xbf"
     "a = 1",
     "{\"a\":1}"},
    /* keys */
    {"# comment\na = 1 # trailing\n\"quoted key\" = \"v\"\n'lit key' = 'v2'\n",
     "{\"a\":1,\"quoted key\":\"v\",\"lit key\":\"v2\"}"},
    {"bare_key-1 = 1\n1234 = 2\n\"\" = 3\n", "{\"bare_key-1\":1,\"1234\":2,\"\":3}"},
    {"b.c.d = true\nb.c.e = false\nb . \"x.y\" = 'z'\n",
     "{\"b\":{\"c\":{\"d\":true,\"e\":false},\"x.y\":\"z\"}}"},
    {"\"a\\u0041\" = 1", "{\"aA\":1}"},
    /* tables */
    {"top = 0\n[t]\nx = 1\n[t.sub]\ny = 2\n[ u . \"v w\" ]\nz = 3\n",
     "{\"top\":0,\"t\":{\"x\":1,\"sub\":{\"y\":2}},\"u\":{\"v w\":{\"z\":3}}}"},
    {"[a.b]\nc = 1\n[a]\nd = 2\n", "{\"a\":{\"b\":{\"c\":1},\"d\":2}}"},
    {"a.b = 1\n[a.c]\nd = 2\n", "{\"a\":{\"b\":1,\"c\":{\"d\":2}}}"},
    {"[t]\nx.y = 1\n[t.x.z]\nw = 2\n", "{\"t\":{\"x\":{\"y\":1,\"z\":{\"w\":2}}}}"},
    /* arrays of tables */
    {"[[arr]]\nn = 1\n[arr.sub]\nm = 1\n[[arr]]\nn = 2\n[[ arr ]]\n",
     "{\"arr\":[{\"n\":1,\"sub\":{\"m\":1}},{\"n\":2},{}]}"},
    {"[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[a]\ny = 3\n",
     "{\"a\":{\"b\":[{\"x\":1},{\"x\":2}],\"y\":3}}"},
    {"[[files]]\npath = \"/a\"\n[[files]]\npath = \"/b\"\ndata = \"\"\"\nx\n\"\"\"\n",
     "{\"files\":[{\"path\":\"/a\"},{\"path\":\"/b\",\"data\":\"x\\u000A\"}]}"},
    /* basic strings and escapes */
    {"s = \"a\\tb\\n\\\"q\\\"\\\\ \\u00e9 \\U0001F600 \\b\\f\\r\"",
     "{\"s\":\"a\\u0009b\\u000A\\\"q\\\"\\\\ \xc3\xa9 \xf0\x9f\x98\x80 "
     "\\u0008\\u000C\\u000D\"}"},
    {"s = \"tab\there\"", "{\"s\":\"tab\\u0009here\"}"},
    {"s = \"\\u0000x\"", "{\"s\":\"\\u0000x\"}"},
    /* literal strings */
    {"s = 'C:\\path\\n'", "{\"s\":\"C:\\\\path\\\\n\"}"},
    /* multi-line basic: first newline trimmed, line-ending backslash */
    {"s = \"\"\"\nline1\nline2\"\"\"", "{\"s\":\"line1\\u000Aline2\"}"},
    {"s = \"\"\"\\\n   one \\\n\n  two\"\"\"", "{\"s\":\"one two\"}"},
    {"s = \"\"\"a \\  \t\n b\"\"\"", "{\"s\":\"a b\"}"},
    {"s = \"\"\"x\"\"\"\"", "{\"s\":\"x\\\"\"}"},
    {"s = \"\"\"x\"\"\"\"\"", "{\"s\":\"x\\\"\\\"\"}"},
    {"s = \"\"\"\"\"\"", "{\"s\":\"\"}"},
    {"s = \"\"\"a\"b\"\"c\\\"\"\"\"", "{\"s\":\"a\\\"b\\\"\\\"c\\\"\"}"},
    {"s = \"\"\"\r\ncr\r\nlf\"\"\"", "{\"s\":\"cr\\u000Alf\"}"},
    /* multi-line literal */
    {"s = '''\nraw \\n 'q' ''\n'''", "{\"s\":\"raw \\\\n 'q' ''\\u000A\"}"},
    {"s = '''it's''''", "{\"s\":\"it's'\"}"},
    /* integers */
    {"a = 0\nb = +17\nc = -17\nd = 1_000\ne = 0xDEAD_beef\nf = 0o755\ng = 0b1101\n"
     "h = 9223372036854775807\ni = -9223372036854775808\nj = -0\nk = 0x0\n",
     "{\"a\":0,\"b\":17,\"c\":-17,\"d\":1000,\"e\":3735928559,\"f\":493,\"g\":13,"
     "\"h\":9223372036854775807,\"i\":-9223372036854775808,\"j\":0,\"k\":0}"},
    {"max = 0x7fffffffffffffff", "{\"max\":9223372036854775807}"},
    /* booleans */
    {"t = true\nf = false", "{\"t\":true,\"f\":false}"},
    /* arrays */
    {"a = []\nb = [ 1, 2, 3 ]\nc = [\n  \"x\", # comment\n\n  'y',\n]\nd = [[1, 2], [\"a\"], []]\n"
     "e = [1, \"mixed\", true, {k = 1}]\n",
     "{\"a\":[],\"b\":[1,2,3],\"c\":[\"x\",\"y\"],\"d\":[[1,2],[\"a\"],[]],"
     "\"e\":[1,\"mixed\",true,{\"k\":1}]}"},
    {"a = [ # c\n]", "{\"a\":[]}"},
    /* inline tables */
    {"p = { path = \"x\", git = \"y\" }\nq = {}\nr = { a.b = 1, a.c = 2, n = { m = [1,\n2] } }",
     "{\"p\":{\"path\":\"x\",\"git\":\"y\"},\"q\":{},\"r\":{\"a\":{\"b\":1,\"c\":2},"
     "\"n\":{\"m\":[1,2]}}}"},
    /* CRLF */
    {"a = 1\r\n[t]\r\nb = 'x' # c\r\n", "{\"a\":1,\"t\":{\"b\":\"x\"}}"},
    /* a config as the installer sees it */
    {"include = [\"base.toml\"]\n\n[general]\nfilesystem_size = 256\n\n[packages]\n"
     "kernel = {}\nlua = \"ignore\"\n\n[users.root]\npassword = \"password\"\nuid = 0\n",
     "{\"include\":[\"base.toml\"],\"general\":{\"filesystem_size\":256},"
     "\"packages\":{\"kernel\":{},\"lua\":\"ignore\"},"
     "\"users\":{\"root\":{\"password\":\"password\",\"uid\":0}}}"},
};

struct error_case {
	const char *input;
	const char *message;
};

static const struct error_case errors[] = {
    {"a = 1\na = 2", "t.toml:2: duplicate key 'a'"},
    {"a.b = 1\na.b = 2", "t.toml:2: duplicate key 'a.b'"},
    {"[a]\nx = 1\n[a]", "t.toml:3: table 'a' is already defined"},
    {"a.b = 1\n[a]", "t.toml:2: table 'a' is already defined"},
    {"[a]\nb.c = 1\n[a.b]", "t.toml:3: table 'a.b' is already defined"},
    {"[a.b]\nc = 1\n[a]\nb = 2", "t.toml:4: duplicate key 'b'"},
    {"[a.b.c]\n[a]\nb.d = 1", "t.toml:3: cannot add keys to 'b': it is already defined"},
    {"a = {b = 1}\na.c = 2", "t.toml:2: cannot add keys to 'a': it is already defined"},
    {"a = {}\n[a.b]", "t.toml:2: cannot add a table under 'a': it is already defined as a value"},
    {"a = {}\n[a]", "t.toml:2: table 'a' is already defined"},
    {"a = [1]\n[[a]]", "t.toml:2: cannot define array of tables 'a': the key is already defined"},
    {"[[a]]\n[a]", "t.toml:2: table 'a' is already defined"},
    {"[t]\na = [1]\n[t.a.b]",
     "t.toml:3: cannot add a table under 't.a': it is already defined as a value"},
    {"x = 1.5", "t.toml:1: floats are not supported"},
    {"x = 1e5", "t.toml:1: floats are not supported"},
    {"x = -inf", "t.toml:1: floats are not supported"},
    {"x = nan", "t.toml:1: floats are not supported"},
    {"d = 1979-05-27", "t.toml:1: dates and times are not supported"},
    {"d = 07:32:00", "t.toml:1: dates and times are not supported"},
    {"\n\ns = \"abc", "t.toml:3: unterminated string"},
    {"s = \"abc\nd\"", "t.toml:1: unterminated string"},
    {"s = 'abc", "t.toml:1: unterminated string"},
    {"x = 1\ns = \"\"\"abc\n\n", "t.toml:2: unterminated multi-line string"},
    {"s = '''abc\n", "t.toml:1: unterminated multi-line string"},
    {"s = \"\\q\"", "t.toml:1: invalid escape sequence '\\q'"},
    {"s = \"\\x41\"", "t.toml:1: invalid escape sequence '\\x'"},
    {"s = \"\"\"\nok\n\\q\"\"\"", "t.toml:3: invalid escape sequence '\\q'"},
    {"s = \"\"\"a \\ b\"\"\"",
     "t.toml:1: invalid escape: '\\' followed by blanks must end the line"},
    {"s = \"\\uD800\"", "t.toml:1: invalid unicode escape: not a Unicode scalar value"},
    {"s = \"\\U00110000\"", "t.toml:1: invalid unicode escape: not a Unicode scalar value"},
    {"s = \"\\u12\"", "t.toml:1: incomplete unicode escape"},
    {"s = \"\\u12G4\"", "t.toml:1: invalid unicode escape: expected hex digits"},
    {"s = \"x\x01\"", "t.toml:1: control character U+0001 in string (use an escape)"},
    {"s = '''a\rb'''", "t.toml:1: control character U+000D in string (use an escape)"},
    {"s = \"\"\"\n\n\x7f\"\"\"", "t.toml:3: control character U+007F in string (use an escape)"},
    {"n = 0777", "t.toml:1: leading zeros are not allowed in integers"},
    {"n = 9223372036854775808", "t.toml:1: integer out of range (64-bit signed)"},
    {"n = -9223372036854775809", "t.toml:1: integer out of range (64-bit signed)"},
    {"n = 0x8000000000000000", "t.toml:1: integer out of range (64-bit signed)"},
    {"n = 1__0", "t.toml:1: '_' in a number must sit between two digits"},
    {"n = 10_", "t.toml:1: '_' in a number must sit between two digits"},
    {"n = 0x_1", "t.toml:1: '_' in a number must sit between two digits"},
    {"n = +0x10", "t.toml:1: hexadecimal, octal and binary integers cannot have a sign"},
    {"n = 0x", "t.toml:1: integer has no digits"},
    {"n = 0o8", "t.toml:1: invalid integer '0o8'"},
    {"n = 0X10", "t.toml:1: invalid integer '0X10'"},
    {"n = 12abc", "t.toml:1: invalid integer '12abc'"},
    {"a = hello", "t.toml:1: invalid value 'hello' (strings must be quoted)"},
    {"a = True", "t.toml:1: invalid value 'True' (strings must be quoted)"},
    {"a = ", "t.toml:1: expected a value, found end of file"},
    {"a = \nb = 1", "t.toml:1: expected a value, found end of line"},
    {"= 1", "t.toml:1: expected a key, found '='"},
    {"a 1", "t.toml:1: expected '=' after key, found '1'"},
    {"a.= 1", "t.toml:1: expected a key, found '='"},
    {"a = 1 b = 2", "t.toml:1: expected end of line after value, found 'b'"},
    {"a = 1\r", "t.toml:1: expected end of line after value, found character U+000D"},
    {"[a] x", "t.toml:1: expected end of line after table header, found 'x'"},
    {"[a", "t.toml:1: expected ']' after table name, found end of file"},
    {"[[a]", "t.toml:1: expected ']]' after table name, found end of file"},
    {"[[a] ]", "t.toml:1: expected ']]' after table name, found ' '"},
    {"[]", "t.toml:1: expected a key, found ']'"},
    {"\"\"\"k\"\"\" = 1", "t.toml:1: multi-line strings cannot be keys"},
    {"\"a\\u0000\" = 1", "t.toml:1: keys cannot contain U+0000"},
    {"a = [1 2]", "t.toml:1: expected ',' or ']' in array, found '2'"},
    {"a = [1,,2]", "t.toml:1: expected a value, found ','"},
    {"a = [1,\n2,\n", "t.toml:3: expected a value, found end of file"},
    {"t = {a = 1,}", "t.toml:1: trailing comma in inline table"},
    {"t = {a = 1\n}", "t.toml:1: line break inside an inline table"},
    {"t = {\na = 1}", "t.toml:1: line break inside an inline table"},
    {"t = {a = 1 b = 2}", "t.toml:1: expected ',' or '}' in inline table, found 'b'"},
    {"t = {a = 1, a = 2}", "t.toml:1: duplicate key 'a'"},
    {"t = {a = {b = 1}, a.c = 2}", "t.toml:1: cannot add keys to 'a': it is already defined"},
    {"a = 1\nb = 2\nc = \"\xff\"", "t.toml:3: invalid UTF-8"},
    {"a = \"\xc0\x80\"", "t.toml:1: invalid UTF-8"},
    {"a = \"\xed\xa0\x80\"", "t.toml:1: invalid UTF-8"},
    {"# ok\n# bad \x01", "t.toml:2: invalid character in comment, found character U+0001"},
    /* line numbers after multi-line strings and CRLF */
    {"a = \"\"\"\n\n\"\"\"\nb = 1\nb = 2", "t.toml:5: duplicate key 'b'"},
    {"a = '''\r\nx\r\n'''\r\nb = 1\r\nb = 2", "t.toml:5: duplicate key 'b'"},
    {"a = \"\"\"x\\\n\n\n  y\"\"\"\na = 2", "t.toml:5: duplicate key 'a'"},
    {"a = [\n1,\n# c\n2\n]\na = 1", "t.toml:6: duplicate key 'a'"},
    {"s = \"\"\"x\"\"\"\"\"\"", "t.toml:1: expected end of line after value, found '\"'"},
};

static void test_valid(void)
{
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		struct toml_error err;
		struct toml_doc *doc =
		    toml_parse(valid[i].input, strlen(valid[i].input), "t.toml", &err);
		if (!doc) {
			fprintf(stderr, "valid case %zu failed: %s\n", i, err.message);
			CHECK(doc != NULL);
			continue;
		}
		CHECK(err.message[0] == '\0');
		char *dump = toml_test_dump(toml_root(doc));
		CHECK_STR(dump, valid[i].dump);
		/* emitting and re-parsing gives the same tree */
		char *text = toml_test_emit(toml_root(doc));
		struct toml_doc *again = toml_parse(text, strlen(text), "emit", &err);
		CHECK(again != NULL);
		if (again) {
			char *dump2 = toml_test_dump(toml_root(again));
			CHECK_STR(dump2, dump);
			free(dump2);
		}
		toml_free(again);
		free(text);
		free(dump);
		toml_free(doc);
	}
}

static void test_errors(void)
{
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		struct toml_error err;
		struct toml_doc *doc =
		    toml_parse(errors[i].input, strlen(errors[i].input), "t.toml", &err);
		CHECK(doc == NULL);
		toml_free(doc);
		if (!doc)
			CHECK_STR(err.message, errors[i].message);
	}
}

static void test_deep_nesting(void)
{
	char buf[512];
	struct toml_error err;
	/* 100 levels are fine, 101 are not */
	for (int depth = 100; depth <= 101; depth++) {
		size_t n = 0;
		n += (size_t)snprintf(buf, sizeof(buf), "a = ");
		for (int i = 0; i < depth; i++)
			buf[n++] = '[';
		for (int i = 0; i < depth; i++)
			buf[n++] = ']';
		struct toml_doc *doc = toml_parse(buf, n, "deep.toml", &err);
		if (depth == 100) {
			CHECK(doc != NULL);
		} else {
			CHECK(doc == NULL);
			CHECK_STR(err.message,
			          "deep.toml:1: arrays or inline tables nested too deeply");
		}
		toml_free(doc);
	}
}

/* The input need not be NUL-terminated: the parser must stop at len. */
static void test_length_bound(void)
{
	struct toml_error err;
	const char text[] = "a = 1\nb = 2";
	struct toml_doc *doc = toml_parse(text, 5, "t.toml", &err);
	CHECK(doc != NULL);
	char *dump = toml_test_dump(toml_root(doc));
	CHECK_STR(dump, "{\"a\":1}");
	free(dump);
	toml_free(doc);
	char *heap = malloc(7);
	memcpy(heap, "s = \"ab", 7);
	CHECK(toml_parse(heap, 7, "h.toml", &err) == NULL);
	CHECK_STR(err.message, "h.toml:1: unterminated string");
	free(heap);
}

static void test_api(void)
{
	const char *text = "name = \"redox\"\nsize = 256\nlive = true\nlist = [1, 2]\n"
	                   "[tab]\nx = -5\n[[aot]]\ny = 1\n[[aot]]\ny = 2\n";
	struct toml_error err;
	struct toml_doc *doc = toml_parse(text, strlen(text), "api.toml", &err);
	CHECK(doc != NULL);
	const struct toml_value *root = toml_root(doc);
	CHECK(toml_is(root, TOML_TABLE));
	CHECK(toml_count(root) == 6);
	CHECK_STR(toml_key_at(root, 0), "name");
	CHECK_STR(toml_key_at(root, 5), "aot");
	CHECK(toml_key_at(root, 6) == NULL);
	CHECK(toml_at(root, 6) == NULL);

	const char *s = NULL;
	size_t len = 0;
	CHECK(toml_as_string(toml_get(root, "name"), &s, &len));
	CHECK_STR(s, "redox");
	CHECK(len == 5);
	int64_t n = 0;
	CHECK(toml_as_int(toml_get(root, "size"), &n) && n == 256);
	CHECK(!toml_as_int(toml_get(root, "name"), &n) && n == 256);
	CHECK(!toml_as_string(toml_get(root, "size"), &s, NULL));
	bool b = false;
	CHECK(toml_as_bool(toml_get(root, "live"), &b) && b);
	CHECK(!toml_as_bool(toml_get(root, "missing"), &b));
	CHECK(toml_get(root, "missing") == NULL);
	CHECK(toml_get(toml_get(root, "name"), "x") == NULL);

	const struct toml_value *list = toml_get(root, "list");
	CHECK(toml_count(list) == 2);
	CHECK(toml_as_int(toml_at(list, 1), &n) && n == 2);
	CHECK(toml_as_int(toml_get(toml_get(root, "tab"), "x"), &n) && n == -5);
	CHECK(toml_get(root, "tab")->line == 5);

	const struct toml_value *aot = toml_get(root, "aot");
	CHECK(toml_is(aot, TOML_ARRAY) && toml_count(aot) == 2);
	CHECK(toml_as_int(toml_get(toml_at(aot, 1), "y"), &n) && n == 2);
	CHECK(toml_at(aot, 1)->line == 9);
	CHECK(toml_count(toml_get(root, "size")) == 0);
	CHECK(toml_count(NULL) == 0);

	CHECK_STR(toml_type_name(TOML_STRING), "string");
	CHECK_STR(toml_type_name(TOML_INTEGER), "integer");
	CHECK_STR(toml_type_name(TOML_BOOLEAN), "boolean");
	CHECK_STR(toml_type_name(TOML_ARRAY), "array");
	CHECK_STR(toml_type_name(TOML_TABLE), "table");
	toml_free(doc);
}

/* An allocator that fails after N allocations: every failure is reported, nothing leaks. */
static int alloc_budget;

static void *limited_alloc(void *ctx, size_t size)
{
	(void)ctx;
	if (alloc_budget-- <= 0)
		return NULL;
	return malloc(size);
}

static void limited_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

static void test_out_of_memory(void)
{
	const struct toml_allocator a = {limited_alloc, limited_free, NULL};
	const char *text = "[a]\nb = [1, {c = 'x'}]\n[[d]]\ne.f = \"y\"\n";
	int failures = 0;
	for (int budget = 0; budget < 10000; budget++) {
		alloc_budget = budget;
		struct toml_error err;
		struct toml_doc *doc = toml_parse_with(text, strlen(text), "m.toml", &a, &err);
		if (doc) {
			toml_free(doc);
			break;
		}
		failures++;
		if (!strstr(err.message, "out of memory")) {
			CHECK_STR(err.message, "m.toml:N: out of memory");
			break;
		}
	}
	CHECK(failures > 3);
}

static void test_file(void)
{
	struct toml_error err;
	CHECK(toml_parse_file("/nonexistent/x.toml", &err) == NULL);
	CHECK_STR(err.message, "/nonexistent/x.toml: cannot open: No such file or directory");
}

int main(void)
{
	test_valid();
	test_errors();
	test_deep_nesting();
	test_length_bound();
	test_api();
	test_out_of_memory();
	test_file();
	return check_done("toml_test");
}
