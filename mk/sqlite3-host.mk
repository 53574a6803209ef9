# The host's sqlite3, built from the same release tarball, amalgamation
# script and compile-time options as the guest's (recipes/tools/sqlite3),
# with the host compiler against the host's C library:
# tests/bats/sqlite.bats runs one SQL script on both and compares the
# output byte for byte. The cookbook fetches (and checks) the source.
#
#   make sqlite3-host   build/host/sqlite3/sqlite3

SQLITE3_RECIPE := recipes/tools/sqlite3
SQLITE3_HOST_DIR := $(HOST_BUILD)/sqlite3
SQLITE3_HOST := $(SQLITE3_HOST_DIR)/sqlite3

$(SQLITE3_HOST): $(SQLITE3_RECIPE)/recipe.toml $(SQLITE3_RECIPE)/redox.patch $(SQLITE3_RECIPE)/amalgamation.sh \
		$(SQLITE3_RECIPE)/options $(COOKBOOK)
	$(call progress,FETCH,sqlite3)
	$(Q)$(COOKBOOK_RUN) fetch sqlite3 >/dev/null
	$(call progress,GEN,$(SQLITE3_HOST_DIR)/amalgamation)
	$(Q)rm -rf $(SQLITE3_HOST_DIR) && \
		$(SQLITE3_RECIPE)/amalgamation.sh $(SQLITE3_RECIPE)/source $(SQLITE3_HOST_DIR)/amalgamation
	$(call progress,HOSTCC,$@)
	$(Q)$(HOSTCC) -O2 $$(grep -v '^#' $(SQLITE3_RECIPE)/options) -I$(SQLITE3_HOST_DIR)/amalgamation \
		$(SQLITE3_HOST_DIR)/amalgamation/shell.c $(SQLITE3_HOST_DIR)/amalgamation/sqlite3.c \
		-o $@ -lpthread -lm

sqlite3-host: $(SQLITE3_HOST)
.PHONY: sqlite3-host

# the boot tests need it (tests/bats/sqlite.bats)
test-images: $(SQLITE3_HOST)
