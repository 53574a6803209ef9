# Tests.
#   make host-test   unit tests of host-buildable code, with sanitizers
#   make test-images the images the boot tests use (default config + test images)
#   make test        both, then every BATS file in tests/bats (tests/run.sh)
#
# The kernel test image has no config: its initfs holds tests/guest's
# kernel-test as bin/init (and helloworld), so it runs its checks and ends
# QEMU through isa-debug-exit with the result.

TEST_IMAGES_DIR := $(ARCH_BUILD)/tests
KTEST_IMG := $(TEST_IMAGES_DIR)/kernel-test.img
KTEST_DIR := $(TEST_IMAGES_DIR)/kernel-test

host-test: $(HOST_TESTS)
test-images: $(HARDDRIVE) $(KTEST_IMG)
test:
	$(Q)HOST_TESTS="$(HOST_TESTS)" MAKE="$(MAKE)" tests/run.sh
.PHONY: host-test test-images test

$(KTEST_IMG): $(PROGRAMS_OUT)/kernel-test $(PROGRAMS_OUT)/helloworld $(KERNEL) $(MKINITFS) \
		$(REDOXFS_AR) $(INSTALLER) $(BOOTLOADER_STAGE1) $(BOOTLOADER_STAGE2)
	$(call progress,IMG,$@)
	$(Q)rm -rf $(KTEST_DIR) && mkdir -p $(KTEST_DIR)/initfs/bin $(KTEST_DIR)/root/boot
	$(Q)cp $(PROGRAMS_OUT)/kernel-test $(KTEST_DIR)/initfs/bin/init
	$(Q)cp $(PROGRAMS_OUT)/helloworld $(KTEST_DIR)/initfs/bin/helloworld
	$(Q)$(MKINITFS) $(KTEST_DIR)/root/boot/initfs $(KTEST_DIR)/initfs
	$(Q)cp $(KERNEL) $(KTEST_DIR)/root/boot/kernel
	$(Q)$(REDOXFS_AR) $(KTEST_DIR)/rootfs.img $(KTEST_DIR)/root --size auto >/dev/null
	$(Q)rm -f $@ && $(INSTALLER) disk --out $@ --stage1 $(BOOTLOADER_STAGE1) \
		--stage2 $(BOOTLOADER_STAGE2) --rootfs $(KTEST_DIR)/rootfs.img --efi-size 0
