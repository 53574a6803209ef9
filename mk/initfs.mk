# The initfs: what init needs before the root filesystem is up, staged
# in $(BUILD)/initfs/ and packed by tools/mkinitfs into $(BUILD)/initfs.img
# (the rule that stages it is in mk/disk.mk).

MKINITFS := $(HOST_BUILD)/mkinitfs/mkinitfs
INITFS_IMG := $(BUILD)/initfs.img
INITFS_DIR := $(BUILD)/initfs

$(MKINITFS): tools/mkinitfs/mkinitfs.c
	$(call progress,HOSTCC,$<)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $< -o $@
