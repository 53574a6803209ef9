# Our own user programs, built against the sysroot: init, helloworld, and
# every in-guest test program tests/guest/<name>.c. (The cookbook builds
# packaged programs the same way through their recipes.)

PROGRAMS_OUT := $(ARCH_BUILD)/programs
PROGRAM_CFLAGS := -O2 -g $(WARNINGS)
GUEST_TESTS := $(basename $(notdir $(wildcard tests/guest/*.c)))
PROGRAMS := init helloworld $(GUEST_TESTS)

$(PROGRAMS_OUT)/init: recipes/core/init/source/init.c
$(PROGRAMS_OUT)/helloworld: recipes/core/helloworld/source/helloworld.c
$(foreach t,$(GUEST_TESTS),$(eval $(PROGRAMS_OUT)/$(t): tests/guest/$(t).c))

# Relink when the C library changes.
$(addprefix $(PROGRAMS_OUT)/,$(PROGRAMS)): $(LIBC) $(CRT_OBJS) $(SYSROOT_HEADERS_STAMP) \
	$(SYSROOT_WRAPPERS)

$(PROGRAMS_OUT)/%:
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) $< -o $@
