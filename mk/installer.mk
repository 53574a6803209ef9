# The host installer (config resolution, staging, disk image) and the shared
# code it is built from: common/toml (also a library for other host tools)
# and common/crypto. Also their host tests and the TOML fuzzer.
#
#   $(INSTALLER)              build/host/installer/installer
#   $(TOML_HOST_LIB)          build/host/toml/libtoml.a (link with -I$(ROOT)/common)
#   make host-test-toml       parser tests (ASan/UBSan)
#   make host-test-installer  crypto, config, accounts/stage, GPT and CLI tests
#   make fuzz-toml            libFuzzer on the parser for FUZZ_SECONDS (default 600)

INSTALLER := $(HOST_BUILD)/installer/installer
TOML_HOST_LIB := $(HOST_BUILD)/toml/libtoml.a

TOML_SRCS := $(wildcard common/toml/*.c)
CRYPTO_SRCS := $(wildcard common/crypto/*.c)
INSTALLER_SRCS := $(filter-out installer/main.c,$(wildcard installer/*.c)) common/fmt/guid.c \
	$(HOSTUTIL_SRCS)

INSTALLER_CFLAGS := $(HOST_CFLAGS) -I$(ROOT)/common -I$(ROOT)/installer
INSTALLER_TEST_CFLAGS := $(HOST_TEST_CFLAGS) -I$(ROOT)/common -I$(ROOT)/installer \
	-I$(ROOT)/tests/host/toml -DTOML_ARENA_DEBUG

# Objects live under the installer's own build folders, so these static
# pattern rules never meet other parts' rules for the same sources.
INSTALLER_OBJDIR := $(HOST_BUILD)/installer/obj
INSTALLER_TEST_OBJDIR := $(HOST_BUILD)/tests/installer/obj

host_objs = $(patsubst %.c,$(1)/%.o,$(2))

INSTALLER_OBJS := $(call host_objs,$(INSTALLER_OBJDIR),installer/main.c $(INSTALLER_SRCS) \
	$(TOML_SRCS) $(CRYPTO_SRCS))
TOML_LIB_OBJS := $(call host_objs,$(INSTALLER_OBJDIR),$(TOML_SRCS))

INSTALLER_TEST_LIB_OBJS := $(call host_objs,$(INSTALLER_TEST_OBJDIR),$(INSTALLER_SRCS) \
	$(TOML_SRCS) $(CRYPTO_SRCS) tests/host/toml/toml_dump.c)
INSTALLER_TEST_MAIN_OBJS := $(call host_objs,$(INSTALLER_TEST_OBJDIR),installer/main.c \
	tests/host/toml/toml_test.c tests/host/installer/crypto_test.c \
	tests/host/installer/config_test.c tests/host/installer/accounts_test.c \
	tests/host/installer/gpt_test.c)

$(INSTALLER_OBJS): $(INSTALLER_OBJDIR)/%.o: %.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(INSTALLER_CFLAGS) -c $< -o $@

$(INSTALLER_TEST_LIB_OBJS) $(INSTALLER_TEST_MAIN_OBJS): $(INSTALLER_TEST_OBJDIR)/%.o: %.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(INSTALLER_TEST_CFLAGS) -c $< -o $@

$(INSTALLER): $(INSTALLER_OBJS)
	$(call progress,LD,$@)
	$(Q)$(HOSTCC) $(INSTALLER_CFLAGS) $^ -o $@ -largon2

$(TOML_HOST_LIB): $(TOML_LIB_OBJS)
	$(call progress,AR,$@)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

# ---- tests ----

INSTALLER_TEST_BIN := $(HOST_BUILD)/tests/installer
TOML_TEST := $(HOST_BUILD)/tests/toml/toml_test
INSTALLER_UNIT_TESTS := $(addprefix $(INSTALLER_TEST_BIN)/,crypto_test config_test accounts_test \
	gpt_test)
# The CLI tests run an installer built with the sanitizers.
INSTALLER_ASAN := $(INSTALLER_TEST_BIN)/installer

$(TOML_TEST): $(INSTALLER_TEST_OBJDIR)/tests/host/toml/toml_test.o
$(INSTALLER_UNIT_TESTS): $(INSTALLER_TEST_BIN)/%: $(INSTALLER_TEST_OBJDIR)/tests/host/installer/%.o
$(INSTALLER_ASAN): $(INSTALLER_TEST_OBJDIR)/installer/main.o
$(TOML_TEST) $(INSTALLER_UNIT_TESTS) $(INSTALLER_ASAN): $(INSTALLER_TEST_LIB_OBJS)
	$(call progress,LD,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(INSTALLER_TEST_CFLAGS) $^ -o $@ -largon2

.PHONY: host-test-toml host-test-installer fuzz-toml installer
HOST_TESTS += host-test-toml host-test-installer

installer: $(INSTALLER)

host-test-toml: $(TOML_TEST)
	$(call progress,TEST,$<)
	$(Q)$<

host-test-installer: $(INSTALLER_UNIT_TESTS) $(INSTALLER_ASAN) $(INSTALLER)
	$(Q)set -e; for t in $(INSTALLER_UNIT_TESTS); do \
		printf '  %-6s %s\n' TEST $$t; $$t; done
	$(call progress,TEST,tests/host/installer/cli_test.sh)
	$(Q)sh tests/host/installer/cli_test.sh $(INSTALLER_ASAN)

# ---- fuzzing (clang's libFuzzer) ----

FUZZ_SECONDS ?= 600
FUZZ_CC ?= clang
TOML_FUZZ_DIR := $(HOST_BUILD)/fuzz/toml
TOML_FUZZER := $(TOML_FUZZ_DIR)/toml_fuzz
TOML_FUZZ_SRCS := $(TOML_SRCS) tests/host/toml/toml_fuzz.c tests/host/toml/toml_dump.c

$(TOML_FUZZER): $(TOML_FUZZ_SRCS) $(wildcard common/toml/*.h tests/host/toml/*.h)
	$(call progress,FUZZCC,$@)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) -std=gnu11 $(WARNINGS) -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -DTOML_ARENA_DEBUG -I$(ROOT)/common \
		-I$(ROOT)/tests/host/toml $(filter %.c,$^) -o $@

# Seeds: the hand-written corpus and every config; the corpus directory
# keeps what the fuzzer finds between runs; crashes land in $(TOML_FUZZ_DIR).
fuzz-toml: $(TOML_FUZZER)
	@mkdir -p $(TOML_FUZZ_DIR)/corpus
	$(Q)$(TOML_FUZZER) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-dict=tests/host/toml/toml.dict -artifact_prefix=$(TOML_FUZZ_DIR)/ \
		$(TOML_FUZZ_DIR)/corpus tests/host/toml/corpus config

-include $(INSTALLER_OBJS:.o=.d) $(INSTALLER_TEST_LIB_OBJS:.o=.d) \
	$(INSTALLER_TEST_MAIN_OBJS:.o=.d)
