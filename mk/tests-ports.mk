# The ports test image: ports-test.img's initfs also holds programs built
# from release tarballs by the cookbook, stripped on the way in: bin/lua
# (recipes/libs/lua) with bin/ports-test.lua (tests/guest/ports-test.lua,
# a script of Lua's standard library), and bin/minigzip and
# bin/zlib-example (recipes/libs/zlib). tests/guest/ports-test.c runs them.
# The tarballs come from build/source-cache/ or Debian's archive (see the
# recipes); with neither the tarballs nor curl, the image is made without
# them and the ports checks say "skip". Include after mk/tests.mk and
# mk/cookbook.mk.

PORTS_STAGE = recipes/libs/$(1)/target/$(TARGET)/stage/usr/bin/$(2)
PORTS_DEPS := $(LIBC) $(CRT_OBJS) $(SYSROOT_HEADERS_STAMP) $(SYSROOT_WRAPPERS) $(COOKBOOK)

$(PROGRAMS_OUT)/lua: recipes/libs/lua/recipe.toml $(PORTS_DEPS)
	$(call progress,COOK,lua)
	$(Q)$(COOKBOOK_RUN) cook lua
	@mkdir -p $(@D)
	$(Q)$(OBJCOPY) --strip-all $(call PORTS_STAGE,lua,lua) $@

# one cook gives both zlib programs
$(PROGRAMS_OUT)/minigzip: recipes/libs/zlib/recipe.toml $(PORTS_DEPS)
	$(call progress,COOK,zlib)
	$(Q)$(COOKBOOK_RUN) cook zlib
	@mkdir -p $(@D)
	$(Q)$(OBJCOPY) --strip-all $(call PORTS_STAGE,zlib,minigzip) $@
	$(Q)$(OBJCOPY) --strip-all $(call PORTS_STAGE,zlib,zlib-example) $(PROGRAMS_OUT)/zlib-example

$(PROGRAMS_OUT)/ports-test.lua: tests/guest/ports-test.lua
	@mkdir -p $(@D)
	$(Q)cp $< $@

PORTS_TARBALLS := lua5.4_5.4.4.orig.tar.gz zlib_1.2.13.dfsg.orig.tar.bz2
PORTS_FETCHABLE := $(or $(shell command -v curl 2>/dev/null), \
	$(if $(filter-out $(notdir $(wildcard $(addprefix $(SOURCE_CACHE)/,$(PORTS_TARBALLS)))), \
		$(PORTS_TARBALLS)),,cached))

ifneq ($(PORTS_FETCHABLE),)
PORTS_FILES := lua ports-test.lua minigzip
$(TEST_IMAGES_DIR)/ports-test.img: private PROGRAMS += $(PORTS_FILES) zlib-example
$(TEST_IMAGES_DIR)/ports-test.img: $(addprefix $(PROGRAMS_OUT)/,$(PORTS_FILES))
endif
