# RedoxFS: the format library (redoxfs/lib), the host tools built from it
# and their tests. See docs/redoxfs.md.
#
#   make redoxfs-tools       build/host/redoxfs/redoxfs-{mkfs,ar,fsck,ls,cat}
#   make host-test-redoxfs   unit, crash, fsck and tool tests (ASan + UBSan)
#
# Other parts of the build use the tools through $(REDOXFS_AR) etc.; they
# are file targets, so depending on them builds them.

REDOXFS_OUT := $(HOST_BUILD)/redoxfs
REDOXFS_CC := $(or $(HOST_CC),cc)
REDOXFS_WARN := -std=gnu11 -Wall -Wextra -Werror -Iredoxfs/include -MMD -MP
REDOXFS_CFLAGS := $(REDOXFS_WARN) -O2 -g
REDOXFS_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
REDOXFS_TEST_CFLAGS := $(REDOXFS_WARN) -O1 -g $(REDOXFS_SAN) -Iabi/include

REDOXFS_LIB_SRC := $(wildcard redoxfs/lib/*.c)
REDOXFS_TOOL_NAMES := mkfs ar fsck ls cat
REDOXFS_TOOLS := $(addprefix $(REDOXFS_OUT)/redoxfs-,$(REDOXFS_TOOL_NAMES))
REDOXFS_MKFS := $(REDOXFS_OUT)/redoxfs-mkfs
REDOXFS_AR := $(REDOXFS_OUT)/redoxfs-ar
REDOXFS_FSCK := $(REDOXFS_OUT)/redoxfs-fsck
REDOXFS_LS := $(REDOXFS_OUT)/redoxfs-ls
REDOXFS_CAT := $(REDOXFS_OUT)/redoxfs-cat

# Release objects in obj/, sanitized ones (for tests) in asan/obj/.
REDOXFS_LIB_OBJ := $(patsubst redoxfs/%.c,$(REDOXFS_OUT)/obj/%.o,$(REDOXFS_LIB_SRC))
REDOXFS_HOST_OBJ := $(REDOXFS_OUT)/obj/tools/host.o
REDOXFS_ASAN := $(REDOXFS_OUT)/asan
REDOXFS_ASAN_LIB_OBJ := $(patsubst redoxfs/%.c,$(REDOXFS_ASAN)/obj/%.o,$(REDOXFS_LIB_SRC))
REDOXFS_ASAN_HOST_OBJ := $(REDOXFS_ASAN)/obj/tools/host.o
REDOXFS_ASAN_TOOLS := $(addprefix $(REDOXFS_ASAN)/redoxfs-,$(REDOXFS_TOOL_NAMES))

REDOXFS_TEST_DIR := tests/host/redoxfs
REDOXFS_TEST_NAMES := test_fs test_crash test_fsck test_abi test_cache
REDOXFS_TESTS := $(addprefix $(REDOXFS_ASAN)/,$(REDOXFS_TEST_NAMES))
REDOXFS_TEST_UTIL := $(REDOXFS_ASAN)/obj/test/util.o

.PHONY: redoxfs-tools host-test-redoxfs
redoxfs-tools: $(REDOXFS_TOOLS)

$(REDOXFS_OUT)/obj/%.o: redoxfs/%.c
	@mkdir -p $(@D)
	$(call progress,CC,$<)
	$(Q)$(REDOXFS_CC) $(REDOXFS_CFLAGS) -c $< -o $@

$(REDOXFS_ASAN)/obj/%.o: redoxfs/%.c
	@mkdir -p $(@D)
	$(call progress,CC,$< [asan])
	$(Q)$(REDOXFS_CC) $(REDOXFS_TEST_CFLAGS) -c $< -o $@

$(REDOXFS_ASAN)/obj/test/%.o: $(REDOXFS_TEST_DIR)/%.c
	@mkdir -p $(@D)
	$(call progress,CC,$<)
	$(Q)$(REDOXFS_CC) $(REDOXFS_TEST_CFLAGS) -Iredoxfs/lib -c $< -o $@

$(REDOXFS_TOOLS): $(REDOXFS_OUT)/redoxfs-%: $(REDOXFS_OUT)/obj/tools/redoxfs-%.o \
		$(REDOXFS_HOST_OBJ) $(REDOXFS_LIB_OBJ)
	$(call progress,LD,$@)
	$(Q)$(REDOXFS_CC) $(REDOXFS_CFLAGS) $^ -o $@

$(REDOXFS_ASAN_TOOLS): $(REDOXFS_ASAN)/redoxfs-%: $(REDOXFS_ASAN)/obj/tools/redoxfs-%.o \
		$(REDOXFS_ASAN_HOST_OBJ) $(REDOXFS_ASAN_LIB_OBJ)
	$(call progress,LD,$@ [asan])
	$(Q)$(REDOXFS_CC) $(REDOXFS_TEST_CFLAGS) $^ -o $@

$(REDOXFS_TESTS): $(REDOXFS_ASAN)/%: $(REDOXFS_ASAN)/obj/test/%.o $(REDOXFS_TEST_UTIL) \
		$(REDOXFS_ASAN_LIB_OBJ)
	$(call progress,LD,$@)
	$(Q)$(REDOXFS_CC) $(REDOXFS_TEST_CFLAGS) $^ -o $@

# Each test program, then the tool round trip, then the bootloader build
# of the library (freestanding, checked with nm).
host-test-redoxfs: $(REDOXFS_TESTS) $(REDOXFS_ASAN_TOOLS)
	$(Q)set -e; for t in $(REDOXFS_TESTS); do \
		printf '  %-6s %s\n' TEST $$t; $$t; done
	$(call progress,TEST,$(REDOXFS_TEST_DIR)/tools.sh)
	$(Q)sh $(REDOXFS_TEST_DIR)/tools.sh $(REDOXFS_ASAN) $(REDOXFS_ASAN)/tools-work
	$(call progress,TEST,$(REDOXFS_TEST_DIR)/freestanding.sh)
	$(Q)sh $(REDOXFS_TEST_DIR)/freestanding.sh $(REDOXFS_ASAN)/freestanding

HOST_TESTS += host-test-redoxfs

-include $(REDOXFS_LIB_OBJ:.o=.d) $(REDOXFS_ASAN_LIB_OBJ:.o=.d) \
	$(patsubst %,$(REDOXFS_OUT)/obj/tools/%.d,host $(addprefix redoxfs-,$(REDOXFS_TOOL_NAMES))) \
	$(patsubst %,$(REDOXFS_ASAN)/obj/tools/%.d,host $(addprefix redoxfs-,$(REDOXFS_TOOL_NAMES))) \
	$(patsubst %,$(REDOXFS_ASAN)/obj/test/%.d,util $(REDOXFS_TEST_NAMES))
