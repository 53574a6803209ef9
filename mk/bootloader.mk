# The bootloaders (recipes/core/bootloader/source): the BIOS one (bios/:
# stage 1 is the MBR boot code, stage 2 a flat binary of NASM entry +
# freestanding C) and the UEFI one (uefi/: a PE/COFF EFI application built
# for the x86_64-unknown-windows target and linked by lld-link). Both
# compile the shared files at the top of source/ (GPT, ISO 9660, RedoxFS
# files, ELF loading, live copy, boot arguments) and redoxfs's reader.

BOOTLOADER_VERSION := 0.1.0
BOOTLOADER_SRC := recipes/core/bootloader/source
BOOTLOADER_OUT := $(ARCH_BUILD)/bootloader
BOOTLOADER_STAGE1 := $(BOOTLOADER_OUT)/stage1.bin
BOOTLOADER_STAGE2 := $(BOOTLOADER_OUT)/stage2.bin
BOOTLOADER_EFI := $(BOOTLOADER_OUT)/BOOTX64.EFI
# The CD's El Torito BIOS boot image: cdboot.asm (one 2048-byte sector), then stage 2
BOOTLOADER_CDBOOT := $(BOOTLOADER_OUT)/cdboot.bin

REDOXFS_READER_SRCS ?= redoxfs/lib/reader.c redoxfs/lib/crc32c.c redoxfs/lib/disk.c
BOOTLOADER_SHARED_C := $(wildcard $(BOOTLOADER_SRC)/*.c) common/fmt/fmt.c common/fmt/guid.c \
	common/freestanding/string.c $(REDOXFS_READER_SRCS)
BOOTLOADER_C := $(wildcard $(BOOTLOADER_SRC)/bios/*.c) $(BOOTLOADER_SHARED_C)
BOOTLOADER_OBJS := $(BOOTLOADER_OUT)/stage2_entry.o \
	$(patsubst %.c,$(BOOTLOADER_OUT)/%.o,$(BOOTLOADER_C))
BOOTLOADER_CFLAGS := $(FREESTANDING_CFLAGS) -Os -DBOOTLOADER_VERSION='"$(BOOTLOADER_VERSION)"' \
	-I$(ROOT)/redoxfs/include

# UEFI: the Microsoft x64 ABI the firmware calls with, no stack probes
# (there is no __chkstk), UTF-16 wchar_t.
UEFI_OUT := $(BOOTLOADER_OUT)/uefi-obj
UEFI_C := $(wildcard $(BOOTLOADER_SRC)/uefi/*.c) $(BOOTLOADER_SHARED_C)
UEFI_OBJS := $(patsubst %.c,$(UEFI_OUT)/%.o,$(UEFI_C))
UEFI_CFLAGS := -target x86_64-unknown-windows -std=gnu11 $(WARNINGS) -ffreestanding \
	-fno-builtin -fshort-wchar -mno-red-zone -mno-stack-arg-probe -fno-stack-protector \
	-mno-mmx -mno-sse -mno-sse2 -Os -MMD -MP $(ABI_INCLUDE) -I$(ROOT)/common \
	-I$(ROOT)/redoxfs/include -DBOOTLOADER_VERSION='"$(BOOTLOADER_VERSION)"'
LLD_LINK ?= $(LLD) -flavor link

bootloader: $(BOOTLOADER_STAGE1) $(BOOTLOADER_STAGE2) $(BOOTLOADER_EFI) $(BOOTLOADER_CDBOOT)
.PHONY: bootloader

$(UEFI_OUT)/%.o: %.c
	$(call progress,CC,$< (uefi))
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(UEFI_CFLAGS) -c $< -o $@

$(BOOTLOADER_EFI): $(UEFI_OBJS)
	$(call progress,LINK,$@)
	$(Q)$(LLD_LINK) -subsystem:efi_application -entry:efi_main -nodefaultlib \
		-out:$@ $(UEFI_OBJS)

$(BOOTLOADER_STAGE1): $(BOOTLOADER_SRC)/bios/stage1.asm
	$(call progress,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f bin $< -o $@

$(BOOTLOADER_CDBOOT): $(BOOTLOADER_SRC)/bios/cdboot.asm $(BOOTLOADER_STAGE2)
	$(call progress,NASM,$<)
	$(Q)$(NASM) -f bin $< -o $@.sector
	$(Q)cat $@.sector $(BOOTLOADER_STAGE2) >$@ && rm -f $@.sector

$(BOOTLOADER_OUT)/stage2_entry.o: $(BOOTLOADER_SRC)/bios/stage2_entry.asm
	$(call progress,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f elf64 $< -o $@

$(BOOTLOADER_OUT)/%.o: %.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(BOOTLOADER_CFLAGS) -c $< -o $@

$(BOOTLOADER_OUT)/stage2.elf: $(BOOTLOADER_OBJS) $(BOOTLOADER_SRC)/bios/stage2.ld
	$(call progress,LD,$@)
	$(Q)$(LLD) -nostdlib -static -T $(BOOTLOADER_SRC)/bios/stage2.ld $(BOOTLOADER_OBJS) -o $@

$(BOOTLOADER_STAGE2): $(BOOTLOADER_OUT)/stage2.elf
	$(call progress,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(BOOTLOADER_OBJS:.o=.d) $(UEFI_OBJS:.o=.d)

# Host test of the shared part (tests/host/bootloader): the test plays the
# platform (print, fail, disk_read over a medium in memory).
BOOTLOADER_TEST := $(HOST_BUILD)/tests/bootloader/loader_test
BOOTLOADER_TEST_SRCS := $(addprefix $(BOOTLOADER_SRC)/,medium.c gpt.c iso9660.c live.c modes.c \
	bootargs.c) common/fmt/fmt.c common/fmt/guid.c tests/host/bootloader/loader_test.c

$(BOOTLOADER_TEST): $(BOOTLOADER_TEST_SRCS) $(BOOTLOADER_SRC)/loader.h
	$(call progress,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_TEST_CFLAGS) -I$(ROOT)/common -I$(ROOT)/$(BOOTLOADER_SRC) \
		$(BOOTLOADER_TEST_SRCS) -o $@

host-test-bootloader: $(BOOTLOADER_TEST)
	$(call progress,TEST,bootloader)
	$(Q)$(BOOTLOADER_TEST)
.PHONY: host-test-bootloader
HOST_TESTS += host-test-bootloader
