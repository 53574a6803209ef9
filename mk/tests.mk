# Tests.
#   make host-test   unit tests of host-buildable code, with sanitizers
#   make test-images the images the boot tests use (default config + test images)
#   make test        both, then every BATS file in tests/bats (tests/run.sh)
#
# Each in-guest test program tests/guest/NAME.c gets its own image,
# build/x86_64/tests/NAME.img, without a config: its initfs holds NAME as
# bin/init beside every other program of $(PROGRAMS), so it runs its checks
# (spawning others from initfs:bin/ as it needs) and ends QEMU through
# isa-debug-exit with its exit code.

TEST_IMAGES_DIR := $(ARCH_BUILD)/tests
TEST_IMAGES := $(foreach t,$(GUEST_TESTS),$(TEST_IMAGES_DIR)/$(t).img)

# storage-test writes files that outlive a boot: give it room (MiB).
$(TEST_IMAGES_DIR)/storage-test.img: private TEST_FS_SIZE := 64
$(TEST_IMAGES_DIR)/powercut-test.img: private TEST_FS_SIZE := 64
$(TEST_IMAGES_DIR)/manyfiles-test.img: private TEST_FS_SIZE := 1024

# BusyBox's own test suite runs in the image of config ci (server plus the
# busybox-testsuite package): tests/bats/busybox.bats. After the default
# image, so the two makes never cook the same recipe at once.
ci-image: $(HARDDRIVE)
	$(Q)env -u FILESYSTEM_CONFIG -u BUILD $(MAKE) --no-print-directory CONFIG_NAME=ci all
.PHONY: ci-image

# Compiling on the booted system (tests/bats/dev.bats) boots the image of
# config dev (server plus tcc, make and source trees). After ci-image, for
# the same reason.
dev-image: ci-image
	$(Q)env -u FILESYSTEM_CONFIG -u BUILD $(MAKE) --no-print-directory CONFIG_NAME=dev all
.PHONY: dev-image

host-test: $(HOST_TESTS)
test-images: $(HARDDRIVE) $(LIVEDISK) $(TEST_IMAGES) $(BOOTLOADER_EFI) $(REDOXFS_FSCK) \
	$(REDOXFS_CAT) ci-image dev-image
test:
	$(Q)HOST_TESTS="$(HOST_TESTS)" MAKE="$(MAKE)" tests/run.sh
.PHONY: host-test test-images test

$(TEST_IMAGES_DIR)/%.img: $(addprefix $(PROGRAMS_OUT)/,$(PROGRAMS)) $(PCID_TABLES) $(KERNEL) $(MKINITFS) \
		$(REDOXFS_AR) $(INSTALLER) $(BOOTLOADER_STAGE1) $(BOOTLOADER_STAGE2)
	$(call progress,IMG,$@)
	$(Q)rm -rf $(TEST_IMAGES_DIR)/$* && mkdir -p $(TEST_IMAGES_DIR)/$*/initfs/bin \
		$(TEST_IMAGES_DIR)/$*/root/boot
	$(Q)cp $(addprefix $(PROGRAMS_OUT)/,$(PROGRAMS)) $(TEST_IMAGES_DIR)/$*/initfs/bin/
	$(Q)cp $(PROGRAMS_OUT)/$* $(TEST_IMAGES_DIR)/$*/initfs/bin/init
	$(Q)mkdir -p $(TEST_IMAGES_DIR)/$*/initfs/etc/pcid.d && \
		cp $(PCID_TABLES) $(TEST_IMAGES_DIR)/$*/initfs/etc/pcid.d/
	$(Q)$(MKINITFS) $(TEST_IMAGES_DIR)/$*/root/boot/initfs $(TEST_IMAGES_DIR)/$*/initfs
	$(Q)cp $(KERNEL) $(TEST_IMAGES_DIR)/$*/root/boot/kernel
	$(Q)$(REDOXFS_AR) $(TEST_IMAGES_DIR)/$*/rootfs.img $(TEST_IMAGES_DIR)/$*/root \
		--size $(or $(TEST_FS_SIZE),auto) >/dev/null
	$(Q)rm -f $@ && $(INSTALLER) disk --out $@ --stage1 $(BOOTLOADER_STAGE1) \
		--stage2 $(BOOTLOADER_STAGE2) --rootfs $(TEST_IMAGES_DIR)/$*/rootfs.img --efi-size 0

# The power-cut stress run (tests/helpers/powercut.sh): CUTS kills of QEMU
# during fsynced writes, the disk checked on the host after each.
CUTS ?= 1000
powercut: test-images
	$(Q)tests/helpers/powercut.sh $(CUTS)
.PHONY: powercut
