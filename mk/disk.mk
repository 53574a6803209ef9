# From a config to harddrive.img:
#   installer check        the config and its includes are valid
#   installer stage        /etc/passwd, shadow, group, [[files]] into $(BUILD)/root
#   packages               each package the config lists is installed into the root
#   boot/kernel, boot/initfs
#   redoxfs-ar             the root folder becomes a RedoxFS image (no FUSE, no root)
#   installer disk         GPT: stage 1 in the MBR, stage 2 in the BIOS boot
#                          partition, EFI partition, the RedoxFS partition
#
# Packages are installed from $(PROGRAMS_OUT) for now; the cookbook
# (recipes/) takes this over. A listed package without a build is skipped
# with a warning.

HARDDRIVE := $(BUILD)/harddrive.img
LIVEDISK := $(BUILD)/livedisk.iso
ROOTFS_IMG := $(BUILD)/rootfs.img
STAGE_ROOT := $(BUILD)/root
STAGE_META := $(BUILD)/root.meta
CONFIG_STAMP := $(BUILD)/config.checked
ALL_CONFIGS := $(wildcard config/*.toml config/*/*.toml)

# How each package with a build so far goes into the root (the cookbook
# replaces this table). kernel, bootloader and relibc are placed below.
PACKAGE_INSTALL_helloworld = install -D -m 755 $(PROGRAMS_OUT)/helloworld $(STAGE_ROOT)/usr/bin/helloworld
PACKAGE_INSTALL_init = install -D -m 755 $(PROGRAMS_OUT)/init $(STAGE_ROOT)/usr/bin/init
PACKAGE_INSTALLABLE := init helloworld
PACKAGE_BUILT := kernel bootloader relibc $(PACKAGE_INSTALLABLE)

rparen := )
INITFS_CONTENTS := $(PROGRAMS_OUT)/init recipes/core/init/source/init.rc

all: $(HARDDRIVE)
	@echo "  DONE   $(HARDDRIVE)"
.PHONY: all image rebuild clean distclean

image:
	$(Q)rm -f $(HARDDRIVE) $(ROOTFS_IMG)
	$(Q)$(MAKE) --no-print-directory all

rebuild:
	$(Q)rm -rf $(BUILD)
	$(Q)$(MAKE) --no-print-directory all

clean:
	$(call progress,CLEAN,build/)
	$(Q)rm -rf build

distclean: clean
	$(Q)rm -f .config

$(CONFIG_STAMP): $(ALL_CONFIGS) $(INSTALLER)
	$(call progress,CONFIG,$(FILESYSTEM_CONFIG))
	@mkdir -p $(@D)
	$(Q)$(INSTALLER) check $(FILESYSTEM_CONFIG)
	$(Q)$(INSTALLER) packages $(FILESYSTEM_CONFIG) >$@.packages
	$(Q)for p in $$(cat $@.packages); do \
		case " $(PACKAGE_BUILT) " in *" $$p "*) ;; \
		*) echo "  WARN   package $$p has no recipe yet: skipped" ;; esac; done
	@touch $@

$(INITFS_IMG): $(MKINITFS) $(INITFS_CONTENTS)
	$(call progress,INITFS,$@)
	$(Q)rm -rf $(INITFS_DIR) && mkdir -p $(INITFS_DIR)/bin $(INITFS_DIR)/etc
	$(Q)cp $(PROGRAMS_OUT)/init $(INITFS_DIR)/bin/init
	$(Q)cp recipes/core/init/source/init.rc $(INITFS_DIR)/etc/init.rc
	$(Q)$(MKINITFS) $@ $(INITFS_DIR)

$(ROOTFS_IMG): $(CONFIG_STAMP) $(KERNEL) $(INITFS_IMG) $(REDOXFS_AR) \
		$(addprefix $(PROGRAMS_OUT)/,$(PACKAGE_INSTALLABLE))
	$(call progress,STAGE,$(STAGE_ROOT))
	$(Q)rm -rf $(STAGE_ROOT) && $(INSTALLER) stage $(FILESYSTEM_CONFIG) $(STAGE_ROOT) $(STAGE_META)
	$(Q)mkdir -p $(STAGE_ROOT)/boot && cp $(KERNEL) $(STAGE_ROOT)/boot/kernel && \
		cp $(INITFS_IMG) $(STAGE_ROOT)/boot/initfs
	$(Q)for p in $$(cat $(CONFIG_STAMP).packages); do case "$$p" in \
		$(foreach p,$(PACKAGE_INSTALLABLE),$(p)$(rparen) $(PACKAGE_INSTALL_$(p)) || exit 1;;) esac; done
	$(call progress,REDOXFS,$@)
	$(Q)rm -f $@ && $(REDOXFS_AR) $@ $(STAGE_ROOT) --meta $(STAGE_META) \
		--size $$($(INSTALLER) general $(FILESYSTEM_CONFIG) filesystem_size) >/dev/null

$(HARDDRIVE): $(ROOTFS_IMG) $(BOOTLOADER_STAGE1) $(BOOTLOADER_STAGE2) $(INSTALLER)
	$(call progress,IMG,$@)
	$(Q)rm -f $@.tmp && $(INSTALLER) disk --out $@.tmp --stage1 $(BOOTLOADER_STAGE1) \
		--stage2 $(BOOTLOADER_STAGE2) --rootfs $(ROOTFS_IMG) --config $(FILESYSTEM_CONFIG)
	$(Q)mv $@.tmp $@
