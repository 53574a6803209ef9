# The cookbook: recipes/<category>/<name>/recipe.toml cooked into packages
# in $(REPO) by the host tool build/host/cookbook/cookbook (cookbook/).
# See docs/recipes.md.
#
#   make r.NAME   cook NAME (and what it needs that is out of date)
#   make c.NAME   remove NAME's target/ and its package
#   make f.NAME   fetch NAME's source
#   make u.NAME   remove NAME's fetched source (never an in-tree path source)
#   make p.NAME   cook NAME and push it into the existing $(HARDDRIVE): the
#                 package (and its runtime dependencies) is unpacked into the
#                 staged root of the last build, then the RedoxFS image and
#                 the disk are rewritten
#   make host-test-cookbook   unit and CLI tests (ASan/UBSan)
#
# mk/disk.mk runs `cookbook cook-config` for `make all`, and includes this
# file (after the kernel, bootloader, initfs, installer and sysroot
# fragments, whose outputs COOK_PREREQS names); a second include is a no-op.

ifndef COOKBOOK_MK_INCLUDED
COOKBOOK_MK_INCLUDED := 1

COOKBOOK := $(HOST_BUILD)/cookbook/cookbook
REPO := $(ARCH_BUILD)/repo
SOURCE_CACHE := build/source-cache

COOKBOOK_LIB_SRCS := $(filter-out cookbook/main.c,$(wildcard cookbook/*.c)) \
	$(wildcard common/toml/*.c) common/crypto/sha256.c $(HOSTUTIL_SRCS)
COOKBOOK_CFLAGS := $(HOST_CFLAGS) -I$(ROOT)/common -I$(ROOT)/cookbook
COOKBOOK_TEST_CFLAGS := $(HOST_TEST_CFLAGS) -I$(ROOT)/common -I$(ROOT)/cookbook

COOKBOOK_OBJDIR := $(HOST_BUILD)/cookbook/obj
COOKBOOK_TEST_OBJDIR := $(HOST_BUILD)/tests/cookbook/obj
COOKBOOK_OBJS := $(patsubst %.c,$(COOKBOOK_OBJDIR)/%.o,cookbook/main.c $(COOKBOOK_LIB_SRCS))
COOKBOOK_TEST_LIB_OBJS := $(patsubst %.c,$(COOKBOOK_TEST_OBJDIR)/%.o,$(COOKBOOK_LIB_SRCS))

# How make runs the cookbook. COOKBOOK_MAKE: the make that build scripts use.
# One cook at a time: under make -j two rules (the lua and zlib test
# programs, a config's image) may both need relibc cooked, and two cooks of
# one recipe at once remove each other's stage.
COOKBOOK_RUN = COOKBOOK_MAKE="$(MAKE)" flock $(HOST_BUILD)/cookbook.lock \
	$(COOKBOOK) --root $(ROOT) --target $(TARGET) \
	--repo $(abspath $(REPO)) --sysroot $(SYSROOT) --cache $(abspath $(SOURCE_CACHE))

# Built by their own make rules first, so that the recipes that wrap them
# (kernel, bootloader, relibc, base-initfs) find them up to date and a
# parallel make never builds them twice at once.
COOK_PREREQS := $(COOKBOOK) $(MKINITFS) $(INSTALLER) $(KERNEL) $(BOOTLOADER_STAGE1) \
	$(BOOTLOADER_STAGE2) sysroot

$(COOKBOOK_OBJS): $(COOKBOOK_OBJDIR)/%.o: %.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(COOKBOOK_CFLAGS) -c $< -o $@

$(COOKBOOK): $(COOKBOOK_OBJS)
	$(call progress,LD,$@)
	$(Q)$(HOSTCC) $(COOKBOOK_CFLAGS) $^ -o $@

cookbook: $(COOKBOOK)
.PHONY: cookbook

r.%: $(COOK_PREREQS)
	$(Q)$(COOKBOOK_RUN) cook --force $*

c.%: $(COOKBOOK)
	$(call progress,CLEAN,$*)
	$(Q)$(COOKBOOK_RUN) clean $*

f.%: $(COOKBOOK)
	$(Q)$(COOKBOOK_RUN) fetch $*

u.%: $(COOKBOOK)
	$(call progress,UNFETCH,$*)
	$(Q)$(COOKBOOK_RUN) unfetch $*

p.%: $(COOK_PREREQS)
	$(Q)test -f $(HARDDRIVE) && test -d $(STAGE_ROOT) || \
		{ echo "p.$*: no $(HARDDRIVE) to push into: make all first" >&2; exit 1; }
	$(Q)$(COOKBOOK_RUN) cook $*
	$(call progress,PUSH,$* -> $(STAGE_ROOT))
	$(Q)$(COOKBOOK_RUN) pkg install --meta $(abspath $(STAGE_META)) $(abspath $(STAGE_ROOT)) \
		$$($(COOKBOOK_RUN) deps --runtime $*)
	$(call progress,REDOXFS,$(ROOTFS_IMG))
	$(Q)rm -f $(ROOTFS_IMG) && $(REDOXFS_AR) $(ROOTFS_IMG) $(STAGE_ROOT) --meta $(STAGE_META) \
		--size $$($(INSTALLER) general $(FILESYSTEM_CONFIG) filesystem_size) >/dev/null
	$(call progress,IMG,$(HARDDRIVE))
	$(Q)$(DISK_FROM_ROOTFS)

# ---- tests ----

COOKBOOK_TEST_BIN := $(HOST_BUILD)/tests/cookbook
COOKBOOK_TEST_NAMES := hash_test recipe_test graph_test pkg_test
COOKBOOK_TESTS := $(addprefix $(COOKBOOK_TEST_BIN)/,$(COOKBOOK_TEST_NAMES))
COOKBOOK_ASAN := $(COOKBOOK_TEST_BIN)/cookbook
COOKBOOK_TEST_MAIN_OBJS := $(patsubst %,$(COOKBOOK_TEST_OBJDIR)/tests/host/cookbook/%.o, \
	$(COOKBOOK_TEST_NAMES)) $(COOKBOOK_TEST_OBJDIR)/cookbook/main.o

$(COOKBOOK_TEST_LIB_OBJS) $(COOKBOOK_TEST_MAIN_OBJS): $(COOKBOOK_TEST_OBJDIR)/%.o: %.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(COOKBOOK_TEST_CFLAGS) -c $< -o $@

$(COOKBOOK_TESTS): $(COOKBOOK_TEST_BIN)/%: $(COOKBOOK_TEST_OBJDIR)/tests/host/cookbook/%.o
$(COOKBOOK_ASAN): $(COOKBOOK_TEST_OBJDIR)/cookbook/main.o
$(COOKBOOK_TESTS) $(COOKBOOK_ASAN): $(COOKBOOK_TEST_LIB_OBJS)
	$(call progress,LD,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(COOKBOOK_TEST_CFLAGS) $^ -o $@

host-test-cookbook: $(COOKBOOK_TESTS) $(COOKBOOK_ASAN)
	$(Q)set -e; for t in $(COOKBOOK_TESTS); do \
		printf '  %-6s %s\n' TEST $$t; $$t; done
	$(call progress,TEST,tests/host/cookbook/cli_test.sh)
	$(Q)bash tests/host/cookbook/cli_test.sh $(COOKBOOK_ASAN)

.PHONY: host-test-cookbook
HOST_TESTS += host-test-cookbook

-include $(COOKBOOK_OBJS:.o=.d) $(COOKBOOK_TEST_LIB_OBJS:.o=.d) $(COOKBOOK_TEST_MAIN_OBJS:.o=.d)

endif
