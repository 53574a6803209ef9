# From a config to harddrive.img (and livedisk.iso):
#   installer check        the config and its includes are valid
#   installer packages     the packages the config lists
#   cookbook cook-config   cook what those packages need (mk/cookbook.mk);
#                          write $(PACKAGES_LIST): the image's packages and
#                          their hashes, rewritten only when one changed
#   installer stage        /etc/passwd, shadow, group, [[files]] into $(BUILD)/root
#   cookbook pkg install   each package checked and unpacked into the root;
#                          boot/kernel, boot/initfs come from the kernel and
#                          base-initfs packages
#   redoxfs-ar             the root folder becomes a RedoxFS image (no FUSE, no root)
#   installer disk         GPT: stage 1 in the MBR, stage 2 in the BIOS boot
#                          partition (both from the bootloader package), EFI
#                          partition, the RedoxFS partition
#   xorriso                (make live) the disk as an El Torito hard-disk
#                          emulation boot image on a CD; see docs/images.md
#
# A listed package without a recipe is skipped with a warning.

# The cookbook's rules (guarded against a second include).
include mk/cookbook.mk

HARDDRIVE := $(BUILD)/harddrive.img
LIVEDISK := $(BUILD)/livedisk.iso
ROOTFS_IMG := $(BUILD)/rootfs.img
STAGE_ROOT := $(BUILD)/root
STAGE_META := $(BUILD)/root.meta
CONFIG_STAMP := $(BUILD)/config.checked
PACKAGES_LIST := $(BUILD)/packages.list
BOOTLOADER_PKG_DIR := $(BUILD)/bootloader
ALL_CONFIGS := $(wildcard config/*.toml config/*/*.toml)

# Every image boots from an initfs, so its package is always added (until
# config/base.toml lists base-initfs itself).
IMAGE_EXTRA_PACKAGES ?= base-initfs

all: $(HARDDRIVE)
	@echo "  DONE   $(HARDDRIVE)"
live: $(LIVEDISK)
	@echo "  DONE   $(LIVEDISK)"
.PHONY: all live image rebuild clean distclean

image:
	$(Q)rm -f $(HARDDRIVE) $(ROOTFS_IMG) $(LIVEDISK)
	$(Q)$(MAKE) --no-print-directory all

rebuild:
	$(Q)rm -rf $(BUILD)
	$(Q)$(MAKE) --no-print-directory all

# Kept: downloaded tarballs (build/source-cache) and fetched sources
# (recipes/*/*/source of git and tar recipes; make u.NAME removes one).
clean:
	$(call progress,CLEAN,build/ recipes/*/*/target/)
	$(Q)if [ -d build ]; then find build -mindepth 1 -maxdepth 1 ! -name source-cache \
		-exec rm -rf {} +; fi
	$(Q)rm -rf recipes/*/*/target

distclean: clean
	$(Q)rm -rf build
	$(Q)rm -f .config

$(CONFIG_STAMP): $(ALL_CONFIGS) $(INSTALLER)
	$(call progress,CONFIG,$(FILESYSTEM_CONFIG))
	@mkdir -p $(@D)
	$(Q)$(INSTALLER) check $(FILESYSTEM_CONFIG)
	$(Q){ $(INSTALLER) packages $(FILESYSTEM_CONFIG); \
		for p in $(IMAGE_EXTRA_PACKAGES); do echo $$p; done; } >$@.packages
	@touch $@

# Runs every time; the cookbook decides what is out of date and touches
# $@ only when the image's packages changed, so that make then remakes
# the image only in that case.
$(PACKAGES_LIST): $(CONFIG_STAMP) $(COOK_PREREQS) cookbook-force
	$(Q)$(COOKBOOK_RUN) cook-config $(abspath $(CONFIG_STAMP).packages) $(abspath $@)
cookbook-force:

# The initfs of this image, for tools that want it on its own.
$(INITFS_IMG): $(PACKAGES_LIST)
	$(call progress,INITFS,$@)
	$(Q)rm -rf $(INITFS_DIR).pkg && \
		$(COOKBOOK_RUN) pkg install $(abspath $(INITFS_DIR).pkg) base-initfs
	$(Q)cp $(INITFS_DIR).pkg/boot/initfs $@

$(ROOTFS_IMG): $(PACKAGES_LIST) $(CONFIG_STAMP) $(REDOXFS_AR) $(INSTALLER) $(COOKBOOK)
	$(call progress,STAGE,$(STAGE_ROOT))
	$(Q)rm -rf $(STAGE_ROOT) && $(INSTALLER) stage $(FILESYSTEM_CONFIG) $(STAGE_ROOT) $(STAGE_META)
	$(Q)$(COOKBOOK_RUN) pkg install --meta $(abspath $(STAGE_META)) $(abspath $(STAGE_ROOT)) \
		$$(cut -d' ' -f1 $(PACKAGES_LIST))
	$(Q)for f in boot/kernel boot/initfs; do test -f $(STAGE_ROOT)/$$f || { \
		echo "$(FILESYSTEM_CONFIG): no package puts $$f into the image" >&2; exit 1; }; done
	$(call progress,REDOXFS,$@)
	$(Q)rm -f $@ && $(REDOXFS_AR) $@ $(STAGE_ROOT) --meta $(STAGE_META) \
		--size $$($(INSTALLER) general $(FILESYSTEM_CONFIG) filesystem_size) >/dev/null

# Boot code from the bootloader package (checked like any install).
DISK_FROM_ROOTFS = rm -rf $(BOOTLOADER_PKG_DIR) && \
	$(COOKBOOK_RUN) pkg install $(abspath $(BOOTLOADER_PKG_DIR)) bootloader && \
	rm -f $(HARDDRIVE).tmp && $(INSTALLER) disk --out $(HARDDRIVE).tmp \
	--stage1 $(BOOTLOADER_PKG_DIR)/boot/bootloader/stage1.bin \
	--stage2 $(BOOTLOADER_PKG_DIR)/boot/bootloader/stage2.bin \
	--rootfs $(ROOTFS_IMG) --config $(FILESYSTEM_CONFIG) && mv $(HARDDRIVE).tmp $(HARDDRIVE)

$(HARDDRIVE): $(ROOTFS_IMG) $(INSTALLER)
	$(call progress,IMG,$@)
	$(Q)$(DISK_FROM_ROOTFS)

# The live CD: the hard-disk image as an El Torito hard-disk-emulation boot
# image. The BIOS then presents that image as the first hard disk, and the
# bootloader reads the root filesystem from it as from harddrive.img. The
# copy's MBR disk signature (bytes 440..443, unused by GPT) says "LIVE": the
# bootloader then loads the whole filesystem into memory (a CD is read-only).
$(LIVEDISK): $(HARDDRIVE)
	$(call progress,ISO,$@)
	$(Q)rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso && cp $(HARDDRIVE) $(BUILD)/iso/ && \
		printf LIVE | dd of=$(BUILD)/iso/harddrive.img bs=1 seek=440 conv=notrunc status=none
	$(Q)rm -f $@.tmp && xorriso -as mkisofs -quiet -V REDOX_LIVE -o $@.tmp \
		-b harddrive.img -hard-disk-boot $(BUILD)/iso 2>$(BUILD)/iso.log || \
		{ cat $(BUILD)/iso.log >&2; exit 1; }
	$(Q)rm -rf $(BUILD)/iso && mv $@.tmp $@
