# Our own user programs, built against the sysroot: init, helloworld, and
# the in-guest test programs. (The cookbook builds packaged programs the
# same way through their recipes.)

PROGRAMS_OUT := $(ARCH_BUILD)/programs
PROGRAM_CFLAGS := -O2 -g $(WARNINGS)

$(PROGRAMS_OUT)/init: recipes/core/init/source/init.c
$(PROGRAMS_OUT)/helloworld: recipes/core/helloworld/source/helloworld.c
$(PROGRAMS_OUT)/kernel-test: tests/guest/kernel-test.c

$(PROGRAMS_OUT)/%: | sysroot
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) $< -o $@

# Relink when the C library changes.
$(PROGRAMS_OUT)/init $(PROGRAMS_OUT)/helloworld $(PROGRAMS_OUT)/kernel-test: $(LIBC) $(CRT_OBJS) \
	$(SYSROOT_HEADERS_STAMP) $(SYSROOT_WRAPPERS)
