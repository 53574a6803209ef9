# The initfs: what init needs before the root filesystem is up. The
# base-initfs recipe packs it with tools/mkinitfs (built here) into its
# package's boot/initfs; mk/disk.mk extracts a copy as $(BUILD)/initfs.img,
# and mk/tests.mk packs the test images' own initfs.

MKINITFS := $(HOST_BUILD)/mkinitfs/mkinitfs
INITFS_IMG := $(BUILD)/initfs.img
INITFS_DIR := $(BUILD)/initfs

$(MKINITFS): tools/mkinitfs/mkinitfs.c
	$(call progress,HOSTCC,$<)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $< -o $@
