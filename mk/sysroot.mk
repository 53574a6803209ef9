# The target sysroot: relibc-c built for x86_64-unknown-redox (libc.a and
# the crt objects), the public headers (relibc-c/include + abi/include),
# and compiler wrappers, so that programs build with
#     $(SYSROOT)/bin/x86_64-unknown-redox-cc hello.c -o hello
# and ./configure --host=x86_64-unknown-redox CC=... works.

TARGET := $(ARCH)-unknown-redox
SYSROOT := $(ROOT)/$(ARCH_BUILD)/sysroot
SYSROOT_OBJ := $(ARCH_BUILD)/relibc
TARGET_CC := $(SYSROOT)/bin/$(TARGET)-cc
LIBC := $(SYSROOT)/lib/libc.a
CLANG_RESOURCE_INCLUDE := $(shell $(CLANG) -print-resource-dir)/include

RELIBC_TARGET_SRCS := $(sort $(wildcard relibc-c/src/*/*.c relibc-c/src/*/*.S))
RELIBC_TARGET_OBJS := $(patsubst relibc-c/src/%,$(SYSROOT_OBJ)/%.o,$(RELIBC_TARGET_SRCS))
RELIBC_TARGET_CFLAGS := -target x86_64-unknown-none -std=gnu11 -ffreestanding -nostdinc \
	-fno-builtin -ffp-contract=off -fno-stack-protector -fno-pic -O2 -g -MMD -MP \
	-isystem relibc-c/include -isystem abi/include -isystem $(CLANG_RESOURCE_INCLUDE) \
	-Irelibc-c/src $(WARNINGS)
CRT_OBJS := $(SYSROOT)/lib/crt0.o $(SYSROOT)/lib/crti.o $(SYSROOT)/lib/crtn.o
SYSROOT_HEADERS_STAMP := $(SYSROOT)/include/.stamp
SYSROOT_WRAPPERS := $(addprefix $(SYSROOT)/bin/$(TARGET)-,cc clang ar ranlib ld)

# As musl does: the maths, threads and real-time functions live in libc.a;
# these archives are empty and exist so that -lm -lpthread -lrt link.
LIBC_COMPAT := $(addprefix $(SYSROOT)/lib/,libm.a libpthread.a librt.a)

sysroot: $(LIBC) $(LIBC_COMPAT) $(CRT_OBJS) $(SYSROOT_HEADERS_STAMP) $(SYSROOT_WRAPPERS)
.PHONY: sysroot

$(SYSROOT_OBJ)/%.c.o: relibc-c/src/%.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(RELIBC_TARGET_CFLAGS) -c $< -o $@

$(SYSROOT_OBJ)/%.S.o: relibc-c/src/%.S
	$(call progress,AS,$<)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(RELIBC_TARGET_CFLAGS) -c $< -o $@

$(SYSROOT)/lib/%.o: relibc-c/crt/$(ARCH)/%.S
	$(call progress,AS,$<)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(RELIBC_TARGET_CFLAGS) -c $< -o $@

$(LIBC): $(RELIBC_TARGET_OBJS)
	$(call progress,AR,$@)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR_TARGET) rcs $@ $^

$(LIBC_COMPAT):
	$(call progress,AR,$@)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && printf '!<arch>\n' >$@

$(SYSROOT_HEADERS_STAMP): $(shell find relibc-c/include abi/include -name '*.h')
	$(call progress,INSTALL,$(SYSROOT)/include)
	$(Q)rm -rf $(SYSROOT)/include && mkdir -p $(SYSROOT)/include
	$(Q)cp -R relibc-c/include/. abi/include/. $(SYSROOT)/include/
	@touch $@

$(SYSROOT)/bin/$(TARGET)-%: mk/sysroot-wrapper.sh
	@mkdir -p $(@D)
	$(Q)sed -e 's|@TOOL@|$*|' -e 's|@CLANG@|$(CLANG)|' -e 's|@LLVM_AR@|$(AR_TARGET)|' \
		-e 's|@LLD@|$(LLD)|' $< >$@ && chmod +x $@

-include $(RELIBC_TARGET_OBJS:.o=.d)
