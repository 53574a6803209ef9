# The BIOS bootloader (recipes/core/bootloader/source): stage 1 is the MBR
# boot code, stage 2 a flat binary (NASM entry + freestanding C) that
# reads the root filesystem with redoxfs's read-only reader.

BOOTLOADER_VERSION := 0.1.0
BOOTLOADER_SRC := recipes/core/bootloader/source
BOOTLOADER_OUT := $(ARCH_BUILD)/bootloader
BOOTLOADER_STAGE1 := $(BOOTLOADER_OUT)/stage1.bin
BOOTLOADER_STAGE2 := $(BOOTLOADER_OUT)/stage2.bin

REDOXFS_READER_SRCS ?= redoxfs/lib/reader.c redoxfs/lib/crc32c.c redoxfs/lib/disk.c
BOOTLOADER_C := $(wildcard $(BOOTLOADER_SRC)/*.c) common/fmt/fmt.c \
	common/freestanding/string.c $(REDOXFS_READER_SRCS)
BOOTLOADER_OBJS := $(BOOTLOADER_OUT)/stage2_entry.o \
	$(patsubst %.c,$(BOOTLOADER_OUT)/%.o,$(BOOTLOADER_C))
BOOTLOADER_CFLAGS := $(FREESTANDING_CFLAGS) -Os -DBOOTLOADER_VERSION='"$(BOOTLOADER_VERSION)"' \
	-I$(ROOT)/redoxfs/include

bootloader: $(BOOTLOADER_STAGE1) $(BOOTLOADER_STAGE2)
.PHONY: bootloader

$(BOOTLOADER_STAGE1): $(BOOTLOADER_SRC)/stage1.asm
	$(call progress,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f bin $< -o $@

$(BOOTLOADER_OUT)/stage2_entry.o: $(BOOTLOADER_SRC)/stage2_entry.asm
	$(call progress,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f elf64 $< -o $@

$(BOOTLOADER_OUT)/%.o: %.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(BOOTLOADER_CFLAGS) -c $< -o $@

$(BOOTLOADER_OUT)/stage2.elf: $(BOOTLOADER_OBJS) $(BOOTLOADER_SRC)/stage2.ld
	$(call progress,LD,$@)
	$(Q)$(LLD) -nostdlib -static -T $(BOOTLOADER_SRC)/stage2.ld $(BOOTLOADER_OBJS) -o $@

$(BOOTLOADER_STAGE2): $(BOOTLOADER_OUT)/stage2.elf
	$(call progress,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(BOOTLOADER_OBJS:.o=.d)
