# The shared libraries in common/ as the host tools build them, and host
# tests of those that have no other home (common/path; TOML, crypto and
# hostutil are tested with the installer and the cookbook, which use them).

# common/hostutil: allocation, strings, files, paths, running programs for
# the installer and the cookbook (it needs common/crypto/sha256.c).
HOSTUTIL_SRCS := $(wildcard common/hostutil/*.c) common/path/path.c

PATH_TEST := $(HOST_BUILD)/tests/path/path_test

$(PATH_TEST): common/path/path.c tests/host/path/path_test.c common/path/path.h tests/host/check.h
	$(call progress,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_TEST_CFLAGS) -I$(ROOT)/common common/path/path.c \
		tests/host/path/path_test.c -o $@

host-test-path: $(PATH_TEST)
	$(call progress,TEST,path)
	$(Q)$(PATH_TEST)
.PHONY: host-test-path
HOST_TESTS += host-test-path

# The tree's one .clang-format, checked: every tracked C file must already
# be formatted (make format rewrites them).
CLANG_FORMAT ?= $(or $(shell command -v clang-format 2>/dev/null),$(shell command -v clang-format-14 2>/dev/null))
FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)

host-test-format:
	$(call progress,FORMAT,check)
	$(Q)test -n "$(CLANG_FORMAT)" || { echo "clang-format not found"; exit 1; }
	$(Q)test -n "$(FORMAT_FILES)" || { echo "host-test-format: git ls-files lists no C files"; exit 1; }
	$(Q)$(CLANG_FORMAT) --dry-run -Werror $(FORMAT_FILES)

format:
	$(Q)$(CLANG_FORMAT) -i $(FORMAT_FILES)
.PHONY: host-test-format format
HOST_TESTS += host-test-format
