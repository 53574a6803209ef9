/*
 * Test helpers for common/toml: a canonical one-line dump of a parsed tree
 * (what the unit tests compare against) and an emitter that writes a tree
 * back as TOML text (the fuzzer re-parses it and compares dumps).
 */
#ifndef TESTS_TOML_DUMP_H
#define TESTS_TOML_DUMP_H

#include "toml/toml.h"

/*
 * {"key":value,...} in document order; strings "..." with \" \\ and \uXXXX
 * for control bytes; integers in decimal; true/false; [a,b]. malloc'd.
 */
char *toml_test_dump(const struct toml_value *value);

/* The tree as a TOML document of "key" = inline-value lines. malloc'd. */
char *toml_test_emit(const struct toml_value *root);

#endif
