# Release images: `make release` (or `./build.sh -c CONFIG`) copies this
# config's disk and live CD into build/release/ under their release names
#     redox_<config>_<version>_harddrive.img
#     redox_<config>_<version>_livedisk.iso
# and rewrites build/release/SHA256SUMS over every image there. <version>
# is the VERSION file's first line if there is one, else
# `git describe --always --dirty`. See docs/images.md.

RELEASE_DIR := build/release
# Lazy: only `make release` runs git.
RELEASE_VERSION = $(shell { head -n1 VERSION 2>/dev/null || git describe --always --dirty \
	2>/dev/null || echo unknown; } | tr -c 'A-Za-z0-9._+\n-' '_')
RELEASE_NAME = redox_$(CONFIG_NAME)_$(RELEASE_VERSION)

release: $(HARDDRIVE) $(LIVEDISK)
	$(call progress,RELEASE,$(RELEASE_DIR)/$(RELEASE_NAME)_*)
	@mkdir -p $(RELEASE_DIR)
	$(Q)cp $(HARDDRIVE) $(RELEASE_DIR)/$(RELEASE_NAME)_harddrive.img.tmp && \
		mv $(RELEASE_DIR)/$(RELEASE_NAME)_harddrive.img.tmp $(RELEASE_DIR)/$(RELEASE_NAME)_harddrive.img
	$(Q)cp $(LIVEDISK) $(RELEASE_DIR)/$(RELEASE_NAME)_livedisk.iso.tmp && \
		mv $(RELEASE_DIR)/$(RELEASE_NAME)_livedisk.iso.tmp $(RELEASE_DIR)/$(RELEASE_NAME)_livedisk.iso
	$(Q)cd $(RELEASE_DIR) && sha256sum redox_*_harddrive.img redox_*_livedisk.iso >SHA256SUMS
	@ls -l $(RELEASE_DIR)

.PHONY: release
