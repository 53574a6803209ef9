# Our own user programs, built against the sysroot: init, helloworld,
# redoxfsd, every in-guest test program tests/guest/<name>.c and the
# in-guest micro-benchmarks bench/microbench.c (mk/bench.mk). (The
# cookbook builds packaged programs the same way through their recipes.)

PROGRAMS_OUT := $(ARCH_BUILD)/programs
PROGRAM_CFLAGS := -O2 -g $(WARNINGS)
GUEST_TESTS := $(basename $(notdir $(wildcard tests/guest/*.c)))
PROGRAMS := init helloworld redoxfsd $(GUEST_TESTS) microbench

$(PROGRAMS_OUT)/init: recipes/core/init/source/init.c
$(PROGRAMS_OUT)/helloworld: recipes/core/helloworld/source/helloworld.c
$(PROGRAMS_OUT)/microbench: bench/microbench.c tests/guest/guest.h
$(foreach t,$(GUEST_TESTS),$(eval $(PROGRAMS_OUT)/$(t): tests/guest/$(t).c tests/guest/guest.h))

# redoxfsd: its sources and the redoxfs library (as its recipe builds it).
REDOXFSD_SRC := $(wildcard recipes/core/redoxfs/source/*.c) \
	$(addprefix redoxfs/lib/,alloc.c cow.c crc32c.c data.c dir.c disk.c fs.c ops.c)
$(PROGRAMS_OUT)/redoxfsd: $(REDOXFSD_SRC) $(wildcard recipes/core/redoxfs/source/*.h \
		redoxfs/include/redoxfs/*.h redoxfs/lib/*.h)
	$(call progress,CC,recipes/core/redoxfs/source)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) -Iredoxfs/include $(REDOXFSD_SRC) -o $@

# Relink when the C library changes.
$(addprefix $(PROGRAMS_OUT)/,$(PROGRAMS)): $(LIBC) $(CRT_OBJS) $(SYSROOT_HEADERS_STAMP) \
	$(SYSROOT_WRAPPERS)

$(PROGRAMS_OUT)/%:
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) $< -o $@
