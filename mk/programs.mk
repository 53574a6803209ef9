# Our own user programs, built against the sysroot: init, helloworld,
# redoxfsd, every in-guest test program tests/guest/<name>.c and the
# in-guest micro-benchmarks bench/microbench.c (mk/bench.mk). (The
# cookbook builds packaged programs the same way through their recipes.)

PROGRAMS_OUT := $(ARCH_BUILD)/programs
PROGRAM_CFLAGS := -O2 -g $(WARNINGS)
GUEST_TESTS := $(basename $(notdir $(wildcard tests/guest/*.c)))
PROGRAMS := init helloworld redoxfsd pcid ahcid nvmed $(GUEST_TESTS) microbench

$(PROGRAMS_OUT)/init: recipes/core/init/source/init.c
$(PROGRAMS_OUT)/helloworld: recipes/core/helloworld/source/helloworld.c
$(PROGRAMS_OUT)/microbench: bench/microbench.c tests/guest/guest.h
$(foreach t,$(GUEST_TESTS),$(eval $(PROGRAMS_OUT)/$(t): tests/guest/$(t).c tests/guest/guest.h))
$(PROGRAMS_OUT)/sfuzz-stress: tests/guest/sfuzz.c
$(PROGRAMS_OUT)/threads: tests/guest/threads-cancel.h

# redoxfsd: its sources and the redoxfs library (as its recipe builds it).
REDOXFSD_SRC := $(wildcard recipes/core/redoxfs/source/*.c) \
	$(addprefix redoxfs/lib/,alloc.c cow.c crc32c.c data.c dir.c dirindex.c disk.c fs.c fsck.c ops.c)
$(PROGRAMS_OUT)/redoxfsd: $(REDOXFSD_SRC) $(wildcard recipes/core/redoxfs/source/*.h \
		redoxfs/include/redoxfs/*.h redoxfs/lib/*.h)
	$(call progress,CC,recipes/core/redoxfs/source)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) -Iredoxfs/include $(REDOXFSD_SRC) -o $@

# pcid and the drivers: their sources, the driver helpers (common/driver)
# and, for pcid, the TOML parser (as their recipes build them).
DRIVER_LIB := common/driver/driver.c common/driver/disk.c
PCID_SRC := $(wildcard recipes/core/pcid/source/*.c) common/driver/driver.c \
	$(addprefix common/toml/,toml.c toml_lex.c toml_tree.c toml_malloc.c)
AHCID_SRC := $(wildcard recipes/core/ahcid/source/*.c) $(DRIVER_LIB)
$(PROGRAMS_OUT)/pcid: $(PCID_SRC) $(wildcard recipes/core/pcid/source/*.h common/driver/*.h \
		common/toml/*.h)
	$(call progress,CC,recipes/core/pcid/source)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) -Icommon $(PCID_SRC) -o $@
$(PROGRAMS_OUT)/ahcid: $(AHCID_SRC) $(wildcard recipes/core/ahcid/source/*.h common/driver/*.h)
	$(call progress,CC,recipes/core/ahcid/source)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) -Icommon $(AHCID_SRC) -o $@

NVMED_SRC := $(wildcard recipes/core/nvmed/source/*.c) $(DRIVER_LIB)
$(PROGRAMS_OUT)/nvmed: $(NVMED_SRC) $(wildcard common/driver/*.h)
	$(call progress,CC,recipes/core/nvmed/source)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) -Icommon $(NVMED_SRC) -o $@

# The pcid tables of the drivers above, for test images' initfs:etc/pcid.d.
PCID_TABLES := recipes/core/ahcid/source/ahcid.toml recipes/core/nvmed/source/nvmed.toml

# Relink when the C library changes.
$(addprefix $(PROGRAMS_OUT)/,$(PROGRAMS)): $(LIBC) $(CRT_OBJS) $(SYSROOT_HEADERS_STAMP) \
	$(SYSROOT_WRAPPERS)

$(PROGRAMS_OUT)/%:
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(PROGRAM_CFLAGS) $< -o $@
