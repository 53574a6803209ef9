# The initfs: what init needs before the root filesystem is up. Its
# contents are staged in $(BUILD)/initfs/ (by the recipes that provide
# early programs) and packed by tools/mkinitfs into $(BUILD)/initfs.img.

MKINITFS := $(HOST_BUILD)/mkinitfs/mkinitfs
INITFS_IMG := $(BUILD)/initfs.img
INITFS_DIR := $(BUILD)/initfs

$(MKINITFS): tools/mkinitfs/mkinitfs.c
	$(call progress,HOSTCC,$<)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $< -o $@

# INITFS_FILES: files whose change must repack the initfs (set by fragments
# that stage into $(INITFS_DIR)).
$(INITFS_IMG): $(MKINITFS) $(INITFS_FILES)
	$(call progress,INITFS,$@)
	@mkdir -p $(INITFS_DIR)/etc
	$(Q)$(MKINITFS) $@ $(INITFS_DIR)
