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
#   xorriso                (make live) a CD holding the RedoxFS image and
#                          El Torito boot entries for BIOS and UEFI; see
#                          docs/images.md
#
# A listed package without a recipe fails the build, naming it and the
# config file, unless the config marks it `optional = true` (then it is
# skipped with a warning).

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
	$(Q)$(INSTALLER) recipes $(FILESYSTEM_CONFIG) recipes >/dev/null
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
	rm -rf $(BUILD)/esp && mkdir -p $(BUILD)/esp/EFI/BOOT && \
	cp $(BOOTLOADER_PKG_DIR)/boot/bootloader/BOOTX64.EFI $(BUILD)/esp/EFI/BOOT/ && \
	rm -f $(HARDDRIVE).tmp && $(INSTALLER) disk --out $(HARDDRIVE).tmp --efi-dir $(BUILD)/esp \
	--stage1 $(BOOTLOADER_PKG_DIR)/boot/bootloader/stage1.bin \
	--stage2 $(BOOTLOADER_PKG_DIR)/boot/bootloader/stage2.bin \
	--rootfs $(ROOTFS_IMG) --config $(FILESYSTEM_CONFIG) && mv $(HARDDRIVE).tmp $(HARDDRIVE)

$(HARDDRIVE): $(ROOTFS_IMG) $(INSTALLER)
	$(call progress,IMG,$@)
	$(Q)$(DISK_FROM_ROOTFS)

# The live CD (docs/images.md): an ISO 9660 file system holding the RedoxFS
# image as ROOTFS.IMG (DISK_ISO_ROOTFS in abi/include/redox/abi/disk.h),
# with two El Torito boot entries, both without emulation: BIOS loads
# boot/cdboot.bin (the CD boot sector, which reads stage 2 after it), UEFI
# starts EFI/BOOT/BOOTX64.EFI from the FAT image boot/efi.img. Either
# loader then copies ROOTFS.IMG into RAM (live mode).
LIVE_EFI_IMG := $(BUILD)/iso-efi.img

$(LIVEDISK): $(ROOTFS_IMG) $(HARDDRIVE)
	$(call progress,ISO,$@)
	$(Q)rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot && \
		cp $(BOOTLOADER_PKG_DIR)/boot/bootloader/cdboot.bin $(BUILD)/iso/boot/ && \
		{ ln $(ROOTFS_IMG) $(BUILD)/iso/ROOTFS.IMG 2>/dev/null || \
		cp $(ROOTFS_IMG) $(BUILD)/iso/ROOTFS.IMG; }
	$(Q)rm -f $(LIVE_EFI_IMG) && MTOOLS_SKIP_CHECK=1 mformat -i $(LIVE_EFI_IMG) -C -f 1440 \
		-v REDOX_EFI :: && MTOOLS_SKIP_CHECK=1 mmd -i $(LIVE_EFI_IMG) ::/EFI ::/EFI/BOOT && \
		MTOOLS_SKIP_CHECK=1 mcopy -i $(LIVE_EFI_IMG) \
		$(BOOTLOADER_PKG_DIR)/boot/bootloader/BOOTX64.EFI ::/EFI/BOOT/ && \
		mv $(LIVE_EFI_IMG) $(BUILD)/iso/boot/efi.img
	$(Q)rm -f $@.tmp && xorriso -as mkisofs -quiet -V REDOX_LIVE -o $@.tmp \
		-c boot/boot.cat -b boot/cdboot.bin -no-emul-boot -boot-load-size 4 \
		-boot-info-table -eltorito-alt-boot -e boot/efi.img -no-emul-boot \
		$(BUILD)/iso 2>$(BUILD)/iso.log || { cat $(BUILD)/iso.log >&2; exit 1; }
	$(Q)rm -rf $(BUILD)/iso && mv $@.tmp $@
