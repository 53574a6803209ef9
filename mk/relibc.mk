# relibc-c: the C library. This file builds its kernel-independent core
# for host unit tests (`make host-test-relibc`); the target library (all of
# src/, the platform layer included, and crt/) is built by mk/sysroot.mk.
#
# Host tests compile the library exactly as for the target (freestanding,
# -nostdinc, our headers + the compiler's) but with sanitizers, then rename
# every symbol the library defines to rl_<name> so that it can be linked
# into a normal host program next to glibc, which the tests compare with.

RELIBC_DIR := relibc-c
RELIBC_INCLUDE := $(RELIBC_DIR)/include
# The kernel-independent sources: everything but the platform layer.
RELIBC_CORE_SRCS := $(sort $(filter-out $(RELIBC_DIR)/src/platform/%, \
	$(wildcard $(RELIBC_DIR)/src/*/*.c $(RELIBC_DIR)/src/*/*.S)))
# Flags any build of the library needs (target or host test).
RELIBC_CFLAGS := -std=gnu11 -ffreestanding -nostdinc -fno-builtin -ffp-contract=off \
	-isystem $(RELIBC_INCLUDE) -isystem abi/include -I$(RELIBC_DIR)/src \
	-Wall -Wextra -Werror

RELIBC_HOST_CC ?= cc
RELIBC_HOST_DIR := $(HOST_BUILD)/relibc
RELIBC_HOST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -g
RELIBC_HOST_CFLAGS := $(RELIBC_CFLAGS) -O1 $(RELIBC_HOST_SAN) \
	-isystem $(shell $(RELIBC_HOST_CC) -print-file-name=include)
RELIBC_HOST_OBJS := $(patsubst $(RELIBC_DIR)/src/%,$(RELIBC_HOST_DIR)/lib/%.o,$(RELIBC_CORE_SRCS))

RELIBC_TEST_DIR := tests/host/relibc
RELIBC_TEST_SRCS := $(sort $(wildcard $(RELIBC_TEST_DIR)/*.c))
RELIBC_TEST_OBJS := $(patsubst $(RELIBC_TEST_DIR)/%.c,$(RELIBC_HOST_DIR)/test/%.o,$(RELIBC_TEST_SRCS))
RELIBC_TEST_CFLAGS := -std=gnu11 -O1 $(RELIBC_HOST_SAN) -Wall -Wextra -Werror \
	-Wno-format -fno-builtin -D_GNU_SOURCE

HOST_TESTS += host-test-relibc

.PHONY: host-test-relibc
host-test-relibc: $(RELIBC_HOST_DIR)/relibc-tests
	$(call progress,TEST,relibc)
	$(Q)TZ=UTC ASAN_OPTIONS=detect_leaks=1 $(RELIBC_HOST_DIR)/relibc-tests

$(RELIBC_HOST_DIR)/lib/%.c.o: $(RELIBC_DIR)/src/%.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(RELIBC_HOST_CC) $(RELIBC_HOST_CFLAGS) -MMD -MP -c $< -o $@

$(RELIBC_HOST_DIR)/lib/%.S.o: $(RELIBC_DIR)/src/%.S
	$(call progress,AS,$<)
	@mkdir -p $(@D)
	$(Q)$(RELIBC_HOST_CC) $(RELIBC_HOST_CFLAGS) -MMD -MP -c $< -o $@

# One relocatable object with every defined global renamed rl_<name>;
# references to the sanitizer runtimes are left alone.
$(RELIBC_HOST_DIR)/librl.o: $(RELIBC_HOST_OBJS)
	$(call progress,RENAME,$@)
	$(Q)ld -r -o $(RELIBC_HOST_DIR)/libcore.o $(RELIBC_HOST_OBJS)
	$(Q)nm -g --defined-only $(RELIBC_HOST_DIR)/libcore.o | awk '{print $$3}' | \
		grep -Ev '^(__asan|__ubsan|__odr_asan|__sanitizer)' | \
		sed 's/.*/& rl_&/' > $(RELIBC_HOST_DIR)/rename.map
	$(Q)objcopy --redefine-syms=$(RELIBC_HOST_DIR)/rename.map $(RELIBC_HOST_DIR)/libcore.o $@

$(RELIBC_HOST_DIR)/test/%.o: $(RELIBC_TEST_DIR)/%.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(RELIBC_HOST_CC) $(RELIBC_TEST_CFLAGS) -MMD -MP -c $< -o $@

$(RELIBC_HOST_DIR)/relibc-tests: $(RELIBC_TEST_OBJS) $(RELIBC_HOST_DIR)/librl.o
	$(call progress,LD,$@)
	$(Q)$(RELIBC_HOST_CC) $(RELIBC_HOST_SAN) -o $@ $^ -lm -lpthread

-include $(RELIBC_HOST_OBJS:.o=.d) $(RELIBC_TEST_OBJS:.o=.d)
