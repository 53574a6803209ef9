# Host tests of the small shared libraries in common/ that have no other
# home (common/path; TOML and crypto are tested with the installer).

PATH_TEST := $(HOST_BUILD)/tests/path/path_test

$(PATH_TEST): common/path/path.c tests/host/path/path_test.c common/path/path.h
	$(call progress,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_TEST_CFLAGS) -I$(ROOT)/common common/path/path.c \
		tests/host/path/path_test.c -o $@

host-test-path: $(PATH_TEST)
	$(call progress,TEST,path)
	$(Q)$(PATH_TEST)
.PHONY: host-test-path
HOST_TESTS += host-test-path
